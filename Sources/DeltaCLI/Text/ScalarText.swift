import Columnar

/// Text of a single `Scalar` (statistics, display), via a one-value column so that it matches the
/// canonical row format exactly.
public enum ScalarText {
    /// The type a primitive scalar carries (nil for null and nested scalars).
    public static func type(of s: Scalar) -> DataType? {
        switch s {
        case .boolean: return .boolean
        case .byte: return .byte
        case .short: return .short
        case .integer: return .integer
        case .long: return .long
        case .float: return .float
        case .double: return .double
        case let .decimal(_, p, sc): return .decimal(precision: p, scale: sc)
        case .string: return .string
        case .binary: return .binary
        case .date: return .date
        case .timestamp: return .timestamp
        case .timestampNtz: return .timestampNtz
        case .null, .struct, .array, .map: return nil
        }
    }

    /// Canonical JSON of a primitive scalar (`null` for null or nested ones).
    public static func json(_ s: Scalar) -> String {
        guard let t = type(of: s), let c = try? Column(t, [s]) else { return "null" }
        return CanonicalJSON.text(c, 0)
    }

    /// Unquoted text (CSV/table cell form); nil for null or nested.
    public static func plain(_ s: Scalar) -> String? {
        guard let t = type(of: s), let c = try? Column(t, [s]) else { return nil }
        var out: [UInt8] = []
        CanonicalJSON.appendPlain(c, 0, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
