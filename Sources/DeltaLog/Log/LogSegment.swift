/// The files that make one version of a table: the newest complete checkpoint at or before the
/// version (if any) and every commit after it up to the version.
///
/// Built from a plain listing of `_delta_log/` — this type does no I/O. The listing is the only
/// source of truth; `_last_checkpoint` is a hint that may be stale, torn or missing.
public struct LogSegment: Sendable, Hashable {
    /// The snapshot version.
    public var version: Int64
    public var checkpointVersion: Int64?
    /// All parts of the chosen checkpoint, in part order; empty if none.
    public var checkpointFiles: [LogFile]
    /// Commit files after the checkpoint up to `version`: ascending and contiguous.
    public var commits: [LogFile]

    public init(version: Int64, checkpointVersion: Int64?, checkpointFiles: [LogFile], commits: [LogFile]) {
        self.version = version
        self.checkpointVersion = checkpointVersion
        self.checkpointFiles = checkpointFiles
        self.commits = commits
    }

    /// The versions of `commits`, ascending.
    public var commitVersions: [Int64] {
        let first = (checkpointVersion ?? -1) + 1
        return commits.indices.map { first + Int64($0) }
    }

    /// Builds the segment for `version` (nil = latest) from an unsorted listing of `_delta_log/`.
    ///
    /// - The newest *complete* checkpoint ≤ target is chosen (a multi-part set with a part missing
    ///   is ignored). At one version a classic single file is preferred over a multi-part set,
    ///   and both over a V2 checkpoint.
    /// - Commits checkpoint+1 (or 0) … target must all be present, else `.versionGap`.
    /// - No commit and no checkpoint → `.notATable`; target > latest → `.versionNotFound`;
    ///   target before the earliest reconstructible version → `.versionNotFound` naming it.
    /// - `lastCheckpointHint` never overrides the listing; it only sharpens error messages when it
    ///   names a checkpoint the listing does not have.
    public static func build(listing: [LogFile], version: Int64? = nil, lastCheckpointHint: Int64? = nil) throws -> LogSegment {
        var commits: [Int64: LogFile] = [:]
        commits.reserveCapacity(listing.count)
        var checkpoints = CheckpointCandidates()
        for file in listing {
            guard let name = LogFileName(file.name) else { continue }
            switch name {
            case let .commit(v): commits[v] = file
            case .checkpoint, .multiPartCheckpoint, .v2Checkpoint: checkpoints.insert(name, file)
            case .compacted, .crc, .lastCheckpoint: continue
            }
        }
        let complete = checkpoints.complete()  // version → files, only complete sets
        guard let latestCommit = commits.keys.max() ?? complete.keys.max() else {
            throw DeltaError(.notATable, "_delta_log has no commit and no checkpoint: this is not a Delta table (or its log was deleted)")
        }
        let latest = max(latestCommit, complete.keys.max() ?? latestCommit)
        let target = version ?? latest
        if target < 0 {
            throw DeltaError(.versionNotFound, "version \(target) does not exist: versions start at 0")
        }
        if target > latest {
            throw DeltaError(.versionNotFound, "version \(target) does not exist; the latest is \(latest)")
        }

        // The earliest version we can rebuild: 0 if commit 0 is there, else the oldest checkpoint.
        let earliest: Int64? = commits[0] != nil ? 0 : complete.keys.min()
        guard let earliest else {
            let firstCommit = commits.keys.min() ?? 0
            throw DeltaError(.versionGap,
                "versions 0 to \(firstCommit - 1) are missing and no checkpoint covers them: the table's log is incomplete"
                + hintNote(lastCheckpointHint, complete))
        }
        if target < earliest {
            throw DeltaError(.versionNotFound,
                "version \(target) is no longer reconstructible: its commits were cleaned up; the earliest available version is \(earliest)")
        }

        let checkpointVersion = complete.keys.filter { $0 <= target }.max()
        let first = (checkpointVersion ?? -1) + 1
        var segmentCommits: [LogFile] = []
        segmentCommits.reserveCapacity(Int(max(0, target - first + 1)))
        var missing: [ClosedRange<Int64>] = []
        if first <= target {
            for v in first...target {
                if let file = commits[v] {
                    segmentCommits.append(file)
                } else if let last = missing.last, last.upperBound == v - 1 {
                    missing[missing.count - 1] = last.lowerBound...v
                } else {
                    missing.append(v...v)
                }
            }
        }
        if !missing.isEmpty {
            let ranges = missing.prefix(3).map { $0.count == 1 ? "version \($0.lowerBound) is" : "versions \($0.lowerBound) to \($0.upperBound) are" }
            throw DeltaError(.versionGap,
                "cannot build version \(target): \(ranges.joined(separator: ", ")) missing from _delta_log; the log is incomplete"
                + hintNote(lastCheckpointHint, complete))
        }
        let segment = LogSegment(version: target, checkpointVersion: checkpointVersion,
                                 checkpointFiles: checkpointVersion.map { complete[$0]! } ?? [],
                                 commits: segmentCommits)
        segment.checkInvariants()
        return segment
    }

