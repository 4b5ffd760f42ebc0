import Columnar
import DeltaLog
import Foundation
import Testing
@_spi(Testing) @testable import DeltaTable

@Suite struct DeltaTableCheckpointTests {
    /// A partitioned table with `commits` appends of 5 rows, app transactions on some, an overwrite.
    func makeTable(commits: Int, properties: [String: String] = [:]) throws -> (DeltaTable, String) {
        let path = temporaryTablePath()
        let table = DeltaTable(path: path)
        try table.create(schema: eventSchema, partitionColumns: ["date"], properties: properties)
        for i in 0..<commits {
            let app = i % 3 == 0 ? AppTransaction(appId: "app-\(i % 2)", version: Int64(i)) : nil
            try table.write([try eventBatch(i * 5..<(i * 5 + 5))], mode: i == 4 ? .overwrite : .append, appTransaction: app)
        }
        return (table, path)
    }

    @Test func checkpointsAreWrittenEveryIntervalAndLoadTheSameSnapshot() throws {
        let (table, path) = try makeTable(commits: 24)
        let names = logFiles(path)
        #expect(names.contains(LogFileName.checkpoint(10)))
        #expect(names.contains(LogFileName.checkpoint(20)))
        #expect(!names.contains(where: { $0.hasPrefix(".tmp-") }))
        let hint = try #require(LastCheckpoint.parse(try table.storage.read("_delta_log/_last_checkpoint")))
        #expect(hint.version == 20)
        let latest = try DeltaTable(path: path).snapshot()
        #expect(latest.version == 24)
        #expect(SnapshotState(latest) == SnapshotState(try jsonOnlySnapshot(path)))
        for v: Int64 in [10, 15, 20, 21] {
            #expect(SnapshotState(try DeltaTable(path: path).snapshot(version: v)) == SnapshotState(try jsonOnlySnapshot(path, version: v)))
        }
        #expect(hint.numOfAddFiles == Int64(try DeltaTable(path: path).snapshot(version: 20).files.count))
    }

    @Test func tableOpensFromTheCheckpointAfterEarlyCommitsAreDeleted() throws {
        let (_, path) = try makeTable(commits: 23)
        let expected = SnapshotState(try jsonOnlySnapshot(path))
        for v: Int64 in 0..<20 { deleteLogFile(path, LogFileName.commit(v)) }
        let table = DeltaTable(path: path)
        #expect(SnapshotState(try table.snapshot()) == expected)
        // Versions before the checkpoint are gone, with an error naming the earliest one.
        do {
            _ = try table.snapshot(version: 5)
            Issue.record("version 5 should not be reconstructible")
        } catch let e as DeltaError {
            #expect(e.code == .versionNotFound)
            #expect(e.message.contains("earliest available version is 10") || e.message.contains("earliest available version is 20"), "\(e.message)")
        }
        // History lists what is left.
        let history = try table.history()
        #expect(history.map(\.version) == [23, 22, 21, 20])
        // Writes continue, and the next checkpoint is written from a checkpoint-based snapshot.
        for i in 0..<8 { try table.write([try eventBatch(1000 + i * 5..<1005 + i * 5)]) }
        #expect(logFiles(path).contains(LogFileName.checkpoint(30)))
        #expect(try DeltaTable(path: path).snapshot().version == 31)
    }

    @Test func onDemandCheckpointIsIdempotentAndDescribed() throws {
        let (table, path) = try makeTable(commits: 3)
        #expect(try table.latestCheckpoint() == nil)
        let first = try table.checkpoint()
        #expect(first.version == 3 && first.created)
        #expect(first.numOfAddFiles == Int64(try table.snapshot().files.count))
        let again = try table.checkpoint()
        #expect(!again.created)
        let summary = try #require(try table.latestCheckpoint())
        #expect(summary.version == 3 && summary.kind == .classic)
        #expect(summary.lastCheckpoint?.version == 3)
        #expect(SnapshotState(try DeltaTable(path: path).snapshot()) == SnapshotState(try jsonOnlySnapshot(path)))
    }

