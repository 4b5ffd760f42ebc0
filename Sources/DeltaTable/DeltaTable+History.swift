import Columnar
import DeltaLog

/// A summary of one version of a table.
public struct TableDescription: Sendable {
    public var path: String
    public var version: Int64
    public var id: String
    public var name: String?
    public var description: String?
    public var schema: Schema
    public var partitionColumns: [String]
    public var protocolAction: DeltaProtocol
    public var properties: [String: String]
    public var createdTime: Int64?
    public var numFiles: Int
    public var sizeInBytes: Int64
    public var numRecords: Int64?
}

extension DeltaTable {
    /// Retained commits newest first (at most `limit`), with the timestamps time travel uses.
    public func history(limit: Int? = nil) throws -> [HistoryEntry] {
        try log.history(limit: limit)
    }

    /// Schema, partitioning, protocol, properties, files and bytes of a version.
    public func describe(version: Int64? = nil) throws -> TableDescription {
        let s = try snapshot(version: version)
        var records: Int64? = 0
        for i in s.files.indices {
            guard let json = s.files.stats(at: i), let st = try? FileStatistics.parse(json) else { records = nil; break }
            records! += st.numRecords
        }
        return TableDescription(path: root, version: s.version, id: s.metadata.id, name: s.metadata.name,
                                description: s.metadata.description, schema: s.schema,
                                partitionColumns: s.partitionColumns, protocolAction: s.protocolAction,
                                properties: s.metadata.configuration, createdTime: s.metadata.createdTime,
                                numFiles: s.files.count, sizeInBytes: s.totalBytes, numRecords: records)
    }

    // MARK: Checkpoints

    /// Writes a classic checkpoint of `version` (nil = latest) and `_last_checkpoint`, then
    /// (when `cleanup` is true and `delta.enableExpiredLogCleanup` is not false) deletes the log
    /// files `delta.logRetentionDuration` lets go. See `CheckpointWriter.write`.
    @discardableResult
    public func checkpoint(version: Int64? = nil, cleanup: Bool = true) throws -> CheckpointInfo {
        try CheckpointWriter(loader: log).write(try snapshot(version: version), cleanup: cleanup)
    }

    /// Deletes the `_delta_log/` files that `delta.logRetentionDuration` lets go (only versions
    /// before a checkpoint, oldest first). Returns the deleted file names.
    @discardableResult
    public func cleanupExpiredLogs() throws -> [String] {
        let retention = try snapshot().properties.logRetentionMillis
        return try CheckpointWriter(loader: log).cleanupExpiredLogs(retentionMillis: retention, nowMillis: WallClock.nowMillis())
    }

    /// `cleanupExpiredLogs` with an explicit retention and clock (tests).
    @_spi(Testing) @discardableResult
    public func cleanupExpiredLogs(retentionMillis: Int64, nowMillis: Int64) throws -> [String] {
        try CheckpointWriter(loader: log).cleanupExpiredLogs(retentionMillis: retentionMillis, nowMillis: nowMillis)
    }

    /// The newest complete checkpoint at or before `version` (nil = latest), if any.
    public func latestCheckpoint(version: Int64? = nil) throws -> CheckpointSummary? {
        try CheckpointWriter(loader: log).latestCheckpoint(version: version)
    }
}
