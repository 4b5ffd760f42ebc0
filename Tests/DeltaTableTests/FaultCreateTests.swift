#if DEBUG
import DeltaLog
import Foundation
import Testing
@_spi(Testing) @_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport
@testable import DeltaTable

/// A write that creates its table (no history: the root, `_delta_log/` and the partition
/// folders are all made by it), crashed at every storage call: afterwards there is no table or
/// the whole version 0, and the re-run with the same app transaction leaves the rows once.
@Suite struct FaultCreateTests {
    static let app = AppTransaction(appId: "creator", version: 1)

    @discardableResult
    static func create(_ path: String, partitioned: Bool, calls: any FileSystemCalls) throws -> WriteOutcome {
        try DeltaTable(storage: LocalTableStorage(root: path, calls: calls))
            .write([try faultRows(FaultScenario.writeRange)], partitionBy: partitioned ? ["date"] : [], appTransaction: app)
    }

    @Test(arguments: [false, true], RestartModel.allCases)
    func crashAtEveryCallLeavesNoTableOrAllOfVersionZero(partitioned: Bool, restart: RestartModel) throws {
        let dry = faultInjector()
        let dryPath = faultTablePath()
        #expect(try Self.create(dryPath, partitioned: partitioned, calls: dry).version == 0)
        removeTable(dryPath)
        let calls = dry.log
        let link = (calls.lastIndex(of: .link) ?? -1) + 1
        let directoryFsync = (calls.lastIndex(of: .fsync) ?? -1) + 1
        let rows = FaultScenario.writeRange.map(Int64.init)
        for k in 1...calls.count {
            let context = "create partitioned=\(partitioned) \(restart.rawValue) crash at call \(k) (\(calls[k - 1]))"
            let path = faultTablePath()
            defer { removeTable(path) }
            let faults = faultInjector()
            faults.inject(.crash, atCall: k)
            do {
                try Self.create(path, partitioned: partitioned, calls: faults)
                #expect(k > directoryFsync, "\(context): acknowledged")
            } catch {
                // The path may be the table's parent, whose fsync makes the new root durable.
                checkTypedError(error, table: (path as NSString).deletingLastPathComponent, errno: nil, context)
            }
            switch restart {
            case .processRestart: faults.simulateProcessRestart()
            case .powerLoss: faults.simulatePowerLoss()
            }
            let committed = restart == .processRestart ? k > link : k > directoryFsync
            let table = DeltaTable(path: path)
            #expect(commitVersions(path) == (committed ? [0] : []), "\(context)")
            var referenced = Set<String>()
            if committed {
                let snapshot = try table.snapshot()
                try checkLiveFiles(path, snapshot, context)
                #expect(snapshot.transactions[Self.app.appId]?.version == Self.app.version, "\(context)")
                #expect(ids(try table.scan(snapshot: snapshot).batches()) == rows, "\(context)")
                referenced = Set(try snapshot.files.map { try LogPathEncoding.decode($0.path) })
            } else {
                #expect(try table.exists() == false, "\(context)")
            }
            // Orphans are never referenced; every referenced file is on disk.
            #expect(referenced.isSubset(of: parquetFiles(path)), "\(context)")
            // I8: the re-run creates the table, or skips because it already did.
            let rerun = try Self.create(path, partitioned: partitioned, calls: NoSyncCalls())
            if committed {
                guard case .skipped = rerun else { Issue.record("\(context): re-run not skipped: \(rerun)"); continue }
            } else {
                #expect(rerun.version == 0, "\(context): \(rerun)")
            }
            #expect(ids(try table.scan().batches()) == rows, "\(context): after re-run")
        }
    }
}
#endif
