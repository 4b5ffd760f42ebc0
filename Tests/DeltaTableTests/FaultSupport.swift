#if DEBUG
import Columnar
import DeltaLog
import Foundation
import Glibc
import Parquet
import Testing
@_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport
@testable import DeltaTable

/// The write a fault-injection case runs once more on a table with committed history.
enum FaultedWrite: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// Blind append of new rows (a new partition value included).
    case append
    /// Replace every row.
    case overwrite
    /// Append carrying `AppTransaction(appId: "stage-a", version: 3)`; the history already
    /// recorded versions 1 and 2 of that app.
    case appendWithAppTransaction

    var testDescription: String { rawValue }

    var appTransaction: AppTransaction? {
        self == .appendWithAppTransaction ? AppTransaction(appId: FaultScenario.appId, version: 3) : nil
    }

    var mode: WriteMode { self == .overwrite ? .overwrite : .append }
}

/// One write on one table shape (Swift Testing takes at most two argument collections).
struct FaultCase: Sendable, CustomTestStringConvertible {
    var write: FaultedWrite
    var partitioned: Bool

    static let all: [FaultCase] = FaultedWrite.allCases.flatMap { w in [false, true].map { FaultCase(write: w, partitioned: $0) } }

    var testDescription: String { "\(write.rawValue)\(partitioned ? " partitioned" : "")" }

    func scenario() throws -> FaultScenario { try FaultScenario(write, partitioned: partitioned) }
}

/// How a crash is followed by a restart (spec/commit-protocol.md, "Models of failure").
enum RestartModel: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// (a) the process died; everything its calls did is still there.
    case processRestart
    /// (b) the machine lost power; only what was fsynced survives.
    case powerLoss

    var testDescription: String { rawValue }
}

/// A table with three committed versions (kept as a template directory that every case copies),
/// the one write a case runs on it, and the in-memory model of the rows.
///
/// History: v0 ids 0..<20 (app "stage-a" v1, creates the table), v1 ids 20..<40 (app "stage-a"
/// v2), v2 ids 40..<60 (no app). The faulted write holds ids 100..<130 over four dates, one of
/// them new, so a partitioned table creates a partition folder during the write.
final class FaultScenario: Sendable {
    static let appId = "stage-a"
    static let baseRanges = [0..<20, 20..<40, 40..<60]
    static let writeRange = 100..<130
    static let baseLatest: Int64 = 2

    let write: FaultedWrite
    let partitioned: Bool
    let template: String
    /// Bytes of the commit files of versions 0…2.
    let baseCommits: [[UInt8]]
    /// Parquet files of the template (relative paths).
    let baseFiles: Set<String>
    /// The calls a clean run of the write makes (the "dry run").
    let dryRun: [CallKind]

    var context: String { "\(write.rawValue) partitioned=\(partitioned)" }

    init(_ write: FaultedWrite, partitioned: Bool) throws {
        self.write = write
        self.partitioned = partitioned
        let template = faultTablePath("template")
        self.template = template
        let table = unfaultedTable(template)
        for (i, r) in Self.baseRanges.enumerated() {
            let app: AppTransaction? = i < 2 ? AppTransaction(appId: Self.appId, version: Int64(i + 1)) : nil
            try table.write([try faultRows(r)], partitionBy: partitioned ? ["date"] : [], appTransaction: app)
        }
        baseCommits = try (0...Self.baseLatest).map { try Data(contentsOf: URL(fileURLWithPath: commitPath(template, $0))).bytes }
        baseFiles = parquetFiles(template)
        // Dry run on a copy: the calls the write makes when nothing fails.
        let copy = try Self.copy(template)
        defer { removeTable(copy) }
        let calls = faultInjector()
        let outcome = try Self.runWrite(write, at: copy, calls: calls)
        dryRun = calls.log
        guard outcome.version == Self.baseLatest + 1 else {
            throw DeltaError(.invalidArgument, "dry run of \(write) did not commit version 3: \(outcome)")
        }
    }

    deinit { removeTable(template) }

