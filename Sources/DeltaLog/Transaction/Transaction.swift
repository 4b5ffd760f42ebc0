import Foundation

/// An application's transaction id for exactly-once writes: a transaction carrying
/// `(appId, version)` records a `txn` action, and is skipped when the table already records that
/// appId at that version or later.
public struct AppTransaction: Sendable, Hashable {
    public var appId: String
    public var version: Int64
    public init(appId: String, version: Int64) {
        self.appId = appId
        self.version = version
    }
}

/// What a commit records about itself in `commitInfo`: the operation's name (Spark's names:
/// `WRITE`, `CREATE TABLE`, `DELETE`, `MERGE`, …), its parameters and metrics.
public struct Operation: Sendable, Hashable {
    public var name: String
    public var parameters: [String: JSONValue]
    public var metrics: [String: String]

    public init(_ name: String, parameters: [String: JSONValue] = [:], metrics: [String: String] = [:]) {
        self.name = name
        self.parameters = parameters
        self.metrics = metrics
    }
}

/// Why a commit (or a write) did nothing.
public enum SkipReason: Sendable, Hashable, CustomStringConvertible {
    /// Exactly-once: the table already records application `appId` at `recordedVersion`, at or
    /// after this transaction's `version`. `tableVersion` is the commit that recorded it when the
    /// race was lost to it, nil when the read snapshot already had it.
    case alreadyCommitted(appId: String, version: Int64, recordedVersion: Int64, tableVersion: Int64?)
    /// The table exists (or was created concurrently) and the write's mode is `ignore`.
    case tableExists

    public var description: String {
        switch self {
        case let .alreadyCommitted(appId, version, recorded, tableVersion?):
            return "application '\(appId)' version \(recorded) (≥ \(version)) was committed concurrently as table version \(tableVersion)"
        case let .alreadyCommitted(appId, version, recorded, nil):
            return "application '\(appId)' already committed version \(recorded) (≥ \(version))"
        case .tableExists:
            return "the table exists and the mode is ignore"
        }
    }
}

/// A transaction that could not commit because a concurrent commit conflicts with it.
public struct CommitConflict: Sendable, Equatable {
    /// The rule that fired.
    public var kind: ConflictKind
    /// The error to report (code `.conflict`, `conflict == kind`), with a message that names the
    /// winning version and says what to do.
    public var error: DeltaError

    public init(kind: ConflictKind, error: DeltaError) {
        self.kind = kind
        self.error = error
    }
}

/// The outcome of `Transaction.commit()`: the race for a version is a value, not an error;
/// I/O faults (and `.commitOutcomeUnknown`) are thrown.
public enum CommitOutcome: Sendable, Equatable {
    /// Committed as this table version, after `attempts` tries (1 = no race lost).
    case committed(version: Int64, attempts: Int)
    /// Nothing was committed; see the reason (exactly-once).
    case skipped(SkipReason)
    /// A concurrent commit conflicts; nothing was committed. Re-read the table and re-run.
    case conflict(CommitConflict)

    /// The committed version, nil when skipped; throws the conflict's error.
    public func get() throws -> Int64? {
        switch self {
        case let .committed(version, _): return version
        case .skipped: return nil
        case let .conflict(c): throw c.error
        }
    }
}

/// One atomic change to a table, decided by optimistic concurrency: what it read (the snapshot,
/// read predicates, files, application ids), the actions it commits, and its `commitInfo`.
///
/// ```swift
/// let table = try DeltaTable.create(at: "/tmp/swift-delta-examples/txn", schema: Schema([Field("id", .long)]))
/// var txn = try table.transaction(Operation("SET TRANSACTION"))
/// txn.appTransaction = AppTransaction(appId: "nightly-load", version: 7)
/// switch try txn.commit() {
/// case let .committed(version, _): print("committed as version", version)
/// case let .skipped(reason): print("skipped:", reason)
/// case let .conflict(c): throw c.error
/// }
/// ```
///
/// `commit()` writes `<version>.json` with put-if-absent. When another writer won that version
/// it reads the winners, skips if one recorded this transaction's application version, runs the
/// conflict checker (`ConflictChecker`), and otherwise tries the next version (bounded by the
/// retry policy, with jittered backoff). After a commit it writes a checkpoint when
/// `delta.checkpointInterval` says one is due (a failure there never fails the commit).
/// `commitInfo` is built here and nowhere else.
public struct Transaction: Sendable {
    public let loader: SnapshotLoader
    /// What the transaction read and the actions it commits (the conflict checker's input).
    public private(set) var state: TransactionState
    public var operation: Operation
    /// Exactly-once: the application transaction this commit records (a `txn` action is added
    /// at commit) and is skipped for when the table already has it.
    public var appTransaction: AppTransaction?

