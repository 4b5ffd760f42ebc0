#if DEBUG
import Columnar
import DeltaLog
import Foundation
import Glibc
import Testing
@_spi(Testing) @_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport
@testable import DeltaTable

/// Checkpoint writing under faults (spec/checkpoints.md, crash points K1–K4): a crash at every
/// storage call of `checkpoint()`, followed by a process restart or a power loss, leaves a table
/// that loads to the same snapshot, and re-running the checkpoint then succeeds; an I/O error at
/// any call of an automatic checkpoint never fails the commit it follows.
@Suite struct CheckpointFaultTests {
    /// A partitioned table with `commits` appends, built without faults.
    static func template(commits: Int) throws -> String {
        let path = faultTablePath("template")
        let table = unfaultedTable(path)
        for i in 0..<commits {
            try table.write([try faultRows(i * 10..<(i * 10 + 10))], partitionBy: ["date"],
                            appTransaction: i == 1 ? AppTransaction(appId: "stage-a", version: 1) : nil)
        }
        return path
    }

    @Test(arguments: RestartModel.allCases)
    func crashAtEveryCallOfACheckpointLeavesTheSameSnapshot(_ restart: RestartModel) throws {
        let template = try Self.template(commits: 5)
        defer { removeTable(template) }
        let expected = SnapshotState(try unfaultedTable(template).snapshot())
        let dry = try FaultScenario.copy(template)
        let dryCalls = faultInjector()
        _ = try DeltaTable(storage: LocalTableStorage(root: dry, calls: dryCalls)).checkpoint(version: nil, cleanup: true)
        removeTable(dry)
        let calls = dryCalls.log
        #expect(calls.contains(.link) && calls.contains(.rename))
        for k in 1...calls.count {
            let context = "\(restart.rawValue) crash at call \(k) of \(calls.count) (\(calls[k - 1]))"
            let path = try FaultScenario.copy(template)
            defer { removeTable(path) }
            let faults = faultInjector()
            faults.inject(.crash, atCall: k)
            do {
                _ = try DeltaTable(storage: LocalTableStorage(root: path, calls: faults)).checkpoint()
            } catch {
                _ = checkTypedError(error, table: path, errno: nil, context)
            }
            switch restart {
            case .processRestart: faults.simulateProcessRestart()
            case .powerLoss: faults.simulatePowerLoss()
            }
            let reopened = unfaultedTable(path)
            #expect(SnapshotState(try reopened.snapshot()) == expected, "\(context)")
            let again = try reopened.checkpoint()
            #expect(again.version == 4, "\(context)")
            #expect(SnapshotState(try unfaultedTable(path).snapshot()) == expected, "\(context)")
            #expect(try unfaultedTable(path).latestCheckpoint()?.version == 4, "\(context)")
        }
    }

    @Test func anIOErrorAnywhereInTheAutomaticCheckpointNeverFailsTheCommit() throws {
        let template = try Self.template(commits: 10)   // versions 0…9; the next write is version 10
        defer { removeTable(template) }
        let dry = try FaultScenario.copy(template)
        let dryCalls = faultInjector()
        let outcome = try DeltaTable(storage: LocalTableStorage(root: dry, calls: dryCalls)).write([try faultRows(500..<510)])
        #expect(outcome.version == 10)
        #expect(logFiles(dry).contains(LogFileName.checkpoint(10)))
        removeTable(dry)
        let calls = dryCalls.log
        // The commit is the first link(2); its directory fsync the first fsync after it.
        let link = try #require(calls.firstIndex(of: .link))
        let commitDone = try #require(calls[link...].firstIndex(of: .fsync)) + 1
        #expect(commitDone < calls.count)
        for k in (commitDone + 1)...calls.count {
            let context = "EIO at call \(k) of \(calls.count) (\(calls[k - 1]))"
            let path = try FaultScenario.copy(template)
            defer { removeTable(path) }
            let faults = faultInjector()
            faults.inject(.fail(errno: EIO), atCall: k)
            let result = try DeltaTable(storage: LocalTableStorage(root: path, calls: faults)).write([try faultRows(500..<510)])
            #expect(result.version == 10, "\(context)")
            let reopened = unfaultedTable(path)
            #expect(try reopened.snapshot().version == 10, "\(context)")
            #expect(SnapshotState(try reopened.snapshot()) == SnapshotState(try jsonOnlySnapshot(path)), "\(context)")
        }
    }
}
#endif
