import Columnar
import DeltaLog
import DeltaStorage
import Parquet

extension DeltaTable {
    /// Writes batches as one commit, streaming: each batch is split by partition and encoded
    /// into the open data files as it arrives, so memory holds about one row group per open
    /// file, whatever the input's size. Creates the table (with `partitionBy`) when it does not
    /// exist. With `appTransaction`, a write whose `(appId, version)` the table already records
    /// is skipped — re-running a pipeline stage never duplicates its rows.
    @discardableResult
    public func write(_ batches: some Sequence<RecordBatch>, mode: WriteMode = .append, partitionBy: [String]? = nil,
                      appTransaction: AppTransaction? = nil, properties: [String: String] = [:],
                      retry: CommitRetryPolicy = .default) throws -> WriteOutcome {
        var iterator = batches.makeIterator()
        return try write(next: { iterator.next() }, mode: mode, partitionBy: partitionBy, appTransaction: appTransaction,
                         properties: properties, retry: retry)
    }

    /// Writes every batch `reader` yields as one commit (see `write(_:mode:…)`); the reader is
    /// drained one batch at a time.
    @discardableResult
    public func write(from reader: some RecordBatchReader, mode: WriteMode = .append, partitionBy: [String]? = nil,
                      appTransaction: AppTransaction? = nil, properties: [String: String] = [:],
                      retry: CommitRetryPolicy = .default) throws -> WriteOutcome {
        try write(next: { try reader.next() }, mode: mode, partitionBy: partitionBy, appTransaction: appTransaction,
                  properties: properties, retry: retry)
    }

    private func write(next: () throws -> RecordBatch?, mode: WriteMode, partitionBy: [String]?,
                       appTransaction: AppTransaction?, properties: [String: String],
                       retry: CommitRetryPolicy) throws -> WriteOutcome {
        guard let first = try next() else {
            throw DeltaError(.invalidArgument, "nothing to write: no batches given")
        }
        let schema = first.schema
        let existing: Snapshot?
        do {
            existing = try snapshot()
        } catch let e as DeltaError where e.code == .notATable {
            existing = nil
        }
        if let snap = existing {
            switch mode {
            case .errorIfExists: throw tableExists(" and the write mode is errorIfExists")
            case .ignore: return .skipped(.tableExists)
            case .append, .overwrite: break
            }
            var probe = try Transaction(loader: log, readSnapshot: snap, operation: Operation("WRITE"))
            probe.appTransaction = appTransaction
            if let skip = try probe.alreadyCommitted() { return .skipped(skip) }
            try Self.checkCompatible(schema, with: snap.schema)
            if let p = partitionBy, p != snap.partitionColumns {
                throw DeltaError(.invalidArgument, "the table is partitioned by [\(snap.partitionColumns.joined(separator: ", "))], not [\(p.joined(separator: ", "))]")
            }
            if snap.properties.appendOnly && mode == .overwrite {
                throw DeltaError(.constraintViolation, "the table is append-only (delta.appendOnly=true): it cannot be overwritten")
            }
        }
        let tableSchema = existing?.schema ?? schema
        let partitionColumns = existing?.partitionColumns ?? (partitionBy ?? [])
        if existing == nil {
            // Validate the new table's definition before writing any data.
            _ = try Self.creationActions(schema: tableSchema, partitionColumns: partitionColumns, properties: properties,
                                         name: nil, description: nil)
        }
        let props = TableProperties(existing?.metadata.configuration ?? properties)
        let invariants = try Invariants(schema: tableSchema)

        // 1. Data files (durable before the commit), written as the batches arrive.
        let writer = DataFileWriter(storage: storage, partitioner: try Partitioner(schema: tableSchema, partitionColumns: partitionColumns),
                                    properties: props)
        let adds: [AddFile]
        var rows = 0
        do {
            var batch: RecordBatch? = first
            while let b = batch {
                guard b.schema == schema else {
                    throw DeltaError(.invalidArgument, "all batches of one write must have the same schema")
                }
                let conformed = try Self.conform(b, to: tableSchema)
                try invariants.check(conformed)
                try writer.write(conformed)
                rows += conformed.rowCount
                batch = try next()
            }
            adds = try writer.finish()
        } catch {
            writer.discard()
            throw error
        }

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

    /// Commits the write's files: a transaction on `existing`, or one creating the table. A
    /// create that loses the race to another creator continues on the table it created (when
    /// its schema and partitioning match), as an append or overwrite of it.
    private func commitWrite(adds: [AddFile], rows: Int, mode: WriteMode, existing: Snapshot?, schema: Schema,
                             partitionColumns: [String], properties: [String: String],
                             appTransaction: AppTransaction?, retry: CommitRetryPolicy) throws -> WriteOutcome {
        var snapshot = existing
        while true {
            let operation = Operation(snapshot == nil ? "CREATE TABLE AS SELECT" : "WRITE", parameters: [
                "mode": .string(mode == .overwrite ? "Overwrite" : "Append"),
                "partitionBy": .string(JSONWriter.string(.array(partitionColumns.map { .string($0) }))),
            ], metrics: [
                "numFiles": String(adds.count), "numOutputRows": String(rows),
                "numOutputBytes": String(adds.reduce(0) { $0 + $1.size }),
            ])
            var txn = try Transaction(loader: log, readSnapshot: snapshot, operation: operation)
            txn.appTransaction = appTransaction
            if let snap = snapshot {
                if mode == .overwrite {
                    txn.markReadWholeTable()
                    let now = WallClock.nowMillis()
                    txn.add(snap.files.map { .remove(RemoveFile(removing: $0, at: now)) })
                }
            } else {
                txn.add(try Self.creationActions(schema: schema, partitionColumns: partitionColumns, properties: properties,
                                                 name: nil, description: nil))
            }
            txn.add(adds.map { .add($0) })
            switch try txn.commit(retry: retry) {
            case let .committed(version, _):
                return .committed(version: version, files: adds.count, rows: rows)
            case let .skipped(reason):
                return .skipped(reason)
            case let .conflict(c) where snapshot == nil && (c.kind == .protocolChanged || c.kind == .metadataChanged):
                // Another writer created the table first: continue on it if it matches.
                let created = try self.snapshot()
                switch mode {
                case .errorIfExists: throw tableExists(": it was created concurrently and the write mode is errorIfExists")
                case .ignore: return .skipped(.tableExists)
                case .append, .overwrite: break
                }
                guard created.schema == schema, created.partitionColumns == partitionColumns else {
                    throw DeltaError(.conflict, "another writer created the table concurrently with a different schema or partitioning",
                                     path: root, conflict: .metadataChanged)
                }
                snapshot = created
            case let .conflict(c):
                throw c.error
            }
        }
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
            throw DeltaError(.constraintViolation, "the data does not fit the table's schema: \(error)", cause: error)
        }
    }

    /// Same column names and types (order may differ); a non-nullable table column accepts a
    /// nullable data column only if it holds no nulls (checked when conforming).
    static func checkCompatible(_ data: Schema, with table: Schema) throws {
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
