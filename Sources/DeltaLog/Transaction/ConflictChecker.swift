/// Optimistic concurrency: can a transaction that read version `readVersion` still commit after
/// the commits that won versions `readVersion+1 …`? (Delta's `ConflictChecker`.)
///
/// For each winning commit, in version order, the rules are checked in this order; the first
/// that fires throws `DeltaError(.conflict, conflict: kind)`:
///
/// 1. `protocolChanged`   — the winner has a `protocol` action.
/// 2. `metadataChanged`   — the winner has a `metaData` action.
/// 3. `concurrentTransaction(appId)` — the winner has a `txn` for an appId this transaction
///    writes (`txn` action) or read (`readAppIds`).
/// 4. `concurrentAppend(path)` — the winner added a file (`dataChange = true`) that this
///    transaction's read would have seen: any file if it read the whole table, else a file a
///    read predicate may match. Under WriteSerializable, files of a winner whose commitInfo says
///    `isBlindAppend: true` do not count; under SnapshotIsolation (and for a `dataChangeFree`
///    transaction) this rule is skipped. A transaction that changes the metadata counts as
///    having read the whole table, and for it every winner's files count (data written under
///    the old schema or partitioning must not slip in unseen).
/// 5. `concurrentDeleteRead(path)` — the winner removed a file this transaction read, or removed
///    any file while this transaction read the whole table (not for `dataChangeFree`).
/// 6. `concurrentDeleteDelete(path)` — the winner removed a file this transaction also removes.
/// 7. domain metadata — the winner changed a domain this transaction also writes; reported as
///    `metadataChanged` (ConflictKind has no domain case yet) with the domain in the message.
///
/// A winner with only `commitInfo` (or only `cdc`) never conflicts. Returning normally means the
/// caller may commit the same actions at the next version without rewriting data.
public enum ConflictChecker {
    public static func check(_ state: TransactionState, against winners: [(version: Int64, actions: [Action])]) throws {
        guard !winners.isEmpty else { return }
        let context = Context(state)
        for winner in winners {
            try check(context, winner: winner)
        }
    }

    /// What the checker needs from the transaction, computed once.
    private struct Context {
        let state: TransactionState
        let level: IsolationLevel
        let dataChangeFree: Bool
        let changesMetadata: Bool
        let appIds: Set<String>
        let removes: Set<FileKey>
        let domains: Set<String>

        init(_ state: TransactionState) {
            self.state = state
            dataChangeFree = state.dataChangeFree
            level = state.effectiveIsolationLevel
            var changesMetadata = false
            var appIds = state.readAppIds
            var removes = Set<FileKey>()
            var domains = Set<String>()
            for action in state.actions {
                switch action {
                case .metadata: changesMetadata = true
                case let .txn(t): appIds.insert(t.appId)
                case let .remove(r): removes.insert(r.key)
                case let .domainMetadata(d): domains.insert(d.domain)
                default: continue
                }
            }
            self.changesMetadata = changesMetadata
            self.appIds = appIds
            self.removes = removes
            self.domains = domains
        }
    }

    private static func check(_ c: Context, winner: (version: Int64, actions: [Action])) throws {
        let v = winner.version
        let readVersion = c.state.readVersion
        var adds: [AddFile] = []
        var removes: [RemoveFile] = []
        var blindAppend = false
        var domains: [String] = []
        var changesProtocol = false, changesMetadata = false
        var txn: SetTransaction?
        for action in winner.actions {
            switch action {
            case .protocol: changesProtocol = true
            case .metadata: changesMetadata = true
            case let .txn(t): if txn == nil, c.appIds.contains(t.appId) { txn = t }
            case let .add(a): if a.dataChange { adds.append(a) }
            case let .remove(r): removes.append(r)
            case let .commitInfo(info): blindAppend = info.isBlindAppend == true
            case let .domainMetadata(d): domains.append(d.domain)
            default: continue
            }
        }
        if changesProtocol {
            throw conflict(.protocolChanged,
                "concurrent commit at version \(v) changed the table's protocol after this transaction read version \(readVersion); re-read the table and retry")
        }
        if changesMetadata {
            throw conflict(.metadataChanged,
                "concurrent commit at version \(v) changed the table's metadata (schema, partitioning or properties) after this transaction read version \(readVersion); re-read the table and retry")
        }
        if let txn {
            throw conflict(.concurrentTransaction(appId: txn.appId),
                "concurrent commit at version \(v) recorded transaction version \(txn.version) for application '\(txn.appId)', which this transaction also depends on; re-read the table and check the application's last version before retrying")
        }

        // 4. Files this transaction should have read.
        let appendsCount: Bool
        if c.changesMetadata {
            appendsCount = true
        } else {
            switch c.level {
            case .serializable: appendsCount = true
            case .writeSerializable: appendsCount = !blindAppend
            case .snapshotIsolation: appendsCount = false
            }
        }
        if appendsCount, !adds.isEmpty {
            let wholeTable = c.state.readWholeTable || c.changesMetadata
            let predicates = c.state.readPredicates
            if wholeTable || !predicates.isEmpty {
                for add in adds where wholeTable || predicates.contains(where: { $0.mayMatch(add) }) {
                    throw conflict(.concurrentAppend(path: add.path),
                        "concurrent commit at version \(v) added file '\(add.path)' that this transaction's read of version \(readVersion) would have seen; re-run the operation")
                }
            }
        }

        // 5. Files this transaction read that were removed.
        if !removes.isEmpty {
            if !c.state.readFiles.isEmpty {
                for remove in removes where c.state.readFiles.contains(remove.key) {
                    throw conflict(.concurrentDeleteRead(path: remove.path),
                        "concurrent commit at version \(v) removed file '\(remove.path)' that this transaction read; re-run the operation")
                }
            }
            if c.state.readWholeTable, !c.dataChangeFree, let first = removes.first {
                throw conflict(.concurrentDeleteRead(path: first.path),
                    "concurrent commit at version \(v) removed file '\(first.path)' while this transaction read the whole table; re-run the operation")
            }
            // 6. Files both remove.
            if !c.removes.isEmpty {
                for remove in removes where c.removes.contains(remove.key) {
                    throw conflict(.concurrentDeleteDelete(path: remove.path),
                        "concurrent commit at version \(v) also removed file '\(remove.path)'; re-run the operation")
                }
            }
        }

        // 7. Domain metadata both write.
        for domain in domains where c.domains.contains(domain) {
            throw conflict(.metadataChanged,
                "concurrent commit at version \(v) changed domain metadata '\(domain)' that this transaction also writes; re-read the table and retry")
        }
    }

    private static func conflict(_ kind: ConflictKind, _ message: String) -> DeltaError {
        DeltaError(.conflict, message, conflict: kind)
    }
}
