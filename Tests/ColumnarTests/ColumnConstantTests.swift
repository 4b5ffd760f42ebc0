import Testing
@testable import Columnar

@Suite struct ColumnConstantTests {
    @Test func repeatsEveryPrimitiveValue() throws {
        let cases: [(Scalar, DataType)] = [
            (.boolean(true), .boolean), (.byte(-1), .byte), (.short(7), .short), (.integer(5), .integer), (.date(-3), .date),
            (.long(.min), .long), (.timestamp(1), .timestamp), (.timestampNtz(2), .timestampNtz), (.float(1.5), .float),
            (.double(-0.0), .double), (.decimal(-5, precision: 4, scale: 2), .decimal(precision: 4, scale: 2)),
            (.string("héllo"), .string), (.string(""), .string), (.binary([0, 255]), .binary),
        ]
        for (value, type) in cases {
            let c = try Column.constant(value, type: type, count: 3)
            #expect(c.type == type)
            #expect(c.scalars == [value, value, value], "\(value)")
            #expect(c.validity == nil)
        }
        #expect(try Column.constant(.string("x"), type: .string, count: 0).count == 0)
    }

    @Test func nullGivesNullsOfAnyType() throws {
        let nested = DataType.struct([Field("a", .integer), Field("b", .array(element: Field("element", .string)))])
        for type in [DataType.string, .long, .boolean, .decimal(precision: 10, scale: 2), nested] {
            let c = try Column.constant(.null, type: type, count: 4)
            #expect(c.type == type)
            #expect(c.nullCount == 4)
            #expect(c.scalars == [.null, .null, .null, .null])
        }
    }

    @Test func nestedValuesAreBuiltValueByValue() throws {
        let type = DataType.array(element: Field("element", .integer))
        let c = try Column.constant(.array([.integer(1), .null]), type: type, count: 2)
        #expect(c.scalars == [.array([.integer(1), .null]), .array([.integer(1), .null])])
    }

    @Test func aValueOfAnotherStorageIsATypeMismatch() {
        let e = #expect(throws: ColumnarError.self) { try Column.constant(.integer(1), type: .string, count: 2) }
        #expect(e?.code == .typeMismatch)
    }

    @Test func moreThanTwoGiBOfBytesIsAnOverflowNotACrash() {
        let e = #expect(throws: ColumnarError.self) {
            try Column.constant(.string(String(repeating: "x", count: 1 << 20)), type: .string, count: 1 << 12)
        }
        #expect(e?.code == .overflow)
        #expect(e?.message.contains("2 GiB") == true)
        #expect(throws: ColumnarError.self) { try Column.constant(.binary([1, 2]), type: .binary, count: Int.max / 2 + 1) }
    }

    @Test func scalarsKnowTheirPrimitiveType() {
        #expect(Scalar.decimal(1, precision: 5, scale: 2).dataType == .decimal(precision: 5, scale: 2))
        #expect(Scalar.timestampNtz(0).dataType == .timestampNtz)
        #expect(Scalar.date(0).dataType == .date)
        #expect(Scalar.binary([]).dataType == .binary)
        #expect(Scalar.null.dataType == nil)
        #expect(Scalar.struct([.integer(1)]).dataType == nil)
    }
}
