import Columnar
import DeltaLog
import DeltaStorage

/// Reads a table's `_delta_log`: lists it, picks the log segment for a version, reads and
/// parses the commits (in parallel), and replays them into a `Snapshot`.
struct TableLog: Sendable {
    let storage: any TableStorage

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
        return snapshot
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
