/// One value of any type, for literals, statistics, display and tests.
/// Never used per row on a hot path: kernels work on `ColumnValues` directly.
public indirect enum Scalar: Sendable, Hashable {
    case null
    case boolean(Bool)
    case byte(Int8)
    case short(Int16)
    case integer(Int32)
    case long(Int64)
    case float(Float)
    case double(Double)
    /// Unscaled value with its precision and scale.
    case decimal(Int128, precision: Int, scale: Int)
    case string(String)
    case binary([UInt8])
    /// Days since the epoch.
    case date(Int32)
    /// Microseconds since the epoch, UTC.
    case timestamp(Int64)
    /// Microseconds since the epoch, no time zone.
    case timestampNtz(Int64)
    case `struct`([Scalar])
    case array([Scalar])
    case map([(key: Scalar, value: Scalar)])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public static func == (a: Scalar, b: Scalar) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.boolean(x), .boolean(y)): return x == y
        case let (.byte(x), .byte(y)): return x == y
        case let (.short(x), .short(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.long(x), .long(y)): return x == y
        // Bitwise for floats so that NaN == NaN and -0.0 != 0.0: scalars compare as stored values.
        case let (.float(x), .float(y)): return x.bitPattern == y.bitPattern
        case let (.double(x), .double(y)): return x.bitPattern == y.bitPattern
        case let (.decimal(x, p1, s1), .decimal(y, p2, s2)): return x == y && p1 == p2 && s1 == s2
        case let (.string(x), .string(y)): return x == y
        case let (.binary(x), .binary(y)): return x == y
        case let (.date(x), .date(y)): return x == y
        case let (.timestamp(x), .timestamp(y)): return x == y
        case let (.timestampNtz(x), .timestampNtz(y)): return x == y
        case let (.struct(x), .struct(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.map(x), .map(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case let .boolean(v): h.combine(v)
        case let .byte(v): h.combine(v)
        case let .short(v): h.combine(v)
        case let .integer(v): h.combine(v)
        case let .long(v): h.combine(v)
        case let .float(v): h.combine(v.bitPattern)
        case let .double(v): h.combine(v.bitPattern)
        case let .decimal(v, p, s): h.combine(v); h.combine(p); h.combine(s)
        case let .string(v): h.combine(v)
        case let .binary(v): h.combine(v)
        case let .date(v): h.combine(v)
        case let .timestamp(v): h.combine(v)
        case let .timestampNtz(v): h.combine(v)
        case let .struct(v): h.combine(v)
        case let .array(v): h.combine(v)
        case let .map(v): for e in v { h.combine(e.key); h.combine(e.value) }
        }
    }
}

extension Column {
    /// The value at row `i` as a `Scalar` (for display and tests; not for hot loops).
    public func scalar(at i: Int) -> Scalar {
        precondition(i >= 0 && i < count, "row \(i) out of range 0..<\(count)")
        if isNull(i) { return .null }
        switch (type, values) {
        case let (.boolean, .bits(b)): return .boolean(b[i])
        case let (.byte, .int8(a)): return .byte(a[i])
        case let (.short, .int16(a)): return .short(a[i])
        case let (.integer, .int32(a)): return .integer(a[i])
        case let (.date, .int32(a)): return .date(a[i])
        case let (.long, .int64(a)): return .long(a[i])
        case let (.timestamp, .int64(a)): return .timestamp(a[i])
        case let (.timestampNtz, .int64(a)): return .timestampNtz(a[i])
        case let (.float, .float32(a)): return .float(a[i])
        case let (.double, .float64(a)): return .double(a[i])
        case let (.decimal(p, s), .int128(a)): return .decimal(a[i], precision: p, scale: s)
        case let (.string, .bytes(o, d)):
            return .string(String(decoding: d[Int(o[i])..<Int(o[i + 1])], as: UTF8.self))
        case let (.binary, .bytes(o, d)): return .binary(Array(d[Int(o[i])..<Int(o[i + 1])]))
        case let (.struct, .structure(children)): return .struct(children.map { $0.scalar(at: i) })
        case let (.array, .list(o, child)):
            return .array((Int(o[i])..<Int(o[i + 1])).map { child.scalar(at: $0) })
        case let (.map, .map(o, keys, items)):
            return .map((Int(o[i])..<Int(o[i + 1])).map { (key: keys.scalar(at: $0), value: items.scalar(at: $0)) })
        default:
            preconditionFailure("column type \(type) does not match its storage \(values.layout)")
        }
    }

    /// All values as scalars (tests and display).
    public var scalars: [Scalar] { (0..<count).map(scalar(at:)) }
}

extension Scalar {
    /// The type a primitive scalar carries: nil for `.null` and for nested scalars (a struct,
    /// array or map value does not record its field names or element types).
    public var dataType: DataType? {
        switch self {
        case .null: return nil
        case .boolean: return .boolean
        case .byte: return .byte
        case .short: return .short
        case .integer: return .integer
        case .long: return .long
        case .float: return .float
        case .double: return .double
        case let .decimal(_, p, s): return .decimal(precision: p, scale: s)
        case .string: return .string
        case .binary: return .binary
        case .date: return .date
        case .timestamp: return .timestamp
        case .timestampNtz: return .timestampNtz
        case .struct, .array, .map: return nil
        }
    }
}