    static func copy(_ template: String) throws -> String {
        let destination = faultTablePath()
        try? FileManager.default.removeItem(atPath: destination)
        try FileManager.default.copyItem(atPath: template, toPath: destination)
        return destination
    }

    /// A fresh copy of the table with its history.
    func freshCopy() throws -> String { try Self.copy(template) }

    @discardableResult
    static func runWrite(_ write: FaultedWrite, at path: String, calls: any FileSystemCalls) throws -> WriteOutcome {
        let table = DeltaTable(storage: LocalTableStorage(root: path, calls: calls))
        return try table.write([try faultRows(writeRange)], mode: write.mode, appTransaction: write.appTransaction)
    }

    /// Runs the write through `calls`.
    @discardableResult
    func run(at path: String, calls: any FileSystemCalls) throws -> WriteOutcome {
        try Self.runWrite(write, at: path, calls: calls)
    }

    var baseIds: [Int64] { Self.baseRanges.flatMap { $0 }.map(Int64.init) }
    var writeIds: [Int64] { Self.writeRange.map(Int64.init) }

    /// The rows after the history plus the faulted write (if its commit happened).
    func model(committed: Bool) -> [Int64] {
        guard committed else { return baseIds.sorted() }
        return (write == .overwrite ? writeIds : baseIds + writeIds).sorted()
    }

    /// Index (1-based) of the dry run's last call of `kind`.
    func lastCall(_ kind: CallKind) -> Int {
        (dryRun.lastIndex(of: kind) ?? -1) + 1
    }
}

/// Rows `ids` of `eventSchema` (as `eventBatch`), except that the date is `id % 3` days after
/// 2024-01-01 for the history and `id % 4` days for the faulted write (ids from 100), which so
/// adds a partition value the history does not have.
func faultRows(_ ids: Range<Int>) throws -> RecordBatch {
    let base: Int32 = 19723   // 2024-01-01
    let days = ids.lowerBound >= 100 ? 4 : 3
    return try RecordBatch(schema: eventSchema, columns: [
        try Column(.long, ids.map { .long(Int64($0)) }),
        try Column(.string, ids.map { $0 % 10 == 9 ? .null : .string("n\($0)") }),
        try Column(.double, ids.map { .double(Double($0) * 1.5) }),
        try Column(.date, ids.map { .date(base + Int32($0 % days)) }),
    ])
}

/// The real system calls, except that `fsync` only reports success. Under `FaultInjectingCalls`
/// durability is what its model says (a file is durable up to its last *reported* fsync), so
/// these tests lose nothing by not waiting for the disk — and they make thousands of writes.
struct NoSyncCalls: FileSystemCalls {
    let base = PosixCalls()
    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> (fd: Int32, errno: Int32) { base.open(path, flags, mode) }
    func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> (count: Int, errno: Int32) { base.write(fd, buffer, count) }
    func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> (count: Int, errno: Int32) {
        base.pread(fd, buffer, count, offset)
    }
    func fsync(_ fd: Int32) -> Int32 { base.fstat(fd).errno }
    func close(_ fd: Int32) -> Int32 { base.close(fd) }
    func link(_ from: String, _ to: String) -> Int32 { base.link(from, to) }
    func rename(_ from: String, _ to: String) -> Int32 { base.rename(from, to) }
    func unlink(_ path: String) -> Int32 { base.unlink(path) }
    func mkdir(_ path: String, _ mode: mode_t) -> Int32 { base.mkdir(path, mode) }
    func listDirectory(_ path: String) -> (entries: [RawEntry]?, errno: Int32) { base.listDirectory(path) }
    func stat(_ path: String) -> (status: FileStatus?, errno: Int32) { base.stat(path) }
    func fstat(_ fd: Int32) -> (status: FileStatus?, errno: Int32) { base.fstat(fd) }
}

/// A fault injector over `NoSyncCalls`.
func faultInjector() -> FaultInjectingCalls { FaultInjectingCalls(base: NoSyncCalls()) }

/// The table at `path` on storage without faults (and without waiting for the disk).
func unfaultedTable(_ path: String) -> DeltaTable {
    DeltaTable(storage: LocalTableStorage(root: path, calls: NoSyncCalls()))
}

