import Foundation
import Columnar
import DeltaLog
@testable import TextFormats
import Testing

/// Bytes in memory as a storage file, counting the bytes read.
final class BytesFile: ReadableFile, @unchecked Sendable {
    // Safe: tests use one reader on one thread.
    let path = "memory.txt"
    let bytes: [UInt8]
    private(set) var largestRead = 0
    var size: Int { bytes.count }
    init(_ text: String) { bytes = Array(text.utf8) }
    func read(offset: Int, length: Int) throws -> [UInt8] {
        largestRead = max(largestRead, length)
        return Array(bytes[offset..<offset + length])
    }
}

/// The readers stream through a window of a few bytes exactly as they read the whole text:
/// records that cross a window's end (inside quotes, between a doubled quote, between CR and
/// LF, after a trailing comma) are read again with more bytes.
@Suite struct StreamingInputTests {
    static let csv = "id,name,note\r\n1,\"Ann \"\"A\"\"\",\"two\nlines\"\r\n2,Bob,\r\n\n3,\"\",\"a,b\"\n4,Dee,x"
    static let jsonl = "{\"id\":1,\"name\":\"Ann\"}\n\n{\"id\":2,\"name\":\"B\\nob\"}\r\n{\"id\":3}"

    @Test func csvThroughTinyWindowsEqualsTheWholeText() throws {
        let whole = try CSVReader(data: Data(Self.csv.utf8), name: "memory.txt", batchRows: 2)
        let expected = jsonLines(try whole.readAll())
        #expect(expected.count == 4)
        for chunk in 1...24 {
            let file = BytesFile(Self.csv)
            let input = try TextInput(file: file, name: "memory.txt", chunkBytes: chunk)
            let r = try CSVReader(input: input, schema: nil, batchRows: 2, inferenceRows: 1_000_000)
            #expect(r.schema == whole.schema, "chunk \(chunk)")
            #expect(jsonLines(try r.readAll()) == expected, "chunk \(chunk)")
        }
    }

    @Test func jsonLinesThroughTinyWindowsEqualsTheWholeText() throws {
        let whole = try JSONLinesReader(data: Data(Self.jsonl.utf8), name: "memory.txt", batchRows: 2)
        let expected = jsonLines(try whole.readAll())
        #expect(expected.count == 3)
        for chunk in 1...16 {
            let input = try TextInput(file: BytesFile(Self.jsonl), name: "memory.txt", chunkBytes: chunk)
            let r = try JSONLinesReader(input: input, schema: nil, batchRows: 2, inferenceRows: 1_000_000)
            #expect(r.schema == whole.schema, "chunk \(chunk)")
            #expect(jsonLines(try r.readAll()) == expected, "chunk \(chunk)")
        }
    }

    @Test func aLargeFileIsReadAWindowAtATime() throws {
        var text = "id,v\n"
        for i in 0..<20_000 { text += "\(i),value-\(i)\n" }
        let file = BytesFile(text)
        let input = try TextInput(file: file, name: "memory.txt", chunkBytes: 4096)
        let r = try CSVReader(input: input, schema: nil, batchRows: 1000, inferenceRows: 100)
        var rows = 0
        while let b = try r.next() { rows += b.rowCount }
        #expect(rows == 20_000)
        #expect(file.largestRead <= 4096)
    }

    @Test func aValueThatDoesNotFitTheInferredTypeSaysSo() throws {
        let text = "id\n1\n2\nx\n"
        let r = try CSVReader(data: Data(text.utf8), name: "input.csv", inferenceRows: 2)
        #expect(r.schema == Schema([Field("id", .long)]))
        let error = #expect(throws: TextError.self) { _ = try r.readAll() }
        #expect(error?.line == 4)
        #expect(error?.message.contains("inferred from the first 2 rows") == true)
    }

    @Test func anUnterminatedQuoteAtTheEndOfTheFileIsStillAnError() throws {
        let text = "a,b\n1,\"open\n"
        let input = try TextInput(file: BytesFile(text), name: "memory.txt", chunkBytes: 3)
        let error = #expect(throws: TextError.self) {
            _ = try CSVReader(input: input, schema: nil, batchRows: 10, inferenceRows: 10).readAll()
        }
        #expect(error?.reason == "unterminated quoted field" && error?.line == 2)
    }
}
