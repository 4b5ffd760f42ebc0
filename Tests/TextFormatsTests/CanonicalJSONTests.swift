import Testing
import Columnar
@testable import TextFormats

@Suite struct CanonicalJSONTests {
    @Test func integers() throws {
        #expect(try canon(.long, .long(.min)) == "-9223372036854775808")
        #expect(try canon(.long, .long(.max)) == "9223372036854775807")
        #expect(try canon(.byte, .byte(-128)) == "-128")
        #expect(try canon(.short, .short(0)) == "0")
        #expect(try canon(.integer, .integer(Int32.min)) == "-2147483648")
        #expect(try canon(.boolean, .boolean(true)) == "true")
        #expect(try canon(.long, .null) == "null")
    }

    @Test(arguments: [
        (0.0, "0.0"), (-0.0, "-0.0"), (5.0, "5.0"), (0.1, "0.1"), (1e300, "1e+300"), (1e-7, "1e-07"),
        (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1.5e-5, "1.5e-05"), (0.0001, "0.0001"),
        (123456789.0, "123456789.0"), (36540539.88, "36540539.88"), (9007199254740992.0, "9007199254740992.0"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (Double.leastNonzeroMagnitude, "5e-324"), (-2.5, "-2.5"),
        (1.2345678901234568e-5, "1.2345678901234568e-05"), (123.456, "123.456"),
    ])
    func doubles(_ v: Double, _ text: String) throws {
        #expect(try canon(.double, .double(v)) == text)
    }

    @Test func doubleSpecials() throws {
        #expect(try canon(.double, .double(.nan)) == "\"NaN\"")
        #expect(try canon(.double, .double(.infinity)) == "\"Infinity\"")
        #expect(try canon(.double, .double(-.infinity)) == "\"-Infinity\"")
        #expect(try canon(.float, .float(.nan)) == "\"NaN\"")
        #expect(try canon(.float, .float(-.infinity)) == "\"-Infinity\"")
    }

    @Test(arguments: [
        (Float(0.1), "0.1"), (Float(5), "5.0"), (Float(36.504), "36.504"), (Float(-0.0), "-0.0"),
        (Float(1e20), "1e+20"), (Float(1e-7), "1e-07"), (Float(16777216), "16777216.0"),
        (Float.greatestFiniteMagnitude, "3.4028235e+38"), (Float(3.14159), "3.14159"),
    ])
    func floats(_ v: Float, _ text: String) throws {
        #expect(try canon(.float, .float(v)) == text)
    }

    @Test func decimals() throws {
        #expect(try canon(.decimal(precision: 10, scale: 2), .decimal(1234, precision: 10, scale: 2)) == "\"12.34\"")
        #expect(try canon(.decimal(precision: 10, scale: 2), .decimal(-50, precision: 10, scale: 2)) == "\"-0.50\"")
        #expect(try canon(.decimal(precision: 5, scale: 0), .decimal(-12, precision: 5, scale: 0)) == "\"-12\"")
        #expect(try canon(.decimal(precision: 5, scale: 3), .decimal(7, precision: 5, scale: 3)) == "\"0.007\"")
        let max38 = Decimal128.powersOfTen[38] - 1
        #expect(try canon(.decimal(precision: 38, scale: 18), .decimal(max38, precision: 38, scale: 18))
                == "\"99999999999999999999.999999999999999999\"")
    }

    @Test func dates() throws {
        #expect(try canon(.date, .date(0)) == "\"1970-01-01\"")
        #expect(try canon(.date, .date(-1)) == "\"1969-12-31\"")
        #expect(try canon(.date, .date(36)) == "\"1970-02-06\"")
        #expect(try canon(.date, .date(-719162)) == "\"0001-01-01\"")
        #expect(try canon(.date, .date(2932896)) == "\"9999-12-31\"")
        #expect(try canon(.date, .date(11016)) == "\"2000-02-29\"")
        #expect(try canon(.date, .date(-719163)) == "\"0000-12-31\"")
        #expect(try canon(.date, .date(-719529)) == "\"-0001-12-31\"")
    }

    @Test func timestamps() throws {
        #expect(try canon(.timestamp, .timestamp(0)) == "\"1970-01-01T00:00:00.000000Z\"")
        #expect(try canon(.timestamp, .timestamp(-1)) == "\"1969-12-31T23:59:59.999999Z\"")
        #expect(try canon(.timestamp, .timestamp(-86_400_000_001)) == "\"1969-12-30T23:59:59.999999Z\"")
        #expect(try canon(.timestamp, .timestamp(3_661_000_001)) == "\"1970-01-01T01:01:01.000001Z\"")
        #expect(try canon(.timestampNtz, .timestampNtz(1_700_000_000_123_456)) == "\"2023-11-14T22:13:20.123456\"")
        #expect(try canon(.timestamp, .timestamp(253_402_300_799_999_999)) == "\"9999-12-31T23:59:59.999999Z\"")
        #expect(try canon(.timestamp, .timestamp(-62_135_596_800_000_000)) == "\"0001-01-01T00:00:00.000000Z\"")
    }

