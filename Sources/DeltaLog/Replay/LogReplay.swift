import Columnar

/// Replays a log segment's actions into a `Snapshot` (PROTOCOL.md, "Action Reconciliation").
///
/// Order: the checkpoint's actions, then each commit's actions in version order. Rules:
/// - `add` / `remove` reconcile per logical file, `FileKey` = (path, deletion vector id): the
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
        var state = ReplayState(expectedFiles: checkpointActions.count + commits.count)
        for action in checkpointActions { state.apply(action) }
        var previous: Int64 = -1
        for commit in commits {
            guard commit.version > previous, commit.version <= version else {
                throw DeltaError(.corruptLog,
                    "replay of version \(version): commit \(commit.version) is out of order (after \(previous)) or beyond the target")
            }
            previous = commit.version
            for action in commit.actions { state.apply(action) }
        }
        let range = commits.first.map { "\(checkpointActions.isEmpty ? "" : "the checkpoint and ")versions \($0.version)…\(version)" }
            ?? "the checkpoint of version \(version)"
        guard let protocolAction = state.protocolAction else {
            throw DeltaError(.corruptLog, "no protocol action in \(range): the table's log is incomplete")
        }
        guard let metadata = state.metadata else {
            throw DeltaError(.corruptLog, "no metaData action in \(range): the table's log is incomplete")
        }
        let timestamp = commitTimestamps[version]
            ?? commitTimestamps.filter { $0.key <= version }.max { $0.key < $1.key }?.value ?? 0
        let schema = try Snapshot.parseSchema(metadata, version: version, schemaParser)
        // Sort (key, value) pairs by the dictionary's keys: no key is recomputed per comparison.
        let files = state.files.sorted { Snapshot.precedes($0.key, $1.key) }.map(\.value)
        let tombstones = state.tombstones.sorted { Snapshot.precedes($0.key, $1.key) }.map(\.value)
        return Snapshot(version: version, protocolAction: protocolAction, metadata: metadata, schema: schema,
                        sortedFiles: files, sortedTombstones: tombstones, transactions: state.transactions,
                        domainMetadata: state.domains, timestampMillis: timestamp)
    }
}

/// The mutable state of a replay.
struct ReplayState {
    var protocolAction: DeltaProtocol?
    var metadata: Metadata?
    var files: [FileKey: AddFile] = [:]
    var tombstones: [FileKey: RemoveFile] = [:]
    var transactions: [String: SetTransaction] = [:]
    var domains: [String: DomainMetadata] = [:]

    init(expectedFiles: Int) {
        files.reserveCapacity(expectedFiles)
    }

    mutating func apply(_ action: Action) {
        switch action {
        case let .add(add):
            let key = add.key
            files[key] = add
            if !tombstones.isEmpty { tombstones.removeValue(forKey: key) }
        case let .remove(remove):
            let key = remove.key
            files.removeValue(forKey: key)
            tombstones[key] = remove
        case let .protocol(p):
            protocolAction = p
        case let .metadata(m):
            metadata = m
        case let .txn(t):
            transactions[t.appId] = t
        case let .domainMetadata(d):
            if d.removed { domains.removeValue(forKey: d.domain) } else { domains[d.domain] = d }
        case .commitInfo, .cdc, .sidecar, .checkpointMetadata:
            break
        }
    }
}
