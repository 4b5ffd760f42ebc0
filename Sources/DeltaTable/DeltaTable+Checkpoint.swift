import Columnar
import DeltaLog
import DeltaStorage
import Foundation
import Parquet

/// What `checkpoint` wrote (or found already written).
public struct CheckpointInfo: Sendable, Hashable {
    public var version: Int64
    /// File name within `_delta_log/`.
    public var fileName: String
    /// Rows (= actions) in the checkpoint.
    public var actions: Int64
    public var numOfAddFiles: Int64
    public var sizeInBytes: Int64
    /// False when a checkpoint of this version existed already (written by another writer).
    public var created: Bool
    /// Log files deleted by the cleanup that followed (empty unless cleanup ran).
    public var deletedLogFiles: [String]
}

/// The newest checkpoint of a table, for `describe`.
public struct CheckpointSummary: Sendable, Hashable {
    public var version: Int64
    /// classic, multi-part (n parts) or v2 (json/parquet).
    public var kind: String
    public var files: [String]
    public var sizeInBytes: Int64
    /// What `_last_checkpoint` says, when it is readable and names this version.
    public var lastCheckpoint: LastCheckpoint?
}

extension DeltaTable {
    /// Rows per slice of a checkpoint being written (and per row group): bounds the memory a
    /// checkpoint of millions of files needs, and gives readers row groups to decode in parallel.
    static let checkpointRowsPerGroup = 65_536

    /// Writes a classic checkpoint of `version` (nil = latest) and then `_last_checkpoint`,
    /// then (when `cleanup` is true and `delta.enableExpiredLogCleanup` is not false) deletes
    /// log files older than `delta.logRetentionDuration` that the checkpoint makes unnecessary.
    ///
    /// Steps, each a crash point of `spec/checkpoints.md` (a crash anywhere leaves a table that
    /// loads to the same snapshot):
    /// 1. the rows are written to `_delta_log/.tmp-<uuid>.checkpoint.parquet`, fsynced, closed;
    /// 2. the file is published as `<version>.checkpoint.parquet` by link-if-absent (a checkpoint
    ///    another writer published first wins; ours is discarded), then the directory is fsynced;
    /// 3. `_last_checkpoint` is replaced atomically (rename) unless it names a newer checkpoint;
    /// 4. expired log files are deleted oldest first.
    @discardableResult
    public func checkpoint(version: Int64? = nil, cleanup: Bool = true) throws -> CheckpointInfo {
        let snapshot = try self.snapshot(version: version)
        return try writeCheckpoint(snapshot, cleanup: cleanup)
    }

    func writeCheckpoint(_ snapshot: Snapshot, cleanup: Bool) throws -> CheckpointInfo {
        try TableFeatures.checkWritable(snapshot.protocolAction, tablePath: root)
        let now = Clock.nowMillis()
        let encoder = try CheckpointEncoder(snapshot: snapshot, nowMillis: now)
        let name = LogFileName.checkpoint(snapshot.version)
        let finalPath = TableLog.directory + "/" + name
        let tempPath = TableLog.directory + "/.tmp-" + UUID().uuidString.lowercased() + ".checkpoint.parquet"

        var options = ParquetWriterOptions()
        options.codec = .snappy
        options.rowGroupMaxRows = Self.checkpointRowsPerGroup
        options.rowGroupTargetBytes = 256 << 20
        options.syncOnClose = true
        let file = try storage.createNew(tempPath)
        let writer = try ParquetFileWriter(output: StorageParquetOutput(file), schema: encoder.schema, options: options)
        // Slice i + 1 is encoded on another thread while slice i is written: at most two slices
        // are in memory at once.
        final class EncodedSlice: @unchecked Sendable {
            // Safe: `result` is written once by the encoding task before `done.leave()` and read
            // only after `done.wait()`.
            private var result: Result<RecordBatch, any Error>?
            private let done = DispatchGroup()

            init(_ encoder: CheckpointEncoder, _ rows: Range<Int>) {
                done.enter()
                DispatchQueue.global().async {
                    self.result = Result { try encoder.batch(rows: rows) }
                    self.done.leave()
                }
            }

            func get() throws -> RecordBatch {
                done.wait()
                return try result!.get()
            }
        }
        let slices = stride(from: 0, to: encoder.rowCount, by: Self.checkpointRowsPerGroup).map {
            $0..<min(encoder.rowCount, $0 + Self.checkpointRowsPerGroup)
        }
        var next = slices.first.map { EncodedSlice(encoder, $0) }
        // On an error, wait for the slice being encoded before unwinding.
        defer { _ = try? next?.get() }
        for i in slices.indices {
            let batch = try next!.get()
            next = i + 1 < slices.count ? EncodedSlice(encoder, slices[i + 1]) : nil
            try writer.write(batch)
        }
        try writer.close()
        let size = Int64(file.bytesWritten)
        let created: Bool
        switch try storage.publish(tempPath, as: finalPath) {
        case .created: created = true
        case .alreadyExists: created = false
        }
        var hint = LastCheckpoint(version: snapshot.version, size: Int64(encoder.rowCount), sizeInBytes: size,
                                  numOfAddFiles: Int64(encoder.addCount))
        hint.checkpointSchema = SchemaJSON.serialize(encoder.schema)
        if let current = readLastCheckpoint(), current.version > snapshot.version {
            // A newer checkpoint is already advertised: keep pointing at it.
        } else {
            try storage.replace(TableLog.directory + "/_last_checkpoint", contents: hint.encoded())
        }
        var deleted: [String] = []
        if cleanup, snapshot.properties.enableExpiredLogCleanup {
            deleted = try cleanupExpiredLogs(retentionMillis: snapshot.properties.logRetentionMillis, nowMillis: now)
        }
        return CheckpointInfo(version: snapshot.version, fileName: name, actions: Int64(encoder.rowCount),
                              numOfAddFiles: Int64(encoder.addCount), sizeInBytes: size, created: created,
                              deletedLogFiles: deleted)
    }

