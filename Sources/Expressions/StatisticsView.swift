import Columnar

/// What skipping knows about one file (or row group): per column (top-level name or dotted
/// nested path) its min, max and null count, the row count, and partition values as typed Scalars.
/// Any of it may be missing; missing means "unknown", never "empty".
public struct StatisticsView: Sendable {
    public var rowCount: Int?
    public var minValues: [String: Scalar]
    public var maxValues: [String: Scalar]
    public var nullCounts: [String: Int]
    /// Partition columns: the exact value of every row (Scalar.null for null).
    public var partitionValues: [String: Scalar]
    /// When true, max bounds of timestamp columns were truncated to milliseconds: treat max as max + 999 µs.
    public var timestampMaxTruncatedToMillis: Bool

    public init(rowCount: Int? = nil, minValues: [String: Scalar] = [:], maxValues: [String: Scalar] = [:],
                nullCounts: [String: Int] = [:], partitionValues: [String: Scalar] = [:],
                timestampMaxTruncatedToMillis: Bool = true) {
        self.rowCount = rowCount
        self.minValues = minValues
        self.maxValues = maxValues
        self.nullCounts = nullCounts
        self.partitionValues = partitionValues
        self.timestampMaxTruncatedToMillis = timestampMaxTruncatedToMillis
    }

    /// `dict[name]`, else the unique entry whose key matches case-insensitively.
    static func lookup<V>(_ dict: [String: V], _ name: String) -> V? {
        if let v = dict[name] { return v }
        let lower = name.lowercased()
        var found: V?
        for (k, v) in dict where k.lowercased() == lower {
            if found != nil { return nil }
            found = v
        }
        return found
    }

    func min(_ c: String) -> Scalar? {
        guard let v = Self.lookup(minValues, c), !v.isNull else { return nil }
        return v
    }

    /// The max bound, widened by 999 µs for millisecond-truncated timestamps.
    func max(_ c: String) -> Scalar? {
        guard let v = Self.lookup(maxValues, c), !v.isNull else { return nil }
        if timestampMaxTruncatedToMillis {
            if case let .timestamp(t) = v { return .timestamp(t &+ 999) }
            if case let .timestampNtz(t) = v { return .timestampNtz(t &+ 999) }
        }
        return v
    }

    /// True only when the counts prove every row of `c` is NULL.
    func allNull(_ c: String) -> Bool {
        guard let n = Self.lookup(nullCounts, c), let rows = rowCount else { return false }
        return n >= rows
    }

    func mayHaveNull(_ c: String) -> Bool {
        guard let n = Self.lookup(nullCounts, c) else { return true }
        return n > 0
    }

    func mayHaveNonNull(_ c: String) -> Bool { !allNull(c) }
}
