/// The legacy logical-type annotation of a schema element (thrift enum `ConvertedType`).
///
/// A struct rather than an enum so that values this library does not know survive decoding
/// (they print as `UNKNOWN(n)`); compare against the static members.
public struct ConvertedType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let utf8 = ConvertedType(rawValue: 0)
    public static let map = ConvertedType(rawValue: 1)
    public static let mapKeyValue = ConvertedType(rawValue: 2)
    public static let list = ConvertedType(rawValue: 3)
    public static let enumType = ConvertedType(rawValue: 4)
    public static let decimal = ConvertedType(rawValue: 5)
    public static let date = ConvertedType(rawValue: 6)
    public static let timeMillis = ConvertedType(rawValue: 7)
    public static let timeMicros = ConvertedType(rawValue: 8)
    public static let timestampMillis = ConvertedType(rawValue: 9)
    public static let timestampMicros = ConvertedType(rawValue: 10)
    public static let uint8 = ConvertedType(rawValue: 11)
    public static let uint16 = ConvertedType(rawValue: 12)
    public static let uint32 = ConvertedType(rawValue: 13)
    public static let uint64 = ConvertedType(rawValue: 14)
    public static let int8 = ConvertedType(rawValue: 15)
    public static let int16 = ConvertedType(rawValue: 16)
    public static let int32 = ConvertedType(rawValue: 17)
    public static let int64 = ConvertedType(rawValue: 18)
    public static let json = ConvertedType(rawValue: 19)
    public static let bson = ConvertedType(rawValue: 20)
    public static let interval = ConvertedType(rawValue: 21)

    /// The name used by the Parquet specification, or `UNKNOWN(n)`.
    public var description: String {
        switch rawValue {
        case 0: return "UTF8"
        case 1: return "MAP"
        case 2: return "MAP_KEY_VALUE"
        case 3: return "LIST"
        case 4: return "ENUM"
        case 5: return "DECIMAL"
        case 6: return "DATE"
        case 7: return "TIME_MILLIS"
        case 8: return "TIME_MICROS"
        case 9: return "TIMESTAMP_MILLIS"
        case 10: return "TIMESTAMP_MICROS"
        case 11: return "UINT_8"
        case 12: return "UINT_16"
        case 13: return "UINT_32"
        case 14: return "UINT_64"
        case 15: return "INT_8"
        case 16: return "INT_16"
        case 17: return "INT_32"
        case 18: return "INT_64"
        case 19: return "JSON"
        case 20: return "BSON"
        case 21: return "INTERVAL"
        default: return "UNKNOWN(\(rawValue))"
        }
    }
}
