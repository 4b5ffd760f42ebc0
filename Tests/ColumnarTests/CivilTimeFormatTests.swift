import Testing
@testable import Columnar

@Suite struct CivilTimeFormatTests {
    @Test func datesHaveASignOnlyOutsideFourDigitYears() {
        let cases: [(Int, Int, Int, String)] = [
            (1970, 1, 1, "1970-01-01"), (1969, 12, 31, "1969-12-31"), (2000, 2, 29, "2000-02-29"), (1, 1, 1, "0001-01-01"),
            (0, 12, 31, "0000-12-31"), (-1, 12, 31, "-0001-12-31"), (9999, 12, 31, "9999-12-31"),
            (10_000, 1, 1, "+10000-01-01"), (-12_345, 6, 7, "-12345-06-07"),
        ]
        for (y, m, d, text) in cases {
            #expect(CivilTime.formatDate(days: Int64(CivilDate.days(year: y, month: m, day: d))) == text)
        }
    }

    @Test func everyStyleWritesItsShape() {
        let micros: Int64 = 1_577_866_150_001_000    // 2020-01-01 08:09:10.001
        let table: [(CivilTime.Style, Bool, String)] = [
            (.partitionValue, true, "2020-01-01 08:09:10.001"),
            (.sqlDisplay, false, "2020-01-01 08:09:10.001"),
            (.isoMicros, true, "2020-01-01T08:09:10.001000Z"),
            (.isoMicros, false, "2020-01-01T08:09:10.001000"),
            (.isoMillis, true, "2020-01-01T08:09:10.001Z"),
            (.statistics, true, "2020-01-01T08:09:10.001Z"),
            (.statistics, false, "2020-01-01T08:09:10.001"),
        ]
        for (style, utc, text) in table {
            #expect(CivilTime.formatTimestamp(micros: micros, style, utc: utc) == text)
        }
    }

    @Test func fractionsTrimRoundOrWiden() {
        func f(_ us: Int64, _ s: CivilTime.Style) -> String { CivilTime.formatTimestamp(micros: us, s, utc: true) }
        #expect(f(0, .partitionValue) == "1970-01-01 00:00:00")
        #expect(f(1_500_000, .partitionValue) == "1970-01-01 00:00:01.5")
        #expect(f(1, .partitionValue) == "1970-01-01 00:00:00.000001")
        #expect(f(120_000, .partitionValue) == "1970-01-01 00:00:00.12")
        #expect(f(-1, .partitionValue) == "1969-12-31 23:59:59.999999")
        #expect(f(-1, .isoMillis) == "1969-12-31T23:59:59.999Z")
        #expect(f(1_709_294_400_123_999, .isoMillis) == "2024-03-01T12:00:00.123Z")
        #expect(f(1001, .statistics) == "1970-01-01T00:00:00.001001Z")
        #expect(f(0, .statistics) == "1970-01-01T00:00:00.000Z")
        #expect(f(-86_400_000_001, .isoMicros) == "1969-12-30T23:59:59.999999Z")
        #expect(f(253_402_300_799_999_999, .isoMicros) == "9999-12-31T23:59:59.999999Z")
        #expect(f(Int64.max, .isoMicros) == "+294247-01-10T04:00:54.775807Z")
        #expect(f(Int64.min, .isoMicros) == "-290308-12-21T19:59:05.224192Z")
    }

    @Test func whatAStyleWritesItsDialectReadsBack() {
        var g = SystemRandomNumberGenerator()
        let pairs: [(CivilTime.Style, CivilTime.Dialect)] = [
            (.partitionValue, .partitionValue), (.sqlDisplay, .sqlLiteral), (.isoMicros, .isoText), (.statistics, .partitionValue),
        ]
        for _ in 0..<2000 {
            let micros = Int64.random(in: -400_000_000_000_000_000...400_000_000_000_000_000, using: &g)
            for (style, dialect) in pairs {
                let text = CivilTime.formatTimestamp(micros: micros, style, utc: true)
                #expect(CivilTime.parseTimestamp(text, dialect) == micros, "\(text)")
                let ntz = CivilTime.formatTimestamp(micros: micros, style, utc: false)
                #expect(CivilTime.parseTimestampNtz(ntz, dialect) == micros, "\(ntz)")
            }
            let days = Int64.random(in: Int64(Int32.min)...Int64(Int32.max), using: &g)
            #expect(CivilTime.parseDate(CivilTime.formatDate(days: days), .isoText).map(Int64.init) == days)
        }
    }

    @Test func appendsWithoutClearingTheBuffer() {
        var out = Array("t=".utf8)
        CivilTime.appendTimestamp(micros: 0, .isoMillis, utc: true, to: &out)
        out.append(UInt8(ascii: ";"))
        CivilTime.appendDate(days: 0, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "t=1970-01-01T00:00:00.000Z;1970-01-01")
    }
}
