import Testing
@testable import DeltaLog

@Suite struct TransactionTests {
    func snapshot(_ config: [String: String] = [:]) throws -> Snapshot {
        try replay([[.protocol(.default), .metadata(testMetadata(partitionColumns: ["p"], configuration: config)),
                     .add(testAdd("a", p: "1"))], []])
    }

    @Test func isolationLevelComesFromTheTableUnlessOverridden() throws {
        #expect(TransactionState(readSnapshot: try snapshot()).isolationLevel == .writeSerializable)
        #expect(TransactionState(readSnapshot: try snapshot(["delta.isolationLevel": "Serializable"])).isolationLevel == .serializable)
        #expect(TransactionState(readSnapshot: try snapshot(), isolationLevel: .snapshotIsolation).isolationLevel == .snapshotIsolation)
        #expect(TransactionState(readSnapshot: try snapshot()).readVersion == 1)
    }

    @Test func blindAppendAndDataChangeFree() throws {
        var t = TransactionState(readSnapshot: try snapshot())
        #expect(!t.isBlindAppend && !t.dataChangeFree)
        t.actions = [.add(testAdd("b")), .txn(SetTransaction(appId: "x", version: 1))]
        #expect(t.isBlindAppend && !t.dataChangeFree)
        t.readFiles = [FileKey(path: "a")]
        #expect(!t.isBlindAppend)
        t.readFiles = []
        t.readWholeTable = true
        #expect(!t.isBlindAppend)
        t.readWholeTable = false
        t.actions.append(.remove(testRemove("a")))
        #expect(!t.isBlindAppend)
        t.actions = [.add(testAdd("c", dataChange: false)), .remove(testRemove("a", dataChange: false))]
        #expect(!t.isBlindAppend && t.dataChangeFree)
        #expect(t.effectiveIsolationLevel == .snapshotIsolation)
        t.actions.append(.add(testAdd("d")))
        #expect(!t.dataChangeFree)
    }

    @Test func commitInfoRecordsTheTransaction() throws {
        var t = TransactionState(readSnapshot: try snapshot())
        t.actions = [.add(testAdd("b"))]
        let info = t.commitInfo(operation: "WRITE", parameters: ["mode": .string("Append")], metrics: ["numFiles": "1"],
                                timestamp: 1234, txnId: "2b9a1a0e-1111-4222-8333-444455556666")
        #expect(info == CommitInfo(timestamp: 1234, operation: "WRITE", operationParameters: ["mode": .string("Append")],
                                   readVersion: 1, isolationLevel: "WriteSerializable", isBlindAppend: true,
                                   operationMetrics: ["numFiles": "1"], engineInfo: "swift-delta/0.1.0",
                                   txnId: "2b9a1a0e-1111-4222-8333-444455556666"))
        let create = TransactionState(creatingTableWith: .serializable)
        #expect(create.readVersion == -1)
        #expect(create.commitInfo(operation: "CREATE TABLE", parameters: [:], metrics: [:], timestamp: 1, txnId: "t").readVersion == nil)
    }

    @Test func retryDelaysAreFullJitterAndCapped() {
        let policy = CommitRetryPolicy(maxAttempts: 20, baseDelayMillis: 5, maxDelayMillis: 1000)
        #expect(policy.maxAttempts == 20)
        #expect(policy.delayMillis(attempt: 1, random: 0.999) == 4)
        #expect(policy.delayMillis(attempt: 3, random: 0.5) == 10)
        #expect(policy.delayMillis(attempt: 30, random: 0.5) == 500)
        #expect(policy.delayMillis(attempt: 1000, random: 0.99999) == 999)
        #expect(policy.delayMillis(attempt: 5, random: 0) == 0)
        #expect(policy.delayMillis(attempt: 0, random: .nan) == 0)
        #expect(policy.delayMillis(attempt: 2, random: 7) == 10)
    }

    @Test func oneDefaultRetryPolicy() {
        #expect(CommitRetryPolicy() == .default)
        #expect(CommitRetryPolicy.default == CommitRetryPolicy(maxAttempts: 1000, baseDelayMillis: 1, maxDelayMillis: 100))
    }
}