    @Test func strings() throws {
        #expect(try canon(.string, .string("a\"b\\c")) == #""a\"b\\c""#)
        #expect(try canon(.string, .string("\n\r\t\u{8}\u{C}\u{1}\u{1F}\u{7F}")) == #""\n\r\t\b\f\u0001\u001f"# + "\u{7F}\"")
        #expect(try canon(.string, .string("héllo ✓ 😀 /")) == "\"héllo ✓ 😀 /\"")
        #expect(try canon(.string, .string("")) == "\"\"")
        // A string column's bytes that are not UTF-8 are written as U+FFFD.
        let bad = Column(unchecked: .string, count: 1, validity: nil, values: .bytes(offsets: [0, 3], data: [0x61, 0xFF, 0x62]))
        #expect(CanonicalJSON.text(bad, 0) == "\"a\u{FFFD}b\"")
    }

    @Test func binary() throws {
        #expect(try canon(.binary, .binary([])) == "\"\"")
        #expect(try canon(.binary, .binary([0])) == "\"AA==\"")
        #expect(try canon(.binary, .binary([1, 1])) == "\"AQE=\"")
        #expect(try canon(.binary, .binary(Array("156".utf8))) == "\"MTU2\"")
        #expect(try canon(.binary, .binary([0xFF, 0xFE, 0xFD, 0xFC])) == "\"//79/A==\"")
    }

    @Test func nested() throws {
        let st: DataType = .struct([Field("a", .integer), Field("b", .array(element: Field("element", .string)))])
        #expect(try canon(st, .struct([.integer(1), .array([.string("x"), .null])])) == #"{"a":1,"b":["x",null]}"#)
        #expect(try canon(st, .struct([.null, .array([])])) == #"{"a":null,"b":[]}"#)
        let m: DataType = .map(key: Field("key", .integer, nullable: false), value: Field("value", .string))
        #expect(try canon(m, .map([(.integer(9), .string("nine")), (.integer(10), .string("ten")), (.integer(-1), .null)]))
                == #"[{"key":-1,"value":null},{"key":10,"value":"ten"},{"key":9,"value":"nine"}]"#)
        let ms: DataType = .map(key: Field("key", .string, nullable: false), value: Field("value", .double))
        #expect(try canon(ms, .map([(.string("b"), .double(1)), (.string("a"), .double(.nan))]))
                == #"[{"key":"a","value":"NaN"},{"key":"b","value":1.0}]"#)
        #expect(try canon(ms, .map([])) == "[]")
    }

    @Test func lineKeysInSchemaOrder() throws {
        let b = try batch([("z", .long), ("a", .string), ("m\"x", .date)],
                          [[.long(1), .null], [.string("s"), .null], [.date(0), .null]])
        #expect(CanonicalJSON.line(b, 0) == #"{"z":1,"a":"s","m\"x":"1970-01-01"}"#)
        #expect(CanonicalJSON.line(b, 1) == #"{"z":null,"a":null,"m\"x":null}"#)
        var out: [UInt8] = []
        CanonicalJSON.appendLines(b, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == CanonicalJSON.line(b, 0) + "\n" + CanonicalJSON.line(b, 1) + "\n")
    }

    /// Rows of the conformance pack's `data-reader-primitives` table, built by hand.
    @Test func matchesGoldenPrimitives() throws {
        guard let golden = goldenLines("data-reader-primitives") else { return }
        let fields: [(String, DataType)] = [
            ("as_int", .integer), ("as_long", .long), ("as_byte", .byte), ("as_short", .short),
            ("as_boolean", .boolean), ("as_float", .float), ("as_double", .double), ("as_string", .string),
            ("as_binary", .binary), ("as_big_decimal", .decimal(precision: 38, scale: 0)),
        ]
        var cols = [[Scalar]](repeating: [], count: fields.count)
        for i in 0..<10 {
            let row: [Scalar] = [.integer(Int32(i)), .long(Int64(i)), .byte(Int8(i)), .short(Int16(i)),
                                 .boolean(i % 2 == 0), .float(Float(i)), .double(Double(i)), .string(String(i)),
                                 .binary([UInt8(i), UInt8(i)]), .decimal(Int128(i), precision: 38, scale: 0)]
            for (j, v) in row.enumerated() { cols[j].append(v) }
        }
        let b = try batch(fields, cols)
        let mine = Set((0..<b.rowCount).map { CanonicalJSON.line(b, $0) })
        for line in mine { #expect(golden.contains(line), "\(line)") }
    }

    @Test func matchesGoldenAllTypesRow() throws {
        guard let golden = goldenLines("parquet-all-types") else { return }
        let b = try batch([("ByteType", .byte), ("FloatType", .float), ("DoubleType", .double),
                           ("decimal", .decimal(precision: 10, scale: 2)), ("DateType", .date),
                           ("TimestampType", .timestamp), ("TimestampNTZType", .timestampNtz)],
                          [[.byte(-100)], [.float(36.504)], [.double(36540539.88)], [.decimal(1926912, precision: 10, scale: 2)],
                           [.date(36)], [.timestamp(3_654_069_588_000)], [.timestampNtz(36_540_504_000_200)]])
        let line = CanonicalJSON.line(b, 0)
        let expected = #"{"ByteType":-100,"FloatType":36.504,"DoubleType":36540539.88,"decimal":"19269.12","DateType":"1970-02-06","TimestampType":"1970-02-12T07:01:09.588000Z","TimestampNTZType":"1971-02-27T22:08:24.000200"}"#
        #expect(line == expected)
        #expect(golden.contains { $0.contains(#""FloatType":36.504,"DoubleType":36540539.88,"decimal":"19269.12""#)
                                   && $0.contains(#""TimestampType":"1970-02-12T07:01:09.588000Z","TimestampNTZType":"1971-02-27T22:08:24.000200""#) })
    }
}
