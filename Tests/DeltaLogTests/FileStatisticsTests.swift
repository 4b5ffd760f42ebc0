import Foundation
import Testing
import Columnar
import DeltaLog

@Suite struct FileStatisticsTests {
    func strings(_ values: [String?]) throws -> Column {
        var offsets: [Int32] = [0], data: [UInt8] = []
        for v in values { data += Array((v ?? "").utf8); offsets.append(Int32(data.count)) }
        return try Column(type: .string, count: values.count, validity: Bitmap(values.map { $0 != nil }), values: .bytes(offsets: offsets, data: data))
    }

    @Test func builderComputesBoundsNullsNaNTimestampsAndStructs() throws {
        let schema = Schema([
            Field("i", .integer), Field("d", .double), Field("ts", .timestamp), Field("s", .string),
            Field("st", .struct([Field("b", .long), Field("flag", .boolean)])), Field("dec", .decimal(precision: 5, scale: 2)),
            Field("day", .date), Field("bin", .binary),
        ])
        let inner = [
            try Column(type: .long, count: 3, validity: nil, values: .int64([7, -3, 100])),
            try Column(type: .boolean, count: 3, validity: Bitmap([true, false, true]), values: .bits(Bitmap([true, false, false]))),
        ]
        let batch = try RecordBatch(schema: schema, columns: [
            try Column(type: .integer, count: 3, validity: Bitmap([true, false, true]), values: .int32([5, 999, -2])),
            try Column(type: .double, count: 3, validity: nil, values: .float64([.nan, 2.5, -.infinity])),
            try Column(type: .timestamp, count: 3, validity: nil, values: .int64([1_704_103_200_123_999, -1, 1_704_103_200_000_000])),
            try strings(["b", nil, "a"]),
            try Column(type: .struct([Field("b", .long), Field("flag", .boolean)]), count: 3, validity: Bitmap([true, false, true]), values: .structure(inner)),
            try Column(type: .decimal(precision: 5, scale: 2), count: 3, validity: nil, values: .int128([-150, 5, 12345])),
            try Column(type: .date, count: 3, validity: nil, values: .int32([0, 19723, -1])),
            try Column(type: .binary, count: 3, validity: nil, values: .bytes(offsets: [0, 1, 2, 3], data: [1, 2, 3])),
        ])
        var b = FileStatisticsBuilder(schema: schema)
        b.add(batch)
        b.add(batch)
        let stats = b.finish()
        #expect(stats.numRecords == 6)
        #expect(stats.minValues["i"] == .number("-2") && stats.maxValues["i"] == .number("5"))
        #expect(stats.minValues["d"] == nil)   // -Infinity is not JSON
        #expect(stats.maxValues["d"] == .number("2.5"))
        #expect(stats.minValues["ts"] == .string("1969-12-31T23:59:59.999Z"))
        #expect(stats.maxValues["ts"] == .string("2024-01-01T10:00:00.123Z"))
        #expect(stats.minValues["s"] == .string("a") && stats.maxValues["s"] == .string("b"))
        // Row 1's struct is null, so its 'b' (-3) is not a value and counts as null.
        // Booleans have bounds too (row 1 is null, so only true and false of rows 0 and 2).
        #expect(stats.minValues["st"] == .object([(key: "b", value: .number("7")), (key: "flag", value: .bool(false))]))
        #expect(stats.maxValues["st"] == .object([(key: "b", value: .number("100")), (key: "flag", value: .bool(true))]))
        #expect(stats.nullCount["st"] == .object([(key: "b", value: .number("2")), (key: "flag", value: .number("2"))]))
        #expect(stats.minValues["dec"] == .number("-1.50") && stats.maxValues["dec"] == .number("123.45"))
        #expect(stats.minValues["day"] == .string("1969-12-31") && stats.maxValues["day"] == .string("2024-01-01"))
        #expect(stats.minValues["bin"] == nil && stats.nullCount["bin"] == .number("0"))
        #expect(stats.nullCount["i"] == .number("2") && stats.nullCount["s"] == .number("2") && stats.nullCount["d"] == .number("0"))

        // Typed read-back: max timestamps widened by 999 µs.
        let back = try FileStatistics.parse(stats.json())
        #expect(back == stats)
        let max = back.typedMax(schema: schema), min = back.typedMin(schema: schema)
        #expect(max["ts"] == .timestamp(1_704_103_200_123_999) && min["ts"] == .timestamp(-1000))
        #expect(min["st.b"] == .long(7) && min["dec"] == .decimal(-150, precision: 5, scale: 2) && min["day"] == .date(-1))
        #expect(back.typedNullCounts(schema: schema)["st.flag"] == 2)
        #expect(min["st.flag"] == .boolean(false) && max["st.flag"] == .boolean(true))
    }

