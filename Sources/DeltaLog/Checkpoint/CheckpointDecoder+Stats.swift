import Columnar

/// Rebuilds an add's `stats` JSON from `add.stats_parsed` when a checkpoint was written with
/// `delta.checkpoint.writeStatsAsJson = false`.
///
/// `stats_parsed` = struct{numRecords long, minValues struct, maxValues struct, nullCount struct,
/// tightBounds boolean} (any of them may be missing). Typed values become the JSON forms the
/// protocol uses (see `FileStatistics`): integers and floats as numbers, decimals as numbers with
/// their scale, dates "YYYY-MM-DD", timestamps "YYYY-MM-DDTHH:MM:SS.fffZ" (6 fraction digits when
/// the value has sub-millisecond precision; no "Z" for timestamp_ntz), strings as strings,
/// booleans as booleans. Binary, array and map values and null leaves are left out. The result is
/// `FileStatistics(…).json()`: keys sorted, so statistics we wrote read back as the same string.
struct StatsParsedAccess {
    indirect enum Node {
        case leaf(Column)
        case group([(name: String, node: Node)], validity: Bitmap?)
    }

    let s: StructAccess
    let numRecords: IntAccess
    let tightBounds: BoolAccess
    let minValues: Node?
    let maxValues: Node?
    let nullCount: Node?

    init(_ s: StructAccess) throws(FieldTypeMismatch) {
        self.s = s
        numRecords = try s.int("numRecords")
        tightBounds = try s.bool("tightBounds")
        minValues = s.child("minValues").map(Self.node)
        maxValues = s.child("maxValues").map(Self.node)
        nullCount = s.child("nullCount").map(Self.node)
    }

    static func node(_ column: Column) -> Node {
        guard case let .struct(fields) = column.type, case let .structure(children) = column.values else { return .leaf(column) }
        return .group(zip(fields, children).map { (name: $0.name, node: node($1)) }, validity: column.validity)
    }

    /// The statistics JSON of row `i`, or nil when the row has no stats_parsed or no numRecords.
    func json(_ i: Int) -> String? {
        guard s.isValid(i), let n = numRecords.value(i) else { return nil }
        return FileStatistics(numRecords: n, minValues: Self.object(minValues, i), maxValues: Self.object(maxValues, i),
                              nullCount: Self.object(nullCount, i), tightBounds: tightBounds.value(i)).json()
    }

    static func object(_ node: Node?, _ i: Int) -> [String: JSONValue] {
        guard case let .group(children, validity)? = node, bitIsSet(validity, i) else { return [:] }
        var out: [String: JSONValue] = [:]
        for child in children { if let v = value(child.node, i) { out[child.name] = v } }
        return out
    }

    static func value(_ node: Node, _ i: Int) -> JSONValue? {
        switch node {
        case .group:
            let entries = object(node, i)
            return entries.isEmpty ? nil : .object(entries.map { (key: $0.key, value: $0.value) })
        case let .leaf(column):
            return json(column, i)
        }
    }

    /// One typed statistics value as JSON, or nil (null, or a type statistics do not hold).
    static func json(_ column: Column, _ i: Int) -> JSONValue? {
        guard bitIsSet(column.validity, i) else { return nil }
        switch (column.type, column.values) {
        case let (_, .int8(a)): return .number(String(a[i]))
        case let (_, .int16(a)): return .number(String(a[i]))
        case let (.date, .int32(a)): return .string(CivilTime.formatDate(days: Int64(a[i])))
        case let (_, .int32(a)): return .number(String(a[i]))
        case let (.timestamp, .int64(a)): return .string(CivilTime.formatTimestamp(micros: a[i], .statistics, utc: true))
        case let (.timestampNtz, .int64(a)): return .string(CivilTime.formatTimestamp(micros: a[i], .statistics, utc: false))
        case let (_, .int64(a)): return .number(String(a[i]))
        case let (_, .float32(a)): return a[i].isFinite ? .number(a[i].description) : nil
        case let (_, .float64(a)): return a[i].isFinite ? .number(a[i].description) : nil
        case let (.decimal(_, s), .int128(a)): return .number(Decimal128.format(a[i], scale: s))
        case let (.string, .bytes(o, d)):
            return .string(String(decoding: d[Int(o[i])..<Int(o[i + 1])], as: UTF8.self))
        case let (.boolean, .bits(b)): return .bool(b[i])
        default: return nil
        }
    }
}
