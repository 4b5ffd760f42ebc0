import Testing
@testable import Columnar

@Suite struct ColumnBuilderTests {
    @Test func buildsNullableLongColumnWithBitmapOnlyAfterFirstNull() throws {
        var b = ColumnBuilder(.long)
        b.append(Int64(1))
        b.append(Int64.min)
        let noNulls = b.finish()
        #expect(noNulls.validity == nil)
        b.appendNull()
        let c = b.finish()
        #expect(c.count == 3)
        #expect(c.nullCount == 1)
        #expect(c.scalars == [.long(1), .long(.min), .null])
    }

    @Test func buildsStringsAsOffsetsAndOneBuffer() throws {
        let c = try Column(.string, [.string("a"), .null, .string(""), .string("héllo")])
        guard case let .bytes(offsets, data) = c.values else { Issue.record("not bytes"); return }
        #expect(offsets == [0, 1, 1, 1, 7])
        #expect(data == Array("ahéllo".utf8))
        #expect(c.scalars == [.string("a"), .null, .string(""), .string("héllo")])
    }

    @Test func buildsNestedStructArrayMap() throws {
        let t = DataType.struct([Field("a", .integer), Field("tags", .array(element: Field("element", .string)))])
        let c = try Column(t, [.struct([.integer(1), .array([.string("x"), .string("y")])]), .null])
        #expect(c.scalars == [.struct([.integer(1), .array([.string("x"), .string("y")])]), .null])
        let m = try Column(.map(key: Field("key", .string, nullable: false), value: Field("value", .long)),
                           [.map([(key: .string("k"), value: .long(2))]), .map([])])
        #expect(m.count == 2)
        #expect(m.scalar(at: 0) == .map([(key: .string("k"), value: .long(2))]))
    }

    @Test func rejectsValueOfWrongType() {
        var b = ColumnBuilder(.integer)
        #expect(throws: ColumnarError.self) { try b.append(Scalar.string("x")) }
    }

    @Test func decimalFormatAndParseAreExact() {
        #expect(Decimal128.format(12340, scale: 3) == "12.340")
        #expect(Decimal128.format(-50, scale: 2) == "-0.50")
        #expect(Decimal128.format(12, scale: 0) == "12")
        #expect(Decimal128.format(5, scale: 3) == "0.005")
        #expect(Decimal128.parse("-0.5", precision: 5, scale: 2) == -50)
        #expect(Decimal128.parse("1.234", precision: 5, scale: 2) == nil)
        #expect(Decimal128.parse("99999999999999999999999999999999999999", precision: 38, scale: 0) != nil)
        #expect(Decimal128.parse("999999999999999999999999999999999999999", precision: 38, scale: 0) == nil)
    }
}
