import Testing
import Foundation
import Columnar
import DeltaLog
import Expressions
import DeltaStorage
import Parquet
@testable import DeltaTable

@Suite struct DeltaTableWriteTests {
    @Test func createThenAppendGivesOneVersionPerCommitAndAllRows() throws {
        let path = temporaryTablePath()
        let table = try DeltaTable.create(at: path, schema: eventSchema, partitionColumns: ["date"])
        #expect(try table.snapshot().version == 0)
        #expect(try table.write([try eventBatch(0..<100)]).version == 1)
        #expect(try table.write([try eventBatch(100..<150)]).version == 2)
        let snap = try table.snapshot()
        #expect(snap.version == 2)
        #expect(snap.partitionColumns == ["date"])
        #expect(ids(try table.scan().batches()) == (0..<150).map(Int64.init))
        // Three dates → three partition folders per write.
        #expect(Set(snap.files.map { $0.path.split(separator: "/").first! }).count == 3)
        #expect(snap.files.allSatisfy { $0.stats != nil })
    }

    @Test func writeCreatesTheTableWhenAbsentInOneCommit() throws {
        let path = temporaryTablePath()
        let table = DeltaTable(path: path)
        let outcome = try table.write([try eventBatch(0..<10)], partitionBy: ["date"])
        #expect(outcome == .committed(version: 0, files: 3, rows: 10))
        let snap = try table.snapshot()
        #expect(snap.schema == eventSchema && snap.protocolAction == .default)
    }

    @Test func overwriteReplacesEveryRowAndOldVersionsStayReadable() throws {
        let table = DeltaTable(path: temporaryTablePath())
        try table.write([try eventBatch(0..<20)])
        try table.write([try eventBatch(100..<105)], mode: .overwrite)
        #expect(ids(try table.scan().batches()) == [100, 101, 102, 103, 104])
        #expect(ids(try table.scan(snapshot: try table.snapshot(version: 0)).batches()) == (0..<20).map(Int64.init))
        let history = try table.history()
        #expect(history.map(\.version) == [1, 0])
        #expect(history[0].commitInfo?.operation == "WRITE")
        #expect(history[0].commitInfo?.operationParameters?["mode"] == .string("Overwrite"))
    }

    @Test func errorAndIgnoreModesRespectAnExistingTable() throws {
        let table = DeltaTable(path: temporaryTablePath())
        try table.write([try eventBatch(0..<5)], mode: .errorIfExists)
        #expect { try table.write([try eventBatch(5..<10)], mode: .errorIfExists) } throws: { ($0 as? DeltaError)?.code == .tableExists }
        #expect(try table.write([try eventBatch(5..<10)], mode: .ignore).version == nil)
        #expect(try table.snapshot().version == 0)
    }

    @Test func appTransactionMakesReRunsSkipWithoutAddingRows() throws {
        let table = DeltaTable(path: temporaryTablePath())
        let app = AppTransaction(appId: "stage-1", version: 7)
        #expect(try table.write([try eventBatch(0..<10)], appTransaction: app).version == 0)
        let rerun = try table.write([try eventBatch(0..<10)], appTransaction: app)
        guard case .skipped = rerun else { Issue.record("re-run was not skipped: \(rerun)"); return }
        let older = try table.write([try eventBatch(0..<10)], appTransaction: AppTransaction(appId: "stage-1", version: 3))
        guard case .skipped = older else { Issue.record("older version was not skipped"); return }
        #expect(try table.write([try eventBatch(10..<12)], appTransaction: AppTransaction(appId: "stage-1", version: 8)).version == 1)
        #expect(ids(try table.scan().batches()) == (0..<12).map(Int64.init))
        #expect(try table.snapshot().transactions["stage-1"]?.version == 8)
        // Skipped writes leave no stray data files behind.
        let files = try FileManager.default.subpathsOfDirectory(atPath: table.root).filter { $0.hasSuffix(".parquet") }
        #expect(try files.count == table.snapshot().files.count)
    }

    @Test func mismatchedSchemaAndUnknownPartitionColumnAreClearErrors() throws {
        let table = DeltaTable(path: temporaryTablePath())
        try table.write([try eventBatch(0..<5)])
        let other = try RecordBatch(schema: Schema([Field("id", .integer)]), columns: [try Column(.integer, [.integer(1)])])
        #expect { try table.write([other]) } throws: { ($0 as? DeltaError)?.code == .invalidArgument }
        #expect { try DeltaTable.create(at: temporaryTablePath(), schema: eventSchema, partitionColumns: ["nope"]) } throws: {
            ($0 as? DeltaError)?.code == .invalidArgument
        }
    }

    @Test func appendOnlyTablesRefuseOverwrite() throws {
        let table = try DeltaTable.create(at: temporaryTablePath(), schema: eventSchema, properties: ["delta.appendOnly": "true"])
        try table.write([try eventBatch(0..<5)])
        #expect { try table.write([try eventBatch(0..<5)], mode: .overwrite) } throws: { ($0 as? DeltaError)?.code == .constraintViolation }
    }

    @Test func timestampNtzColumnsUpgradeTheProtocolToTableFeatures() throws {
        let schema = Schema([Field("id", .long), Field("at", .timestampNtz)])
        let table = try DeltaTable.create(at: temporaryTablePath(), schema: schema)
        let p = try table.snapshot().protocolAction
        #expect(p.minReaderVersion == 3 && p.minWriterVersion == 7)
        #expect(p.readerFeatures?.contains("timestampNtz") == true && p.writerFeatures?.contains("timestampNtz") == true)
    }

    @Test func concurrentWritersInOneProcessGetContiguousVersionsAndEveryRowOnce() throws {
        let table = try DeltaTable.create(at: temporaryTablePath(), schema: eventSchema)
        let writers = 4, perWriter = 10
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            for k in 0..<perWriter {
                let start = (w * perWriter + k) * 10
                _ = try! table.write([try! eventBatch(start..<start + 10)])
            }
        }
        let snap = try table.snapshot()
        #expect(snap.version == Int64(writers * perWriter))
        #expect(ids(try table.scan().batches()) == (0..<writers * perWriter * 10).map(Int64.init))
    }
}

@Suite struct DataFileWriterMemoryTests {
    /// 300 partitions written at once with a 64 KiB budget: the writer flushes the fullest
    /// files' buffered rows as row groups instead of holding every partition's rows.
    @Test func manyPartitionsStayWithinTheMemoryBudget() throws {
        let path = temporaryTablePath()
        let storage = LocalTableStorage(root: path)
        let schema = Schema([Field("p", .long), Field("v", .string)])
        let writer = DataFileWriter(storage: storage, partitioner: try Partitioner(schema: schema, partitionColumns: ["p"]),
                                    properties: TableProperties([:]), memoryBudget: 64 << 10)
        var expected = 0
        for round in 0..<20 {
            let n = 3000
            let batch = try RecordBatch(schema: schema, columns: [
                try Column(.long, (0..<n).map { .long(Int64(($0 + round) % 300)) }),
                try Column(.string, (0..<n).map { .string("value-\(round)-\($0)-" + String(repeating: "x", count: 40)) }),
            ])
            try writer.write(batch)
            expected += n
        }
        let adds = try writer.finish()
        #expect(adds.count == 300)
        var rows = 0, rowGroups = 0
        for add in adds {
            let reader = try ParquetFileReader(input: try storage.openForReading(try LogPathEncoding.decode(add.path)))
            rows += reader.rowCount
            rowGroups += reader.rowGroupCount
        }
        #expect(rows == expected)
        // Without the budget every file would be one row group.
        #expect(rowGroups > adds.count)
    }
}
