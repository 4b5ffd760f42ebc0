import Columnar
import DeltaLog
import DeltaStorage
import Foundation
import Parquet

extension DeltaTable {
    /// Retries of a commit that lost the race without a conflict: a losing writer only re-checks
    /// the new commits and tries the next version, so attempts are cheap; like Spark (which
    /// retries practically without limit) we allow many, with short full-jitter backoff so that
    /// no writer starves among equals. Real conflicts fail on the first check, whatever this says.
    public static let defaultRetryPolicy = CommitRetryPolicy(maxAttempts: 1000, baseDelayMillis: 1, maxDelayMillis: 100)

    /// Writes batches as one commit. Creates the table (with `partitionBy`) when it does not
    /// exist. With `appTransaction`, a write whose `(appId, version)` the table already records
    /// is skipped — re-running a pipeline stage never duplicates its rows.
    @discardableResult
    public func write(_ batches: [RecordBatch], mode: WriteMode = .append, partitionBy: [String]? = nil,
                      appTransaction: AppTransaction? = nil, properties: [String: String] = [:],
                      retry: CommitRetryPolicy = DeltaTable.defaultRetryPolicy) throws -> WriteOutcome {
        guard let first = batches.first else {
            throw DeltaError(.invalidArgument, "nothing to write: no batches given")
        }
        let schema = first.schema
        for b in batches.dropFirst() where b.schema != schema {
            throw DeltaError(.invalidArgument, "all batches of one write must have the same schema")
        }
        let existing: Snapshot?
        do {
            existing = try snapshot()
        } catch let e as DeltaError where e.code == .notATable {
            existing = nil
        }
        if let snap = existing {
            switch mode {
            case .errorIfExists:
                throw DeltaError(.tableExists, "a Delta table already exists at \(root) (mode error)", path: root)
            case .ignore:
                return .skipped(reason: "the table exists and the mode is ignore")
            case .append, .overwrite:
                break
            }
            if let app = appTransaction, let done = snap.transactions[app.appId], done.version >= app.version {
                try syncLogBeforeAcknowledging()
                return .skipped(reason: "application '\(app.appId)' already committed version \(done.version) (≥ \(app.version))")
            }
            try TableFeatures.checkWritable(snap.protocolAction, tablePath: root)
            try Self.checkCompatible(schema, with: snap.schema, root: root)
            if let p = partitionBy, p != snap.partitionColumns {
                throw DeltaError(.invalidArgument, "the table is partitioned by [\(snap.partitionColumns.joined(separator: ", "))], not [\(p.joined(separator: ", "))]")
            }
            if snap.properties.appendOnly && mode == .overwrite {
                throw DeltaError(.constraintViolation, "the table is append-only (delta.appendOnly=true): it cannot be overwritten")
            }
        }
        let tableSchema = existing?.schema ?? schema
        let partitionColumns = existing?.partitionColumns ?? (partitionBy ?? [])
        let props = TableProperties(existing?.metadata.configuration ?? properties)
        let batchesInTableOrder = try batches.map { try Self.conform($0, to: tableSchema) }
        try checkInvariants(batchesInTableOrder, schema: tableSchema)

        // 1. Data files (durable before the commit).
        let writer = DataFileWriter(storage: storage, partitioner: try Partitioner(schema: tableSchema, partitionColumns: partitionColumns),
                                    properties: props)
        let adds: [AddFile]
        do {
            for b in batchesInTableOrder { try writer.write(b) }
            adds = try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
        let rows = batchesInTableOrder.reduce(0) { $0 + $1.rowCount }

        // 2. The commit.
        do {
            let outcome = try commitWrite(adds: adds, rows: rows, mode: mode, existing: existing, schema: tableSchema,
                                          partitionColumns: partitionColumns, properties: properties,
                                          appTransaction: appTransaction, retry: retry)
            if case .skipped = outcome { writer.discard() }
            return outcome
        } catch let e as DeltaError where e.code == .commitOutcomeUnknown {
            throw e   // the files may be referenced by a visible commit: never delete them
        } catch {
            writer.discard()
            throw error
        }
    }

    private func commitWrite(adds: [AddFile], rows: Int, mode: WriteMode, existing: Snapshot?, schema: Schema,
                             partitionColumns: [String], properties: [String: String],
                             appTransaction: AppTransaction?, retry: CommitRetryPolicy) throws -> WriteOutcome {
        var snapshot = existing
        var attempt = 1
        // The version to try next; each losing race moves it past the winners, which are
        // checked once each against what this transaction read (Delta's incremental rebase).
        var version = (existing?.version ?? -1) + 1
        while true {
            let (actions, state) = try transactionActions(adds: adds, mode: mode, snapshot: snapshot, schema: schema,
                                                          partitionColumns: partitionColumns, properties: properties,
                                                          appTransaction: appTransaction)
            let operation = snapshot == nil ? "CREATE TABLE AS SELECT" : "WRITE"
            var params: [String: JSONValue] = ["mode": .string(mode == .overwrite ? "Overwrite" : "Append")]
            params["partitionBy"] = .string(JSONWriter.string(.array(partitionColumns.map { .string($0) })))
            let metrics = ["numFiles": String(adds.count), "numOutputRows": String(rows),
                           "numOutputBytes": String(adds.reduce(0) { $0 + $1.size })]
            let txnId = UUID().uuidString.lowercased()
            let info: CommitInfo
            if let state {
                info = state.commitInfo(operation: operation, parameters: params, metrics: metrics,
                                        timestamp: Clock.nowMillis(), txnId: txnId)
            } else {
                info = CommitInfo(timestamp: Clock.nowMillis(), operation: operation, operationParameters: params,
                                  isolationLevel: IsolationLevel.serializable.rawValue, isBlindAppend: true,
                                  operationMetrics: metrics, engineInfo: TransactionState.engineInfo, txnId: txnId)
            }
            let bytes = ActionCodec.encode([.commitInfo(info)] + actions)
            switch try storage.putIfAbsent(TableLog.directory + "/" + LogFileName.commit(version), contents: bytes) {
            case .created:
                // The interval of the snapshot this write read (writes do not change properties),
                // or of the properties a creating write sets.
                let interval = snapshot?.properties.checkpointInterval ?? TableProperties(properties).checkpointInterval
                checkpointIfDue(version: version, interval: interval)
                return .committed(version: version, files: adds.count, rows: rows)
            case .alreadyExists:
                break
            }
            // Lost the race for `version`: read the winners and decide.
            guard attempt < retry.maxAttempts else {
                throw DeltaError(.conflict, "gave up after \(attempt) attempts: other writers kept committing first; retry the write",
                                 path: root)
            }
            let latest = max(try log.latestVersion() ?? version, version)
            var winners: [(version: Int64, actions: [Action])] = []
            for v in version...latest { winners.append((v, try log.readCommit(v))) }
            if let app = appTransaction {
                for w in winners {
                    for case let .txn(t) in w.actions where t.appId == app.appId && t.version >= app.version {
                        try syncLogBeforeAcknowledging()
                        return .skipped(reason: "application '\(app.appId)' version \(t.version) was committed concurrently as table version \(w.version)")
                    }
                }
            }
            if let state {
                try ConflictChecker.check(state, against: winners)
            } else {
                // Another writer created the table first: continue as an append if it matches.
                let created = try self.snapshot(version: latest)
                if mode == .errorIfExists {
                    throw DeltaError(.tableExists, "a Delta table was created concurrently at \(root) (mode error)", path: root)
                }
                if mode == .ignore { return .skipped(reason: "the table was created concurrently and the mode is ignore") }
                guard created.schema == schema, created.partitionColumns == partitionColumns else {
                    throw DeltaError(.conflict, "another writer created the table concurrently with a different schema or partitioning",
                                     path: root, conflict: .metadataChanged)
                }
                try TableFeatures.checkWritable(created.protocolAction, tablePath: root)
                snapshot = created
            }
            version = latest + 1
            attempt += 1
            let delay = retry.delayMillis(attempt: attempt, random: Double.random(in: 0..<1))
            if delay > 0 { usleep(UInt32(delay) * 1000) }
        }
    }

    /// A skip acknowledges rows committed earlier, perhaps by a run that got
    /// `.commitOutcomeUnknown`: its commit is visible but its `_delta_log/` entry may not be
    /// durable yet, so fsync the directory before saying the rows are in.
    private func syncLogBeforeAcknowledging() throws {
        try storage.syncDirectory(TableLog.directory)
    }

    /// The actions of this write against `snapshot` (nil: the write creates the table).
    private func transactionActions(adds: [AddFile], mode: WriteMode, snapshot: Snapshot?, schema: Schema,
                                    partitionColumns: [String], properties: [String: String],
                                    appTransaction: AppTransaction?) throws -> ([Action], TransactionState?) {
        var actions: [Action] = []
        guard let snap = snapshot else {
            actions = try Self.creationActions(schema: schema, partitionColumns: partitionColumns, properties: properties,
                                               name: nil, description: nil)
            actions += adds.map { .add($0) }
            if let app = appTransaction {
                actions.append(.txn(SetTransaction(appId: app.appId, version: app.version, lastUpdated: Clock.nowMillis())))
            }
            return (actions, nil)
        }
        var state = TransactionState(readSnapshot: snap)
        if mode == .overwrite {
            state.readWholeTable = true
            state.readFiles = Set(snap.files.map(\.key))
            let now = Clock.nowMillis()
            actions += snap.files.map { .remove(RemoveFile(removing: $0, at: now)) }
        }
        actions += adds.map { .add($0) }
        if let app = appTransaction {
            state.readAppIds.insert(app.appId)
            actions.append(.txn(SetTransaction(appId: app.appId, version: app.version, lastUpdated: Clock.nowMillis())))
        }
        state.actions = actions
        return (actions, state)
    }

    /// The batch's columns reordered to the table's schema (matched by name, exactly).
    static func conform(_ batch: RecordBatch, to schema: Schema) throws -> RecordBatch {
        if batch.schema == schema { return batch }
        var columns: [Column] = []
        for f in schema.fields {
            guard let c = batch.column(named: f.name) else {
                throw DeltaError(.invalidArgument, "the data has no column '\(f.name)' (\(f.type)) of the table's schema")
            }
            columns.append(c)
        }
        do {
            return try RecordBatch(schema: schema, columns: columns)
        } catch {
            throw DeltaError(.constraintViolation, "the data does not fit the table's schema: \(error)")
        }
    }

    /// Same column names and types (order may differ); a non-nullable table column accepts a
    /// nullable data column only if it holds no nulls (checked when conforming).
    static func checkCompatible(_ data: Schema, with table: Schema, root: String) throws {
        for f in data.fields where table.field(named: f.name) == nil {
            throw DeltaError(.invalidArgument, "column '\(f.name)' is not in the table's schema (\(SchemaText.describe(table))); schema evolution is not supported yet")
        }
        for f in table.fields {
            guard let d = data.field(named: f.name) else {
                throw DeltaError(.invalidArgument, "the data has no column '\(f.name)' (\(f.type)) of the table's schema")
            }
            guard d.type == f.type else {
                throw DeltaError(.invalidArgument, "column '\(f.name)' is \(d.type) in the data but \(f.type) in the table")
            }
        }
    }
}

enum SchemaText {
    static func describe(_ s: Schema) -> String { s.fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ") }
}
