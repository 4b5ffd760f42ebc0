import Columnar

/// Streaming log replay (PROTOCOL.md, "Action Reconciliation"): feed it actions in log order —
/// the checkpoint in chunks (a row group at a time), then each commit — and ask for the
/// `Snapshot`. Transient memory stays one chunk of actions; the files go straight into columns.
///
/// Rules:
/// - `add` / `remove` reconcile per logical file, key = (path, deletion vector id), compared as
///   bytes: the newest action wins, so an add after a remove re-adds and a remove after an add
///   removes (and leaves a tombstone);
/// - the newest `protocol` and `metaData` win; the newest `txn` per appId wins;
/// - the newest `domainMetadata` per domain wins; one with `removed: true` deletes the domain;
/// - `commitInfo`, `cdc`, `sidecar` and `checkpointMetadata` do not change state.
///
/// Internals: each `add` appends a row to a `FileListBuilder`; a `FileKeyTable` maps the key to
/// its latest row or tombstone; a superseded or removed row is marked dead in a bitmap. At the
/// end the live rows are sorted by key into the snapshot's order (and compacted when many are dead).
///
/// Not `Sendable`: one owner feeds it. Dropping it after `snapshot` frees the key table.
public struct ReplayAccumulator {
    private var builder: FileListBuilder
    private var table: FileKeyTable
    private var deadBits: [UInt64] = []
    private var deadCount = 0
    /// Tombstones by index; nil once re-added.
    private var tombstones: [RemoveFile?] = []
    private var tombstoneCount = 0

    public private(set) var protocolAction: DeltaProtocol?
    public private(set) var metadata: Metadata?
    public private(set) var transactions: [String: SetTransaction] = [:]
    public private(set) var domainMetadata: [String: DomainMetadata] = [:]
    /// What was replayed, for error messages ("the checkpoint and versions 11…12"); when nil,
    /// `snapshot` says "the log up to version N".
    public var logRange: String?

    /// - Parameter expectedFiles: a hint (e.g. the checkpoint's row count) to size the columns
    ///   and the key table once.
    public init(expectedFiles: Int = 0) {
        builder = FileListBuilder(expectedRows: expectedFiles)
        table = FileKeyTable(expectedKeys: expectedFiles)
        deadBits.reserveCapacity((expectedFiles + 63) / 64)
    }

    /// An accumulator holding `snapshot`'s state, to replay newer commits on top of it. The
    /// files are copied column by column (no `AddFile` is materialized), so advancing a snapshot
    /// of a million files by one commit costs a copy of its columns, not a million allocations.
    public init(snapshot: Snapshot) {
        self.init(expectedFiles: snapshot.files.count)
        protocolAction = snapshot.protocolAction
        metadata = snapshot.metadata
        transactions = snapshot.transactions
        domainMetadata = snapshot.domainMetadata
        let files = snapshot.files
        for i in files.indices {
            let row = files.row(i)
            let dvId = files.storage.deletionVectorId(row)
            files.storage.withUnsafePathBytes(row) { bytes in
                let hash = table.hash(bytes, deletionVectorId: dvId)
                let found = find(bytes, dvId, hash: hash)
                precondition(found.entry == nil, "ReplayAccumulator: snapshot files are not unique by key")
                builder.appendRow(row, of: files.storage)
                let newRow = builder.count - 1
                if newRow & 63 == 0 { deadBits.append(0) }
                table.set(slot: found.slot, hash: hash, entry: UInt32(newRow + 1))
            }
        }
        for tombstone in snapshot.tombstones { apply(remove: tombstone) }
    }

    /// Live files so far.
    public var fileCount: Int { builder.count - deadCount }

    /// Applies `actions` in order.
    public mutating func apply(_ actions: [Action]) {
        for action in actions { apply(action) }
    }

    public mutating func apply(_ action: Action) {
        switch action {
        case let .add(add): apply(add: add)
        case let .remove(remove): apply(remove: remove)
        case let .protocol(p): protocolAction = p
        case let .metadata(m): metadata = m
        case let .txn(t): transactions[t.appId] = t
        case let .domainMetadata(d):
            if d.removed { domainMetadata.removeValue(forKey: d.domain) } else { domainMetadata[d.domain] = d }
        case .commitInfo, .cdc, .sidecar, .checkpointMetadata:
            break
        }
    }

