import Columnar
import DeltaLog
import DeltaStorage
import Expressions

/// A Delta table: a folder of Parquet files and a `_delta_log/`. Every change is one atomic
/// commit (a `Transaction`) decided by optimistic concurrency; reads see one whole version.
///
/// ```swift
/// let schema = Schema([Field("id", .long, nullable: false), Field("date", .date)])
/// let table = try DeltaTable.create(at: "/tmp/swift-delta-examples/events", schema: schema,
///                                   partitionColumns: ["date"])
/// let batch = try RecordBatch(schema: schema, columns: [
///     try Column(.long, [.long(1), .long(2)]),
///     try Column(.date, [.date(19723), .date(19724)]),   // 2024-01-01, 2024-01-02
/// ])
/// try table.write([batch], mode: .append)
/// try table.scan(where: "id > 1").forEachBatch { batch in print(batch.rowCount) }
/// ```
public struct DeltaTable: Sendable {
    /// Where every byte of the table is read and written.
    let storage: any TableStorage
    /// Loads snapshots (and caches the latest) through `storage`.
    let log: SnapshotLoader
    public var root: String { storage.root }

    /// The table at `path` on the local file system (which may not exist yet: `create` or
    /// `write` make it).
    public init(path: String) {
        self.init(storage: LocalTableStorage(root: path))
    }

    /// The table in `storage` (another implementation of the storage contract).
    public init(storage: any TableStorage) {
        self.storage = storage
        self.log = SnapshotLoader(storage: storage)
    }

    /// True when the path holds at least one commit.
    public func exists() throws -> Bool {
        try log.latestVersion() != nil
    }

    /// The table at its latest version, or at `version`.
    public func snapshot(version: Int64? = nil) throws -> Snapshot {
        try log.snapshot(version: version)
    }

    /// The table as it was at a point in time: the latest version committed at or before it
    /// (commit timestamps as `CommitTimeline` defines them).
    public func snapshot(at time: PointInTime) throws -> Snapshot {
        try log.snapshot(at: time)
    }

    /// A transaction on the latest snapshot (or on `snapshot`), for changes the table's own
    /// operations do not cover. Add actions, then `commit()`.
    public func transaction(_ operation: Operation, on snapshot: Snapshot? = nil) throws -> Transaction {
        try Transaction(loader: log, readSnapshot: snapshot ?? self.snapshot(), operation: operation)
    }

    /// Creates a new table: commits version 0 with the protocol the schema needs and the metadata.
    /// Throws `.tableExists` if the path already holds a table.
    @discardableResult
    public static func create(at path: String, schema: Schema, partitionColumns: [String] = [],
                              properties: [String: String] = [:], name: String? = nil,
                              description: String? = nil) throws -> DeltaTable {
        let table = DeltaTable(path: path)
        try table.create(schema: schema, partitionColumns: partitionColumns, properties: properties,
                         name: name, description: description)
        return table
    }

    /// Creates the table at this path (version 0).
    public func create(schema: Schema, partitionColumns: [String] = [], properties: [String: String] = [:],
                       name: String? = nil, description: String? = nil) throws {
        let actions = try Self.creationActions(schema: schema, partitionColumns: partitionColumns,
                                               properties: properties, name: name, description: description)
        if try exists() { throw tableExists() }
        let operation = Operation("CREATE TABLE", parameters: [
            "partitionBy": .string(JSONWriter.string(.array(partitionColumns.map { .string($0) }))),
            "description": description.map { .string($0) } ?? .null,
            "isManaged": .string("false"),
            "properties": .string(JSONWriter.string(.object(properties.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))),
        ])
        var txn = try Transaction(loader: log, readSnapshot: nil, operation: operation)
        txn.add(actions)
        switch try txn.commit() {
        case .committed: return
        case .skipped, .conflict: throw tableExists()
        }
    }

    func tableExists(_ detail: String = "") -> DeltaError {
        DeltaError(.tableExists, "a Delta table already exists at \(root)\(detail)", path: root)
    }

    /// protocol + metaData for a new table, validated.
    static func creationActions(schema: Schema, partitionColumns: [String], properties: [String: String],
                                name: String?, description: String?) throws -> [Action] {
        do { try schema.validate() } catch {
            throw DeltaError(.invalidSchema, "\(error)", cause: error)
        }
        guard !schema.fields.isEmpty else { throw DeltaError(.invalidSchema, "a table needs at least one column") }
        for p in partitionColumns {
            guard let f = schema.field(named: p) else {
                throw DeltaError(.invalidArgument, "partition column '\(p)' is not in the schema (\(schema.fields.map(\.name).joined(separator: ", ")))")
            }
            guard !f.type.isNested else {
                throw DeltaError(.invalidArgument, "partition column '\(p)' has nested type \(f.type); partition by a primitive column")
            }
        }
        guard Set(partitionColumns).count == partitionColumns.count else {
            throw DeltaError(.invalidArgument, "a partition column is listed twice")
        }
        guard partitionColumns.count < schema.count else {
            throw DeltaError(.invalidArgument, "every column is a partition column; keep at least one data column")
        }
        try TableProperties.validate(properties)
        let proto = TableFeatures.requiredProtocol(schema: schema, configuration: properties, current: nil)
        let metadata = Metadata(id: RandomID.uuid(), name: name, description: description,
                                schemaString: SchemaJSON.serialize(schema), partitionColumns: partitionColumns,
                                configuration: properties, createdTime: WallClock.nowMillis())
        return [.protocol(proto), .metadata(metadata)]
    }
}
