import Testing
import Columnar
@testable import Expressions

@Suite struct DataSkippingTests {
    /// A file of 100 rows: x in [10, 20] with 5 nulls, s in ['b', 'm'], d (double) in [1, 2],
    /// ts max 10:00:00.123 (truncated to ms), no stats for y, partition p = 'a', q = NULL.
    static let stats = StatisticsView(
        rowCount: 100,
        minValues: ["x": .integer(10), "s": .string("b"), "d": .double(1), "ts": .timestamp(1_704_276_000_000_000),
                    "dt": .date(19725), "n.v": .long(5), "allnull": .null, "m": .decimal(150, precision: 5, scale: 2),
                    "flag": .boolean(false)],
        maxValues: ["x": .integer(20), "s": .string("m"), "d": .double(2), "ts": .timestamp(1_704_276_000_123_000),
                    "dt": .date(19730), "n.v": .long(5), "allnull": .null, "m": .decimal(250, precision: 5, scale: 2),
                    "flag": .boolean(false)],
        nullCounts: ["x": 5, "s": 0, "d": 0, "ts": 0, "allnull": 100, "n.v": 0, "flag": 0],
        partitionValues: ["p": .string("a"), "q": .null, "pd": .date(19725)])

    static let cases: [(String, Bool)] = [
        ("x = 15", true), ("x = 9", false), ("x = 21", false), ("x = 10", true), ("x = 20", true),
        ("15 = x", true), ("25 = x", false), ("x < 10", false), ("x <= 10", true), ("x > 20", false),
        ("x >= 20", true), ("5 < x", true), ("25 < x", false), ("x <> 15", true), ("x IN (1, 2, 30)", false),
        ("x IN (1, 15)", true), ("x IS NULL", true), ("x IS NOT NULL", true), ("allnull IS NOT NULL", false),
        ("allnull = 1", false), ("allnull IS NULL", true), ("s IS NULL", false), ("NOT x < 30", false),
        ("NOT (x > 5 AND x < 30)", false), ("NOT (x < 5 OR x > 30)", true), ("x < 5 OR x > 30", false),
        ("x < 5 OR s = 'c'", true), ("x = 15 AND s = 'z'", false), ("s = 'a'", false), ("s >= 'm'", true),
        ("s > 'm'", false), ("s LIKE 'z%'", true), ("y = 1", true), ("y IS NULL", true), ("x + 1 = 100", true),
        ("x <=> NULL", true), ("s <=> NULL", false), ("NOT s <=> NULL", true), ("NOT allnull <=> NULL", false),
        ("x = NULL", false), ("NOT x IN (1, NULL)", false), ("x NOT IN (10, 20)", true),
        ("p = 'a'", true), ("p = 'b'", false), ("p <> 'a'", false), ("p IN ('b', 'c')", false),
        ("q = 'a'", false), ("q IS NULL", true), ("q IS NOT NULL", false), ("NOT q = 'a'", false),
        ("p = 'a' AND x = 100", false), ("p = 'b' OR x = 15", true), ("lower(p) = 'a'", true),
        ("pd = '2024-01-03'", true), ("pd > DATE '2024-01-03'", false),
        ("ts = TIMESTAMP '2024-01-03 10:00:00.123456'", true), ("ts > TIMESTAMP '2024-01-03 10:00:00.123'", true),
        ("ts > TIMESTAMP '2024-01-03 10:00:00.124'", false), ("ts = '2024-01-03 10:00:00.123999'", true),
        ("ts < '2024-01-03 10:00:00'", false), ("dt = '2024-01-05'", true), ("dt > '2024-01-08'", false),
        ("d = CAST('NaN' AS double)", true), ("d > 5", true), ("d < 0.5", false), ("d = 3", false),
        ("n.v = 5", true), ("n.v = 6", false), ("m = 1.5", true), ("m > 3", false), ("m < 1.49", false),
        ("flag", false), ("NOT flag", true), ("TRUE", true), ("FALSE", false), ("NULL", false),
        ("NOT NULL", false), ("x > 'abc'", true), ("x = 15L", true), ("x = 9.5", false),
    ]

    @Test func tableOfPredicatesAgainstOneFile() throws {
        #expect(Self.cases.count >= 40)
        for (text, expected) in Self.cases {
            let p = try ExpressionParser.parse(text)
            #expect(DataSkipping.mayMatch(p, Self.stats) == expected, "\(text)")
        }
    }

    @Test func missingStatisticsNeverSkip() throws {
        for (text, _) in Self.cases where !text.contains("p") && !text.contains("q") && !["FALSE", "NULL", "NOT NULL", "x = NULL"].contains(text) && !text.contains("<=> NULL") && !text.contains("NULL)") {
            #expect(DataSkipping.mayMatch(try ExpressionParser.parse(text), StatisticsView()), "\(text)")
        }
        #expect(!DataSkipping.mayMatch(try ExpressionParser.parse("x = 1"), StatisticsView(rowCount: 0)))
    }

