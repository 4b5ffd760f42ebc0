#if DEBUG
import DeltaLog
import Foundation
import Glibc
import Testing
@_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport

/// The crash points of spec/commit-protocol.md: kill the operation there, then look at what a
/// restarted process (a) and a rebooted machine (b) would see.
@Suite struct CrashPointTests {
    /// Crash point → the faults that stop the commit there (calls of a commit into an existing
    /// `_delta_log/`: open write fsync close link unlink open(dir) fsync(dir) close(dir)).
    static let commitPoints: [(String, [(FaultInjectingCalls.Fault, Int, CallKind)])] = [
        ("C1", [(.crash, 1, .write)]),
        ("C2", [(.shortWrite, 1, .write), (.crash, 2, .write)]),
        ("C3", [(.crash, 1, .fsync)]),
        ("C4", [(.crash, 1, .link)]),
        ("C5", [(.crash, 1, .unlink)]),
        ("C6", [(.crash, 2, .fsync)]),
        ("C7", [(.crash, 2, .close)]),
    ]

    static func prepared(_ dir: TestDirectory, _ point: String) throws -> (LocalTableStorage, FaultInjectingCalls) {
        let faults = FaultInjectingCalls()
        let storage = LocalTableStorage(root: dir.path, calls: faults)
        #expect(try storage.putIfAbsent(commitName(0), contents: payload(writer: 0, version: 0)) == .created)
        for (fault, k, kind) in commitPoints.first(where: { $0.0 == point })!.1 {
            faults.inject(fault, atCall: k, kind: kind)
        }
        return (storage, faults)
    }

    @Test(arguments: ["C1", "C2", "C3", "C4", "C5", "C6", "C7"])
    func processCrashLeavesTheCommitAbsentOrWholeAndTheNextCommitSucceeds(point: String) throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let (storage, faults) = try Self.prepared(dir, point)
        let expected = payload(writer: 1, version: 1)
        _ = try? storage.putIfAbsent(commitName(1), contents: expected)
        #expect(faults.hasCrashed)
        faults.simulateProcessRestart()
        let visible = ["C5", "C6", "C7"].contains(point)
        #expect(dir.contents(commitName(1)) == (visible ? expected : nil), "\(point)")
        #expect(dir.contents(commitName(0)) == payload(writer: 0, version: 0))
        // The page cache survives a process crash: a temp file stays behind until step 6.
        #expect(dir.tempFiles("_delta_log").count == (["C1", "C2", "C3", "C4", "C5"].contains(point) ? 1 : 0), "\(point)")
        // I8: the next commit after recovery succeeds at latest + 1.
        let next = visible ? 2 : 1
        #expect(try LocalTableStorage(root: dir.path).putIfAbsent(commitName(next), contents: [9]) == .created)
    }

    @Test(arguments: ["C1", "C2", "C3", "C4", "C5", "C6", "C7"])
    func powerLossLosesAnUnsyncedCommitButNeverCorruptsIt(point: String) throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let (storage, faults) = try Self.prepared(dir, point)
        let expected = payload(writer: 1, version: 1)
        _ = try? storage.putIfAbsent(commitName(1), contents: expected)
        faults.simulatePowerLoss()
        let after = dir.contents(commitName(1))
        #expect(after == nil || after == expected, "\(point): partial commit after power loss")
        // Only the directory fsync (C7) makes the new name durable.
        #expect(after == (point == "C7" ? expected : nil), "\(point)")
        #expect(dir.contents(commitName(0)) == payload(writer: 0, version: 0), "\(point): earlier commit lost")
        #expect(dir.tempFiles("_delta_log") == [], "\(point)")
        let next = point == "C7" ? 2 : 1
        #expect(try storage.putIfAbsent(commitName(next), contents: [9]) == .created)
    }

    @Test func powerLossAfterEveryCallOfAFreshTableCommitLeavesAbsentOrWhole() throws {
        let count = try FaultInjectionTests.commitCalls(freshRoot: true).count
        for k in 1...count {
            let dir = TestDirectory(); defer { dir.remove() }
            let faults = FaultInjectingCalls()
            faults.inject(.crash, atCall: k)
            let storage = LocalTableStorage(root: dir.path + "/t", calls: faults)
            let expected = payload(writer: 1, version: 0)
            _ = try? storage.putIfAbsent(commitName(0), contents: expected)
            faults.simulatePowerLoss()
            let after = dir.contents("t/" + commitName(0))
            #expect(after == nil || after == expected, "k=\(k)")
            #expect(dir.tempFiles("t/_delta_log") == [], "k=\(k)")
        }
        // No crash: the table directory, log directory and commit all survive.
        let dir = TestDirectory(); defer { dir.remove() }
        let faults = FaultInjectingCalls()
        _ = try LocalTableStorage(root: dir.path + "/t", calls: faults).putIfAbsent(commitName(0), contents: [1])
        faults.simulatePowerLoss()
        #expect(dir.contents("t/" + commitName(0)) == [1])
    }

    @Test func replaceCrashAtEveryCallThenPowerLossKeepsOldOrNewWhole() throws {
        let old = Array("{\"version\":10,\"size\":4}".utf8)
        let new = Array("{\"version\":20,\"size\":8,\"parts\":null}".utf8)
        // open write fsync close rename open(dir) fsync(dir) close(dir)
        for k in 1...8 {
            let dir = TestDirectory(); defer { dir.remove() }
            let faults = FaultInjectingCalls()
            let storage = LocalTableStorage(root: dir.path, calls: faults)
            try storage.replace("_delta_log/_last_checkpoint", contents: old)
            faults.inject(.crash, atCall: k)
            try? storage.replace("_delta_log/_last_checkpoint", contents: new)
            faults.simulatePowerLoss()
            let now = dir.contents("_delta_log/_last_checkpoint")
            #expect(now == (k == 8 ? new : old), "k=\(k)")
            #expect(dir.tempFiles("_delta_log") == [], "k=\(k)")
        }
    }

    @Test func dataFileSurvivesPowerLossOnlyAfterSync() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let faults = FaultInjectingCalls()
        let storage = LocalTableStorage(root: dir.path, calls: faults)
        let synced = try storage.createLocal("p=1/part-a.parquet")
        try synced.write([1, 2, 3])
        try synced.sync()
        try synced.write([4, 5])     // written after the sync: not durable
        try synced.close()
        let unsynced = try storage.createLocal("p=1/part-b.parquet")
        try unsynced.write([6])
        try unsynced.close()
        faults.simulatePowerLoss()
        #expect(dir.contents("p=1/part-a.parquet") == [1, 2, 3])
        #expect(dir.contents("p=1/part-b.parquet") == nil)
    }

    @Test func deleteWithoutDirectorySyncIsUndoneByPowerLoss() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let faults = FaultInjectingCalls()
        let storage = LocalTableStorage(root: dir.path, calls: faults)
        _ = try storage.putIfAbsent("a", contents: [1, 2])
        _ = try storage.putIfAbsent("b", contents: [3])
        #expect(try storage.delete("a"))
        #expect(try storage.delete("b"))
        try storage.syncDirectory("")
        _ = try storage.putIfAbsent("c", contents: [4])   // durable: the commit syncs the directory
        #expect(try storage.delete("c"))                    // not synced: comes back
        faults.simulatePowerLoss()
        #expect(dir.names("") == ["c"])
        #expect(dir.contents("c") == [4])
    }
}
#endif
