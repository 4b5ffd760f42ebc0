#if DEBUG
import Columnar
import DeltaLog
import Foundation
import Glibc
import Testing
@_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport
@testable import DeltaTable

/// I/O errors at every storage call of a scan: the log listing, the checkpoint (Parquet), the
/// commit after it (JSON) and the data files (Parquet, decoded on several threads). Each faulted
/// scan throws a typed `DeltaError(.io)` with the injected errno and the failing file's path —
/// never a crash, never a wrong or duplicated row — or, where the engine may ignore the failing
/// call (closing a file it has finished reading), returns exactly the table's rows.
///
/// The scan decodes files and column chunks concurrently, so the order of calls differs from run
/// to run; a fault is therefore placed by kind and path ("the 3rd `pread` of file X"), which
/// names the same kind of step in every run.
@Suite struct FaultScanTests {
    /// One storage call of the dry run: its kind, its path, and which call of that kind on that
    /// path it is (1-based).
    struct Call: Sendable, Hashable, CustomStringConvertible {
        var kind: CallKind
        var path: String
        var occurrence: Int
        var description: String { "\(kind) #\(occurrence) of \((path as NSString).lastPathComponent)" }
    }

    /// A table template (three data files; a checkpoint at version 1, then a JSON commit), the
    /// rows a scan returns, and the calls a clean scan makes.
    final class Scenario: Sendable {
        let path: String
        let expected: [String]
        let calls: [Call]

        init() throws {
            path = faultTablePath("scan")
            let table = unfaultedTable(path)
            try table.write([try faultRows(0..<20)])
            try table.write([try faultRows(20..<40)])
            _ = try table.checkpoint(version: nil, cleanup: false)
            try table.write([try faultRows(40..<60)])
            expected = rowTexts(try table.scan().batches())
            let dry = faultInjector()
            let (rows, error) = Self.scan(path, dry)
            if let error { throw error }
            guard rows == expected else { throw DeltaError(.invalidArgument, "the dry run read other rows") }
            var seen: [String: Int] = [:]
            calls = zip(dry.log, dry.paths).map { kind, path in
                let path = path ?? "?"
                seen["\(kind) \(path)", default: 0] += 1
                return Call(kind: kind, path: path, occurrence: seen["\(kind) \(path)"]!)
            }
        }

        deinit { removeTable(path) }

        /// Scans through `calls` (a new `DeltaTable`, so no cached snapshot) and returns what
        /// the reader delivered, and the error that ended it if any.
        static func scan(_ path: String, _ calls: FaultInjectingCalls) -> (rows: [String], error: (any Error)?) {
            var batches: [RecordBatch] = []
            do {
                let reader = try DeltaTable(storage: LocalTableStorage(root: path, calls: calls)).scan().reader()
                while let b = try reader.next() { batches.append(b) }
                return (rowTexts(batches), nil)
            } catch {
                return (rowTexts(batches), error)
            }
        }
    }

    @Test func aCleanScanReadsTheCheckpointTheCommitAndEveryDataFile() throws {
        let scenario = try Scenario()
        let files = Set(scenario.calls.map(\.path))
        #expect(files.contains { $0.hasSuffix(".checkpoint.parquet") })
        #expect(files.contains { $0.hasSuffix(LogFileName.commit(2)) })
        let dataFiles = files.filter { $0.hasSuffix(".parquet") && !$0.contains("/_delta_log/") }
        #expect(dataFiles.count == 3)
        for file in dataFiles {
            #expect(scenario.calls.filter { $0.path == file && $0.kind == .pread }.count >= 3, "footer and column chunks of \(file)")
        }
    }

    @Test(arguments: [EIO, ENOSPC])
    func failingEveryCallOfAScanIsATypedErrorAndNeverWrongRows(_ code: Int32) throws {
        let scenario = try Scenario()
        var tolerated: [Call] = []
        for call in scenario.calls {
            let context = "errno \(code) at \(call) (\(call.path))"
            let faults = faultInjector()
            faults.inject(.fail(errno: code), atCall: call.occurrence, kind: call.kind, path: call.path)
            let (rows, error) = Scenario.scan(scenario.path, faults)
            // Whatever was delivered before the error is right: expected rows, none twice.
            #expect(Set(rows).isSubset(of: scenario.expected), "\(context): a row that is not in the table")
            #expect(Set(rows).count == rows.count, "\(context): a row delivered twice")
            guard let error else {
                #expect(rows == scenario.expected, "\(context): the scan succeeded with \(rows.count) rows")
                tolerated.append(call)
                continue
            }
            guard let e = error as? DeltaError else {
                Issue.record("\(context): not a DeltaError: \(error)")
                continue
            }
            #expect(e.code == .io, "\(context): \(e)")
            #expect(e.errno == code, "\(context): \(e)")
            #expect(e.path == call.path, "\(context): the error names \(e.path ?? "no path")")
            #expect(e.message.contains("(errno \(code))"), "\(context): \(e.message)")
        }
        // Only closing a file already read may fail without failing the scan (its descriptor is
        // released either way).
        #expect(tolerated == scenario.calls.filter { $0.kind == .close }, "tolerated: \(tolerated)")
    }

    @Test func aDataFileReadFaultIsIOWithEIOAndTheDataFilesPath() throws {
        let scenario = try Scenario()
        let dataFile = try #require(scenario.calls.first { $0.kind == .pread && $0.path.hasSuffix(".parquet") && !$0.path.contains("/_delta_log/") })
        // The first and the last read of the file: the footer, then a column chunk.
        let reads = scenario.calls.filter { $0.kind == .pread && $0.path == dataFile.path }.count
        for occurrence in [1, reads] {
            let faults = faultInjector()
            faults.inject(.fail(errno: EIO), atCall: occurrence, kind: .pread, path: dataFile.path)
            let (_, error) = Scenario.scan(scenario.path, faults)
            let e = try #require(error as? DeltaError, "read \(occurrence) of \(reads): \(String(describing: error))")
            #expect(e.code == .io && e.errno == EIO, "\(e)")
            #expect(e.path == dataFile.path, "\(e)")
            #expect(e.message.contains("Input/output error (errno \(EIO))"), "\(e.message)")
            guard case DeltaError.io = e as any Error else { Issue.record("not matched by DeltaError.io: \(e)"); continue }
        }
    }

    @Test func shortReadsAtEveryReadAreCompletedAndGiveEveryRow() throws {
        let scenario = try Scenario()
        for call in scenario.calls where call.kind == .pread {
            let faults = faultInjector()
            faults.inject(.shortWrite, atCall: call.occurrence, kind: .pread, path: call.path)
            let (rows, error) = Scenario.scan(scenario.path, faults)
            #expect(error == nil, "short read at \(call): \(String(describing: error))")
            #expect(rows == scenario.expected, "short read at \(call)")
        }
    }
}

/// Every row of `batches` as text (all columns), sorted: equal texts mean equal rows.
func rowTexts(_ batches: [RecordBatch]) -> [String] {
    batches.flatMap { b in
        (0..<b.rowCount).map { i in b.columns.map { "\($0.scalar(at: i))" }.joined(separator: "|") }
    }.sorted()
}
#endif
