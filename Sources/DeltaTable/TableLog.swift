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

    /// Versions of every commit file present, ascending.
    func commitVersions(_ listing: [LogFile]) -> [Int64] {
        listing.compactMap { f -> Int64? in
            if case let .commit(v)? = LogFileName(f.name) { return v }
            return nil
        }.sorted()
    }

    /// The latest version, or nil when the directory holds no commit.
    func latestVersion() throws -> Int64? {
        commitVersions(try listing()).last
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
            let versions = commitVersions(files)
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
        // Checkpoints are read by a later version; until then replay from the JSON commits,
        // which must all be present.
        let commitsOnly = files.filter {
            switch LogFileName($0.name) {
            case .commit?: return true
            default: return false
            }
        }
        let segment: LogSegment
        do {
            segment = try LogSegment.build(listing: commitsOnly, version: version)
        } catch let e as DeltaError where e.code == .notATable || e.code == .versionNotFound || e.code == .versionGap {
            // Distinguish "needs a checkpoint" from a genuinely missing version.
            let hasCheckpoint = files.contains {
                switch LogFileName($0.name) {
                case .checkpoint?, .multiPartCheckpoint?, .v2Checkpoint?: return true
                default: return false
                }
            }
            if hasCheckpoint, commitVersions(files).first.map({ $0 > 0 }) ?? true {
                throw DeltaError(.unsupportedFeature, "the table's early commits were cleaned up and only a checkpoint remains; reading checkpoints comes in a later version of this engine (\(e.message))",
                                 path: storage.root)
            }
            throw e
        }
        let commits = try parallelMap(segment.commits.count) { i -> (version: Int64, actions: [Action]) in
            let file = segment.commits[i]
            guard case let .commit(v)? = LogFileName(file.name) else {
                throw DeltaError(.corruptLog, "unexpected log file \(file.name)", path: storage.root)
            }
            return (v, try readCommit(v))
        }
        // Refuse tables we cannot read by their protocol first, so the error names the feature
        // (a schema of an unknown type would otherwise fail earlier, less helpfully).
        if let latestProtocol = commits.reversed().lazy.compactMap({ commit in
            commit.actions.reversed().lazy.compactMap { action -> DeltaProtocol? in
                if case let .protocol(p) = action { return p }
                return nil
            }.first
        }).first {
            try TableFeatures.checkReadable(latestProtocol, tablePath: storage.root)
        }
        let timestamps = Self.commitTimestamps(segment.commits, commits: commits)
        let snapshot = try LogReplay.snapshot(version: segment.version, checkpointActions: [], commits: commits,
                                              commitTimestamps: timestamps, schemaParser: SchemaJSON.parse)
        try TableFeatures.checkReadable(snapshot.protocolAction, tablePath: storage.root)
        if let latest = commitVersions(files).last, snapshot.version == latest { cache.set(snapshot) }
        return snapshot
    }

    /// `base` advanced by the commits base.version+1 … target (all present in `listing`).
    private func advance(_ base: Snapshot, to target: Int64, listing: [LogFile]) throws -> Snapshot {
        let byVersion = Dictionary(listing.compactMap { f -> (Int64, LogFile)? in
            if case let .commit(v)? = LogFileName(f.name) { return (v, f) }
            return nil
        }, uniquingKeysWith: { a, _ in a })
        let versions = Array((base.version + 1)...target)
        let commits = try parallelMap(versions.count) { i -> (version: Int64, actions: [Action]) in
            (versions[i], try readCommit(versions[i]))
        }
        for commit in commits {
            for case let .protocol(p) in commit.actions { try TableFeatures.checkReadable(p, tablePath: storage.root) }
        }
        // Timestamps continue the monotonized sequence from the base snapshot's.
        var mtimes: [(version: Int64, modificationTime: Int64)] = [(base.version, base.timestampMillis)]
        for v in versions { mtimes.append((v, byVersion[v]!.modificationTime)) }
        var timestamps: [Int64: Int64] = [:]
        for t in CommitTimestamps.monotonized(mtimes) where t.version != base.version { timestamps[t.version] = t.timestamp }
        for commit in commits {
            for case let .commitInfo(info) in commit.actions {
                if let ict = info.inCommitTimestamp { timestamps[commit.version] = ict }
            }
        }
        return try LogReplay.snapshot(version: target, checkpointActions: base.stateActions, commits: commits,
                                      commitTimestamps: timestamps, schemaParser: SchemaJSON.parse)
    }

    /// Commit timestamps: in-commit timestamps where the commitInfo carries one, monotonized
    /// file modification times otherwise.
    static func commitTimestamps(_ files: [LogFile], commits: [(version: Int64, actions: [Action])]) -> [Int64: Int64] {
        var mtimes: [(version: Int64, modificationTime: Int64)] = []
        for (file, commit) in zip(files, commits) {
            mtimes.append((commit.version, file.modificationTime))
        }
        var out: [Int64: Int64] = [:]
        for t in CommitTimestamps.monotonized(mtimes) { out[t.version] = t.timestamp }
        for commit in commits {
            for case let .commitInfo(info) in commit.actions {
                if let ict = info.inCommitTimestamp { out[commit.version] = ict }
            }
        }
        return out
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

extension Snapshot {
    /// The snapshot's state as checkpoint-like actions, to replay newer commits on top of it.
    var stateActions: [Action] {
        var out: [Action] = [.protocol(protocolAction), .metadata(metadata)]
        out.reserveCapacity(files.count + tombstones.count + transactions.count + domainMetadata.count + 2)
        for f in files { out.append(.add(f)) }
        for t in tombstones { out.append(.remove(t)) }
        for t in transactions.values { out.append(.txn(t)) }
        for d in domainMetadata.values { out.append(.domainMetadata(d)) }
        return out
    }
}
