import Foundation
import Columnar
@testable import TextFormats
import Testing

func batch(_ fields: [(String, DataType)], _ columns: [[Scalar]]) throws -> RecordBatch {
    let schema = Schema(fields.map { Field($0.0, $0.1) })
    return try RecordBatch(schema: schema, columns: zip(fields, columns).map { try Column($0.0.1, $0.1) })
}

/// Canonical JSON text of one scalar of `type`.
func canon(_ type: DataType, _ value: Scalar) throws -> String {
    try CanonicalJSON.text(Column(type, [value]), 0)
}

func readCSV(_ text: String, schema: String? = nil, batchRows: Int = 65536) throws -> (Schema, [RecordBatch]) {
    let r = try CSVReader(data: Data(text.utf8), name: "input.csv",
                          schema: schema.map { try SchemaDDL.parse($0) }, batchRows: batchRows)
    return (r.schema, try r.readAll())
}

func readJSONL(_ text: String, schema: String? = nil) throws -> (Schema, [RecordBatch]) {
    let r = try JSONLinesReader(data: Data(text.utf8), name: "input.jsonl", schema: schema.map { try SchemaDDL.parse($0) })
    return (r.schema, try r.readAll())
}

func jsonLines(_ batches: [RecordBatch]) -> [String] {
    batches.flatMap { b in (0..<b.rowCount).map { CanonicalJSON.line(b, $0) } }
}

/// Expected canonical rows from the conformance pack, when it is present.
func goldenLines(_ table: String) -> [String]? {
    let here = URL(fileURLWithPath: #filePath)
    for up in [4, 5] {
        var root = here
        for _ in 0..<up { root.deleteLastPathComponent() }
        let f = root.appendingPathComponent("shared/conformance/golden-expected/\(table)/v0.jsonl")
        if let text = try? String(contentsOf: f, encoding: .utf8) {
            return text.split(separator: "\n").map(String.init)
        }
    }
    return nil
}

/// Expects `body` to throw `expected` (every field) and pins its one-line message.
func expectTextError(_ expected: TextError, message: String, sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Void) {
    #expect(expected.message == message, sourceLocation: sourceLocation)
    #expect(throws: expected, sourceLocation: sourceLocation) { try body() }
}
