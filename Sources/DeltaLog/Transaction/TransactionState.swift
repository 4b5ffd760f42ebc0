/// What a transaction read and what it wants to commit: the input of the conflict checker and
/// of the commit's `commitInfo`. Pure data; the layer above fills it while it works.
public struct TransactionState: Sendable {
    /// The snapshot the transaction read (nil when it creates the table).
    public let readSnapshot: Snapshot?
    /// The isolation level asked for (the table's `delta.isolationLevel` unless overridden).
    /// A `dataChangeFree` transaction runs at snapshot isolation whatever this says.
    public var isolationLevel: IsolationLevel
    /// Predicates over files the transaction's reads used; see `readWholeTable`.
    public var readPredicates: [any FilePredicate] = []
    /// True when the transaction read the whole table (no predicate, or one it could not push down).
    /// `readPredicates` empty and `readWholeTable` false means the transaction read no data.
    public var readWholeTable = false
    /// The files the transaction read (and may rewrite).
    public var readFiles: Set<FileKey> = []
    /// `txn` appIds whose version the writer checked (exactly-once pipelines).
    public var readAppIds: Set<String> = []
    /// add / remove / metaData / protocol / txn / domainMetadata; commitInfo is built at commit.
    public var actions: [Action] = []

    /// The engine string written in `commitInfo.engineInfo`.
    public static let engineInfo = "swift-delta/0.1.0"

    public init(readSnapshot: Snapshot, isolationLevel: IsolationLevel? = nil) {
        self.readSnapshot = readSnapshot
        self.isolationLevel = isolationLevel ?? readSnapshot.properties.isolationLevel
    }

    /// A transaction that creates the table (it commits version 0 and read nothing).
    public init(creatingTableWith isolationLevel: IsolationLevel = .writeSerializable) {
        self.readSnapshot = nil
        self.isolationLevel = isolationLevel
    }

    /// The version the transaction read; -1 when it creates the table.
    public var readVersion: Int64 { readSnapshot?.version ?? -1 }

    /// Only adds with `dataChange`, no removes, and nothing read: concurrent commits cannot have
    /// changed anything it depends on.
    public var isBlindAppend: Bool {
        guard !readWholeTable, readPredicates.isEmpty, readFiles.isEmpty else { return false }
        var sawAdd = false
        for action in actions {
            switch action {
            case let .add(add): if !add.dataChange { return false }; sawAdd = true
            case .remove: return false
            default: continue
            }
        }
        return sawAdd
    }

    /// At least one add/remove, and every add/remove has `dataChange == false` (compaction, a
    /// rewrite that changes no rows): it runs at snapshot isolation. A transaction with no file
    /// actions is not data-change free (it must not escape the append checks by being empty).
    public var dataChangeFree: Bool {
        var sawFile = false
        for action in actions {
            switch action {
            case let .add(add): if add.dataChange { return false }; sawFile = true
            case let .remove(remove): if remove.dataChange { return false }; sawFile = true
            default: continue
            }
        }
        return sawFile
    }

    /// The isolation level the conflict checker applies.
    public var effectiveIsolationLevel: IsolationLevel { dataChangeFree ? .snapshotIsolation : isolationLevel }

    /// The commitInfo for this commit. `readVersion` is omitted for a commit creating the table.
    public func commitInfo(operation: String, parameters: [String: JSONValue], metrics: [String: String],
                           timestamp: Int64, txnId: String) -> CommitInfo {
        CommitInfo(timestamp: timestamp, operation: operation, operationParameters: parameters,
                   readVersion: readVersion >= 0 ? readVersion : nil,
                   isolationLevel: effectiveIsolationLevel.rawValue, isBlindAppend: isBlindAppend,
                   operationMetrics: metrics, engineInfo: Self.engineInfo, txnId: txnId)
    }
}
