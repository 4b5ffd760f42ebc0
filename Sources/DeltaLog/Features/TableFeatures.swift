import Columnar

/// Which protocols and table features this engine reads and writes (PROTOCOL.md, "Table
/// Features"), and which protocol a table needs.
///
/// Legacy protocol versions imply features:
///
/// | version  | implies                                                           |
/// |----------|-------------------------------------------------------------------|
/// | reader 1 | —                                                                 |
/// | reader 2 | columnMapping                                                     |
/// | reader 3 | the explicit `readerFeatures` list                                |
/// | writer 2 | appendOnly, invariants                                            |
/// | writer 3 | + checkConstraints                                                |
/// | writer 4 | + changeDataFeed, generatedColumns                                |
/// | writer 5 | + columnMapping                                                   |
/// | writer 6 | + identityColumns                                                 |
/// | writer 7 | the explicit `writerFeatures` list                                |
public enum TableFeatures {
    public static let supportedReaderFeatures: Set<String> = ["timestampNtz", "vacuumProtocolCheck", "v2Checkpoint"]
    public static let supportedWriterFeatures: Set<String> = [
        "appendOnly", "invariants", "timestampNtz", "vacuumProtocolCheck", "domainMetadata",
    ]

    /// Features a legacy writer version implies (empty for 7, which lists them).
    public static func impliedWriterFeatures(_ writerVersion: Int) -> [String] {
        var result: [String] = []
        if writerVersion >= 2, writerVersion < 7 { result += ["appendOnly", "invariants"] }
        if writerVersion >= 3, writerVersion < 7 { result.append("checkConstraints") }
        if writerVersion >= 4, writerVersion < 7 { result += ["changeDataFeed", "generatedColumns"] }
        if writerVersion >= 5, writerVersion < 7 { result.append("columnMapping") }
        if writerVersion >= 6, writerVersion < 7 { result.append("identityColumns") }
        return result
    }

    /// Features a legacy reader version implies (empty for 3, which lists them).
    public static func impliedReaderFeatures(_ readerVersion: Int) -> [String] {
        readerVersion == 2 ? ["columnMapping"] : []
    }

    /// The reader features the protocol requires: implied by a legacy version or listed.
    public static func readerFeatures(of p: DeltaProtocol) -> [String] {
        p.minReaderVersion == 3 ? (p.readerFeatures ?? []) : impliedReaderFeatures(p.minReaderVersion)
    }

    /// The writer features the protocol requires: implied by a legacy version or listed.
    public static func writerFeatures(of p: DeltaProtocol) -> [String] {
        p.minWriterVersion == 7 ? (p.writerFeatures ?? []) : impliedWriterFeatures(p.minWriterVersion)
    }

    /// Throws `.unsupportedFeature` unless this engine can read a table with protocol `p`.
    public static func checkReadable(_ p: DeltaProtocol, tablePath: String) throws {
        guard p.minReaderVersion >= 1 else {
            throw DeltaError(.unsupportedFeature, "table at \(tablePath) has invalid minReaderVersion \(p.minReaderVersion)")
        }
        guard p.minReaderVersion <= 3 else {
            throw DeltaError(.unsupportedFeature,
                "table at \(tablePath) needs reader version \(p.minReaderVersion), but this version reads up to 3")
        }
        for feature in readerFeatures(of: p) where !supportedReaderFeatures.contains(feature) {
            throw DeltaError(.unsupportedFeature,
                "table at \(tablePath) has reader feature '\(feature)' which this version cannot read")
        }
    }

    /// Throws `.unsupportedFeature` unless this engine can both read and write a table with `p`.
    public static func checkWritable(_ p: DeltaProtocol, tablePath: String) throws {
        try checkReadable(p, tablePath: tablePath)
        guard p.minWriterVersion >= 1 else {
            throw DeltaError(.unsupportedFeature, "table at \(tablePath) has invalid minWriterVersion \(p.minWriterVersion)")
        }
        guard p.minWriterVersion <= 7 else {
            throw DeltaError(.unsupportedFeature,
                "table at \(tablePath) needs writer version \(p.minWriterVersion), but this version writes up to 7")
        }
        for feature in writerFeatures(of: p) where !supportedWriterFeatures.contains(feature) {
            let legacy = p.minWriterVersion < 7 ? " (implied by writer version \(p.minWriterVersion))" : ""
            throw DeltaError(.unsupportedFeature,
                "table at \(tablePath) has writer feature '\(feature)'\(legacy) which this version cannot write; it can still be read")
        }
    }

