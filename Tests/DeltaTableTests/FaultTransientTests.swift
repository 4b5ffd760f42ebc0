#if DEBUG
import DeltaLog
import Glibc
import Testing
@_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport
@testable import DeltaTable

/// Interrupted calls and short transfers at every storage call of a write are retried
/// invisibly (RELIABILITY.md, "I/O errors") — except an interrupted fsync, which is never
/// retried (spec/commit-protocol.md) and so fails the write like any failed fsync, and an
/// interrupted fstat, which the storage does not retry either.
@Suite struct FaultTransientTests {
    @Test(arguments: FaultCase.all)
    func interruptedCallsAreInvisibleExceptFsyncAndFstat(_ fault: FaultCase) throws {
        let scenario = try fault.scenario()
        for k in 1...scenario.dryRun.count {
            let kind = scenario.dryRun[k - 1]
            let context = "\(scenario.context) EINTR at call \(k) (\(kind))"
            // fsync is never retried; fstat is not retried either (spec/commit-protocol.md lists
            // the retried calls; Linux fstat is not interruptible, so only the injector makes
            // it return EINTR): both fail the write cleanly, before anything is committed —
            // except the directory fsync after the link, whose failure leaves the commit visible.
            let fails = kind == .fsync || kind == .fstat
            let result = try runFailingWrite(scenario, .eintr, atCall: k, persistent: false, errno: EINTR,
                                             rerun: fails, context)
            if fails {
                let unknown = k == scenario.lastCall(.fsync)
                #expect(result.error?.code == (unknown ? .commitOutcomeUnknown : .io), "\(context): \(String(describing: result.error))")
            } else {
                #expect(result.error == nil, "\(context): \(String(describing: result.error))")
            }
        }
    }

    @Test(arguments: FaultCase.all)
    func shortWritesAndReadsAreCompletedInvisibly(_ fault: FaultCase) throws {
        let scenario = try fault.scenario()
        for k in 1...scenario.dryRun.count where [.write, .pread].contains(scenario.dryRun[k - 1]) {
            let context = "\(scenario.context) short transfer at call \(k) (\(scenario.dryRun[k - 1]))"
            let result = try runFailingWrite(scenario, .shortWrite, atCall: k, persistent: false, errno: nil,
                                             rerun: false, context)
            #expect(result.error == nil, "\(context): \(String(describing: result.error))")
        }
        // Every write and read of the operation halved (and the rest retried, halved again…).
        let result = try runFailingWrite(scenario, .shortWrite, atCall: 1, persistent: true, errno: nil,
                                         rerun: true, "\(scenario.context) every transfer short")
        #expect(result.error == nil)
    }
}
#endif
