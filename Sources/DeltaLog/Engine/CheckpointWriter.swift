import Columnar
import Dispatch
import Parquet

/// What a checkpoint write produced (or found already written).
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

/// The forms a checkpoint takes (PROTOCOL.md, "Checkpoints").
public enum CheckpointKind: Sendable, Hashable, CustomStringConvertible {
    /// One `<version>.checkpoint.parquet`.
    case classic
    /// `<version>.checkpoint.<part>.<parts>.parquet`, every part present.
    case multiPart(parts: Int)
    /// A UUID-named V2 checkpoint (JSON or Parquet) whose sidecars hold the file actions.
    case v2(format: V2Format)

    public enum V2Format: String, Sendable, Hashable { case json, parquet }

    public var description: String {
        switch self {
        case .classic: return "classic"
        case let .multiPart(parts): return "multi-part (\(parts) parts)"
        case let .v2(format): return "v2 (\(format.rawValue))"
        }
    }
}

/// The newest checkpoint of a table, for `describe`.
public struct CheckpointSummary: Sendable, Hashable {
    public var version: Int64
    public var kind: CheckpointKind
    public var files: [String]
    public var sizeInBytes: Int64
    /// What `_last_checkpoint` says, when it is readable and names this version.
    public var lastCheckpoint: LastCheckpoint?
}

/// Writes checkpoints and cleans up the log behind them, through the storage contract.
public struct CheckpointWriter: Sendable {
    public let loader: SnapshotLoader
    public var storage: any TableStorage { loader.storage }

    public init(loader: SnapshotLoader) {
        self.loader = loader
    }

    /// Rows per slice of a checkpoint being written (and per row group): bounds the memory a
    /// checkpoint of millions of files needs, and gives readers row groups to decode in parallel.
    static let rowsPerGroup = 65_536

    /// Writes a classic checkpoint of `snapshot`, then `_last_checkpoint`, then (when `cleanup`
    /// is true and `delta.enableExpiredLogCleanup` is not false) deletes log files older than
    /// `delta.logRetentionDuration` that the checkpoint makes unnecessary.
    ///
    /// Steps, each a crash point of `spec/checkpoints.md` (a crash anywhere leaves a table that
    /// loads to the same snapshot):
    /// 1. the rows are written to `_delta_log/.tmp-<uuid>.checkpoint.parquet`, fsynced, closed;
    /// 2. the file is published as `<version>.checkpoint.parquet` by link-if-absent (a checkpoint
    ///    another writer published first wins; ours is discarded), then the directory is fsynced;
    /// 3. `_last_checkpoint` is replaced atomically (rename) unless it names a newer checkpoint;
    /// 4. expired log files are deleted oldest first.
    public func write(_ snapshot: Snapshot, cleanup: Bool) throws -> CheckpointInfo {
        try TableFeatures.checkWritable(snapshot.protocolAction, tablePath: storage.root)
        let now = WallClock.nowMillis()
        let encoder = try CheckpointEncoder(snapshot: snapshot, nowMillis: now)
        let name = LogFileName.checkpoint(snapshot.version)
        let finalPath = SnapshotLoader.logPath(name)
        let tempPath = SnapshotLoader.logPath(".tmp-" + RandomID.uuid() + ".checkpoint.parquet")

        var options = ParquetWriterOptions()
        options.codec = .snappy
        options.rowGroupMaxRows = Self.rowsPerGroup
        options.rowGroupTargetBytes = 256 << 20
        options.syncOnClose = true
        let file = try storage.createNew(tempPath)
        let writer = try ParquetFileWriter(output: file, schema: encoder.schema, options: options)
        let slices = stride(from: 0, to: encoder.rowCount, by: Self.rowsPerGroup).map {
            $0..<min(encoder.rowCount, $0 + Self.rowsPerGroup)
        }
        // Slice i + 1 is encoded on another thread while slice i is written: at most two slices
        // are in memory at once.
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
            try storage.replace(SnapshotLoader.logPath("_last_checkpoint"), contents: hint.encoded())
        }
        var deleted: [String] = []
        if cleanup, snapshot.properties.enableExpiredLogCleanup {
            deleted = try cleanupExpiredLogs(retentionMillis: snapshot.properties.logRetentionMillis, nowMillis: now)
        }
        return CheckpointInfo(version: snapshot.version, fileName: name, actions: Int64(encoder.rowCount),
                              numOfAddFiles: Int64(encoder.addCount), sizeInBytes: size, created: created,
                              deletedLogFiles: deleted)
    }

    /// Deletes the `_delta_log/` files that the retention lets go: only versions before a
    /// checkpoint, older than `retentionMillis`, oldest first, so that every version inside the
    /// window stays reconstructible and a crash midway leaves a valid log. Also removes
    /// temporary files of checkpoints or commits that crashed more than a day ago. Returns the
    /// deleted file names.
    public func cleanupExpiredLogs(retentionMillis: Int64, nowMillis: Int64) throws -> [String] {
        let listing = try loader.listing()
        var deleted: [String] = []
        for file in LogCleanup.expiredFiles(listing: listing, retentionMillis: retentionMillis, nowMillis: nowMillis) {
            if try storage.delete(SnapshotLoader.logPath(file.name)) { deleted.append(file.name) }
        }
        for file in listing where file.name.hasPrefix(".tmp-") && file.modificationTime < nowMillis - 86_400_000 {
            _ = try? storage.delete(SnapshotLoader.logPath(file.name))
        }
        return deleted
    }

    /// `_last_checkpoint` if it is present and well-formed (it is only a hint: the listing decides).
    public func readLastCheckpoint() -> LastCheckpoint? {
        guard let bytes = try? storage.read(SnapshotLoader.logPath("_last_checkpoint")) else { return nil }
        return LastCheckpoint.parse(bytes)
    }

    /// The newest complete checkpoint at or before `version` (nil = latest), if any.
    public func latestCheckpoint(version: Int64? = nil) throws -> CheckpointSummary? {
        let listing = try loader.listing()
        let segment = try LogSegment.build(listing: listing, version: version)
        guard let v = segment.checkpointVersion else { return nil }
        let kind: CheckpointKind
        switch LogFileName(segment.checkpointFiles[0].name) {
        case let .multiPartCheckpoint(_, _, parts)?: kind = .multiPart(parts: parts)
        case let .v2Checkpoint(_, _, format)?: kind = .v2(format: format == "json" ? .json : .parquet)
        default: kind = .classic
        }
        let hint = readLastCheckpoint().flatMap { $0.version == v ? $0 : nil }
        return CheckpointSummary(version: v, kind: kind, files: segment.checkpointFiles.map(\.name),
                                 sizeInBytes: segment.checkpointFiles.reduce(0) { $0 + $1.size }, lastCheckpoint: hint)
    }

    /// After a commit of `version`: a checkpoint when `interval` (the table's
    /// `delta.checkpointInterval` as the committing transaction read it) says one is due. Never
    /// throws — the commit is already durable, and a checkpoint that fails now is simply written
    /// by a later commit (readers replay the JSON commits meanwhile). The snapshot is only loaded
    /// when a checkpoint is due.
    func writeIfDue(version: Int64, interval: Int) {
        guard version > 0, interval > 0, version % Int64(interval) == 0 else { return }
        guard let snapshot = try? loader.snapshot(version: version) else { return }
        _ = try? write(snapshot, cleanup: true)
    }
}

/// One slice of checkpoint rows, encoded on another thread.
private final class EncodedSlice: @unchecked Sendable {
    // Safe: `result` is written once by the encoding task before `done.leave()` and read only
    // after `done.wait()`.
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
