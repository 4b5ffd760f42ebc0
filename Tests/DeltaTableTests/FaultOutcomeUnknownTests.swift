#if DEBUG
import DeltaLog
import Glibc
import Testing
@_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport
@testable import DeltaTable

/// After `.commitOutcomeUnknown` (the fsync of `_delta_log/` after the link failed) the commit
/// is visible but may not be durable. The caller re-reads the log and decides by its app id
/// (RELIABILITY.md, step 4). Whatever it then does, a power loss must not turn an answer it was
/// given into lost rows.
@Suite struct FaultOutcomeUnknownTests {
    /// The write fails at the directory fsync; the same process (same disk model) re-runs it.
    static func outcomeUnknown(_ partitioned: Bool) throws -> (FaultScenario, String, FaultInjectingCalls) {
        let scenario = try FaultScenario(.appendWithAppTransaction, partitioned: partitioned)
        let path = try scenario.freshCopy()
        let faults = faultInjector()
        faults.inject(.fail(errno: EIO), atCall: scenario.lastCall(.fsync))
        let error = #expect(throws: DeltaError.self) { try scenario.run(at: path, calls: faults) }
        #expect(error?.code == .commitOutcomeUnknown)
        #expect(error?.path == path + "/" + SnapshotLoader.logDirectory + "/" + LogFileName.commit(FaultScenario.baseLatest + 1))
        return (scenario, path, faults)
    }

    @Test(arguments: [false, true])
    func aReRunSkippedBecauseTheCommitIsVisibleLeavesItDurable(partitioned: Bool) throws {
        let (scenario, path, faults) = try Self.outcomeUnknown(partitioned)
        defer { removeTable(path) }
        // The re-run sees its app id in the log and skips: the rows are acknowledged now…
        let rerun = try scenario.run(at: path, calls: faults)
        guard case .skipped = rerun else { Issue.record("re-run was not skipped: \(rerun)"); return }
        // …so they must survive a power loss.
        faults.simulatePowerLoss()
        let recovered = try checkRecovered(path, scenario, expectCommitted: true, "skip after outcome unknown, then power loss")
        #expect(recovered.latest == FaultScenario.baseLatest + 1)
    }

    @Test func aSkipWhoseLogSyncFailsIsAnErrorNotAnAcknowledgement() throws {
        let (scenario, path, faults) = try Self.outcomeUnknown(false)
        defer { removeTable(path) }
        faults.inject(.fail(errno: EIO), atCall: 1, kind: .fsync)
        let error = #expect(throws: DeltaError.self) { try scenario.run(at: path, calls: faults) }
        #expect(error?.code == .io && error?.path == path + "/" + SnapshotLoader.logDirectory && error?.message.contains("(errno \(EIO))") == true,
                "\(String(describing: error))")
        // The next re-run, with the disk healthy again, skips and makes it durable.
        guard case .skipped = try scenario.run(at: path, calls: faults) else { Issue.record("not skipped"); return }
        faults.simulatePowerLoss()
        try checkRecovered(path, scenario, expectCommitted: true, "skip after a failed skip")
    }

    @Test(arguments: [false, true])
    func aCommitLostToPowerLossBeforeTheReRunIsCommittedByTheReRunOnce(partitioned: Bool) throws {
        let (scenario, path, faults) = try Self.outcomeUnknown(partitioned)
        defer { removeTable(path) }
        faults.simulatePowerLoss()
        let recovered = try checkRecovered(path, scenario, expectCommitted: false, "outcome unknown, then power loss")
        checkOrphans(path, scenario, recovered, "outcome unknown, then power loss")
        try checkRerun(path, scenario, after: recovered, "re-run after outcome unknown and power loss")
    }
}
#endif