    /// A transaction on `readSnapshot`, or one that creates the table when it is nil (its
    /// actions must then start with `protocol` and `metaData`). Throws `.unsupportedFeature`
    /// when this engine cannot write the table.
    public init(loader: SnapshotLoader, readSnapshot: Snapshot?, operation: Operation,
                isolationLevel: IsolationLevel? = nil) throws {
        self.loader = loader
        self.operation = operation
        if let readSnapshot {
            try TableFeatures.checkWritable(readSnapshot.protocolAction, tablePath: loader.storage.root)
            state = TransactionState(readSnapshot: readSnapshot, isolationLevel: isolationLevel)
        } else {
            state = TransactionState(creatingTableWith: isolationLevel ?? .serializable)
        }
    }

    public var readSnapshot: Snapshot? { state.readSnapshot }
    /// The version read; -1 for a transaction that creates the table.
    public var readVersion: Int64 { state.readVersion }
    public var actions: [Action] { state.actions }

    /// Predicates over files the transaction's reads used (see `TransactionState`).
    public var readPredicates: [any FilePredicate] {
        get { state.readPredicates }
        set { state.readPredicates = newValue }
    }
    /// True when the transaction read the whole table.
    public var readWholeTable: Bool {
        get { state.readWholeTable }
        set { state.readWholeTable = newValue }
    }
    /// The files the transaction read (and may rewrite).
    public var readFiles: Set<FileKey> {
        get { state.readFiles }
        set { state.readFiles = newValue }
    }
    public var isolationLevel: IsolationLevel {
        get { state.isolationLevel }
        set { state.isolationLevel = newValue }
    }

    /// Adds actions to commit (`add`, `remove`, `metaData`, `protocol`, `domainMetadata`; the
    /// `commitInfo` and the `txn` of `appTransaction` are added by `commit`).
    public mutating func add(_ actions: [Action]) {
        state.actions += actions
    }

    public mutating func add(_ action: Action) {
        state.actions.append(action)
    }

    /// Records that the transaction read every live file of the read snapshot (an overwrite, a
    /// rewrite without a usable predicate).
    public mutating func markReadWholeTable() {
        state.readWholeTable = true
        if let snapshot = state.readSnapshot { state.readFiles = Set(snapshot.files.map(\.key)) }
    }

    /// Exactly-once, before any work is done: the skip when the read snapshot already records
    /// `appTransaction` at its version or later (the log directory is synced first, see
    /// `commit`), else nil. `commit` checks this too.
    public func alreadyCommitted() throws -> SkipReason? {
        guard let app = appTransaction, let snapshot = state.readSnapshot,
              let done = snapshot.transactions[app.appId], done.version >= app.version else { return nil }
        try syncLogBeforeAcknowledging()
        return .alreadyCommitted(appId: app.appId, version: app.version, recordedVersion: done.version, tableVersion: nil)
    }

