/// How often a field occurs in its parent (thrift enum `FieldRepetitionType`).
///
/// A struct rather than an enum so that values this library does not know survive decoding
/// (they print as `UNKNOWN(n)`); compare against the static members.
public struct Repetition: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let required = Repetition(rawValue: 0)
    public static let optional = Repetition(rawValue: 1)
    public static let repeated = Repetition(rawValue: 2)

    /// The name used by the Parquet specification, or `UNKNOWN(n)`.
    public var description: String {
        switch rawValue {
        case 0: return "REQUIRED"
        case 1: return "OPTIONAL"
        case 2: return "REPEATED"
        default: return "UNKNOWN(\(rawValue))"
        }
    }
}
