/// The logical types a column can hold. Names and nesting follow the Delta protocol's
/// schema types, so a `DataType` maps one to one onto a Delta schema JSON type.
public indirect enum DataType: Sendable, Hashable {
    case boolean
    case byte
    case short
    case integer
    case long
    case float
    case double
    /// Exact decimal, precision 1...38, scale 0...precision. Stored as `Int128` unscaled values.
    case decimal(precision: Int, scale: Int)
    case string
    case binary
    /// Days since 1970-01-01.
    case date
    /// Microseconds since 1970-01-01T00:00:00Z (adjusted to UTC).
    case timestamp
    /// Microseconds since 1970-01-01T00:00:00, no time zone.
    case timestampNtz
    case `struct`([Field])
    /// A list whose elements are described by `element` (its name is conventionally "element").
    case array(element: Field)
    /// A map; `key` is never nullable.
    case map(key: Field, value: Field)

    /// Largest precision a decimal may have.
    public static let maxDecimalPrecision = 38

    /// The physical layout of a column of this type.
    public var layout: PhysicalLayout {
        switch self {
        case .boolean: return .bits
        case .byte: return .int8
        case .short: return .int16
        case .integer, .date: return .int32
        case .long, .timestamp, .timestampNtz: return .int64
        case .float: return .float32
        case .double: return .float64
        case .decimal: return .int128
        case .string, .binary: return .bytes
        case .struct: return .structure
        case .array: return .list
        case .map: return .map
        }
    }

    public var isNested: Bool {
        switch self {
        case .struct, .array, .map: return true
        default: return false
        }
    }

    /// True for types whose values are ordered numbers (integers, floats, decimals, dates, timestamps).
    public var isNumeric: Bool {
        switch layout {
        case .int8, .int16, .int32, .int64, .float32, .float64, .int128: return true
        default: return false
        }
    }
}

/// How a column's values sit in memory.
public enum PhysicalLayout: Sendable, Hashable {
    case bits, int8, int16, int32, int64, float32, float64, int128, bytes, structure, list, map
}

extension DataType: CustomStringConvertible {
    /// The Delta / Spark SQL name: `long`, `decimal(10,2)`, `struct<a:int,b:string>`, …
    public var description: String {
        switch self {
        case .boolean: return "boolean"
        case .byte: return "byte"
        case .short: return "short"
        case .integer: return "integer"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case let .decimal(p, s): return "decimal(\(p),\(s))"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestampNtz: return "timestamp_ntz"
        case let .struct(fields):
            return "struct<" + fields.map { "\($0.name):\($0.type)" }.joined(separator: ",") + ">"
        case let .array(element): return "array<\(element.type)>"
        case let .map(key, value): return "map<\(key.type),\(value.type)>"
        }
    }
}
