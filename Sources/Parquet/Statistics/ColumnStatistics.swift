import Columnar

/// Decoded statistics of one column chunk: min and max as logical values, and the null count.
/// A bound is nil when the file has none or it cannot be trusted (see `StatisticsDecoder`).
public struct ColumnStatistics: Sendable, Hashable {
    public var min: Scalar?
    public var max: Scalar?
    public var nullCount: Int?

    public init(min: Scalar? = nil, max: Scalar? = nil, nullCount: Int? = nil) {
        self.min = min
        self.max = max
        self.nullCount = nullCount
    }
}

/// Reads Parquet `Statistics` into logical values.
///
/// `min_value`/`max_value` are used when present (they follow the column's sort order). The
/// deprecated `min`/`max` are used only for BOOLEAN, INT32, INT64, FLOAT and DOUBLE without an
/// unsigned annotation, whose signed order they follow; for byte arrays and decimals their
/// order is undefined and they are ignored. Bounds that are NaN are dropped.
enum StatisticsDecoder {
    static func decode(_ stats: Statistics, leaf: LeafColumn) -> ColumnStatistics {
        var out = ColumnStatistics(nullCount: stats.nullCount.map { Int($0) })
        let legacyOK: Bool
        switch leaf.physical {
        case .boolean, .int32, .int64, .float, .double: legacyOK = !leaf.unsigned && !(leaf.type.layout == .int128)
        default: legacyOK = false
        }
        let minBytes = stats.minValue ?? (legacyOK ? stats.min : nil)
        let maxBytes = stats.maxValue ?? (legacyOK ? stats.max : nil)
        out.min = minBytes.flatMap { value($0, leaf: leaf) }
        out.max = maxBytes.flatMap { value($0, leaf: leaf) }
        return out
    }

    /// One PLAIN-encoded statistics value (byte arrays without a length prefix) as a Scalar.
    static func value(_ b: [UInt8], leaf: LeafColumn) -> Scalar? {
        func int32() -> Int32? { b.count == 4 ? b.withUnsafeBytes { $0.loadUnaligned(as: Int32.self).littleEndian } : nil }
        func int64() -> Int64? { b.count == 8 ? b.withUnsafeBytes { $0.loadUnaligned(as: Int64.self).littleEndian } : nil }
        switch (leaf.type, leaf.physical) {
        case (.boolean, .boolean): return b.count == 1 ? .boolean(b[0] != 0) : nil
        case (.byte, .int32): return int32().map { .byte(Int8(truncatingIfNeeded: $0)) }
        case (.short, .int32): return int32().map { .short(leaf.unsigned ? Int16(UInt8(truncatingIfNeeded: $0)) : Int16(truncatingIfNeeded: $0)) }
        case (.integer, .int32): return int32().map { .integer(leaf.unsigned ? Int32(UInt16(truncatingIfNeeded: $0)) : $0) }
        case (.long, .int32): return int32().map { .long(Int64(UInt32(bitPattern: $0))) }
        case (.date, .int32): return int32().map { .date($0) }
        case (.long, .int64): return int64().map { .long($0) }
        case (.timestamp, .int64), (.timestampNtz, .int64):
            guard let v = int64() else { return nil }
            let micros: Int64
            switch leaf.timeUnit {
            case .micros: micros = v
            case .millis:
                let (m, o) = v.multipliedReportingOverflow(by: 1000)
                if o { return nil }
                micros = m
            case .nanos: micros = v >= 0 ? v / 1000 : -((-(v + 1)) / 1000) - 1
            }
            return leaf.type == .timestamp ? .timestamp(micros) : .timestampNtz(micros)
        case (.float, .float):
            guard b.count == 4 else { return nil }
            let f = Float(bitPattern: b.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self).littleEndian })
            return f.isNaN ? nil : .float(f)
        case (.double, .double):
            guard b.count == 8 else { return nil }
            let d = Double(bitPattern: b.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian })
            return d.isNaN ? nil : .double(d)
        case let (.decimal(p, s), .int32): return int32().map { .decimal(Int128($0), precision: p, scale: s) }
        case let (.decimal(p, s), .int64):
            guard let v = int64() else { return nil }
            return .decimal(leaf.unsigned ? Int128(UInt64(bitPattern: v)) : Int128(v), precision: p, scale: s)
        case let (.decimal(p, s), .fixedLenByteArray), let (.decimal(p, s), .byteArray):
            guard !b.isEmpty, b.count <= 16 else { return nil }
            return .decimal(b.withUnsafeBytes { ColumnAssembler.bigEndianSigned($0) }, precision: p, scale: s)
        case (.string, .byteArray):
            return .string(String(decoding: b, as: UTF8.self))
        case (.binary, .byteArray), (.binary, .fixedLenByteArray):
            return .binary(b)
        default:
            return nil
        }
    }
}

extension ParquetFileReader {
    /// Decoded statistics of a flat column's chunk in a row group; nil when the file has none,
    /// the column is nested, or the indices are out of range.
    public func statistics(rowGroup: Int, column: Int) -> ColumnStatistics? {
        guard rowGroup >= 0, rowGroup < rowGroupCount, column >= 0, column < fileSchema.columns.count else { return nil }
        let top = fileSchema.columns[column]
        guard top.isFlat else { return nil }
        let leaf = fileSchema.leaves[top.leaves.lowerBound]
        guard let stats = metadata.rowGroups[rowGroup].columns[top.leaves.lowerBound].metaData?.statistics else { return nil }
        return StatisticsDecoder.decode(stats, leaf: leaf)
    }
}
