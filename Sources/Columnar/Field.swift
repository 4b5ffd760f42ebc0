/// A named, typed column of a schema.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType
    public var nullable: Bool
    /// Free-form metadata (Delta keeps column-mapping ids, comments, … here).
    public var metadata: [String: String]

    public init(_ name: String, _ type: DataType, nullable: Bool = true, metadata: [String: String] = [:]) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.metadata = metadata
    }
}

extension Field: CustomStringConvertible {
    public var description: String { "\(name) \(type)\(nullable ? "" : " not null")" }
}
