import Testing
import Columnar
@testable import Expressions

@Suite struct ExpressionEvaluatorTests {
    /// Four rows with a NULL in every column (row 3 for most).
    static func batch() throws -> RecordBatch {
        let schema = Schema([
            Field("i", .integer), Field("l", .long), Field("d", .double), Field("f", .float),
            Field("m", .decimal(precision: 5, scale: 2)), Field("s", .string), Field("b", .boolean),
            Field("dt", .date), Field("ts", .timestamp), Field("bin", .binary), Field("y", .byte),
            Field("st", .struct([Field("x", .integer)])),
        ])
        let cols = [
            try Column(.integer, [.integer(1), .integer(-2), .integer(3), .null]),
            try Column(.long, [.long(10), .long(20), .null, .long(Int64.max)]),
            try Column(.double, [.double(1.5), .double(.nan), .double(-0.0), .null]),
            try Column(.float, [.float(1), .float(2), .null, .float(.nan)]),
            try Column(.decimal(precision: 5, scale: 2), [.decimal(150, precision: 5, scale: 2), .decimal(-1, precision: 5, scale: 2), .null, .decimal(99999, precision: 5, scale: 2)]),
            try Column(.string, [.string("apple"), .string("Banana"), .string("é"), .null]),
            try Column(.boolean, [.boolean(true), .boolean(false), .null, .boolean(true)]),
            try Column(.date, [.date(19725), .date(0), .null, .date(-1)]),
            try Column(.timestamp, [.timestamp(1_704_276_000_000_000), .timestamp(0), .null, .timestamp(-1)]),
            try Column(.binary, [.binary([1]), .binary([0xFF]), .binary([]), .null]),
            try Column(.byte, [.byte(127), .byte(-128), .byte(0), .null]),
            try Column(.struct([Field("x", .integer)]), [.struct([.integer(7)]), .null, .struct([.null]), .struct([.integer(9)])]),
        ]
        return try RecordBatch(schema: schema, columns: cols)
    }

    func eval(_ text: String) throws -> [Scalar] {
        try ExpressionEvaluator.evaluate(ExpressionParser.parse(text), on: Self.batch()).scalars
    }

    let T = Scalar.boolean(true), F = Scalar.boolean(false), N = Scalar.null

    @Test func comparisonsPerTypeWithNulls() throws {
        #expect(try eval("i > 0") == [T, F, T, N])
        #expect(try eval("i = l / 10") == [T, F, N, N])          // integer / integer is double
        #expect(try eval("l >= 20") == [F, T, N, T])
        #expect(try eval("d = d") == [T, T, T, N])                // NaN = NaN (Spark)
        #expect(try eval("d > 1e300") == [F, T, F, N])            // NaN above everything
        #expect(try eval("d = 0") == [F, F, T, N])                // -0.0 = 0
        #expect(try eval("f < 1.5") == [T, F, N, F])
        #expect(try eval("m = 1.5") == [T, F, N, F])              // decimals rescale
        #expect(try eval("m < i") == [F, F, N, N])
        #expect(try eval("s < 'b'") == [T, T, F, N])              // 'B' < 'b', 'é' after ASCII
        #expect(try eval("s <> 'apple'") == [F, T, T, N])
        #expect(try eval("b = TRUE") == [T, F, N, T])
        #expect(try eval("dt >= '2024-01-03'") == [T, F, N, F])   // string literal → date
        #expect(try eval("ts = '2024-01-03 10:00:00'") == [T, F, N, F])
        #expect(try eval("dt < ts") == [T, F, N, T])
        #expect(try eval("bin > X'00'") == [T, T, F, N])
        #expect(try eval("y < 0") == [F, T, F, N])
        #expect(try eval("st.x = 7") == [T, N, N, F])             // NULL parent → NULL field
    }

    @Test func nullSafeEqualAndNullTests() throws {
        #expect(try eval("i <=> NULL") == [F, F, F, T])
        #expect(try eval("i <=> 1") == [T, F, F, F])
        #expect(try eval("i = NULL") == [N, N, N, N])
        #expect(try eval("s IS NULL") == [F, F, F, T])
        #expect(try eval("l IS NOT NULL") == [T, T, F, T])
    }

