/// The `metaData` action: the table's identity, schema, partitioning and properties.
public struct Metadata: Sendable, Hashable {
    public struct Format: Sendable, Hashable {
        public var provider: String
        public var options: [String: String]
        public init(provider: String = "parquet", options: [String: String] = [:]) {
            self.provider = provider
            self.options = options
        }
    }

    /// A unique id (a UUID string) for the table.
    public var id: String
    public var name: String?
    public var description: String?
    public var format: Format
    /// The schema as Spark's JSON (see `SchemaJSON`).
    public var schemaString: String
    public var partitionColumns: [String]
    /// Table properties such as `delta.appendOnly`, `delta.checkpointInterval`.
    public var configuration: [String: String]
    /// Milliseconds since the epoch.
    public var createdTime: Int64?

    public init(id: String, name: String? = nil, description: String? = nil, format: Format = Format(),
                schemaString: String, partitionColumns: [String] = [], configuration: [String: String] = [:],
                createdTime: Int64? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.format = format
        self.schemaString = schemaString
        self.partitionColumns = partitionColumns
        self.configuration = configuration
        self.createdTime = createdTime
    }
}
