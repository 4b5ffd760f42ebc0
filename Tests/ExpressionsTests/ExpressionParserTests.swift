import Testing
import Columnar
@testable import Expressions

@Suite struct ExpressionParserTests {
    static let roundTrip: [String] = [
        "a = 1", "a == 1", "a != 1", "a <> 1", "a < 1", "a <= 1", "a > 1", "a >= 1", "a <=> NULL",
        "a = 1 AND b = 2", "a = 1 OR b = 2 AND c = 3", "(a = 1 OR b = 2) AND c = 3", "NOT a = 1", "NOT (a OR b)",
        "a IS NULL", "a IS NOT NULL", "a IN (1, 2, 3)", "a NOT IN (1, NULL)", "a BETWEEN 1 AND 10",
        "a NOT BETWEEN 1 AND 10", "name LIKE 'ab%'", "name NOT LIKE '_x%'", "a + b * c", "(a + b) * c",
        "a - b - c", "a - (b - c)", "a / b % c", "-a", "-(a + 1)", "- -a", "a - -5", "-5", "-2147483648",
        "2147483648", "9223372036854775807L", "12L", "12S", "12Y", "1.5", "0.05", "-1.50", "123BD",
        "1.5e3", "1.5D", "1.5F", "1e-7", "'it''s'", "''", "TRUE", "FALSE", "NULL", "X'0A0B'", "x'ff'",
        "DATE '2024-01-03'", "TIMESTAMP '2024-01-03 10:00:00'", "TIMESTAMP '2024-01-03 10:00:00.123456Z'",
        "TIMESTAMP '2024-01-03T10:00:00+02:00'", "TIMESTAMP_NTZ '2024-01-03 10:00:00.5'",
        "lower(name) = 'x'", "coalesce(a, b, 0)", "substring(s, 2, 3)", "year(d) = 2024",
        "CAST(a AS bigint)", "CAST(a AS decimal(10,2))", "CAST('NaN' AS double)", "CAST(x AS timestamp_ntz)",
        "`odd name` = 1", "`a``b` = 1", "a.b.c = 1", "`date` = DATE '2020-02-29'", "date = 1",
        "timestamp > 5", "abs(-3)", "a <=> b", "(a)", "((a = 1))", "x IN ('a', 'b') OR y IS NULL",
        "NOT NOT a", "a AND NOT b", "length(s) > 3 AND upper(s) LIKE 'A%'", "f()",
        "CAST(a AS varchar(3))", "CAST(a AS array<struct<`x y`:int not null, z: map<string,long>>>) IS NULL",
        "TIMESTAMP '+10000-01-01 00:00:00'", "DATE '-0044-03-15'", "TIMESTAMP '2024-01-03 10:00:00.1234567'",
    ]

    @Test func everyExampleRoundTripsThroughItsDescription() throws {
        for text in Self.roundTrip {
            let e = try ExpressionParser.parse(text)
            let again = try ExpressionParser.parse(e.description)
            #expect(again == e, "\(text) → \(e.description) → \(again.description)")
            #expect(again.description == e.description)
        }
        #expect(Self.roundTrip.count >= 60)
    }

