/// The `_delta_log/_last_checkpoint` file (PROTOCOL.md, "Last Checkpoint File Schema"): a hint
/// naming the newest checkpoint, one JSON object on one line.
///
/// | field            | type            | meaning                                                   |
/// |------------------|-----------------|-----------------------------------------------------------|
/// | version          | long, required  | the checkpoint's table version                            |
/// | size             | long, required  | number of actions (rows) in the checkpoint                |
/// | parts            | long            | number of parts of a multi-part checkpoint                |
/// | sizeInBytes      | long            | total size of the checkpoint file(s)                      |
/// | numOfAddFiles    | long            | number of add actions                                     |
/// | checkpointSchema | struct (object) | the checkpoint's Spark schema JSON, as an object          |
/// | checksum         | string          | Spark's MD5 of the other fields (kept, not verified)      |
/// | v2Checkpoint     | object          | V2: the top-level file, its non-file actions and sidecars |
///
/// The file is only a hint: anything that does not parse (torn, empty, garbage, a negative or
/// overflowing version) is treated as absent, and the reader lists the log instead.
public struct LastCheckpoint: Sendable, Hashable {
    public var version: Int64
    /// Number of actions (rows).
    public var size: Int64
    /// Multi-part count.
    public var parts: Int?
    public var sizeInBytes: Int64?
    public var numOfAddFiles: Int64?
    /// Spark schema JSON of the checkpoint (`SchemaJSON.serialize`); written as a JSON object.
    public var checkpointSchema: String?
    public var checksum: String?
    /// Kept as read.
    public var v2Checkpoint: JSONValue?

    public init(version: Int64, size: Int64, parts: Int? = nil, sizeInBytes: Int64? = nil, numOfAddFiles: Int64? = nil,
                checkpointSchema: String? = nil) {
        self.version = version
        self.size = size
        self.parts = parts
        self.sizeInBytes = sizeInBytes
        self.numOfAddFiles = numOfAddFiles
        self.checkpointSchema = checkpointSchema
    }

    /// Parses the file; nil for anything that is not an object with an integer `version` ≥ 0 and
    /// `size` ≥ 0, or whose `parts` is not a positive integer. Optional informational fields of the
    /// wrong type are ignored. Never throws.
    public static func parse(_ bytes: [UInt8]) -> LastCheckpoint? {
        guard let json = try? JSONParser.parse(bytes), case .object = json else { return nil }
        guard let version = json["version"]?.int64Value, version >= 0,
              let size = json["size"]?.int64Value, size >= 0 else { return nil }
        var result = LastCheckpoint(version: version, size: size)
        if let p = json["parts"], !p.isNull {
            guard let n = p.int64Value, n >= 1, n <= Int64(Int32.max) else { return nil }
            result.parts = Int(n)
        }
        result.sizeInBytes = json["sizeInBytes"]?.int64Value.flatMap { $0 >= 0 ? $0 : nil }
        result.numOfAddFiles = json["numOfAddFiles"]?.int64Value.flatMap { $0 >= 0 ? $0 : nil }
        switch json["checkpointSchema"] {
        case let v? where isObject(v): result.checkpointSchema = JSONWriter.string(v)
        case let .string(s)?: result.checkpointSchema = s
        default: break
        }
        result.checksum = json["checksum"]?.stringValue
        if let v = json["v2Checkpoint"], isObject(v) { result.v2Checkpoint = v }
        return result
    }

    private static func isObject(_ v: JSONValue) -> Bool {
        if case .object = v { return true }
        return false
    }

    /// One-line JSON in Spark's field order. `checkpointSchema` is embedded as an object (left out
    /// if it is not valid JSON).
    public func encoded() -> [UInt8] {
        var entries: [(key: String, value: JSONValue)] = [
            (key: "version", value: .number(String(version))),
            (key: "size", value: .number(String(size))),
        ]
        if let parts { entries.append((key: "parts", value: .number(String(parts)))) }
        if let sizeInBytes { entries.append((key: "sizeInBytes", value: .number(String(sizeInBytes)))) }
        if let numOfAddFiles { entries.append((key: "numOfAddFiles", value: .number(String(numOfAddFiles)))) }
        if let checkpointSchema, let schema = try? JSONParser.parse(checkpointSchema) {
            entries.append((key: "checkpointSchema", value: schema))
        }
        if let v2Checkpoint { entries.append((key: "v2Checkpoint", value: v2Checkpoint)) }
        if let checksum { entries.append((key: "checksum", value: .string(checksum))) }
        var out: [UInt8] = []
        JSONWriter.append(.object(entries), to: &out)
        return out
    }
}
