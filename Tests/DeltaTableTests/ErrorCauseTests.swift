import Columnar
import DeltaLog
import Expressions
import Foundation
import Glibc
import Parquet
import Testing
@testable import DeltaTable

/// Errors that cross a module boundary keep the error they report as `cause` (with its byte
/// offset, character position or errno), not only as text in the message.
@Suite struct ErrorCauseTests {
    /// A one-file table (no partitions) and the absolute path of its data file.
    func oneFileTable() throws -> (DeltaTable, String, String) {
        let path = temporaryTablePath()
        let table = DeltaTable(path: path)
        try table.write([try eventBatch(0..<50)])
        let file = try #require(try table.snapshot().files.first)
        return (table, path, path + "/" + (try LogPathEncoding.decode(file.path)))
    }

    // MARK: Expressions → DeltaTable

    @Test func predicateSyntaxErrorKeepsTheExpressionErrorAndItsPosition() throws {
        let (table, _, _) = try oneFileTable()
        let e = try #require(throws: DeltaError.self) { try table.scan(where: "id > 5 AND (value < 3") }
        #expect(e.code == .invalidArgument)
        let cause = try #require(e.cause as? ExpressionError, "cause: \(String(describing: e.cause))")
        #expect(cause.code == .syntax)
        #expect(cause.position == 22)
        #expect(e.message.contains("character 22"), "the message stays self-contained: \(e.message)")
    }

    @Test func predicateNamingAnUnknownColumnKeepsTheExpressionError() throws {
        let (table, _, _) = try oneFileTable()
        let e = try #require(throws: DeltaError.self) { try table.scan(where: "nosuch = 1") }
        #expect(e.code == .invalidArgument)
        let cause = try #require(e.cause as? ExpressionError)
        #expect(cause.code == .unknownColumn)
        #expect(e.message.contains("nosuch"))
    }

    @Test func invariantThatCannotBeParsedKeepsTheExpressionError() throws {
        let path = temporaryTablePath()
        var schema = eventSchema
        schema.fields[0].metadata["delta.invariants"] = #"{"expression":{"expression":"id >"}}"#
        let table = DeltaTable(path: path)
        try table.create(schema: schema)
        let e = try #require(throws: DeltaError.self) { try table.write([try eventBatch(0..<5)]) }
        #expect(e.code == .constraintViolation)
        let cause = try #require(e.cause as? ExpressionError, "\(e)")
        #expect(cause.code == .syntax && cause.position == 5)
    }

    // MARK: Parquet → DeltaTable

    @Test func corruptDataFileIsDataFileWithTheParquetErrorAndItsOffset() throws {
        let (table, _, dataFile) = try oneFileTable()
        // Break the trailing magic: the reader names the byte where it expected PAR1.
        let handle = try #require(FileHandle(forUpdatingAtPath: dataFile))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size - 4)
        try handle.write(contentsOf: Data("XXXX".utf8))
        try handle.close()
        let e = try #require(throws: DeltaError.self) { try table.scan().batches() }
        #expect(e.code == .dataFile)
        #expect(e.path == dataFile)
        let cause = try #require(e.cause as? ParquetError, "cause: \(String(describing: e.cause))")
        #expect(cause.code == .badMagic)
        #expect(cause.offset == Int(size) - 4)
        #expect(cause.path == dataFile)
        #expect(e.message.contains("at byte \(size - 4)"), "\(e.message)")
    }