    /// Commits the actions as the next version (see the type's documentation).
    public func commit(retry: CommitRetryPolicy = .default) throws -> CommitOutcome {
        var state = self.state
        let storage = loader.storage
        if let skip = try alreadyCommitted() { return .skipped(skip) }
        if let app = appTransaction {
            state.readAppIds.insert(app.appId)
            state.actions.append(.txn(SetTransaction(appId: app.appId, version: app.version, lastUpdated: WallClock.nowMillis())))
        }
        if let snapshot = state.readSnapshot, snapshot.properties.appendOnly {
            for case let .remove(r) in state.actions where r.dataChange {
                throw DeltaError(.constraintViolation,
                    "the table is append-only (delta.appendOnly=true): this \(operation.name) would remove data ('\(r.path)')",
                    path: storage.root)
            }
        }
        // A metaData whose schema readers cannot parse would make the table unreadable.
        for case let .metadata(m) in state.actions {
            do {
                _ = try SchemaJSON.parse(m.schemaString)
            } catch let e as DeltaError {
                throw DeltaError(e.code == .unsupportedFeature ? .unsupportedFeature : .invalidSchema,
                                 "the metaData to commit has a schemaString readers cannot parse: \(e.message); nothing was committed",
                                 path: storage.root, cause: e)
            }
        }
        let interval = Self.checkpointInterval(state)
        var attempt = 1
        // The version to try next; each losing race moves it past the winners, which are
        // checked once each against what this transaction read (Delta's incremental rebase).
        var version = state.readVersion + 1
        while true {
            let bytes = ActionCodec.encode([.commitInfo(commitInfo(state))] + state.actions)
            switch try storage.putIfAbsent(SnapshotLoader.logPath(LogFileName.commit(version)), contents: bytes) {
            case .created:
                CheckpointWriter(loader: loader).writeIfDue(version: version, interval: interval)
                return .committed(version: version, attempts: attempt)
            case .alreadyExists:
                break
            }
            // Lost the race for `version`: read the winners and decide.
            let latest = max(try loader.latestVersion() ?? version, version)
            var winners: [(version: Int64, actions: [Action])] = []
            for v in version...latest { winners.append((v, try loader.readCommit(v))) }
            if let app = appTransaction {
                for winner in winners {
                    for case let .txn(t) in winner.actions where t.appId == app.appId && t.version >= app.version {
                        try syncLogBeforeAcknowledging()
                        return .skipped(.alreadyCommitted(appId: app.appId, version: app.version,
                                                          recordedVersion: t.version, tableVersion: winner.version))
                    }
                }
            }
            do {
                try ConflictChecker.check(state, against: winners)
            } catch let e as DeltaError where e.code == .conflict && e.conflict != nil {
                var error = e
                error.path = storage.root
                return .conflict(CommitConflict(kind: e.conflict!, error: error))
            }
            guard attempt < retry.maxAttempts else {
                let e = DeltaError(.conflict,
                    "gave up after \(attempt) attempts: other writers kept committing first; retry the operation",
                    path: storage.root, conflict: .retriesExhausted(attempts: attempt))
                return .conflict(CommitConflict(kind: .retriesExhausted(attempts: attempt), error: e))
            }
            version = latest + 1
            attempt += 1
            let delay = retry.delayMillis(attempt: attempt, random: Double.random(in: 0..<1))
            if delay > 0 { usleep(UInt32(delay) * 1000) }
        }
    }

    /// The `commitInfo` of an attempt: Spark's fields, with `readVersion` omitted when the
    /// transaction creates the table.
    private func commitInfo(_ state: TransactionState) -> CommitInfo {
        var info = state.commitInfo(operation: operation.name, parameters: operation.parameters, metrics: operation.metrics,
                                    timestamp: WallClock.nowMillis(), txnId: RandomID.uuid())
        if state.readSnapshot == nil {
            // Creating the table reads nothing, so nothing can have changed under it.
            info.isBlindAppend = !state.actions.contains { if case .remove = $0 { return true }; return false }
        }
        return info
    }

    /// The `delta.checkpointInterval` in force after the commit: of the metadata the transaction
    /// writes, else of the snapshot it read.
    private static func checkpointInterval(_ state: TransactionState) -> Int {
        for case let .metadata(m) in state.actions.reversed() { return TableProperties(m.configuration).checkpointInterval }
        return state.readSnapshot?.properties.checkpointInterval ?? TableProperties([:]).checkpointInterval
    }

    /// A skip acknowledges rows committed earlier, perhaps by a run that got
    /// `.commitOutcomeUnknown`: its commit is visible but its `_delta_log/` entry may not be
    /// durable yet, so fsync the directory before saying the rows are in.
    private func syncLogBeforeAcknowledging() throws {
        try loader.storage.syncDirectory(SnapshotLoader.logDirectory)
    }
}
