/// The one rule for commit timestamps (PROTOCOL.md, "In-Commit Timestamps"), shared by
/// snapshots (`Snapshot.timestampMillis`), time travel by timestamp and history:
///
/// - The commits are those retained in `_delta_log/` (a cleaned-up prefix is gone), in version
///   order, up to the version considered.
/// - When the properties in force enable in-commit timestamps (`delta.enableInCommitTimestamps`),
///   every version from `delta.inCommitTimestampEnablementVersion` (0 when absent) on has its
///   `commitInfo.inCommitTimestamp` as its timestamp; a commit there without one is a corrupt log.
/// - Every other version has its commit file's modification time, monotonized over the retained
///   commits before it: max(its mtime, the previous one's timestamp + 1 ms).
///
/// "The properties in force" are those of the version a snapshot is loaded at, and those of the
/// latest version for time travel and history — so the two agree unless the table's in-commit
/// timestamp settings changed after that version (as in Delta on Spark).
public struct CommitTimeline: Sendable {
    /// Retained commit versions, ascending.
    public let versions: [Int64]
    /// Monotonized modification times of `versions` (same indices).
    let fileTimes: [Int64]
    /// The first version whose timestamp is its in-commit timestamp (nil: none is).
    public let inCommitFrom: Int64?

    /// The timeline of the commits in `listing` up to `upTo` (nil = all), under `properties`.
    public init(listing: [LogFile], upTo: Int64?, properties: TableProperties) {
        var commits = LogSegment.commitFiles(in: listing).map { (version: $0.version, modificationTime: $0.file.modificationTime) }
        if let upTo { commits = commits.filter { $0.version <= upTo } }
        let monotonized = CommitTimestamps.monotonized(commits)
        versions = monotonized.map(\.version)
        fileTimes = monotonized.map(\.timestamp)
        inCommitFrom = properties.enableInCommitTimestamps ? (properties.inCommitTimestampEnablementVersion ?? 0) : nil
    }

    /// Whether `version`'s timestamp is its in-commit timestamp.
    public func usesInCommitTimestamp(_ version: Int64) -> Bool {
        inCommitFrom.map { version >= $0 } ?? false
    }

    /// The timestamp of `version`, or nil when its commit is not retained (a checkpoint whose
    /// commit was cleaned up). `inCommitTimestamp` reads a commit's `commitInfo.inCommitTimestamp`;
    /// it is called only for versions at or after `inCommitFrom`.
    public func timestamp(of version: Int64, inCommitTimestamp: (Int64) throws -> Int64?) throws -> Int64? {
        if usesInCommitTimestamp(version) {
            guard let i = index(of: version) else { return nil }
            return try requiredInCommitTimestamp(versions[i], inCommitTimestamp)
        }
        return index(of: version).map { fileTimes[$0] }
    }

    /// The latest version whose timestamp is at or before `millis`. In-commit timestamps are
    /// read lazily: a binary search touches O(log n) commits. Throws `.versionNotFound` when
    /// `millis` is before the earliest retained commit or after the latest.
    public func version(at millis: Int64, inCommitTimestamp: (Int64) throws -> Int64?) throws -> Int64 {
        let split = inCommitFrom.map { from in versions.firstIndex { $0 >= from } ?? versions.count } ?? versions.count
        let fileTimed = (0..<split).map { (version: versions[$0], timestamp: fileTimes[$0]) }
        guard split < versions.count else {
            return try CommitTimestamps.version(at: millis, in: fileTimed)
        }
        var read: [Int: Int64] = [:]
        func ict(_ i: Int) throws -> Int64 {
            if let t = read[i] { return t }
            let t = try requiredInCommitTimestamp(versions[i], inCommitTimestamp)
            read[i] = t
            return t
        }
        let firstICT = try ict(split)
        if millis < firstICT {
            if let lastFileTimed = fileTimed.last, millis >= lastFileTimed.timestamp { return lastFileTimed.version }
            if fileTimed.isEmpty {
                // Only in-commit timestamps, and `millis` is before the first.
                return try CommitTimestamps.version(at: millis, in: [(versions[split], firstICT)])
            }
            return try CommitTimestamps.version(at: millis, in: fileTimed)
        }
        let last = versions.count - 1
        let lastICT = try ict(last)
        if millis >= lastICT {
            return try CommitTimestamps.version(at: millis, in: [(versions[last], lastICT)])
        }
        // ict(low) <= millis < ict(high): the answer is the last index with ict <= millis.
        var low = split, high = last
        while high - low > 1 {
            let mid = (low + high) / 2
            if try ict(mid) <= millis { low = mid } else { high = mid }
        }
        return versions[low]
    }

    /// The `inCommitTimestamp` of the first `commitInfo` in a commit's actions.
    public static func inCommitTimestamp(in actions: [Action]) -> Int64? {
        for case let .commitInfo(info) in actions { return info.inCommitTimestamp }
        return nil
    }

    private func index(of version: Int64) -> Int? {
        var low = 0, high = versions.count
        while low < high {
            let mid = (low + high) / 2
            if versions[mid] < version { low = mid + 1 } else { high = mid }
        }
        return low < versions.count && versions[low] == version ? low : nil
    }

    private func requiredInCommitTimestamp(_ version: Int64, _ read: (Int64) throws -> Int64?) throws -> Int64 {
        guard let t = try read(version) else {
            throw DeltaError(.corruptLog,
                "version \(version) has no commitInfo.inCommitTimestamp although in-commit timestamps are enabled from version \(inCommitFrom ?? 0)")
        }
        return t
    }
}

/// A point in time (milliseconds since the Unix epoch, UTC), as time travel takes it — a type of
/// its own so that it cannot be mistaken for a table version.
public struct PointInTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (a: PointInTime, b: PointInTime) -> Bool { a.millisecondsSinceEpoch < b.millisecondsSinceEpoch }

    /// ISO-8601 UTC with milliseconds: `2024-03-01T12:00:00.123Z`.
    public var description: String { ISO8601Time.format(millisecondsSinceEpoch) }
}
