/// An ordered list of fields with unique names.
public struct Schema: Sendable, Hashable {
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    public var count: Int { fields.count }

    /// Index of the top-level field called `name` (exact match), or nil.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    public func field(named name: String) -> Field? {
        index(of: name).map { fields[$0] }
    }

    /// Throws if two fields share a name or a decimal type is out of range.
    public func validate() throws(ColumnarError) {
        var seen = Set<String>()
        for field in fields {
            guard seen.insert(field.name).inserted else {
                throw ColumnarError(.invalidSchema, "duplicate column name '\(field.name)'")
            }
            try Schema.validate(type: field.type, path: field.name)
        }
    }

    static func validate(type: DataType, path: String) throws(ColumnarError) {
        switch type {
        case let .decimal(p, s):
            guard (1...DataType.maxDecimalPrecision).contains(p), (0...p).contains(s) else {
                throw ColumnarError(.invalidSchema,
                    "column '\(path)': decimal(\(p),\(s)) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision")
            }
        case let .struct(fields):
            for f in fields { try validate(type: f.type, path: path + "." + f.name) }
        case let .array(element):
            try validate(type: element.type, path: path + ".element")
        case let .map(key, value):
            try validate(type: key.type, path: path + ".key")
            try validate(type: value.type, path: path + ".value")
        default:
            break
        }
    }
}

extension Schema: CustomStringConvertible {
    public var description: String { fields.map(\.description).joined(separator: ", ") }
}
