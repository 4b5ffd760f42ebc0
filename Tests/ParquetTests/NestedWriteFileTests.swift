import Foundation
import Testing
import Columnar
@testable import Parquet

/// Files with nested columns: the footer's schema and column chunks, and the pages' levels.
/// (Our reader does not read nested columns yet; pyarrow and DuckDB read these files in
/// tests/interop/test_nested_we_write.py.)
@Suite struct NestedWriteFileTests {
    static func write(_ batches: [RecordBatch], options: ParquetWriterOptions = .init()) throws -> (String, FileMetaData) {
        let path = temporaryPath("nested.parquet")
        let w = try parquetWriter(path: path, schema: batches[0].schema, options: options)
        for b in batches { try w.write(b) }
        return (path, try w.close())
    }

    @Test func schemaIsTheDepthFirstThreeLevelLayout() throws {
        let schema = Schema([
            Field("id", .long, nullable: false),
            Field("s", .struct([Field("a", .integer), Field("b", .string, nullable: false)])),
            Field("l", .array(element: Field("element", .long, nullable: false)), nullable: false),
            Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .double))),
        ])
        let batch = try RecordBatch(schema: schema, columns: [
            try Column(.long, [.long(1)]),
            try Column(schema.fields[1].type, [.struct([.integer(1), .string("x")])]),
            try Column(schema.fields[2].type, [.array([.long(2)])]),
            try Column(schema.fields[3].type, [.map([(.string("k"), .double(1))])]),
        ])
        let (_, meta) = try Self.write([batch])
        var root = SchemaElement(name: "schema")
        root.numChildren = 4
        let expected: [SchemaElement] = [
            root,
            SchemaElement(type: .int64, repetition: .required, name: "id"),
            SchemaElement(repetition: .optional, name: "s", numChildren: 2),
            SchemaElement(type: .int32, repetition: .optional, name: "a"),
            SchemaElement(type: .byteArray, repetition: .required, name: "b", convertedType: .utf8, logicalType: .string),
            SchemaElement(repetition: .required, name: "l", numChildren: 1, convertedType: .list, logicalType: .list),
            SchemaElement(repetition: .repeated, name: "list", numChildren: 1),
            SchemaElement(type: .int64, repetition: .required, name: "element"),
            SchemaElement(repetition: .optional, name: "m", numChildren: 1, convertedType: .map, logicalType: .map),
            SchemaElement(repetition: .repeated, name: "key_value", numChildren: 2),
            SchemaElement(type: .byteArray, repetition: .required, name: "key", convertedType: .utf8, logicalType: .string),
            SchemaElement(type: .double, repetition: .optional, name: "value"),
        ]
        #expect(meta.schema == expected)
        #expect(meta.columnOrders?.count == 6)  // one per leaf
        let chunks = meta.rowGroups[0].columns.compactMap(\.metaData)
        #expect(chunks.map(\.pathInSchema) == [["id"], ["s", "a"], ["s", "b"], ["l", "list", "element"],
                                               ["m", "key_value", "key"], ["m", "key_value", "value"]])
        #expect(meta.rowGroups[0].numRows == 1)
    }

    /// Rows of `list<long>` of 0…9 elements, some null lists and null elements.
    static func listRows(_ n: Int, seed: UInt64) -> [Scalar] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { i -> Scalar in
            if i % 13 == 5 { return .null }
            let k = rng.int(0..<10)
            return .array((0..<k).map { j in (i + j) % 17 == 3 ? .null : .long(Int64(rng.int(0..<1_000_000))) })
        }
    }

    @Test(arguments: [true, false])
    func pagesSplitOnlyAtRowBoundariesAndCountLevelEntries(dictionary: Bool) throws {
        let type = DataType.array(element: Field("element", .long))
        let rows = Self.listRows(5000, seed: 3)
        let schema = Schema([Field("l", type)])
        let batch = try RecordBatch(schema: schema, columns: [try Column(type, rows)])
        var o = ParquetWriterOptions()
        o.codec = .uncompressed
        o.dictionary = dictionary
        o.dataPageTargetBytes = 700
        o.rowGroupMaxRows = 2000
        let (path, meta) = try Self.write([batch.slice(0..<1500), batch.slice(1500..<5000)], options: o)
        #expect(meta.rowGroups.map(\.numRows) == [2000, 2000, 1000])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))

        var rowsSeen = 0
        var rowGroupStart = 0
        for rg in meta.rowGroups {
            let cm = try #require(rg.columns[0].metaData)
            // The entries of these rows: one per element, one per null or empty list.
            let entries = rows[rowGroupStart..<rowGroupStart + Int(rg.numRows)].reduce(0) { total, r in
                if case let .array(a) = r, !a.isEmpty { return total + a.count }
                return total + 1
            }
            #expect(cm.numValues == Int64(entries))
            var pos = Int(cm.dictionaryPageOffset ?? cm.dataPageOffset)
            let end = pos + Int(cm.totalCompressedSize)
            var levelEntries = 0, pages = 0, nulls: Int64 = 0
            while pos < end {
                let (h, len) = try bytes.withUnsafeBytes { try PageHeader.decode(UnsafeRawBufferPointer(rebasing: $0[pos...])) }
                let body = pos + len
                pos = body + Int(h.compressedPageSize)
                guard h.type == .dataPage, let dp = h.dataPageHeader else { continue }
                pages += 1
                let n = Int(dp.numValues)
                // Repetition levels: 4-byte length, then RLE with bit width 1.
                let repLength = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: body, as: UInt32.self)) }
                var rep = [UInt32](repeating: 9, count: n)
                _ = try bytes.withUnsafeBytes { raw in
                    try rep.withUnsafeMutableBufferPointer {
                        try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: raw[body + 4..<body + 4 + repLength]), bitWidth: 1, into: $0)
                    }
                }
                #expect(rep.first == 0, "page \(pages) of a row group starts inside a row")
                rowsSeen += rep.filter { $0 == 0 }.count
                levelEntries += n
                nulls += dp.statistics?.nullCount ?? 0
            }
            #expect(pages > 1)
            #expect(levelEntries == Int(cm.numValues))
            #expect(cm.statistics?.nullCount == nulls)
            rowGroupStart += Int(rg.numRows)
        }
        #expect(rowsSeen == 5000)
    }

    @Test func nullCountCountsEntriesBelowTheMaximumDefinitionLevel() throws {
        let type = DataType.array(element: Field("element", .integer))
        let rows: [Scalar] = [.array([.integer(1), .null]), .null, .array([]), .array([.integer(2)])]
        let batch = try RecordBatch(schema: Schema([Field("l", type)]), columns: [try Column(type, rows)])
        let (_, meta) = try Self.write([batch])
        let cm = try #require(meta.rowGroups[0].columns[0].metaData)
        #expect(cm.numValues == 5)
        #expect(cm.statistics?.nullCount == 3)
        #expect(cm.statistics?.minValue == le(Int32(1)))
        #expect(cm.statistics?.maxValue == le(Int32(2)))
    }

    @Test func flatColumnsNextToNestedOnesKeepTheirLayout() throws {
        // The flat column's chunk is the same whether or not a nested column sits next to it.
        let flat = try Column(.string, (0..<300).map { $0 % 4 == 0 ? .null : .string("v\($0 % 7)") })
        let nestedType = DataType.struct([Field("x", .integer)])
        let nested = try Column(nestedType, (0..<300).map { .struct([.integer(Int32($0))]) })
        var o = ParquetWriterOptions()
        o.codec = .uncompressed
        let (p1, m1) = try Self.write([try RecordBatch(schema: Schema([Field("f", .string)]), columns: [flat])], options: o)
        let (p2, m2) = try Self.write([try RecordBatch(schema: Schema([Field("f", .string), Field("n", nestedType)]),
                                                        columns: [flat, nested])], options: o)
        let c1 = try #require(m1.rowGroups[0].columns[0].metaData), c2 = try #require(m2.rowGroups[0].columns[0].metaData)
        #expect(c1 == c2)
        let b1 = try [UInt8](Data(contentsOf: URL(fileURLWithPath: p1))), b2 = try [UInt8](Data(contentsOf: URL(fileURLWithPath: p2)))
        #expect(b1[4..<4 + Int(c1.totalCompressedSize)] == b2[4..<4 + Int(c2.totalCompressedSize)])
    }

    @Test func batchesWhoseNestedTypeDiffersAreRefused() throws {
        let a = DataType.array(element: Field("element", .integer))
        let b = DataType.array(element: Field("element", .long))
        let w = try parquetWriter(path: temporaryPath("x.parquet"), schema: Schema([Field("l", a)]))
        let batch = try RecordBatch(schema: Schema([Field("l", b)]), columns: [try Column(b, [.array([.long(1)])])])
        let e = #expect(throws: ParquetError.self) { try w.write(batch) }
        #expect(e?.code == .schemaMismatch)
    }
}