    /// All commit versions in the listing, ascending (for history and time travel).
    public static func commitVersions(in listing: [LogFile]) -> [Int64] {
        commitFiles(in: listing).map(\.version)
    }

    /// All commit files in the listing with their versions, ascending by version.
    public static func commitFiles(in listing: [LogFile]) -> [(version: Int64, file: LogFile)] {
        var result: [(version: Int64, file: LogFile)] = []
        for file in listing {
            if case let .commit(v)? = LogFileName(file.name) { result.append((v, file)) }
        }
        result.sort { $0.version < $1.version }
        return result
    }

    /// Traps if the segment is inconsistent (debug builds only).
    public func checkInvariants() {
        #if DEBUG
        precondition(version >= 0, "LogSegment: negative version")
        precondition((checkpointVersion == nil) == checkpointFiles.isEmpty, "LogSegment: checkpoint files without version")
        let first = (checkpointVersion ?? -1) + 1
        precondition(Int64(commits.count) == version - first + 1, "LogSegment: commits do not reach the version")
        for (i, file) in commits.enumerated() {
            precondition(LogFileName(file.name) == .commit(version: first + Int64(i)), "LogSegment: commits not contiguous")
        }
        #endif
    }

    private static func hintNote(_ hint: Int64?, _ complete: [Int64: [LogFile]]) -> String {
        guard let hint, complete[hint] == nil else { return "" }
        return " (_last_checkpoint names a checkpoint at version \(hint) that is not in the listing; it was ignored)"
    }
}

/// Checkpoint files of a listing grouped into sets.
private struct CheckpointCandidates {
    private var single: [Int64: LogFile] = [:]
    /// version → parts count → part number → file
    private var multi: [Int64: [Int: [Int: LogFile]]] = [:]
    private var v2: [Int64: [LogFile]] = [:]

    mutating func insert(_ name: LogFileName, _ file: LogFile) {
        switch name {
        case let .checkpoint(v): single[v] = file
        case let .multiPartCheckpoint(v, part, parts): multi[v, default: [:]][parts, default: [:]][part] = file
        case let .v2Checkpoint(v, _, _): v2[v, default: []].append(file)
        default: break
        }
    }

    /// Version → the files of its preferred complete checkpoint.
    func complete() -> [Int64: [LogFile]] {
        var result: [Int64: [LogFile]] = [:]
        for (v, files) in v2 {
            // Several V2 checkpoints of one version are equivalent: take one deterministically.
            result[v] = [files.min { $0.name < $1.name }!]
        }
        for (v, sets) in multi {
            // The complete set with the fewest parts (any complete set is equivalent).
            for parts in sets.keys.sorted() {
                let set = sets[parts]!
                if set.count == parts {
                    result[v] = (1...parts).map { set[$0]! }
                    break
                }
            }
        }
        for (v, file) in single { result[v] = [file] }
        return result
    }
}