    private mutating func apply(add: AddFile) {
        let dvId = add.deletionVector?.uniqueId
        var path = add.path
        path.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            let hash = table.hash(bytes, deletionVectorId: dvId)
            let found = find(bytes, dvId, hash: hash)
            if let entry = found.entry {
                if entry & FileKeyTable.tombstoneBit != 0 {
                    tombstones[Int(entry & ~FileKeyTable.tombstoneBit)] = nil
                    tombstoneCount -= 1
                } else {
                    markDead(Int(entry) - 1)
                }
            }
            let row = builder.append(add, pathBytes: bytes)
            if row & 63 == 0 { deadBits.append(0) }
            table.set(slot: found.slot, hash: hash, entry: UInt32(row + 1))
        }
    }

    private mutating func apply(remove: RemoveFile) {
        let dvId = remove.deletionVector?.uniqueId
        var path = remove.path
        path.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            let hash = table.hash(bytes, deletionVectorId: dvId)
            let found = find(bytes, dvId, hash: hash)
            if let entry = found.entry, entry & FileKeyTable.tombstoneBit != 0 {
                tombstones[Int(entry & ~FileKeyTable.tombstoneBit)] = remove
                return
            }
            if let entry = found.entry { markDead(Int(entry) - 1) }
            precondition(tombstones.count < Int(FileKeyTable.tombstoneBit), "ReplayAccumulator: more than 2^31 tombstones")
            tombstones.append(remove)
            tombstoneCount += 1
            table.set(slot: found.slot, hash: hash, entry: FileKeyTable.tombstoneBit | UInt32(tombstones.count - 1))
        }
    }

    private func find(_ path: UnsafeRawBufferPointer, _ dvId: String?, hash: UInt32) -> (slot: Int, entry: UInt32?) {
        table.find(hash: hash) { entry in
            if entry & FileKeyTable.tombstoneBit != 0 {
                guard let tombstone = tombstones[Int(entry & ~FileKeyTable.tombstoneBit)] else { return false }
                var other = tombstone.path
                let samePath = other.withUTF8 { ByteOrder.compare(path, UnsafeRawBufferPointer($0)) == 0 }
                return samePath && tombstone.deletionVector?.uniqueId == dvId
            }
            let row = Int(entry) - 1
            let samePath = builder.withUnsafePathBytes(row) { ByteOrder.compare(path, $0) == 0 }
            return samePath && builder.deletionVectorId(row) == dvId
        }
    }

    private mutating func markDead(_ row: Int) {
        deadBits[row >> 6] |= 1 << UInt64(row & 63)
        deadCount += 1
    }

    /// The snapshot at `version`.
    /// - Parameters:
    ///   - timestampMillis: the version's commit timestamp (`CommitTimeline`).
    ///   - schemaParser: parses `metadata.schemaString` (the integrator passes `SchemaJSON.parse`).
    /// - Throws: `.corruptLog` when no protocol or metaData action was applied, naming `logRange`;
    ///   the parser's error (prefixed with the version) for a bad schema.
    public func snapshot(version: Int64, timestampMillis: Int64,
                         schemaParser: (String) throws -> Schema) throws -> Snapshot {
        let range = logRange ?? "the log up to version \(version)"
        guard let protocolAction else {
            throw DeltaError(.corruptLog, "no protocol action in \(range): the table's log is incomplete")
        }
        guard let metadata else {
            throw DeltaError(.corruptLog, "no metaData action in \(range): the table's log is incomplete")
        }
        let schema = try Snapshot.parseSchema(metadata, version: version, schemaParser)
        return Snapshot(version: version, protocolAction: protocolAction, metadata: metadata, schema: schema,
                        sortedFiles: liveFiles(), sortedTombstones: liveTombstones(), transactions: transactions,
                        domainMetadata: domainMetadata, timestampMillis: timestampMillis)
    }

    /// The live rows sorted by key. Dead rows stay in the shared storage (skipped by the order)
    /// unless they are more than an eighth of it: then the live rows are copied out compactly.
    private func liveFiles() -> FileList {
        let storage = builder.freeze()
        var live: [Int32] = []
        live.reserveCapacity(builder.count - deadCount)
        for row in 0..<builder.count where deadBits[row >> 6] & (1 << UInt64(row & 63)) == 0 {
            live.append(Int32(row))
        }
        let order = storage.sortedByKey(live)
        if deadCount > 0 && deadCount > builder.count / 8 {
            return FileList(storage: storage.gathered(order), order: nil)
        }
        return FileList(storage: storage, order: FileList.isIdentity(order, rowCount: storage.rowCount) ? nil : order)
    }

    private func liveTombstones() -> [RemoveFile] {
        var keyed: [(key: FileKey, tombstone: RemoveFile)] = []
        keyed.reserveCapacity(tombstoneCount)
        for case let tombstone? in tombstones { keyed.append((tombstone.key, tombstone)) }
        keyed.sort { ByteOrder.compare($0.key, $1.key) < 0 }
        return keyed.map(\.tombstone)
    }
}