    /// Deletes the `_delta_log/` files that `delta.logRetentionDuration` (or `retentionMillis`)
    /// lets go: only versions before a checkpoint, older than the retention, oldest first, so that
    /// every version inside the window stays reconstructible and a crash midway leaves a valid log.
    /// Also removes temporary files of checkpoints or commits that crashed more than a day ago.
    /// Returns the deleted file names.
    @discardableResult
    public func cleanupExpiredLogs(retentionMillis: Int64? = nil, nowMillis: Int64? = nil) throws -> [String] {
        let now = nowMillis ?? Clock.nowMillis()
        let retention: Int64
        if let retentionMillis { retention = retentionMillis } else { retention = try snapshot().properties.logRetentionMillis }
        let listing = try log.listing()
        var deleted: [String] = []
        for file in LogCleanup.expiredFiles(listing: listing, retentionMillis: retention, nowMillis: now) {
            if try storage.delete(TableLog.directory + "/" + file.name) { deleted.append(file.name) }
        }
        for file in listing where file.name.hasPrefix(".tmp-") && file.modificationTime < now - 86_400_000 {
            _ = try? storage.delete(TableLog.directory + "/" + file.name)
        }
        return deleted
    }

    /// `_last_checkpoint` if it is present and well-formed (it is only a hint: the listing decides).
    func readLastCheckpoint() -> LastCheckpoint? {
        guard let bytes = try? storage.read(TableLog.directory + "/_last_checkpoint") else { return nil }
        return LastCheckpoint.parse(bytes)
    }

    /// The newest complete checkpoint at or before `version` (nil = latest), if any.
    public func latestCheckpoint(version: Int64? = nil) throws -> CheckpointSummary? {
        let listing = try log.listing()
        let segment = try LogSegment.build(listing: listing, version: version)
        guard let v = segment.checkpointVersion else { return nil }
        let kind: String
        switch LogFileName(segment.checkpointFiles[0].name) {
        case let .multiPartCheckpoint(_, _, parts)?: kind = "multi-part (\(parts) parts)"
        case let .v2Checkpoint(_, _, format)?: kind = "v2 (\(format))"
        default: kind = "classic"
        }
        let hint = readLastCheckpoint().flatMap { $0.version == v ? $0 : nil }
        return CheckpointSummary(version: v, kind: kind, files: segment.checkpointFiles.map(\.name),
                                 sizeInBytes: segment.checkpointFiles.reduce(0) { $0 + $1.size }, lastCheckpoint: hint)
    }

    /// After a commit of `version`: a checkpoint when `delta.checkpointInterval` says one is due.
    /// Never throws — the commit is already durable, and a checkpoint that fails now is simply
    /// written by a later commit (readers replay the JSON commits meanwhile).
    /// `interval` is the table's `delta.checkpointInterval` as the committing write read it; the
    /// snapshot is only loaded when a checkpoint is due.
    func checkpointIfDue(version: Int64, interval: Int) {
        guard version > 0, interval > 0, version % Int64(interval) == 0 else { return }
        guard let snapshot = try? log.snapshot(version: version) else { return }
        _ = try? writeCheckpoint(snapshot, cleanup: true)
    }
}
