/// A parsed JSON value. Numbers keep their source text so that large integers and decimals are
/// never rounded; objects keep their key order.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number exactly as written (`12`, `-3.5e2`).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Keys in source order (duplicates: the last one wins on lookup).
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case let .bool(v): h.combine(v)
        case let .number(v): h.combine(v)
        case let .string(v): h.combine(v)
        case let .array(v): h.combine(v)
        case let .object(v): for e in v { h.combine(e.key); h.combine(e.value) }
        }
    }

    /// The value of `key` in an object (the last occurrence), or nil.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(entries) = self else { return nil }
        return entries.last { $0.key == key }?.value
    }

    public var stringValue: String? { if case let .string(s) = self { return s }; return nil }
    public var boolValue: Bool? { if case let .bool(b) = self { return b }; return nil }
    public var int64Value: Int64? { if case let .number(n) = self { return Int64(n) }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }
}
