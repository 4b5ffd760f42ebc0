import Testing
import Foundation
import Columnar
import TextFormats

/// The example of `TextFormats.docc`, through the public API only.
@Suite struct EmbedderExampleTests {
    @Test func loadsACSVWithADDLSchemaAndWritesCanonicalJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textformats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("people.csv").path
        try Data("id,name,at\n1,Ann,2024-01-05T10:00:00Z\n2,,2024-01-05 10:00:00+01:00\n".utf8).write(to: URL(fileURLWithPath: path))

        let schema = try SchemaDDL.parse("id long not null, name string, at timestamp")
        let reader: any RecordBatchReader = try CSVReader(path: path, schema: schema)
        var out: [UInt8] = []
        while let batch = try reader.next() { CanonicalJSON.appendLines(batch, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == """
            {"id":1,"name":"Ann","at":"2024-01-05T10:00:00.000000Z"}
            {"id":2,"name":null,"at":"2024-01-05T09:00:00.000000Z"}

            """)
        #expect(ScalarText.parse(" 12.5 ", as: .decimal(precision: 5, scale: 2)) == .decimal(1250, precision: 5, scale: 2))
        #expect(ScalarText.plain(.timestamp(0)) == "1970-01-01T00:00:00.000000Z")
    }

    @Test func anErrorKeepsItsPlaceAsFields() throws {
        let schema = try SchemaDDL.parse("id long")
        do {
            _ = try CSVReader(data: Data("id\n1\nx\n".utf8), name: "people.csv", schema: schema).readAll()
            Issue.record("read a bad file")
        } catch let e as TextError {
            #expect(e.message == "people.csv line 3, column 'id': 'x' is not a long")
            #expect(e.reason == "'x' is not a long")
            #expect(e.path == "people.csv")
            #expect(e.line == 3)
            #expect(e.field == "id")
            #expect(e.column == nil)
        }
    }
}
