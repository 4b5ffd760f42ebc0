import Columnar
import DeltaLog
import DeltaStorage
import Expressions
import Foundation

/// A Delta table: a folder of Parquet files and a `_delta_log/`. Every change is one atomic
/// commit decided by optimistic concurrency; reads see one whole version.
///
/// ```swift
/// let table = try DeltaTable.create(at: "/data/events", schema: schema, partitionColumns: ["date"])
/// try table.write([batch], mode: .append)
/// let rows = try table.scan(predicate: "value > 990").batches
/// ```
public struct DeltaTable: Sendable {
    public let storage: any TableStorage
    public var root: String { storage.root }
    let log: TableLog

    /// The table at `path` (which may not exist yet: `create` or `write` make it).
    public init(path: String) {
        self.init(storage: LocalTableStorage(root: path))
    }

    public init(storage: any TableStorage) {
        self.storage = storage
        self.log = TableLog(storage: storage)
    }

    /// True when the path holds at least one commit.
    public func exists() throws -> Bool {
        try log.latestVersion() != nil
    }

    /// The table at its latest version, or at `version`.
    public func snapshot(version: Int64? = nil) throws -> Snapshot {
        try log.snapshot(version: version)
    }

    /// The table as it was at a point in time (milliseconds since the epoch): the latest version
    /// committed at or before it.
    public func snapshot(asOf timestampMillis: Int64) throws -> Snapshot {
        let files = try log.listing()
        let commits = files.compactMap { f -> (version: Int64, modificationTime: Int64)? in
            if case let .commit(v)? = LogFileName(f.name) { return (v, f.modificationTime) }
            return nil
        }.sorted { $0.version < $1.version }
        guard !commits.isEmpty else {
            throw DeltaError(.notATable, "no Delta table at \(root)", path: root)
        }
        // In-commit timestamps replace file times from their enablement version on: read those
        // commits only when the table has them.
        let latest = try log.snapshot()
        var withTimestamps: [(version: Int64, actions: [Action])] = []
        if latest.properties.enableInCommitTimestamps {
            let from = latest.properties.inCommitTimestampEnablementVersion ?? 0
            withTimestamps = try commits.filter { $0.version >= from }.map { ($0.version, try log.readCommit($0.version)) }
        }
        let byVersion = try TableLog.commitTimestamps(mtimes: commits, commits: withTimestamps,
                                                      configuration: latest.metadata.configuration)
        let timestamps = commits.map { (version: $0.version, timestamp: byVersion[$0.version]!) }
        let version = try CommitTimestamps.version(at: timestampMillis, in: timestamps)
        return try log.snapshot(version: version)
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
        let info = CommitInfo(timestamp: Clock.nowMillis(), operation: "CREATE TABLE",
                              operationParameters: [
                                  "partitionBy": .string(JSONWriter.string(.array(partitionColumns.map { .string($0) }))),
                                  "description": description.map { .string($0) } ?? .null,
                                  "isManaged": .string("false"),
                                  "properties": .string(JSONWriter.string(.object(properties.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))),
                              ],
                              isolationLevel: IsolationLevel.serializable.rawValue, isBlindAppend: true,
                              operationMetrics: [:], engineInfo: TransactionState.engineInfo, txnId: UUID().uuidString.lowercased())
        let bytes = ActionCodec.encode([.commitInfo(info)] + actions)
        switch try storage.putIfAbsent(TableLog.directory + "/" + LogFileName.commit(0), contents: bytes) {
        case .created: return
        case .alreadyExists:
            throw DeltaError(.tableExists, "a Delta table already exists at \(root)", path: root)
        }
    }

    /// protocol + metaData for a new table, validated.
    static func creationActions(schema: Schema, partitionColumns: [String], properties: [String: String],
                                name: String?, description: String?) throws -> [Action] {
        do { try schema.validate() } catch { throw DeltaError(.invalidSchema, "\(error)") }
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
        let metadata = Metadata(id: UUID().uuidString.lowercased(), name: name, description: description,
                                schemaString: SchemaJSON.serialize(schema), partitionColumns: partitionColumns,
                                configuration: properties, createdTime: Clock.nowMillis())
        return [.protocol(proto), .metadata(metadata)]
    }
}

enum Clock {
    static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
