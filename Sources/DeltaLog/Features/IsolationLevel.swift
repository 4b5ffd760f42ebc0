/// How strictly concurrent transactions are ordered (`delta.isolationLevel`).
///
/// - `serializable`: a transaction conflicts with any concurrent commit that added data its
///   reads would have seen.
/// - `writeSerializable` (the default): like serializable, but concurrent *blind appends* are
///   ordered before this transaction and so never conflict.
/// - `snapshotIsolation`: concurrent appends never conflict (used for `dataChange=false`
///   rewrites such as compaction).
public enum IsolationLevel: String, Sendable, Hashable, CaseIterable {
    case serializable = "Serializable"
    case writeSerializable = "WriteSerializable"
    case snapshotIsolation = "SnapshotIsolation"
}
