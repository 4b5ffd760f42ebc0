import Columnar
import DeltaLog
import DeltaStorage
import Foundation

/// Reads a table's `_delta_log`: lists it, picks the log segment for a version, reads and
/// parses the commits (in parallel), and replays them into a `Snapshot`.
struct TableLog: Sendable {
    let storage: any TableStorage
    /// The latest snapshot this table handle has built, updated incrementally from new commits.
    let cache = SnapshotCache()

    static let directory = "_delta_log"

    /// Every entry of `_delta_log` as `LogFile`s.
    func listing() throws -> [LogFile] {
        try storage.list(directory: Self.directory)
            .filter { !$0.isDirectory }
            .map { LogFile(name: $0.name, size: $0.size, modificationTime: $0.modificationTime) }
    }

    /// The latest version, or nil when the directory holds no commit.
    func latestVersion() throws -> Int64? {
        latestVersion(try listing())
    }

    /// Parses one commit file.
    func readCommit(_ version: Int64) throws -> [Action] {
        let path = Self.directory + "/" + LogFileName.commit(version)
        let bytes = try storage.read(path)
        return try ActionCodec.parseCommit(bytes, path: storage.root + "/" + path)
    }

    /// The snapshot at `version` (nil = latest).
    func snapshot(version: Int64? = nil) throws -> Snapshot {
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
                if version == nil || target == versions.last { cache.set(snap) }
                return snap
            }
        }
        guard !files.isEmpty else {
            throw DeltaError(.notATable, "no Delta table at \(storage.root): it has no _delta_log directory or the directory is empty; create one with `deltactl create` or `deltactl write`",
                             path: storage.root)
        }
        let segment = try LogSegment.build(listing: files, version: version)
        let versions = segment.commitVersions
        let commits = try parallelMap(versions.count, maxWorkers: Self.readWorkers(versions.count)) { i -> (version: Int64, actions: [Action]) in
            (versions[i], try readCommit(versions[i]))
        }
        // Refuse an unreadable protocol among the commits before touching the checkpoint.
        try checkReadable(commits)
        // Replay streams: the checkpoint a row group at a time, then the commits in order.
        var replay = ReplayAccumulator(expectedFiles: segment.checkpointFiles.isEmpty ? 0 : 1024)
        var base: (version: Int64, timestamp: Int64)? = nil
        var configuration: [String: String] = [:]
        if let cv = segment.checkpointVersion {
            try CheckpointReader(storage: storage).read(segment.checkpointFiles) { replay.apply($0) }
            configuration = replay.metadata?.configuration ?? [:]
            // The commits had no protocol: the checkpoint's is the table's.
            try checkReadable(commits, otherwise: replay.protocolAction)
            base = (cv, try checkpointTimestamp(version: cv, listing: files, segment: segment, configuration: configuration))
        }
        var timestamps = try Self.commitTimestamps(
            mtimes: zip(segment.commits, commits).map { ($1.version, $0.modificationTime) }, commits: commits,
            base: base, configuration: configuration)
        if let base { timestamps[base.version] = base.timestamp }
        for commit in commits { replay.apply(commit.actions) }
        if let first = commits.first {
            replay.logRange = "\(segment.checkpointVersion == nil ? "" : "the checkpoint and ")versions \(first.version)…\(segment.version)"
        } else {
            replay.logRange = "the checkpoint of version \(segment.version)"
        }
        let snapshot = try replay.snapshot(version: segment.version, commitTimestamps: timestamps,
                                           schemaParser: SchemaJSON.parse)
        if let latest = latestVersion(files), snapshot.version == latest { cache.set(snapshot) }
        return snapshot
    }

    /// The commit timestamp of a checkpoint's version: its in-commit timestamp when the table
    /// records them and the commit is still there, else the commit file's modification time,
    /// else (the commit was cleaned up) the checkpoint file's.
    private func checkpointTimestamp(version: Int64, listing: [LogFile], segment: LogSegment,
                                     configuration: [String: String]) throws -> Int64 {
        let name = LogFileName.commit(version)
        if let commit = listing.first(where: { $0.name == name }) {
            let properties = TableProperties(configuration)
            if properties.enableInCommitTimestamps, version >= (properties.inCommitTimestampEnablementVersion ?? 0) {
                for case let .commitInfo(info) in try readCommit(version) {
                    if let t = info.inCommitTimestamp { return t }
                }
            }
            return commit.modificationTime
        }
        return segment.checkpointFiles.map(\.modificationTime).max() ?? 0
    }

    /// The latest version in a listing: the newest commit, or a newer checkpoint.
    func latestVersion(_ listing: [LogFile]) -> Int64? {
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

    /// `base` advanced by the commits base.version+1 … target (all present in `listing`).
    private func advance(_ base: Snapshot, to target: Int64, listing: [LogFile]) throws -> Snapshot {
        let byVersion = Dictionary(LogSegment.commitFiles(in: listing).map { ($0.version, $0.file) },
                                   uniquingKeysWith: { a, _ in a })
        let versions = Array((base.version + 1)...target)
        let commits = try parallelMap(versions.count, maxWorkers: Self.readWorkers(versions.count)) { i -> (version: Int64, actions: [Action]) in
            (versions[i], try readCommit(versions[i]))
        }
        try checkReadable(commits)
        // Timestamps continue the sequence from the base snapshot's.
        let timestamps = try Self.commitTimestamps(
            mtimes: versions.map { ($0, byVersion[$0]!.modificationTime) }, commits: commits,
            base: (base.version, base.timestampMillis), configuration: base.metadata.configuration)
        var replay = ReplayAccumulator(snapshot: base)
        for commit in commits { replay.apply(commit.actions) }
        replay.logRange = "the snapshot of version \(base.version) and versions \(base.version + 1)…\(target)"
        return try replay.snapshot(version: target, commitTimestamps: timestamps, schemaParser: SchemaJSON.parse)
    }

    /// Threads for reading `count` commit files: parallel only when there are many. A few small
    /// files gain nothing from it, and reading them in order keeps the sequence of storage calls
    /// deterministic (the fault-injection tests name calls by their position).
    static func readWorkers(_ count: Int) -> Int {
        count >= 32 ? ProcessorCount.active : 1
    }

    /// Refuses a table we cannot read by its newest protocol among `commits` (else by `otherwise`,
    /// the protocol the commits build on), before any schema is parsed, so that the error names
    /// the feature (an unknown column type would fail first otherwise).
    func checkReadable(_ commits: [(version: Int64, actions: [Action])], otherwise: DeltaProtocol? = nil) throws {
        let newest = Self.newest(commits) { action -> DeltaProtocol? in
            if case let .protocol(p) = action { return p }
            return nil
        }
        if let p = newest ?? otherwise {
            try TableFeatures.checkReadable(p, tablePath: storage.root)
        }
    }

    /// Commit timestamps as the protocol defines them (`CommitTimestamps.combined`): monotonized
    /// file modification times, and each commit's in-commit timestamp from the enablement version
    /// the table's properties name on. `base` is an already-known earlier commit the sequence
    /// continues from; `configuration` is the table's properties when `commits` has no metaData.
    static func commitTimestamps(mtimes: [(version: Int64, modificationTime: Int64)],
                                 commits: [(version: Int64, actions: [Action])],
                                 base: (version: Int64, timestamp: Int64)? = nil,
                                 configuration: [String: String] = [:]) throws -> [Int64: Int64] {
        let latest = newest(commits) { action -> [String: String]? in
            if case let .metadata(m) = action { return m.configuration }
            return nil
        }
        let properties = TableProperties(latest ?? configuration)
        let enablement = properties.enableInCommitTimestamps ? (properties.inCommitTimestampEnablementVersion ?? 0) : nil
        var inCommit: [Int64: Int64] = [:]
        for commit in commits {
            for case let .commitInfo(info) in commit.actions {
                if let t = info.inCommitTimestamp { inCommit[commit.version] = t }
            }
        }
        var all = mtimes
        if let base {
            all.insert((base.version, base.timestamp), at: 0)
            inCommit[base.version] = base.timestamp
        }
        var out: [Int64: Int64] = [:]
        for t in try CommitTimestamps.combined(modificationTimes: all, inCommitTimestamps: inCommit, enablementVersion: enablement)
        where t.version != base?.version {
            out[t.version] = t.timestamp
        }
        return out
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

/// The latest snapshot a table handle has built (thread-safe).
final class SnapshotCache: @unchecked Sendable {
    // Safe: `snapshot` is only touched under `lock`.
    private var snapshot: Snapshot?
    private let lock = NSLock()

    func get() -> Snapshot? {
        lock.lock()
        defer { lock.unlock() }
        return snapshot
    }

    /// Keeps `s` if it is newer than what is cached.
    func set(_ s: Snapshot) {
        lock.lock()
        defer { lock.unlock() }
        if snapshot.map({ $0.version < s.version }) ?? true { snapshot = s }
    }
}
