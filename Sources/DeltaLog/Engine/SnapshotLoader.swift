import Columnar
import Synchronization

/// Loads a table's snapshots from its `_delta_log/` through the storage contract: lists the log,
/// picks the log segment for a version (newest checkpoint at or before it, then the commits
/// after it), reads and parses the commits (in parallel when there are many), streams the
/// checkpoint a row group at a time, and replays everything into a `Snapshot`.
///
/// Every snapshot, time travel by timestamp and history assign commit timestamps by one rule,
/// `CommitTimeline`. A loader keeps the newest snapshot it built and advances it by the commits
/// after it, so the handle of a table that is written often does not replay from scratch.
public struct SnapshotLoader: Sendable {
    public let storage: any TableStorage
    /// The latest snapshot this loader has built, updated incrementally from new commits.
    private let cache = SnapshotCache()

    /// The log directory relative to the table root.
    public static let logDirectory = "_delta_log"

    public init(storage: any TableStorage) {
        self.storage = storage
    }

    /// `_delta_log/<name>`.
    public static func logPath(_ name: String) -> String { logDirectory + "/" + name }

    // MARK: Listing and commits

    /// Every file in `_delta_log/` (directories left out), in byte order of name.
    public func listing() throws -> [LogFile] {
        try storage.list(directory: Self.logDirectory)
            .filter { !$0.isDirectory }
            .map { LogFile(name: $0.name, size: $0.size, modificationTime: $0.modificationTime) }
    }

    /// The latest version, or nil when the directory holds no commit or checkpoint.
    public func latestVersion() throws -> Int64? {
        Self.latestVersion(in: try listing())
    }

    /// The latest version in a listing: the newest commit, or a newer checkpoint.
    static func latestVersion(in listing: [LogFile]) -> Int64? {
        var latest: Int64? = nil
        for f in listing {
            switch LogFileName(f.name) {
            case let .commit(v)?, let .checkpoint(v)?, let .multiPartCheckpoint(v, _, _)?, let .v2Checkpoint(v, _, _)?:
                latest = max(latest ?? v, v)
            default: continue
            }
        }
        return latest
    }

    /// Parses one commit file.
    public func readCommit(_ version: Int64) throws -> [Action] {
        let path = Self.logPath(LogFileName.commit(version))
        let bytes = try storage.read(path)
        return try ActionCodec.parseCommit(bytes, path: storage.describe(path))
    }

    /// Parses the commits of `versions` in order, in parallel when there are many.
    func readCommits(_ versions: [Int64]) throws -> [(version: Int64, actions: [Action])] {
        try parallelMap(versions.count, maxWorkers: Self.readWorkers(versions.count)) { i -> (version: Int64, actions: [Action]) in
            (versions[i], try readCommit(versions[i]))
        }
    }

    /// Threads for reading `count` commit files: parallel only when there are many. A few small
    /// files gain nothing from it, and reading them in order keeps the sequence of storage calls
    /// deterministic (the fault-injection tests name calls by their position).
    static func readWorkers(_ count: Int) -> Int {
        count >= 32 ? ProcessorCount.active : 1
    }

    private func notATable() -> DeltaError {
        DeltaError(.notATable, "no Delta table at \(storage.root): it has no _delta_log directory or the directory holds no commit; create the table first",
                   path: storage.root)
    }

    // MARK: Snapshots

    /// The snapshot at `version` (nil = latest).
    public func snapshot(version: Int64? = nil) throws -> Snapshot {
        let files = try listing()
        // Incremental path: the cached snapshot plus the commits after it, when they are all
        // present (no cleanup in between) and the target is at or after it.
        if let cached = cache.get() {
            let versions = LogSegment.commitVersions(in: files)
            let target = version ?? versions.last ?? -1
            if target == cached.version { return cached }
            if target > cached.version, let latest = versions.last, target <= latest,
               Set(versions).isSuperset(of: (cached.version + 1)...target) {
                let snap = try advance(cached, to: target, listing: files)
                if target == latest { cache.set(snap) }
                return snap
            }
        }
        guard !files.isEmpty else { throw notATable() }
        let segment = try LogSegment.build(listing: files, version: version)
        let commits = try readCommits(segment.commitVersions)
        // Refuse an unreadable protocol among the commits before touching the checkpoint.
        let commitProtocol = Self.newest(commits) { action -> DeltaProtocol? in
            if case let .protocol(p) = action { return p }
            return nil
        }
        if let commitProtocol { try TableFeatures.checkReadable(commitProtocol, tablePath: storage.root) }
        // Replay streams: the checkpoint a row group at a time, then the commits in order.
        var replay = ReplayAccumulator(expectedFiles: segment.checkpointFiles.isEmpty ? 0 : 1024)
        if segment.checkpointVersion != nil {
            try CheckpointReader(storage: storage).read(segment.checkpointFiles) { replay.apply($0) }
            // The commits had no protocol: the checkpoint's is the table's.
            if commitProtocol == nil, let p = replay.protocolAction {
                try TableFeatures.checkReadable(p, tablePath: storage.root)
            }
        }
        for commit in commits { replay.apply(commit.actions) }
        if let first = commits.first {
            replay.logRange = "\(segment.checkpointVersion == nil ? "" : "the checkpoint and ")versions \(first.version)…\(segment.version)"
        } else {
            replay.logRange = "the checkpoint of version \(segment.version)"
        }
        let timestamp = try commitTimestamp(of: segment.version, listing: files, commits: commits,
                                            configuration: replay.metadata?.configuration ?? [:],
                                            checkpointFiles: segment.checkpointFiles)
        let snapshot = try replay.snapshot(version: segment.version, timestampMillis: timestamp,
                                           schemaParser: SchemaJSON.parse)
        if let latest = Self.latestVersion(in: files), snapshot.version == latest { cache.set(snapshot) }
        return snapshot
    }