    @Test func stringsTruncateTo32ScalarsWithAnUpperBoundMax() throws {
        let long = String(repeating: "é", count: 40)
        let edge = String(repeating: "a", count: 31) + "b\u{10FFFF}z"
        let schema = Schema([Field("s", .string)])
        for (value, expectedMax) in [(long, String(repeating: "é", count: 32) + "\u{10FFFF}"),
                                     (edge, String(repeating: "a", count: 31) + "c")] {
            var b = FileStatisticsBuilder(schema: schema)
            b.add(try RecordBatch(schema: schema, columns: [try strings([value])]))
            let s = b.finish()
            #expect(s.minValues["s"] == .string(String(value.unicodeScalars.prefix(32).map(Character.init))))
            #expect(s.maxValues["s"] == .string(expectedMax))
            #expect(expectedMax > value && String(value.unicodeScalars.prefix(32).map(Character.init)) <= value)
        }
    }

    @Test func indexedColumnsFollowNumIndexedColsAndStatsColumns() throws {
        let schema = Schema([Field("a", .integer), Field("s", .struct([Field("x", .integer), Field("y", .integer)])), Field("c", .integer)])
        let col = try Column(type: .integer, count: 1, validity: nil, values: .int32([1]))
        let st = try Column(type: schema.fields[1].type, count: 1, validity: nil, values: .structure([col, col]))
        let batch = try RecordBatch(schema: schema, columns: [col, st, col])
        var two = FileStatisticsBuilder(schema: schema, numIndexedCols: 2)
        two.add(batch)
        #expect(Set(two.finish().nullCount.keys) == ["a", "s"])
        #expect(two.finish().minValues["s"] == .object([(key: "x", value: .number("1"))]))
        var named = FileStatisticsBuilder(schema: schema, statsColumns: ["s", "c"])
        named.add(batch)
        #expect(Set(named.finish().minValues.keys) == ["s", "c"])
    }