    @Test func truncatedDataFileKeepsTheParquetOffsetOfTheFooter() throws {
        let (table, _, dataFile) = try oneFileTable()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dataFile))
        // Keep the tail (footer length + PAR1) but drop the start of the footer.
        var cut = bytes.prefix(8)
        cut.append(bytes.suffix(8))
        try cut.write(to: URL(fileURLWithPath: dataFile))
        let e = try #require(throws: DeltaError.self) { try table.scan().batches() }
        #expect(e.code == .dataFile)
        let cause = try #require(e.cause as? ParquetError)
        #expect(cause.code == .truncated)
        #expect(cause.offset == 8, "the footer length field starts 8 bytes before the end: \(cause)")
    }

    // MARK: DeltaStorage → DeltaTable

    @Test func missingDataFileIsDataFileWithTheStorageErrorAndENOENT() throws {
        let (table, _, dataFile) = try oneFileTable()
        try FileManager.default.removeItem(atPath: dataFile)
        let e = try #require(throws: DeltaError.self) { try table.scan().batches() }
        #expect(e.code == .dataFile)
        #expect(e.errno == ENOENT)
        #expect(e.path == dataFile)
        let cause = try #require(e.cause as? DeltaError)
        #expect(cause.code == .io && cause.errno == ENOENT && cause.path == dataFile)
    }

    @Test func aFileWhereTheTableDirectoryShouldBeIsIOWithENOTDIR() throws {
        let path = temporaryTablePath("not-a-directory")
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        let e = try #require(throws: DeltaError.self) { try DeltaTable(path: path).snapshot() }
        #expect(e.code == .io)
        #expect(e.errno == ENOTDIR)
        let create = try #require(throws: DeltaError.self) {
            try DeltaTable.create(at: path + "/table", schema: eventSchema)
        }
        #expect(create.code == .io && create.errno == ENOTDIR, "\(create)")
    }

    // MARK: DeltaLog (schema JSON, commit JSON) → DeltaTable

    @Test func badSchemaStringInACommitIsInvalidSchemaWithTheJSONError() throws {
        let (table, path, _) = try oneFileTable()
        let metaData = #"{"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[","partitionColumns":[],"configuration":{},"createdTime":0}}"#
        try Data((metaData + "\n").utf8).write(to: URL(fileURLWithPath: path + "/_delta_log/" + LogFileName.commit(1)))
        let e = try #require(throws: DeltaError.self) { try DeltaTable(path: path).snapshot() }
        #expect(e.code == .invalidSchema)
        #expect(e.message.hasPrefix("version 1: metaData.schemaString:"), "\(e.message)")
        let json = try #require(e.cause as? DeltaError, "cause: \(String(describing: e.cause))")
        #expect(json.code == .corruptLog && json.line == 1)
        #expect(json.cause != nil, "the JSON syntax error (with its byte offset) is kept too")
        _ = table
    }

    @Test func committingABadSchemaStringIsRefusedAsInvalidSchema() throws {
        let (table, path, _) = try oneFileTable()
        var txn = try table.transaction(Operation("SET SCHEMA"))
        var metadata = try table.snapshot().metadata
        metadata.schemaString = #"{"type":"struct","fields":[{"name":"id","nullable":true,"metadata":{}}]}"#
        txn.add(.metadata(metadata))
        let e = try #require(throws: DeltaError.self) { try txn.commit() }
        #expect(e.code == .invalidSchema)
        #expect(e.message.contains("column 'id' has no \"type\"") && e.message.contains("nothing was committed"), "\(e.message)")
        #expect((e.cause as? DeltaError)?.code == .invalidSchema)
        // A type this engine does not know keeps its code.
        metadata.schemaString = #"{"type":"struct","fields":[{"name":"id","type":"blob","nullable":true,"metadata":{}}]}"#
        var other = try table.transaction(Operation("SET SCHEMA"))
        other.add(.metadata(metadata))
        let unknown = try #require(throws: DeltaError.self) { try other.commit() }
        #expect(unknown.code == .unsupportedFeature && (unknown.cause as? DeltaError)?.code == .unsupportedFeature, "\(unknown)")
        #expect(try DeltaTable(path: path).snapshot().version == 0)
    }

    @Test func garbageCommitLineIsCorruptLogWithPathLineAndCause() throws {
        let (_, path, _) = try oneFileTable()
        let commit = path + "/_delta_log/" + LogFileName.commit(1)
        try Data("{\"add\": {\"path\": \n".utf8).write(to: URL(fileURLWithPath: commit))
        let e = try #require(throws: DeltaError.self) { try DeltaTable(path: path).snapshot() }
        #expect(e.code == .corruptLog)
        #expect(e.path == commit && e.line == 1, "\(e)")
        #expect(e.cause != nil)
    }

    // MARK: Parquet → DeltaLog (checkpoints)

    @Test func corruptCheckpointIsCorruptLogWithTheParquetError() throws {
        let (table, path, _) = try oneFileTable()
        try table.write([try eventBatch(50..<60)])
        _ = try table.checkpoint()
        let checkpoint = path + "/_delta_log/" + LogFileName.checkpoint(1)
        let handle = try #require(FileHandle(forUpdatingAtPath: checkpoint))
        try handle.write(contentsOf: Data("JUNK".utf8))   // the leading magic
        try handle.close()
        let e = try #require(throws: DeltaError.self) { try DeltaTable(path: path).snapshot() }
        #expect(e.code == .corruptLog)
        let cause = try #require(e.cause as? ParquetError, "cause: \(String(describing: e.cause))")
        #expect(cause.code == .badMagic && cause.offset == 0)
    }
}