    @Test func precedenceAndDesugaring() throws {
        #expect(try ExpressionParser.parse("a = 1 OR b = 2 AND c = 3")
            == .or(.compare(.equal, .column("a"), .literal(.integer(1))),
                   .and(.compare(.equal, .column("b"), .literal(.integer(2))), .compare(.equal, .column("c"), .literal(.integer(3))))))
        #expect(try ExpressionParser.parse("x BETWEEN 1 AND 2")
            == .and(.compare(.greaterOrEqual, .column("x"), .literal(.integer(1))), .compare(.lessOrEqual, .column("x"), .literal(.integer(2)))))
        #expect(try ExpressionParser.parse("a + b * c") == .arithmetic(.add, .column("a"), .arithmetic(.multiply, .column("b"), .column("c"))))
        #expect(try ExpressionParser.parse("s NOT LIKE 'a%'") == .not(.function("like", [.column("s"), .literal(.string("a%"))])))
        #expect(try ExpressionParser.parse("NOT a = 1") == .not(.compare(.equal, .column("a"), .literal(.integer(1)))))
    }

    @Test func literalsGetSparkTypes() throws {
        func lit(_ t: String) throws -> Scalar? { if case let .literal(s) = try ExpressionParser.parse(t) { return s }; return nil }
        #expect(try lit("5") == .integer(5))
        #expect(try lit("-2147483648") == .integer(Int32.min))
        #expect(try lit("2147483648") == .long(2_147_483_648))
        #expect(try lit("1.50") == .decimal(150, precision: 3, scale: 2))
        #expect(try lit("0.05") == .decimal(5, precision: 2, scale: 2))
        #expect(try lit("1.5e3") == .double(1500))
        #expect(try lit("1.5d") == .double(1.5))
        #expect(try lit("'a''b'") == .string("a'b"))
        #expect(try lit("X'0A0B'") == .binary([10, 11]))
        #expect(try lit("DATE '1970-01-02'") == .date(1))
        #expect(try lit("TIMESTAMP '1970-01-01 00:00:01.5'") == .timestamp(1_500_000))
        #expect(try lit("TIMESTAMP '1970-01-01 02:00:00+02:00'") == .timestamp(0))
        #expect(try lit("TIMESTAMP_NTZ '1970-01-02 00:00:00'") == .timestampNtz(86_400_000_000))
        #expect(try ExpressionParser.parse("date") == .column("date"))
        #expect(try ExpressionParser.parse("a.`b c`") == .column("a.b c"))
    }

    @Test func errorsNameTheCharacterPosition() {
        let cases: [(String, Int, String)] = [
            ("a IN (1, 2", 11, "expected ')' after the IN list"),
            ("a = ", 5, "expected an expression"),
            ("(a = 1", 7, "to close the '('"),
            ("a = 1 b", 7, "unexpected 'b'"),
            ("a IS 5", 6, "expected NULL"),
            ("'abc", 1, "unterminated string"),
            ("a # 1", 3, "unexpected character"),
            ("CAST(a AS blob)", 11, "unknown type"),
            ("12Q", 1, "type suffixes"),
            ("a BETWEEN 1 OR 2", 13, "expected AND"),
        ]
        for (text, position, fragment) in cases {
            do {
                _ = try ExpressionParser.parse(text)
                Issue.record("\(text) parsed")
            } catch let e as ExpressionError {
                #expect(e.code == .syntax, "\(text)")
                #expect(e.position == position, "\(text): \(e)")
                #expect(e.message.contains(fragment), "\(text): \(e)")
            } catch { Issue.record("\(error)") }
        }
        #expect((try? ExpressionParser.parse("a IN (1, 2")) == nil)
        let e = #expect(throws: ExpressionError.self) { try ExpressionParser.parse("x IN (1 2)") }
        #expect(e?.description == "syntax at character 9: expected ')' after the IN list, found '2'")
        let bad = #expect(throws: ExpressionError.self) { try ExpressionParser.parse("d = DATE '2024-13-01'") }
        #expect(bad?.code == .invalidLiteral && bad?.position == 10)
    }

    @Test func dateTimeLiteralsFollowTheSQLDialect() throws {
        func lit(_ t: String) throws -> Scalar? { if case let .literal(s) = try ExpressionParser.parse(t) { return s }; return nil }
        let tenAM: Int64 = 1_704_276_000_000_000    // 2024-01-03 10:00:00 UTC
        #expect(try lit("TIMESTAMP '2024-1-3 10:00:00.1234567891'") == .timestamp(tenAM + 123_456))
        #expect(try lit("TIMESTAMP '2024-01-03 10:00:00UTC'") == .timestamp(tenAM))
        #expect(try lit("TIMESTAMP '2024-01-03T12:00:00+02'") == .timestamp(tenAM))
        #expect(try lit("TIMESTAMP ' 2024-01-03 10:00 '") == .timestamp(tenAM))
        #expect(try lit("TIMESTAMP '+10000-01-01 00:00:00'")
                == .timestamp(Int64(CivilDate.days(year: 10_000, month: 1, day: 1)) * CivilTime.microsPerDay))
        #expect(try ExpressionParser.parse("TIMESTAMP '2024-01-03 10:00:00.500'").description == "TIMESTAMP '2024-01-03 10:00:00.5'")
        for text in ["DATE '24-01-03'", "DATE '2024-01-03 10:00:00'", "TIMESTAMP '2024-01-03Z'", "TIMESTAMP '2024-01-03t10:00:00'",
                     "TIMESTAMP_NTZ '2024-01-03 10:00:00Z'", "TIMESTAMP '2024-01-03 10:00:00 Z'"] {
            let e = #expect(throws: ExpressionError.self, "\(text)") { try ExpressionParser.parse(text) }
            #expect(e?.code == .invalidLiteral, "\(text)")
        }
    }

    @Test func castTypesUseTheGrammarTheSchemaDDLShares() throws {
        #expect(try ExpressionParser.parse("CAST(a AS VARCHAR(10))") == .cast(.column("a"), .string))
        #expect(try ExpressionParser.parse("CAST(a AS map<string, array<int>>) IS NULL")
                == .isNull(.cast(.column("a"), .map(key: Field("key", .string, nullable: false),
                                                    value: Field("value", .array(element: Field("element", .integer)))))))
        #expect(try ExpressionParser.parseType("struct<x: int not null>") == .struct([Field("x", .integer, nullable: false)]))
        let cases: [(String, Int, String)] = [
            ("CAST(a AS text)", 11, "unknown type 'text'"),
            ("CAST(a AS varchar)", 18, "varchar needs a length: varchar(n)"),
            ("CAST(a AS decimal(40,1))", 19, "decimal(40,1) needs 1 ≤ precision ≤ 38"),
            ("CAST(é AS array<int)", 20, "expected '>' but found ')'"),
            ("CAST(a AS", 10, "expected a type but found end of input"),
        ]
        for (text, position, fragment) in cases {
            let e = #expect(throws: ExpressionError.self, "\(text)") { try ExpressionParser.parse(text) }
            #expect(e?.code == .syntax, "\(text)")
            #expect(e?.position == position, "\(text): \(String(describing: e))")
            #expect(e?.message.hasPrefix(fragment) == true, "\(text): \(String(describing: e))")
        }
    }

    @Test func referencedColumnsListsEveryColumn() throws {
        #expect(try ExpressionParser.parse("a = 1 AND lower(b.c) IN (d, 'x') OR e IS NULL").referencedColumns == ["a", "b.c", "d", "e"])
    }
}