    /// `base` advanced by the commits base.version+1 … target (all present in `listing`).
    private func advance(_ base: Snapshot, to target: Int64, listing: [LogFile]) throws -> Snapshot {
        let commits = try readCommits(Array((base.version + 1)...target))
        if let p = Self.newest(commits, { action -> DeltaProtocol? in
            if case let .protocol(p) = action { return p }
            return nil
        }) {
            try TableFeatures.checkReadable(p, tablePath: storage.root)
        }
        var replay = ReplayAccumulator(snapshot: base)
        for commit in commits { replay.apply(commit.actions) }
        replay.logRange = "the snapshot of version \(base.version) and versions \(base.version + 1)…\(target)"
        let timestamp = try commitTimestamp(of: target, listing: listing, commits: commits,
                                            configuration: replay.metadata?.configuration ?? [:], checkpointFiles: [])
        return try replay.snapshot(version: target, timestampMillis: timestamp, schemaParser: SchemaJSON.parse)
    }

    /// The commit timestamp of `version` by `CommitTimeline`'s rule under the version's own
    /// properties. `commits` are commits already read (the version's own among them, unless it
    /// is a checkpoint's version); a checkpoint whose commit was cleaned up takes the checkpoint
    /// file's modification time.
    private func commitTimestamp(of version: Int64, listing: [LogFile], commits: [(version: Int64, actions: [Action])],
                                 configuration: [String: String], checkpointFiles: [LogFile]) throws -> Int64 {
        let timeline = CommitTimeline(listing: listing, upTo: version, properties: TableProperties(configuration))
        let read = commits
        let found = try timeline.timestamp(of: version) { v in
            if let c = read.last(where: { $0.version == v }) { return CommitTimeline.inCommitTimestamp(in: c.actions) }
            return CommitTimeline.inCommitTimestamp(in: try readCommit(v))
        }
        return found ?? checkpointFiles.map(\.modificationTime).max() ?? 0
    }

    // MARK: Time travel and history

    /// The latest version committed at or before `time`: commit timestamps by `CommitTimeline`
    /// under the latest version's properties. Throws `.versionNotFound` when `time` is before
    /// the earliest retained commit or after the latest.
    public func version(at time: PointInTime) throws -> Int64 {
        let files = try listing()
        guard LogSegment.commitVersions(in: files).last != nil else { throw notATable() }
        let latest = try snapshot()
        let timeline = CommitTimeline(listing: files, upTo: nil, properties: latest.properties)
        return try timeline.version(at: time.millisecondsSinceEpoch) { v in
            CommitTimeline.inCommitTimestamp(in: try readCommit(v))
        }
    }

    /// The table as it was at `time` (see `version(at:)`).
    public func snapshot(at time: PointInTime) throws -> Snapshot {
        try snapshot(version: try version(at: time))
    }

    /// Retained commits newest first (at most `limit`), with the timestamps time travel
    /// resolves against.
    public func history(limit: Int? = nil) throws -> [HistoryEntry] {
        let files = try listing()
        guard LogSegment.commitVersions(in: files).last != nil else { throw notATable() }
        let latest = try snapshot()
        let timeline = CommitTimeline(listing: files, upTo: nil, properties: latest.properties)
        var versions = Array(timeline.versions.reversed())
        if let limit { versions = Array(versions.prefix(max(0, limit))) }
        let picked = versions
        return try parallelMap(picked.count, maxWorkers: Self.readWorkers(picked.count)) { i -> HistoryEntry in
            let actions = try readCommit(picked[i])
            var info: CommitInfo? = nil
            for case let .commitInfo(ci) in actions { info = ci; break }
            let timestamp = try timeline.timestamp(of: picked[i]) { _ in CommitTimeline.inCommitTimestamp(in: actions) }
            return HistoryEntry(version: picked[i], timestamp: PointInTime(millisecondsSinceEpoch: timestamp ?? 0),
                                commitInfo: info)
        }
    }

    /// The value `pick` finds in the newest action that has one.
    static func newest<T>(_ commits: [(version: Int64, actions: [Action])], _ pick: (Action) -> T?) -> T? {
        for commit in commits.reversed() {
            for action in commit.actions.reversed() {
                if let v = pick(action) { return v }
            }
        }
        return nil
    }
}

/// One commit of a table's history.
public struct HistoryEntry: Sendable {
    public var version: Int64
    /// The commit's timestamp by `CommitTimeline`'s rule — the one time travel resolves against.
    public var timestamp: PointInTime
    public var commitInfo: CommitInfo?

    public init(version: Int64, timestamp: PointInTime, commitInfo: CommitInfo?) {
        self.version = version
        self.timestamp = timestamp
        self.commitInfo = commitInfo
    }
}

/// The latest snapshot a loader has built (thread-safe).
final class SnapshotCache: Sendable {
    private let snapshot = Mutex<Snapshot?>(nil)

    func get() -> Snapshot? {
        snapshot.withLock { $0 }
    }

    /// Keeps `s` if it is newer than what is cached.
    func set(_ s: Snapshot) {
        snapshot.withLock { current in
            if current.map({ $0.version < s.version }) ?? true { current = s }
        }
    }
}