    /// The protocol a table with `schema` and `configuration` needs, never lower than `current`.
    ///
    /// Reader 1 / writer 2 unless a `timestamp_ntz` column appears anywhere in the schema: then
    /// reader 3 / writer 7 with reader feature `timestampNtz` and writer features `timestampNtz`
    /// plus `appendOnly` (when `delta.appendOnly` is true) and `invariants` (when a field has
    /// `delta.invariants`). When `current` already has more, its versions and features are kept
    /// (a legacy `current` is converted to the features it implies if features are needed).
    /// Returns `current` itself when it already suffices.
    public static func requiredProtocol(schema: Schema, configuration: [String: String], current: DeltaProtocol?) -> DeltaProtocol {
        let needsNtz = schema.fields.contains { containsTimestampNtz($0.type) }
        let currentUsesFeatures = current.map { $0.minReaderVersion == 3 || $0.minWriterVersion == 7 } ?? false
        if !needsNtz && !currentUsesFeatures {
            // Legacy versions: writer 2 covers appendOnly and invariants.
            guard let current else { return .default }
            return merge(current, .default)
        }
        var reader: [String] = [], writer: [String] = []
        if needsNtz { reader.append("timestampNtz"); writer.append("timestampNtz") }
        if configuration[TableProperties.Key.appendOnly].flatMap(PropertyValue.bool) == true { writer.append("appendOnly") }
        if schema.fields.contains(where: hasInvariant) { writer.append("invariants") }
        let required = DeltaProtocol(minReaderVersion: reader.isEmpty ? 1 : 3, minWriterVersion: 7,
                                     readerFeatures: reader.isEmpty ? nil : reader.sorted(), writerFeatures: writer.sorted())
        guard let current else { return required }
        return merge(current, required)
    }

    /// The smallest protocol that satisfies both `a` and `b`; `a` itself if it already does.
    static func merge(_ a: DeltaProtocol, _ b: DeltaProtocol) -> DeltaProtocol {
        let usesFeatures = a.minReaderVersion == 3 || a.minWriterVersion == 7 || b.minReaderVersion == 3 || b.minWriterVersion == 7
        if !usesFeatures {
            if a.minReaderVersion >= b.minReaderVersion, a.minWriterVersion >= b.minWriterVersion { return a }
            return DeltaProtocol(minReaderVersion: max(a.minReaderVersion, b.minReaderVersion),
                                 minWriterVersion: max(a.minWriterVersion, b.minWriterVersion))
        }
        let aReader = Set(readerFeatures(of: a)), aWriter = Set(writerFeatures(of: a))
        let bReader = Set(readerFeatures(of: b)), bWriter = Set(writerFeatures(of: b))
        // A reader feature is also a writer feature.
        let writer = aWriter.union(bWriter).union(aReader).union(bReader)
        let reader = aReader.union(bReader)
        let readerVersion = reader.isEmpty ? max(a.minReaderVersion, b.minReaderVersion) : 3
        let keepsA = a.minWriterVersion == 7 && writer.isSubset(of: aWriter) && a.minReaderVersion == readerVersion
            && reader.isSubset(of: aReader)
        if keepsA { return a }
        return DeltaProtocol(minReaderVersion: readerVersion,
                             minWriterVersion: 7,
                             readerFeatures: readerVersion == 3 ? reader.sorted() : nil,
                             writerFeatures: writer.sorted())
    }

    static func containsTimestampNtz(_ type: DataType) -> Bool {
        switch type {
        case .timestampNtz: return true
        case let .struct(fields): return fields.contains { containsTimestampNtz($0.type) }
        case let .array(element): return containsTimestampNtz(element.type)
        case let .map(key, value): return containsTimestampNtz(key.type) || containsTimestampNtz(value.type)
        default: return false
        }
    }

    static func hasInvariant(_ field: Field) -> Bool {
        if field.metadata[invariantsKey] != nil { return true }
        if case let .struct(fields) = field.type { return fields.contains(where: hasInvariant) }
        return false
    }

    static let invariantsKey = "delta.invariants"
}