    @Test(arguments: ["", "garbage{", "{\"version\":", "{\"version\":99,\"size\":3}", "{\"version\":1,\"size\":3}"])
    func aBadLastCheckpointIsIgnored(_ content: String) throws {
        let (table, path) = try makeTable(commits: 12)
        let expected = SnapshotState(try jsonOnlySnapshot(path))
        try table.storage.replace("_delta_log/_last_checkpoint", contents: Array(content.utf8))
        #expect(SnapshotState(try DeltaTable(path: path).snapshot()) == expected)
        deleteLogFile(path, "_last_checkpoint")
        #expect(SnapshotState(try DeltaTable(path: path).snapshot()) == expected)
    }

    @Test func writeStatsAsStructCheckpointsLoadTheSameStats() throws {
        let (_, path) = try makeTable(commits: 10, properties: ["delta.checkpoint.writeStatsAsStruct": "true"])
        #expect(logFiles(path).contains(LogFileName.checkpoint(10)))
        #expect(SnapshotState(try DeltaTable(path: path).snapshot()) == SnapshotState(try jsonOnlySnapshot(path)))
        let scan = try DeltaTable(path: path).scan(where: "id >= 40").batches()
        #expect(ids(scan) == Array(40..<50).map(Int64.init))
    }

    @Test func expiredLogCleanupKeepsEveryVersionAfterTheCheckpoint() throws {
        let (table, path) = try makeTable(commits: 24)
        // Nothing is older than 30 days: the automatic cleanup deleted nothing.
        #expect(logFiles(path).contains(LogFileName.commit(0)))
        let far = Int64(Date().timeIntervalSince1970 * 1000) + 86_400_000
        let deleted = try table.cleanupExpiredLogs(retentionMillis: 0, nowMillis: far)
        #expect(deleted.contains(LogFileName.commit(0)))
        #expect(!deleted.contains(LogFileName.commit(20)) && !deleted.contains(LogFileName.checkpoint(20)))
        let reopened = DeltaTable(path: path)
        #expect(try reopened.snapshot().version == 24)
        for v: Int64 in 20...24 { _ = try reopened.snapshot(version: v) }
        #expect(throws: DeltaError.self) { try reopened.snapshot(version: 3) }
    }

    @Test func cleanupIsOffWhenTheTableSaysSo() throws {
        let (table, path) = try makeTable(commits: 10, properties: ["delta.enableExpiredLogCleanup": "false", "delta.logRetentionDuration": "interval 0 seconds"])
        _ = try table.checkpoint()
        #expect(logFiles(path).contains(LogFileName.commit(0)))
    }

    @Test func aShortRetentionCleansUpAfterTheAutomaticCheckpoint() throws {
        let (_, path) = try makeTable(commits: 20, properties: ["delta.logRetentionDuration": "interval 0 seconds"])
        Thread.sleep(forTimeInterval: 0.01)
        let names = logFiles(path)
        #expect(!names.contains(LogFileName.commit(0)), "\(names)")
        #expect(try DeltaTable(path: path).snapshot().version == 20)
    }

    @Test func checkpointIntervalIsHonoured() throws {
        let (_, path) = try makeTable(commits: 7, properties: ["delta.checkpointInterval": "3"])
        let names = logFiles(path)
        #expect(names.contains(LogFileName.checkpoint(3)) && names.contains(LogFileName.checkpoint(6)))
        #expect(!names.contains(LogFileName.checkpoint(4)))
    }

    @Test func aFailedCheckpointLeavesTheCommitAndTheTableIntact() throws {
        let (table, path) = try makeTable(commits: 9)
        // A directory in the way of `_last_checkpoint` makes step K3 (its atomic replace) fail
        // after the checkpoint was published: the checkpoint errors, the commit must not.
        let hint = path + "/_delta_log/_last_checkpoint"
        try? FileManager.default.removeItem(atPath: hint)
        try FileManager.default.createDirectory(atPath: hint + "/blocked", withIntermediateDirectories: true)
        #expect(throws: DeltaError.self) { try table.checkpoint(cleanup: false) }
        let outcome = try table.write([try eventBatch(500..<505)])
        #expect(outcome.version == 10)
        #expect(!logFiles(path).contains(where: { $0.hasPrefix(".tmp-") }))
        try FileManager.default.removeItem(atPath: hint)
        #expect(SnapshotState(try DeltaTable(path: path).snapshot()) == SnapshotState(try jsonOnlySnapshot(path)))
    }
}
