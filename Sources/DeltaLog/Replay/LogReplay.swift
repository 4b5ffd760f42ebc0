import Columnar

/// Replays a log segment's actions into a `Snapshot` (PROTOCOL.md, "Action Reconciliation"),
/// all at once; `ReplayAccumulator` does the work and can be fed in chunks instead.
///
/// Order: the checkpoint's actions, then each commit's actions in version order. Rules:
/// - `add` / `remove` reconcile per logical file, `FileKey` = (path, deletion vector id), compared
///   byte-wise (two spellings of one Unicode string are two files, as in other engines): the
///   newest action wins, so an add after a remove re-adds and a remove after an add removes.
/// - the newest `protocol` and `metaData` win;
/// - the newest `txn` per appId wins;
/// - the newest `domainMetadata` per domain wins; one with `removed: true` deletes the domain;
/// - `commitInfo`, `cdc`, `sidecar` and `checkpointMetadata` do not change state (sidecars are
///   expanded by the caller into `checkpointActions`).
public enum LogReplay {
    /// - Parameters:
    ///   - commitTimestamps: version → commit timestamp (ICT or monotonized mtime; see
    ///     `CommitTimestamps`). The snapshot's `timestampMillis` is the entry for `version`, or
    ///     the newest earlier entry when the commit file was cleaned up (0 when none).
    public static func snapshot(version: Int64, checkpointActions: [Action],
                                commits: [(version: Int64, actions: [Action])],
                                commitTimestamps: [Int64: Int64],
                                schemaParser: (String) throws -> Schema) throws -> Snapshot {
        var accumulator = ReplayAccumulator(expectedFiles: checkpointActions.count + commits.count)
        accumulator.apply(checkpointActions)
        var previous: Int64 = -1
        for commit in commits {
            guard commit.version > previous, commit.version <= version else {
                throw DeltaError(.corruptLog,
                    "replay of version \(version): commit \(commit.version) is out of order (after \(previous)) or beyond the target")
            }
            previous = commit.version
            accumulator.apply(commit.actions)
        }
        accumulator.logRange = commits.first.map { "\(checkpointActions.isEmpty ? "" : "the checkpoint and ")versions \($0.version)…\(version)" }
            ?? "the checkpoint of version \(version)"
        return try accumulator.snapshot(version: version, commitTimestamps: commitTimestamps, schemaParser: schemaParser)
    }
}
