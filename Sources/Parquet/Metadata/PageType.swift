/// The kind of a page (thrift enum `PageType`).
///
/// A struct rather than an enum so that values this library does not know survive decoding
/// (they print as `UNKNOWN(n)`); compare against the static members.
public struct PageType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let dataPage = PageType(rawValue: 0)
    public static let indexPage = PageType(rawValue: 1)
    public static let dictionaryPage = PageType(rawValue: 2)
    public static let dataPageV2 = PageType(rawValue: 3)

    /// The name used by the Parquet specification, or `UNKNOWN(n)`.
    public var description: String {
        switch rawValue {
        case 0: return "DATA_PAGE"
        case 1: return "INDEX_PAGE"
        case 2: return "DICTIONARY_PAGE"
        case 3: return "DATA_PAGE_V2"
        default: return "UNKNOWN(\(rawValue))"
        }
    }
}
