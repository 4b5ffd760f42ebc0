import Foundation
import Testing
@testable import Parquet

@Suite struct MetadataGoldenFooterTests {
    static let directory = "/work/shared/conformance/golden/data-reader-primitives"

    static func parquetFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".parquet") }.sorted().map { directory + "/" + $0 }
    }

    /// The Thrift footer bytes of a Parquet file: [metadata][4-byte LE length]["PAR1"].
    static func footer(of path: String) throws -> [UInt8] {
        let data = try #require(FileManager.default.contents(atPath: path))
        let bytes = [UInt8](data)
        try #require(bytes.count >= 12)
        #expect(Array(bytes.suffix(4)) == Array("PAR1".utf8))
        #expect(Array(bytes.prefix(4)) == Array("PAR1".utf8))
        let n = bytes.count
        let length = Int(bytes[n - 8]) | Int(bytes[n - 7]) << 8 | Int(bytes[n - 6]) << 16 | Int(bytes[n - 5]) << 24
        try #require(length > 0 && length <= n - 12)
        return Array(bytes[(n - 8 - length)..<(n - 8)])
    }

    @Test func decodesSparkWrittenFooters() throws {
        let files = Self.parquetFiles()
        try #require(!files.isEmpty, "no fixtures in \(Self.directory)")
        for path in files {
            let footer = try Self.footer(of: path)
            let meta = try decodeFooter(footer)
            #expect(meta.numRows > 0)
            #expect(meta.rowGroups.reduce(0) { $0 + $1.numRows } == meta.numRows)
            let root = try #require(meta.schema.first)
            #expect(root.numChildren ?? 0 > 0)
            #expect(root.type == nil)
            let leaves = meta.schema.filter { $0.type != nil }
            #expect(!leaves.isEmpty)
            #expect(meta.createdBy?.isEmpty == false)
            for group in meta.rowGroups {
                #expect(group.columns.count == leaves.count)
                for chunk in group.columns {
                    let cm = try #require(chunk.metaData)
                    #expect(cm.codec == .snappy)
                    #expect(cm.dataPageOffset >= 4)
                    #expect(!cm.pathInSchema.isEmpty)
                }
            }
            // The Spark primitives table.
            #expect(meta.schema.map(\.name) == [
                "spark_schema", "as_int", "as_long", "as_byte", "as_short", "as_boolean", "as_float",
                "as_double", "as_string", "as_binary", "as_big_decimal",
            ])
            let byName = Dictionary(meta.schema.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byName["as_long"]?.type == .int64)
            #expect(byName["as_byte"]?.convertedType == .int8)
            #expect(byName["as_string"]?.convertedType == .utf8)
            #expect(byName["as_string"]?.type == .byteArray)
            #expect(byName["as_big_decimal"]?.convertedType == .decimal)
            #expect(byName["as_big_decimal"]?.precision == 1)
            #expect(byName["as_big_decimal"]?.scale == 0)
            #expect(byName["as_int"]?.repetition == .optional)
            #expect(meta.keyValueMetadata?.contains { $0.key == "org.apache.spark.version" } == true)
            // Re-encoding decodes to the same model.
            #expect(try decodeFooter(meta.encoded()) == meta)
        }
    }
}