/// A new table path in its own folder, on tmpfs when there is one: these tests create and delete
/// tens of thousands of small files, which ext4 makes slow, and durability is modelled by
/// `FaultInjectingCalls`, not by the disk.
func faultTablePath(_ name: String = "table") -> String {
    let shm = "/dev/shm"
    let base = access(shm, W_OK) == 0 ? shm : FileManager.default.temporaryDirectory.path
    let dir = base + "/swift-delta-faults-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/" + name
}

// MARK: Looking at a table on disk without the engine's storage layer

func commitPath(_ table: String, _ version: Int64) -> String {
    table + "/_delta_log/" + LogFileName.commit(version)
}

func removeTable(_ path: String) {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
}

/// Versions of the `<20 digits>.json` files in `_delta_log`, ascending.
func commitVersions(_ table: String) -> [Int64] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: table + "/_delta_log")) ?? []
    return names.compactMap { name -> Int64? in
        if case let .commit(v)? = LogFileName(name) { return v }
        return nil
    }.sorted()
}

/// Every `.parquet` file under the table (relative paths).
func parquetFiles(_ table: String) -> Set<String> {
    let all = (try? FileManager.default.subpathsOfDirectory(atPath: table)) ?? []
    return Set(all.filter { $0.hasSuffix(".parquet") })
}

extension Data {
    var bytes: [UInt8] { [UInt8](self) }
}

/// What a reopened table (fresh `LocalTableStorage`, no faults) looks like after a fault.
struct RecoveredTable {
    var latest: Int64
    /// The faulted write's commit (version 3) is in the log.
    var committed: Bool
    /// Files the faulted write's commit added (empty when it is not in the log).
    var addedFiles: Set<String>
    /// Every file referenced by an `add` in any version.
    var everReferenced: Set<String>
}

/// Checks I1–I5 on the table at `path` after a fault and a restart, and returns what it found.
/// `expectCommitted`: nil when the fault's outcome is not predicted.
@discardableResult
func checkRecovered(_ path: String, _ scenario: FaultScenario, expectCommitted: Bool? = nil,
                    _ context: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RecoveredTable {
    // I1: every commit file parses whole, versions are contiguous from 0, the snapshot loads.
    let versions = commitVersions(path)
    #expect(versions == Array(0...(versions.last ?? -1)), "\(context): versions \(versions)", sourceLocation: sourceLocation)
    #expect(versions.count == 3 || versions.count == 4, "\(context): versions \(versions)", sourceLocation: sourceLocation)
    var commits: [[Action]] = []
    for v in versions {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: commitPath(path, v))).bytes
        commits.append(try ActionCodec.parseCommit(bytes, path: commitPath(path, v)))
        // I2: acknowledged versions are byte for byte what they were.
        if v <= FaultScenario.baseLatest {
            #expect(bytes == scenario.baseCommits[Int(v)], "\(context): version \(v) changed", sourceLocation: sourceLocation)
        }
    }
    let table = DeltaTable(path: path)
    let snapshot = try table.snapshot()
    let latest = versions.last ?? -1
    #expect(snapshot.version == latest, "\(context)", sourceLocation: sourceLocation)
    let committed = latest == FaultScenario.baseLatest + 1
    if let expectCommitted {
        #expect(committed == expectCommitted, "\(context): commit \(committed ? "present" : "absent"), expected the opposite", sourceLocation: sourceLocation)
    }

    var everReferenced = Set<String>()
    var added = Set<String>()
    for (v, actions) in zip(versions, commits) {
        for case let .add(a) in actions {
            let p = try LogPathEncoding.decode(a.path)
            everReferenced.insert(p)
            if v == FaultScenario.baseLatest + 1 { added.insert(p) }
        }
    }
    // I3: the app's transaction is in at most one version, and in the new one only if it committed.
    if let app = scenario.write.appTransaction {
        let holding = zip(versions, commits).filter { _, actions in
            actions.contains { if case let .txn(t) = $0 { return t.appId == app.appId && t.version == app.version }; return false }
        }.map(\.0)
        #expect(holding == (committed ? [latest] : []), "\(context): txn in versions \(holding)", sourceLocation: sourceLocation)
        #expect(snapshot.transactions[app.appId]?.version == (committed ? 3 : 2), "\(context)", sourceLocation: sourceLocation)
    }
    // I4: every live file exists with its recorded size, a valid footer and the recorded rows.
    try checkLiveFiles(path, snapshot, context, sourceLocation: sourceLocation)
    // I3 + I5: the rows are the model's, the write's entirely or not at all, never twice.
    let scanned = ids(try table.scan(snapshot: snapshot).batches())
    #expect(scanned == scenario.model(committed: committed), "\(context): scan has \(scanned.count) rows", sourceLocation: sourceLocation)
    return RecoveredTable(latest: latest, committed: committed, addedFiles: added, everReferenced: everReferenced)
}