    @Test func boundPredicatesSkipToo() throws {
        let schema = Schema([Field("x", .integer), Field("ts", .timestamp)])
        let p = try ExpressionParser.parse("x = 30L OR ts < '2024-01-03'").bound(to: schema)
        #expect(p == .or(.compare(.equal, .cast(.column("x"), .long), .literal(.long(30))),
                         .compare(.less, .column("ts"), .literal(.timestamp(1_704_240_000_000_000)))))
        #expect(!DataSkipping.mayMatch(p, Self.stats))
        #expect(DataSkipping.mayMatch(try ExpressionParser.parse("x = 12L").bound(to: schema), Self.stats))
    }

    @Test func truncatedTimestampMaxOnlyWhenFlagged() throws {
        var s = Self.stats
        s.timestampMaxTruncatedToMillis = false
        #expect(!DataSkipping.mayMatch(try ExpressionParser.parse("ts = TIMESTAMP '2024-01-03 10:00:00.123456'"), s))
    }

    // MARK: randomized soundness

    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func randomLiteral(_ column: String, _ g: inout RNG) -> String {
        switch column {
        case "a": return String(Int.random(in: -6...6, using: &g))
        case "f": return ["0.5D", "-1.0D", "2.5D", "CAST('NaN' AS double)", "0.0D", "3", "-0.0D"].randomElement(using: &g)!
        default: return ["''", "'a'", "'ab'", "'b'", "'ba'", "'z'", "'é'"].randomElement(using: &g)!
        }
    }

    static func randomPredicate(_ depth: Int, _ g: inout RNG) -> String {
        let column = ["a", "f", "s"].randomElement(using: &g)!
        if depth > 0 && Bool.random(using: &g) {
            let l = randomPredicate(depth - 1, &g), r = randomPredicate(depth - 1, &g)
            switch Int.random(in: 0..<3, using: &g) {
            case 0: return "(\(l)) AND (\(r))"
            case 1: return "(\(l)) OR (\(r))"
            default: return "NOT (\(l))"
            }
        }
        switch Int.random(in: 0..<5, using: &g) {
        case 0: return "\(column) IS NULL"
        case 1: return "\(column) IS NOT NULL"
        case 2: return "\(column) IN (\(randomLiteral(column, &g)), \(Bool.random(using: &g) ? "NULL" : randomLiteral(column, &g)))"
        case 3: return "\(column) <=> \(Bool.random(using: &g) ? "NULL" : randomLiteral(column, &g))"
        default:
            let op = ["=", "<>", "<", "<=", ">", ">="].randomElement(using: &g)!
            return Bool.random(using: &g) ? "\(column) \(op) \(randomLiteral(column, &g))" : "\(randomLiteral(column, &g)) \(op) \(column)"
        }
    }

    /// Real min/max/null counts of a column; NaN excluded from min/max when `parquetStyle`.
    static func stats(of c: Column, parquetStyle: Bool) -> (Scalar?, Scalar?, Int) {
        var lo: Scalar?, hi: Scalar?
        for v in c.scalars where !v.isNull {
            if parquetStyle, case let .double(d) = v, d.isNaN { continue }
            if lo == nil || ScalarCast.compare(v, lo!)! < 0 { lo = v }
            if hi == nil || ScalarCast.compare(v, hi!)! > 0 { hi = v }
        }
        return (lo, hi, c.nullCount)
    }

    @Test(arguments: [false, true])
    func randomizedSoundness(parquetStyle: Bool) throws {
        var g = RNG(state: parquetStyle ? 7 : 42)
        let schema = Schema([Field("a", .integer), Field("f", .double), Field("s", .string)])
        var checked = 0
        for _ in 0..<400 {
            let n = Int.random(in: 1...6, using: &g)
            var a: [Scalar] = [], f: [Scalar] = [], s: [Scalar] = []
            for _ in 0..<n {
                a.append(Int.random(in: 0..<5, using: &g) == 0 ? .null : .integer(Int32.random(in: -5...5, using: &g)))
                f.append(Int.random(in: 0..<5, using: &g) == 0 ? .null
                         : .double([0.5, -1, 2.5, .nan, 0, -0.0, 3].randomElement(using: &g)!))
                s.append(Int.random(in: 0..<5, using: &g) == 0 ? .null : .string(["", "a", "ab", "b", "ba", "z", "é"].randomElement(using: &g)!))
            }
            let batch = try RecordBatch(schema: schema, columns: [try Column(.integer, a), try Column(.double, f), try Column(.string, s)])
            var view = StatisticsView(rowCount: n)
            for (k, name) in ["a", "f", "s"].enumerated() {
                let (lo, hi, nulls) = Self.stats(of: batch.columns[k], parquetStyle: parquetStyle)
                if let lo { view.minValues[name] = lo }
                if let hi { view.maxValues[name] = hi }
                view.nullCounts[name] = nulls
            }
            for _ in 0..<10 {
                let text = Self.randomPredicate(2, &g)
                let p = try ExpressionParser.parse(text)
                let matches = try ExpressionEvaluator.filterMask(p, on: batch).setCount
                if matches > 0 {
                    #expect(DataSkipping.mayMatch(p, view), "\(text) matches \(matches) rows of a=\(a) f=\(f) s=\(s)")
                    checked += 1
                }
                // Bound predicates too (casts inserted by binding must not break skipping).
                if matches > 0 { #expect(DataSkipping.mayMatch(try p.bound(to: schema), view), "bound \(text)") }
            }
        }
        #expect(checked > 500)
    }
}
