import Columnar

/// Per-file statistics, the `stats` JSON string of an `add` (PROTOCOL.md, "Per-file Statistics"):
///
/// ```
/// {"numRecords":N,"minValues":{col:v,…},"maxValues":{…},"nullCount":{col:n,…},"tightBounds":b}
/// ```
/// Struct columns nest (`{"s":{"b":1}}`). Value encodings (what Spark and delta-rs write):
/// integers and floats as JSON numbers, decimals as JSON numbers with their scale, dates
/// "YYYY-MM-DD", timestamps ISO-8601 with milliseconds ("2024-01-01T10:00:00.123Z", or with an
/// offset "…-08:00"; timestamp_ntz without zone), strings truncated (see
/// `FileStatisticsBuilder`). Timestamps are truncated to milliseconds, so a max read back is
/// widened by 999 µs.
public struct FileStatistics: Sendable, Hashable {
    public var numRecords: Int64
    /// Nested objects for struct columns.
    public var minValues: [String: JSONValue]
    public var maxValues: [String: JSONValue]
    public var nullCount: [String: JSONValue]
    public var tightBounds: Bool?

    public init(numRecords: Int64, minValues: [String: JSONValue] = [:], maxValues: [String: JSONValue] = [:],
                nullCount: [String: JSONValue] = [:], tightBounds: Bool? = nil) {
        self.numRecords = numRecords
        self.minValues = minValues
        self.maxValues = maxValues
        self.nullCount = nullCount
        self.tightBounds = tightBounds
    }

    /// Compact JSON, keys sorted within each map.
    public func json() -> String {
        func object(_ d: [String: JSONValue]) -> JSONValue {
            .object(d.sorted { $0.key < $1.key }.map { (key: $0.key, value: sortedDeep($0.value)) })
        }
        var entries: [(key: String, value: JSONValue)] = [
            (key: "numRecords", value: .number(String(numRecords))),
            (key: "minValues", value: object(minValues)),
            (key: "maxValues", value: object(maxValues)),
            (key: "nullCount", value: object(nullCount)),
        ]
        if let tightBounds { entries.append((key: "tightBounds", value: .bool(tightBounds))) }
        return JSONWriter.string(.object(entries))
    }

    private func sortedDeep(_ v: JSONValue) -> JSONValue {
        guard case let .object(e) = v else { return v }
        return .object(e.sorted { $0.key < $1.key }.map { (key: $0.key, value: sortedDeep($0.value)) })
    }

    /// Parses a stats string. Throws `DeltaError(.invalidValue)` if it is not JSON or lacks numRecords.
    public static func parse(_ json: String) throws -> FileStatistics {
        let v: JSONValue
        do { v = try JSONParser.parse(json) } catch let e as DeltaError {
            throw DeltaError(.invalidValue, "file statistics are not valid JSON: \(e.message)", cause: e)
        }
        guard case .object = v else { throw DeltaError(.invalidValue, "file statistics must be a JSON object") }
        guard let n = v["numRecords"]?.int64Value else {
            throw DeltaError(.invalidValue, "file statistics have no integer 'numRecords'")
        }
        func dict(_ key: String) -> [String: JSONValue] {
            guard case let .object(e)? = v[key] else { return [:] }
            var d: [String: JSONValue] = [:]
            for x in e { d[x.key] = x.value }
            return d
        }
        return FileStatistics(numRecords: n, minValues: dict("minValues"), maxValues: dict("maxValues"),
                              nullCount: dict("nullCount"), tightBounds: v["tightBounds"]?.boolValue)
    }

    /// Leaf path ("a", "s.b") → lower bound of that leaf's values, typed from `schema`. Values that
    /// cannot be read as the leaf's type are left out (never a wrong bound).
    public func typedMin(schema: Schema) -> [String: Scalar] {
        typedBounds(minValues, schema: schema, isMax: false)
    }

    /// Leaf path → upper bound (timestamps widened by 999 µs for their millisecond truncation).
    public func typedMax(schema: Schema) -> [String: Scalar] {
        typedBounds(maxValues, schema: schema, isMax: true)
    }

    /// Leaf path → null count, for every leaf that has one (arrays and maps included).
    public func typedNullCounts(schema: Schema) -> [String: Int] {
        var out: [String: Int] = [:]
        for leaf in StatsLeaf.leaves(of: schema) {
            if let text = Self.lookup(nullCount, leaf.path), case let .number(n) = text, let v = Int(n) { out[leaf.name] = v }
        }
        return out
    }

    static func lookup(_ d: [String: JSONValue], _ path: [String]) -> JSONValue? {
        guard var v = d[path[0]] else { return nil }
        for p in path.dropFirst() {
            guard let next = v[p] else { return nil }
            v = next
        }
        return v
    }

    private func typedBounds(_ d: [String: JSONValue], schema: Schema, isMax: Bool) -> [String: Scalar] {
        var out: [String: Scalar] = [:]
        for leaf in StatsLeaf.leaves(of: schema) {
            guard let v = Self.lookup(d, leaf.path), let s = Self.scalar(v, leaf.type, isMax: isMax) else { continue }
            out[leaf.name] = s
        }
        return out
    }

    static func scalar(_ v: JSONValue, _ type: DataType, isMax: Bool) -> Scalar? {
        switch (type, v) {
        case let (.boolean, .bool(b)): return .boolean(b)
        case let (.byte, .number(n)): return Int8(n).map(Scalar.byte)
        case let (.short, .number(n)): return Int16(n).map(Scalar.short)
        case let (.integer, .number(n)): return Int32(n).map(Scalar.integer)
        case let (.long, .number(n)): return Int64(n).map(Scalar.long)
        case let (.float, .number(n)):
            // The text is a float's value (shortest form or the double it widens to): exact.
            return Float(n).flatMap { $0.isFinite ? .float($0) : nil }
        case let (.double, .number(n)): return Double(n).flatMap { $0.isFinite ? .double($0) : nil }
        case let (.decimal(p, s), .number(n)):
            return DecimalText.parse(Substring(n), precision: p, scale: s).map { .decimal($0, precision: p, scale: s) }
        case let (.date, .string(t)):
            return CivilTime.parseDate(t, .partitionValue).map(Scalar.date)
        case let (.timestamp, .string(t)), let (.timestampNtz, .string(t)):
            // Both as instants: a zone (which writers never put on a timestamp_ntz statistic) shifts it.
            guard let micros = CivilTime.parseTimestamp(t, .partitionValue) else { return nil }
            let bound = isMax ? (micros > Int64.max - 999 ? Int64.max : micros + 999) : micros
            return type == .timestamp ? .timestamp(bound) : .timestampNtz(bound)
        case let (.string, .string(t)): return .string(t)
        default: return nil
        }
    }
}

/// A leaf column of a schema for statistics: its path through structs and its type.
struct StatsLeaf {
    var path: [String]
    var indexPath: [Int]
    var type: DataType
    var name: String { path.joined(separator: ".") }

    /// Leaves in schema order (struct fields expanded; arrays and maps are leaves).
    static func leaves(of schema: Schema) -> [StatsLeaf] {
        var out: [StatsLeaf] = []
        func walk(_ fields: [Field], _ path: [String], _ indexPath: [Int]) {
            for (i, f) in fields.enumerated() {
                if case let .struct(children) = f.type {
                    walk(children, path + [f.name], indexPath + [i])
                } else {
                    out.append(StatsLeaf(path: path + [f.name], indexPath: indexPath + [i], type: f.type))
                }
            }
        }
        walk(schema.fields, [], [])
        return out
    }
}