    @Test func threeValuedLogicTruthTables() throws {
        // Rows: b = TRUE, FALSE, NULL, TRUE; c over the same rows is TRUE, NULL, FALSE, NULL via i.
        let schema = Schema([Field("p", .boolean), Field("q", .boolean)])
        let v: [Scalar] = [.boolean(true), .boolean(false), .null]
        var ps: [Scalar] = [], qs: [Scalar] = []
        for a in v { for b in v { ps.append(a); qs.append(b) } }
        let batch = try RecordBatch(schema: schema, columns: [try Column(.boolean, ps), try Column(.boolean, qs)])
        func run(_ t: String) throws -> [Scalar] { try ExpressionEvaluator.evaluate(ExpressionParser.parse(t), on: batch).scalars }
        // (p, q) in order: TT TF TN FT FF FN NT NF NN
        #expect(try run("p AND q") == [T, F, N, F, F, F, N, F, N])
        #expect(try run("p OR q") == [T, T, T, T, F, N, T, N, N])
        #expect(try run("NOT p") == [F, F, F, T, T, T, N, N, N])
        #expect(try run("p AND NULL") == [N, N, N, F, F, F, N, N, N])
        #expect(try ExpressionEvaluator.filterMask(ExpressionParser.parse("p OR q"), on: batch)
            == Bitmap([true, true, true, true, false, false, true, false, false]))
    }

    @Test func inListWithNulls() throws {
        #expect(try eval("i IN (1, 3)") == [T, F, T, N])
        #expect(try eval("i IN (1, NULL)") == [T, N, N, N])
        #expect(try eval("i NOT IN (1, NULL)") == [F, N, N, N])
        #expect(try eval("i NOT IN (1, 5)") == [F, T, T, N])
        #expect(try eval("s IN ('apple', 'x')") == [T, F, F, N])
    }

    @Test func arithmeticFollowsSparkNonAnsi() throws {
        #expect(try eval("i + 1") == [.integer(2), .integer(-1), .integer(4), N])
        #expect(try eval("l + 1") == [.long(11), .long(21), N, .long(Int64.min)])          // wraps
        #expect(try eval("i / 0") == [N, N, N, N])                                            // division by zero
        #expect(try eval("i % 2") == [.integer(1), .integer(0), .integer(1), N])
        #expect(try eval("i * 2.5") == [.decimal(25, precision: 13, scale: 1), .decimal(-50, precision: 13, scale: 1), .decimal(75, precision: 13, scale: 1), N])
        #expect(try eval("m + 1") == [.decimal(250, precision: 13, scale: 2), .decimal(99, precision: 13, scale: 2), N, .decimal(100_099, precision: 13, scale: 2)])
        #expect(try eval("d * 2") == [.double(3), .double(.nan), .double(-0.0), N])
        #expect(try eval("-i") == [.integer(-1), .integer(2), .integer(-3), N])
        #expect(try eval("y + 1Y") == [.byte(-128), .byte(-127), .byte(1), N])
        #expect(try eval("m / 0") == [N, N, N, N])
    }

    @Test func functionsAndCasts() throws {
        #expect(try eval("upper(s)") == [.string("APPLE"), .string("BANANA"), .string("É"), N])
        #expect(try eval("length(s)") == [.integer(5), .integer(6), .integer(1), N])
        #expect(try eval("substring(s, 2, 3)") == [.string("ppl"), .string("ana"), .string(""), N])
        #expect(try eval("substring(s, -3)") == [.string("ple"), .string("ana"), .string("é"), N])
        #expect(try eval("coalesce(l, i, 0)") == [.long(10), .long(20), .long(3), .long(Int64.max)])
        #expect(try eval("abs(i)") == [.integer(1), .integer(2), .integer(3), N])
        #expect(try eval("year(dt)") == [.integer(2024), .integer(1970), N, .integer(1969)])
        #expect(try eval("month(ts)") == [.integer(1), .integer(1), N, .integer(12)])
        #expect(try eval("day(dt)") == [.integer(3), .integer(1), N, .integer(31)])
        #expect(try eval("s LIKE '%an%'") == [F, T, F, N])
        #expect(try eval("s LIKE '_'") == [F, F, T, N])
        #expect(try eval("CAST(s AS int)") == [N, N, N, N])
        #expect(try eval("CAST(i AS string)") == [.string("1"), .string("-2"), .string("3"), N])
        #expect(try eval("CAST(d AS int)") == [.integer(1), .integer(0), .integer(0), N])
        #expect(try eval("CAST(m AS decimal(3,1))") == [.decimal(15, precision: 3, scale: 1), .decimal(0, precision: 3, scale: 1), N, N])
        #expect(try eval("CAST(ts AS date)") == [.date(19725), .date(0), N, .date(-1)])
        #expect(try eval("CAST(ts AS string)")
                == [.string("2024-01-03 10:00:00"), .string("1970-01-01 00:00:00"), N, .string("1969-12-31 23:59:59.999999")])
        #expect(try eval("CAST(dt AS string)") == [.string("2024-01-03"), .string("1970-01-01"), N, .string("1969-12-31")])
    }

    @Test func bindingErrorsNameTheColumn() throws {
        let b = try Self.batch()
        let unknown = #expect(throws: ExpressionError.self) { try ExpressionParser.parse("nope = 1").bound(to: b.schema) }
        #expect(unknown?.code == .unknownColumn && unknown?.message.contains("'nope'") == true)
        let mismatch = #expect(throws: ExpressionError.self) { try ExpressionParser.parse("s + 1 > 0").bound(to: b.schema) }
        #expect(mismatch?.code == .typeMismatch)
        let badDate = #expect(throws: ExpressionError.self) { try ExpressionParser.parse("dt = 'soon'").bound(to: b.schema) }
        #expect(badDate?.code == .invalidLiteral)
        #expect(try ExpressionParser.parse("I = 1").bound(to: b.schema) == .compare(.equal, .column("i"), .literal(.integer(1))))
        #expect(try ExpressionParser.parse("l = i").bound(to: b.schema) == .compare(.equal, .column("l"), .cast(.column("i"), .long)))
        let bound = try ExpressionParser.parse("m > 1 AND d < i").bound(to: b.schema)
        #expect(try bound.bound(to: b.schema) == bound)
        #expect(try ExpressionParser.parse("m * m").resultType(in: b.schema) == .decimal(precision: 11, scale: 4))
        #expect(try ExpressionParser.parse("i / i").resultType(in: b.schema) == .double)
    }
}
