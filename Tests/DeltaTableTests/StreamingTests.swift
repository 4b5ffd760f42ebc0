import Testing
import Foundation
import Columnar
import DeltaLog
import DeltaStorage
import Parquet
@testable import DeltaTable

/// A reader that makes each batch only when asked, and counts how many exist at once.
final class GeneratedBatches: RecordBatchReader {
    let schema = eventSchema
    let batches: Int
    let rows: Int
    private(set) var produced = 0

    init(batches: Int, rows: Int) {
        self.batches = batches
        self.rows = rows
    }

    func next() throws -> RecordBatch? {
        guard produced < batches else { return nil }
        defer { produced += 1 }
        return try eventBatch(produced * rows..<(produced + 1) * rows)
    }
}

@Suite struct StreamingTests {
    @Test func aWriteFromAReaderTakesEveryBatchAsOneCommit() throws {
        let table = DeltaTable(path: temporaryTablePath())
        let reader = GeneratedBatches(batches: 40, rows: 250)
        let outcome = try table.write(from: reader, partitionBy: ["date"])
        #expect(outcome == .committed(version: 0, files: 3, rows: 10_000))
        #expect(reader.produced == 40)
        #expect(ids(try table.scan().batches()) == (0..<10_000).map(Int64.init))
    }

    @Test func aLazySequenceIsConsumedOnceAndInOrder() throws {
        let table = DeltaTable(path: temporaryTablePath())
        var made = 0
        let lazy = (0..<10).lazy.map { i -> RecordBatch in
            made += 1
            return try! eventBatch(i * 100..<(i + 1) * 100)
        }
        try table.write(lazy)
        #expect(made == 10)
        #expect(try table.snapshot().files.count == 1)
        #expect(ids(try table.scan().batches()) == (0..<1000).map(Int64.init))
    }

    /// Twelve files (one per commit): the reader delivers them in the snapshot's file order,
    /// each file's rows together, whatever order the threads finish in.
    @Test func theScanReaderDeliversFilesInOrder() throws {
        let table = DeltaTable(path: temporaryTablePath())
        for k in 0..<12 { try table.write([try eventBatch(k * 50..<(k + 1) * 50)]) }
        let scan = try table.scan()
        let reader = scan.reader()
        var perBatch: [[Int64]] = []
        while let b = try reader.next() { perBatch.append(ids([b])) }
        let expected = try scan.files.map { file -> [Int64] in
            ids(try table.readFile(file, snapshot: scan.snapshot, output: scan.schema, predicate: nil))
        }
        #expect(perBatch == expected)
        #expect(try reader.next() == nil)
    }

    @Test func aLimitStopsTheScanAndDroppingAReaderEarlyIsSafe() throws {
        let table = DeltaTable(path: temporaryTablePath())
        for k in 0..<8 { try table.write([try eventBatch(k * 100..<(k + 1) * 100)]) }
        let limited = try table.scan(ScanOptions(limit: 150)).reader()
        var rows = 0
        while let b = try limited.next() { rows += b.rowCount }
        #expect(rows == 150)
        #expect(try table.scan(ScanOptions(limit: 0)).batches().isEmpty)
        // Abandon readers after one batch; the decoding threads stop on their own.
        for _ in 0..<20 {
            let r = try table.scan().reader()
            _ = try r.next()
        }
        var count = 0
        try table.scan().forEachBatch { count += $0.rowCount }
        #expect(count == 800)
    }

    @Test func aFailingFileEndsTheScanWithATypedError() throws {
        let path = temporaryTablePath()
        let table = DeltaTable(path: path)
        for k in 0..<4 { try table.write([try eventBatch(k * 10..<(k + 1) * 10)]) }
        let snapshot = try table.snapshot()
        // Truncate the third file behind the log's back.
        let victim = path + "/" + (try LogPathEncoding.decode(snapshot.files[2].path))
        let handle = try #require(FileHandle(forWritingAtPath: victim))
        try handle.truncate(atOffset: 10)
        try handle.close()
        let reader = try table.scan().reader()
        var delivered = 0
        let error = #expect(throws: DeltaError.self) {
            while let b = try reader.next() { delivered += b.rowCount }
        }
        #expect(error?.code == .dataFile)
        #expect(error?.cause is ParquetError)
        #expect(delivered == 20)
    }
}