/// I4 for one snapshot.
func checkLiveFiles(_ path: String, _ snapshot: Snapshot, _ context: String,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
    for file in snapshot.files {
        let relative = try LogPathEncoding.decode(file.path)
        let absolute = path + "/" + relative
        let attributes = try? FileManager.default.attributesOfItem(atPath: absolute)
        let size = (attributes?[.size] as? NSNumber)?.int64Value
        #expect(size == file.size, "\(context): \(relative) has \(size.map(String.init) ?? "no file"), log says \(file.size)",
                sourceLocation: sourceLocation)
        guard size != nil else { continue }
        do {
            let reader = try ParquetFileReader(input: try LocalFiles.openForReading(absolute))
            let stats = try file.stats.map { try FileStatistics.parse($0) }
            #expect(Int64(reader.rowCount) == stats?.numRecords, "\(context): \(relative) row count", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(context): \(relative) is not a valid Parquet file: \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// I8: the same write, re-run without faults on a reopened table, succeeds at latest + 1 (or is
/// skipped when its app transaction already committed), and the rows are then exactly right.
func checkRerun(_ path: String, _ scenario: FaultScenario, after recovered: RecoveredTable, _ context: String,
                sourceLocation: SourceLocation = #_sourceLocation) throws {
    let outcome = try scenario.run(at: path, calls: NoSyncCalls())
    let skipped: Bool
    if case .skipped = outcome { skipped = true } else { skipped = false }
    if scenario.write.appTransaction != nil && recovered.committed {
        #expect(skipped, "\(context): re-run of a committed app transaction was not skipped: \(outcome)", sourceLocation: sourceLocation)
    } else {
        #expect(outcome.version == recovered.latest + 1, "\(context): re-run gave \(outcome)", sourceLocation: sourceLocation)
    }
    // The scan reads every live file, so a missing or broken one would throw here.
    let scanned = ids(try DeltaTable(path: path).scan().batches())
    let expected: [Int64]
    switch scenario.write {
    case .appendWithAppTransaction, .overwrite:
        // Exactly once, whatever the fault did.
        expected = scenario.model(committed: true)
    case .append:
        // A blind append re-run after its commit survived adds the rows a second time: that
        // is what app transactions are for.
        expected = (scenario.model(committed: recovered.committed) + scenario.writeIds).sorted()
    }
    #expect(scanned == expected, "\(context): after re-run the scan has \(scanned.count) rows", sourceLocation: sourceLocation)
}

/// Parquet files the faulted write left that no version references (vacuum removes them):
/// asserts none of them is referenced and returns them.
@discardableResult
func checkOrphans(_ path: String, _ scenario: FaultScenario, _ recovered: RecoveredTable, _ context: String,
                  sourceLocation: SourceLocation = #_sourceLocation) -> Set<String> {
    let onDisk = parquetFiles(path)
    #expect(scenario.baseFiles.isSubset(of: onDisk), "\(context): a file of the history disappeared", sourceLocation: sourceLocation)
    let new = onDisk.subtracting(scenario.baseFiles)
    #expect(recovered.addedFiles.isSubset(of: new), "\(context)", sourceLocation: sourceLocation)
    let orphans = new.subtracting(recovered.addedFiles)
    #expect(orphans.isDisjoint(with: recovered.everReferenced), "\(context): orphans referenced", sourceLocation: sourceLocation)
    return orphans
}

@discardableResult
/// A thrown error must be a `DeltaError` of a storage kind that names a path under the table.
func checkTypedError(_ error: any Error, table path: String, errno code: Int32?, _ context: String,
                     sourceLocation: SourceLocation = #_sourceLocation) -> DeltaError? {
    guard let e = error as? DeltaError else {
        Issue.record("\(context): not a DeltaError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
    #expect([.io, .commitOutcomeUnknown, .dataFile].contains(e.code), "\(context): \(e)", sourceLocation: sourceLocation)
    #expect(e.path?.hasPrefix(path) == true, "\(context): error names no path in the table: \(e)", sourceLocation: sourceLocation)
    if let code {
        #expect(e.message.contains("(errno \(code))"), "\(context): \(e)", sourceLocation: sourceLocation)
    } else {
        #expect(e.message.contains("simulated process crash"), "\(context): \(e)", sourceLocation: sourceLocation)
    }
    return e
}
#endif

#if DEBUG
/// What one faulted (non-crash) write did.
struct FailedWrite {
    var outcome: WriteOutcome?
    var error: DeltaError?
    var recovered: RecoveredTable
    var orphans: Set<String>
}

/// Runs the scenario's write on a fresh copy of its table with `fault` injected at call `k`
/// (the process stays up: no restart), then checks the error, I1–I5 on the table reopened
/// without faults, the orphans, and (when `rerun`) I8.
///
/// - `.io` / `.dataFile`: the commit did not happen, and — unless the fault is persistent, so
///   that the cleanup's own unlinks fail — the write deleted every data file it created;
/// - `.commitOutcomeUnknown`: decided by re-reading the log (with the app id when there is
///   one); the commit is visible (the process did not lose its page cache) and its files kept;
/// - success: version 3 committed with every row, nothing left over.
@discardableResult
func runFailingWrite(_ scenario: FaultScenario, _ fault: FaultInjectingCalls.Fault, atCall k: Int, persistent: Bool,
                     errno code: Int32?, rerun: Bool = true, _ context: String,
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> FailedWrite {
    let path = try scenario.freshCopy()
    defer { removeTable(path) }
    let faults = faultInjector()
    faults.inject(fault, atCall: k, persistent: persistent)
    var outcome: WriteOutcome?
    var error: DeltaError?
    do {
        outcome = try scenario.run(at: path, calls: faults)
    } catch let e {
        error = checkTypedError(e, table: path, errno: code, context, sourceLocation: sourceLocation)
    }
    if let outcome {
        #expect(outcome == .committed(version: FaultScenario.baseLatest + 1, files: scenario.partitioned ? 4 : 1,
                                      rows: FaultScenario.writeRange.count), "\(context)", sourceLocation: sourceLocation)
    }
    let unknown = error?.code == .commitOutcomeUnknown
    let expectCommitted: Bool? = unknown ? nil : error == nil
    let recovered = try checkRecovered(path, scenario, expectCommitted: expectCommitted, context, sourceLocation: sourceLocation)
    if unknown {
        // The caller's decision: re-read the log. With an app id the snapshot's txn tells.
        if let app = scenario.write.appTransaction {
            let recorded = try DeltaTable(path: path).snapshot().transactions[app.appId]?.version ?? -1
            #expect((recorded >= app.version) == recovered.committed, "\(context)", sourceLocation: sourceLocation)
        }
        // Outcome unknown comes only after the link: a live process sees the commit.
        #expect(recovered.committed, "\(context): outcome unknown but the commit is not visible", sourceLocation: sourceLocation)
    }
    let orphans = checkOrphans(path, scenario, recovered, context, sourceLocation: sourceLocation)
    if error == nil || unknown || !persistent {
        #expect(orphans.isEmpty, "\(context): the failed write left \(orphans.sorted())", sourceLocation: sourceLocation)
    }
    if rerun { try checkRerun(path, scenario, after: recovered, context, sourceLocation: sourceLocation) }
    return FailedWrite(outcome: outcome, error: error, recovered: recovered, orphans: orphans)
}
#endif
