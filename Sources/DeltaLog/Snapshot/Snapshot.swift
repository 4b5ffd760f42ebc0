import Columnar

/// The state of a table at one version: protocol, metadata, schema, live files, tombstones,
/// application transactions and domain metadata. Built by `ReplayAccumulator` (the snapshot loader feeds it).
public struct Snapshot: Sendable {
    public let version: Int64
    public let protocolAction: DeltaProtocol
    public let metadata: Metadata
    /// `metadata.schemaString`, parsed.
    public let schema: Schema
    public var partitionColumns: [String] { metadata.partitionColumns }
    public let properties: TableProperties
    /// Live files, sorted by key: path compared byte-wise as UTF-8 (code point order, not Swift's
    /// Unicode-aware `String <`), then deletion vector id (nil first, then byte-wise). Stored by
    /// column; `files[i]` materializes one `AddFile`.
    public let files: FileList
    /// Every tombstone the replay saw that was not re-added, sorted like `files`. Use
    /// `tombstones(unexpiredAt:)` for the ones still inside the retention window.
    public let tombstones: [RemoveFile]
    /// The latest `txn` per appId.
    public let transactions: [String: SetTransaction]
    /// The latest domain metadata per domain; removed domains are absent.
    public let domainMetadata: [String: DomainMetadata]
    /// The version's commit timestamp: the in-commit timestamp when enabled, else the commit
    /// file's (monotonized) modification time.
    public let timestampMillis: Int64
    /// Sum of the live files' sizes.
    public let totalBytes: Int64
    /// `skippingStatistics`, built on first use.
    let skippingBox = SkippingStatisticsBox()

    /// Parses `schemaString`, naming the version in the error.
    static func parseSchema(_ metadata: Metadata, version: Int64, _ schemaParser: (String) throws -> Schema) throws -> Schema {
        do {
            return try schemaParser(metadata.schemaString)
        } catch var error as DeltaError {
            error.message = "version \(version): metaData.schemaString: " + error.message
            throw error
        } catch {
            throw DeltaError(.invalidSchema, "version \(version): metaData.schemaString cannot be parsed: \(error)", cause: error)
        }
    }

    /// Assembles a snapshot from replayed state. `files` and `tombstones` are sorted here;
    /// `schemaParser` parses `metadata.schemaString` (the integrator passes `SchemaJSON.parse`).
    public init(version: Int64, protocolAction: DeltaProtocol, metadata: Metadata, files: [AddFile],
                tombstones: [RemoveFile], transactions: [String: SetTransaction],
                domainMetadata: [String: DomainMetadata], timestampMillis: Int64,
                schemaParser: (String) throws -> Schema) throws {
        let schema = try Snapshot.parseSchema(metadata, version: version, schemaParser)
        self.init(version: version, protocolAction: protocolAction, metadata: metadata, schema: schema,
                  files: files, tombstones: tombstones, transactions: transactions,
                  domainMetadata: domainMetadata, timestampMillis: timestampMillis)
    }

    /// Assembles a snapshot whose schema is already parsed.
    public init(version: Int64, protocolAction: DeltaProtocol, metadata: Metadata, schema: Schema,
                files: [AddFile], tombstones: [RemoveFile], transactions: [String: SetTransaction],
                domainMetadata: [String: DomainMetadata], timestampMillis: Int64) {
        self.init(version: version, protocolAction: protocolAction, metadata: metadata, schema: schema,
                  sortedFiles: FileList(sortingByKey: files),
                  sortedTombstones: tombstones.map { ($0.key, $0) }.sorted { Snapshot.precedes($0.0, $1.0) }.map(\.1),
                  transactions: transactions, domainMetadata: domainMetadata, timestampMillis: timestampMillis)
    }

    /// Files and tombstones already sorted by `precedes` (replay sorts them by their keys once).
    init(version: Int64, protocolAction: DeltaProtocol, metadata: Metadata, schema: Schema,
         sortedFiles files: FileList, sortedTombstones tombstones: [RemoveFile], transactions: [String: SetTransaction],
         domainMetadata: [String: DomainMetadata], timestampMillis: Int64) {
        self.version = version
        self.protocolAction = protocolAction
        self.metadata = metadata
        self.schema = schema
        self.properties = TableProperties(metadata.configuration)
        self.files = files
        self.tombstones = tombstones
        self.transactions = transactions
        self.domainMetadata = domainMetadata
        self.timestampMillis = timestampMillis
        self.totalBytes = files.totalBytes
        checkInvariants()
    }

    /// Tombstones whose deletion is younger than `delta.deletedFileRetentionDuration` at `nowMillis`
    /// (a tombstone without a deletion timestamp is always kept). Vacuum must keep these files.
    public func tombstones(unexpiredAt nowMillis: Int64) -> [RemoveFile] {
        let cutoff = nowMillis &- properties.deletedFileRetentionMillis
        return tombstones.filter { ($0.deletionTimestamp ?? Int64.max) > cutoff }
    }

    /// The version an application last committed (`txn` action), or nil.
    public func transactionVersion(appId: String) -> Int64? { transactions[appId]?.version }

    /// The order of `files` and `tombstones`: path as UTF-8 bytes, then deletion vector id with
    /// no vector first (ids byte-wise too).
    public static func precedes(_ a: FileKey, _ b: FileKey) -> Bool { ByteOrder.compare(a, b) < 0 }

    /// Traps if the snapshot is inconsistent (debug builds only): version ≥ 0, live files unique
    /// by key and sorted, no live file also a tombstone, no removed domain kept.
    public func checkInvariants() {
        #if DEBUG
        precondition(version >= 0, "Snapshot: negative version \(version)")
        precondition(files.isStrictlySortedByKey(), "Snapshot: files not unique by key or not sorted")
        for t in tombstones {
            precondition(files.index(ofKey: t.key) == nil, "Snapshot: '\(t.path)' is both live and a tombstone")
        }
        for (domain, d) in domainMetadata { precondition(d.domain == domain && !d.removed, "Snapshot: bad domain '\(domain)'") }
        for (appId, t) in transactions { precondition(t.appId == appId, "Snapshot: bad txn '\(appId)'") }
        #endif
    }
}
