import Testing
import Foundation
import Columnar
import DeltaLog
import DeltaStorage
@testable import DeltaTable

/// `Transaction.commit()`: outcomes are values, `commitInfo` is built once, retries inside.
@Suite struct TransactionCommitTests {
    func table(_ properties: [String: String] = [:]) throws -> DeltaTable {
        let t = DeltaTable(path: temporaryTablePath())
        try t.write([try eventBatch(0..<10)], properties: properties)
        try t.write([try eventBatch(10..<20)])
        return t
    }

    func commitInfo(_ table: DeltaTable, _ version: Int64) throws -> CommitInfo {
        let actions = try SnapshotLoader(storage: table.storage).readCommit(version)
        for case let .commitInfo(info) in actions { return info }
        Issue.record("no commitInfo in version \(version)")
        return CommitInfo()
    }

    @Test func aCommitRecordsItsOperationAndReadVersion() throws {
        let t = try table()
        let snapshot = try t.snapshot()
        var txn = try t.transaction(Operation("DELETE", parameters: ["predicate": .string("[\"true\"]")],
                                              metrics: ["numRemovedFiles": "1"]), on: snapshot)
        txn.readFiles = [snapshot.files[0].key]
        txn.add(.remove(RemoveFile(removing: snapshot.files[0], at: 1)))
        #expect(try txn.commit() == .committed(version: 2, attempts: 1))
        let info = try commitInfo(t, 2)
        #expect(info.operation == "DELETE" && info.readVersion == 1 && info.isBlindAppend == false)
        #expect(info.operationMetrics == ["numRemovedFiles": "1"] && info.engineInfo == TransactionState.engineInfo)
        #expect(info.isolationLevel == "WriteSerializable" && info.txnId?.count == 36)
        #expect(try t.snapshot().files.count == 1)
    }

    @Test func exactlyOnceSkipsBeforeAndDuringTheRace() throws {
        let t = try table()
        let first = try t.snapshot()
        var txn = try t.transaction(Operation("WRITE"), on: first)
        txn.appTransaction = AppTransaction(appId: "job", version: 4)
        // Another run of the same stage commits version 4 of the app first.
        var winner = try t.transaction(Operation("WRITE"), on: first)
        winner.appTransaction = AppTransaction(appId: "job", version: 4)
        #expect(try winner.commit() == .committed(version: 2, attempts: 1))
        #expect(try txn.commit() == .skipped(.alreadyCommitted(appId: "job", version: 4, recordedVersion: 4, tableVersion: 2)))
        // A fresh transaction sees it in its snapshot.
        var again = try t.transaction(Operation("WRITE"))
        again.appTransaction = AppTransaction(appId: "job", version: 3)
        #expect(try again.alreadyCommitted() == .alreadyCommitted(appId: "job", version: 3, recordedVersion: 4, tableVersion: nil))
        #expect(try again.commit() == .skipped(.alreadyCommitted(appId: "job", version: 3, recordedVersion: 4, tableVersion: nil)))
        #expect(try t.snapshot().version == 2)
    }

    @Test func aConflictIsAValueNamingTheRule() throws {
        let t = try table()
        let snapshot = try t.snapshot()
        let file = snapshot.files[0]
        func deleting() throws -> Transaction {
            var txn = try t.transaction(Operation("DELETE"), on: snapshot)
            txn.readFiles = [file.key]
            txn.add(.remove(RemoveFile(removing: file, at: 1)))
            return txn
        }
        #expect(try deleting().commit() == .committed(version: 2, attempts: 1))
        guard case let .conflict(c) = try deleting().commit() else {
            Issue.record("the second delete of the same file did not conflict")
            return
        }
        #expect(c.kind == .concurrentDeleteRead(path: file.path))
        #expect(c.error.code == .conflict && c.error.conflict == c.kind && c.error.message.contains("version 2"))
        #expect(throws: DeltaError.self) { _ = try CommitOutcome.conflict(c).get() }
    }

    @Test func blindAppendsRetryPastWinnersUntilThePolicyGivesUp() throws {
        let t = try table()
        let snapshot = try t.snapshot()
        let adds = try t.snapshot(version: 0).files.map { Action.add($0) }   // re-adding existing paths is fine here
        for _ in 0..<3 {
            var w = try t.transaction(Operation("WRITE"), on: snapshot)
            w.add(adds)
            _ = try w.commit()
        }
        var late = try t.transaction(Operation("WRITE"), on: snapshot)
        late.add(adds)
        #expect(try late.commit() == .committed(version: 5, attempts: 2))
        var once = try t.transaction(Operation("WRITE"), on: snapshot)
        once.add(adds)
        #expect(try once.commit(retry: CommitRetryPolicy(maxAttempts: 1)) == .conflict(CommitConflict(
            kind: .retriesExhausted(attempts: 1),
            error: DeltaError(.conflict, "gave up after 1 attempts: other writers kept committing first; retry the operation",
                              path: t.root, conflict: .retriesExhausted(attempts: 1)))))
    }

    @Test func appendOnlyTablesRefuseRemovals() throws {
        let t = try table(["delta.appendOnly": "true"])
        let snapshot = try t.snapshot()
        var txn = try t.transaction(Operation("DELETE"), on: snapshot)
        txn.add(.remove(RemoveFile(removing: snapshot.files[0], at: 1)))
        #expect { _ = try txn.commit() } throws: { ($0 as? DeltaError)?.code == .constraintViolation }
        // A rewrite that changes no data is allowed.
        var compaction = try t.transaction(Operation("OPTIMIZE"), on: snapshot)
        var remove = RemoveFile(removing: snapshot.files[0], at: 1)
        remove.dataChange = false
        compaction.add(.remove(remove))
        var add = snapshot.files[0]
        add.dataChange = false
        compaction.add(.add(add))
        #expect(try compaction.commit() == .committed(version: 2, attempts: 1))
    }

    @Test func everyCommitPathCheckpointsWhenDue() throws {
        let t = try table(["delta.checkpointInterval": "3"])
        var txn = try t.transaction(Operation("SET TRANSACTION"))
        txn.appTransaction = AppTransaction(appId: "x", version: 1)
        #expect(try txn.commit() == .committed(version: 2, attempts: 1))
        #expect(try t.latestCheckpoint() == nil)
        var next = try t.transaction(Operation("SET TRANSACTION"))
        next.appTransaction = AppTransaction(appId: "x", version: 2)
        #expect(try next.commit() == .committed(version: 3, attempts: 1))
        #expect(try t.latestCheckpoint()?.version == 3)
    }
}
