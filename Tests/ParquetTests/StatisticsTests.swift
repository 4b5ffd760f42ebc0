import Testing
import Columnar
@testable import Parquet

@Suite struct StatisticsTests {
    func write(_ type: DataType, _ values: [Scalar], options: ParquetWriterOptions = .init()) throws -> ParquetFileReader {
        let path = temporaryPath("s.parquet")
        let w = try parquetWriter(path: path, schema: Schema([Field("c", type)]), options: options)
        try w.write(try RecordBatch(schema: Schema([Field("c", type)]), columns: [try Column(type, values)]))
        try w.close()
        return try parquetReader(path: path)
    }

    @Test func signedIntegersDecimalsAndStringsHaveTheirOwnOrder() throws {
        let ints = try write(.long, [.long(5), .long(-3), .null, .long(Int64.min)])
        #expect(ints.statistics(rowGroup: 0, column: 0) == ColumnStatistics(min: .long(.min), max: .long(5), nullCount: 1))
        let dec = try write(.decimal(precision: 30, scale: 2), [.decimal(-12345, precision: 30, scale: 2), .decimal(7, precision: 30, scale: 2)])
        #expect(dec.statistics(rowGroup: 0, column: 0)?.min == .decimal(-12345, precision: 30, scale: 2))
        #expect(dec.statistics(rowGroup: 0, column: 0)?.max == .decimal(7, precision: 30, scale: 2))
        // Byte-wise: "é" (0xC3…) sorts after "z".
        let s = try write(.string, [.string("z"), .string("é"), .string("a")])
        #expect(s.statistics(rowGroup: 0, column: 0)?.min == .string("a"))
        #expect(s.statistics(rowGroup: 0, column: 0)?.max == .string("é"))
        let b = try write(.byte, [.byte(-5), .byte(3)])
        #expect(b.statistics(rowGroup: 0, column: 0) == ColumnStatistics(min: .byte(-5), max: .byte(3), nullCount: 0))
    }

    @Test func floatStatisticsIgnoreNaNAndNormaliseZeros() throws {
        let r = try write(.double, [.double(.nan), .double(0.0), .double(2.5), .double(.nan)])
        let st = r.statistics(rowGroup: 0, column: 0)!
        #expect(st.min == .double(-0.0))
        #expect(st.max == .double(2.5))
        let onlyNaN = try write(.float, [.float(.nan), .float(.nan)])
        #expect(onlyNaN.statistics(rowGroup: 0, column: 0)?.min == nil)
        #expect(onlyNaN.statistics(rowGroup: 0, column: 0)?.max == nil)
    }

    @Test func chunkStatisticsCoverEveryPage() throws {
        var o = ParquetWriterOptions()
        o.dataPageTargetBytes = 64
        o.dictionary = false
        let values = (0..<500).map { Scalar.integer(Int32(($0 * 7919) % 1000) - 500) }
        let r = try write(.integer, values, options: o)
        #expect(r.statistics(rowGroup: 0, column: 0)?.min == .integer(-500))
        #expect(r.statistics(rowGroup: 0, column: 0)?.max == .integer(499))
    }

    @Test func rowGroupPruningSkipsGroupsThatCannotMatch() throws {
        let schema = Schema([Field("id", .long), Field("s", .string)])
        let path = temporaryPath("prune.parquet")
        var o = ParquetWriterOptions()
        o.rowGroupMaxRows = 100
        let w = try parquetWriter(path: path, schema: schema, options: o)
        let ids = (0..<400).map { Scalar.long(Int64($0)) }
        let strs = (0..<400).map { $0 < 300 ? Scalar.string("k\($0 / 100)") : .null }
        try w.write(try RecordBatch(schema: schema, columns: [try Column(.long, ids), try Column(.string, strs)]))
        try w.close()
        let r = try parquetReader(path: path)
        #expect(r.rowGroups(matching: .compare(column: "id", .equal, .long(150))) == [1])
        #expect(r.rowGroups(matching: .compare(column: "id", .greaterOrEqual, .long(250))) == [2, 3])
        #expect(r.rowGroups(matching: .compare(column: "id", .less, .long(0))) == [])
        #expect(r.rowGroups(matching: .compare(column: "s", .equal, .string("k2"))) == [2])
        #expect(r.rowGroups(matching: .isNull(column: "s")) == [3])
        #expect(r.rowGroups(matching: .and([.compare(column: "id", .less, .long(120)), .isNotNull(column: "s")])) == [0, 1])
        #expect(r.rowGroups(matching: .or([.compare(column: "id", .equal, .long(5)), .compare(column: "id", .equal, .long(399))])) == [0, 3])
        // Unknown columns never prune.
        #expect(r.rowGroups(matching: .compare(column: "nope", .equal, .long(1))) == [0, 1, 2, 3])
    }
}