    @Test func sparkStatsFromTheGoldenLogReadAsTypedValues() throws {
        let dir = conformanceGolden + "/data-skipping-basic-stats-all-types/_delta_log/"
        var schema: Schema?, stats: [FileStatistics] = []
        for file in goldenCommitFiles() where file.hasPrefix(dir) {
            for action in try ActionCodec.parseCommit(try readBytes(file), path: file) {
                if case let .metadata(m) = action { schema = try SchemaJSON.parse(m.schemaString) }
                if case let .add(a) = action, let s = a.stats { stats.append(try FileStatistics.parse(s)) }
            }
        }
        let s = try #require(schema)
        let first = try #require(stats.first)
        let min = first.typedMin(schema: s), max = first.typedMax(schema: s)
        #expect(min["as_int"] == .integer(0) && min["as_long"] == .long(0) && min["as_byte"] == .byte(0) && min["as_short"] == .short(0))
        #expect(min["as_float"] == .float(0) && min["as_double"] == .double(0) && min["as_string"] == .string("0"))
        #expect(min["as_date"] == .date(10957))
        // "2000-01-01T00:00:00.000-08:00" is 08:00 UTC.
        #expect(min["as_timestamp"] == .timestamp(946_713_600_000_000))
        #expect(max["as_timestamp"] == .timestamp(946_713_600_000_999))
        if case let .decimal(p, sc)? = s.field(named: "as_big_decimal")?.type { #expect(min["as_big_decimal"] == .decimal(0, precision: p, scale: sc)) }
        #expect(first.typedNullCounts(schema: s).count == s.count)
    }

    @Test func goldenDecimalStatsWithExponentsParse() throws {
        let dir = conformanceGolden + "/basic-decimal-table/_delta_log/"
        for file in goldenCommitFiles() where file.hasPrefix(dir) {
            var schema: Schema?
            for action in try ActionCodec.parseCommit(try readBytes(file), path: file) {
                if case let .metadata(m) = action { schema = try SchemaJSON.parse(m.schemaString) }
                if case let .add(a) = action, let s = a.stats, let schema {
                    let st = try FileStatistics.parse(s)
                    #expect(st.typedMin(schema: schema).count == 3, "\(s)")   // col1..col3 (incl. 0E-10)
                }
            }
        }
    }

    @Test func badStatsThrow() {
        #expect(throws: DeltaError.self) { try FileStatistics.parse("{") }
        #expect(throws: DeltaError.self) { try FileStatistics.parse(#"{"minValues":{}}"#) }
    }
}

/// Bounds other engines skip files by: a wrong one makes them drop rows silently.
@Suite struct StatisticsBoundsForOtherReadersTests {
    func stats(_ column: Column) throws -> FileStatistics {
        let schema = Schema([Field("c", column.type)])
        var b = FileStatisticsBuilder(schema: schema)
        b.add(try RecordBatch(schema: schema, columns: [column]))
        return b.finish()
    }

    @Test(arguments: [[-0.0, 0.0], [0.0, -0.0], [0.0, 0.0], [-0.0, -0.0], [-0.0, 5.0], [-3.0, 0.0]])
    func signedZerosFollowTheParquetRule(values: [Double]) throws {
        let s = try stats(try Column(.double, values.map { .double($0) }))
        let lo = values.min()!, hi = values.max()!
        // A zero min is -0.0 and a zero max +0.0, whichever zero came first.
        #expect(s.minValues["c"] == .number(lo == 0 ? "-0.0" : lo.description))
        #expect(s.maxValues["c"] == .number(hi == 0 ? "0.0" : hi.description))
        let f = try stats(try Column(.float, values.map { .float(Float($0)) }))
        #expect(f.minValues["c"] == .number(lo == 0 ? "-0.0" : Float(lo).description))
    }

    @Test func booleansHaveBounds() throws {
        #expect(try stats(try Column(.boolean, [.boolean(true), .null, .boolean(true)])).minValues["c"] == .bool(true))
        let both = try stats(try Column(.boolean, [.boolean(true), .boolean(false)]))
        #expect(both.minValues["c"] == .bool(false) && both.maxValues["c"] == .bool(true))
        #expect(try stats(try Column(.boolean, [.null, .null])).minValues["c"] == nil)
        // 70 values: the last word of the bitmap is partial.
        let many = try stats(try Column(.boolean, (0..<70).map { _ in .boolean(false) }))
        #expect(many.minValues["c"] == .bool(false) && many.maxValues["c"] == .bool(false))
    }

    @Test func aStringMaxThatCannotBeTruncatedUpwardIsKeptWhole() throws {
        let top = String(repeating: "\u{10FFFF}", count: 40)
        let s = try stats(try Column(.string, [.string(top), .string("a")]))
        #expect(s.maxValues["c"] == .string(top))
        #expect(s.minValues["c"] == .string("a"))
        // A truncatable one is still cut to 32 scalars plus U+10FFFF.
        let long = String(repeating: "x", count: 40)
        #expect(try stats(try Column(.string, [.string(long)])).maxValues["c"] == .string(String(repeating: "x", count: 32) + "\u{10FFFF}"))
    }
}
