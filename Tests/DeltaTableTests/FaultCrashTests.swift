#if DEBUG
import DeltaLog
import Testing
@_spi(Testing) @_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport
@testable import DeltaTable

/// "A stage that dies at any point is re-run and the table ends up exactly as if it had run
/// once" (RELIABILITY.md, crash points): a table with three committed versions, one more write,
/// a simulated crash at every storage call k of that write, then a restart — a process restart
/// (the page cache survives) or a power loss (only what was fsynced survives) — and the
/// invariants I1–I5 and I8 checked on the table reopened without faults.
@Suite struct FaultCrashTests {
    @Test(arguments: FaultCase.all, RestartModel.allCases)
    func crashAtEveryCallIsAllOrNothingAndTheReRunLeavesTheRowsOnce(_ fault: FaultCase, restart: RestartModel) throws {
        let scenario = try fault.scenario()
        // The commit's link(2) makes it visible; only the fsync of `_delta_log/` after it makes
        // it durable (spec/commit-protocol.md C5–C7). The dry run names both calls.
        let link = scenario.lastCall(.link)
        let directoryFsync = scenario.lastCall(.fsync)
        #expect(scenario.dryRun[link - 1] == .link && link < directoryFsync)
        for k in 1...scenario.dryRun.count {
            let context = "\(scenario.context) \(restart.rawValue) crash at call \(k) (\(scenario.dryRun[k - 1]))"
            let path = try scenario.freshCopy()
            defer { removeTable(path) }
            let faults = faultInjector()
            faults.inject(.crash, atCall: k)
            var acknowledged = false
            do {
                try scenario.run(at: path, calls: faults)
                acknowledged = true
            } catch {
                checkTypedError(error, table: path, errno: nil, context)
            }
            #expect(faults.hasCrashed, "\(context)")
            // Only a crash after the directory fsync (at its close, which the protocol ignores)
            // lets the write return: it was durable by then.
            #expect(acknowledged == (k > directoryFsync), "\(context): acknowledged=\(acknowledged)")
            switch restart {
            case .processRestart: faults.simulateProcessRestart()
            case .powerLoss: faults.simulatePowerLoss()
            }
            let expectCommitted = restart == .processRestart ? k > link : k > directoryFsync
            let recovered = try checkRecovered(path, scenario, expectCommitted: expectCommitted, context)
            checkOrphans(path, scenario, recovered, context)
            try checkRerun(path, scenario, after: recovered, context)
        }
    }
}
#endif
