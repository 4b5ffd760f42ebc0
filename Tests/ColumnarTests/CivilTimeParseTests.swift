import Testing
@testable import Columnar

/// Microseconds since the epoch of a wall-clock date and time.
private func at(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, _ us: Int64 = 0) -> Int64 {
    Int64(CivilDate.days(year: y, month: mo, day: d)) * CivilTime.microsPerDay
        + Int64(h * 3600 + mi * 60 + s) * CivilTime.microsPerSecond + us
}

private let hour: Int64 = 3_600_000_000

/// Accepted by `.partitionValue` and `.sqlLiteral` (Spark's cast grammar): text → UTC micros.
private let sparkAccepted: [(String, Int64)] = [
    ("2024-01-05", at(2024, 1, 5)),
    ("2024-01-05 10:00:00", at(2024, 1, 5, 10)),
    ("2024-01-05T10:00:00", at(2024, 1, 5, 10)),
    ("2024-01-05 10:00", at(2024, 1, 5, 10)),
    ("2020-01-01 08:09:10.001", 1_577_866_150_001_000),
    ("2024-01-05T10:00:00.123456Z", 1_704_448_800_123_456),
    ("2024-01-05T10:00:00.000Z", at(2024, 1, 5, 10)),
    ("2024-01-05 10:00:00.1234567", at(2024, 1, 5, 10, 0, 0, 123_456)),
    ("2024-01-05 10:00:00.123456999999", at(2024, 1, 5, 10, 0, 0, 123_456)),
    ("2024-1-5 9:5:7", at(2024, 1, 5, 9, 5, 7)),
    ("2024-01-05T10:00:00+02:00", at(2024, 1, 5, 8)),
    ("2024-01-05T10:00:00+0200", at(2024, 1, 5, 8)),
    ("2024-01-05T10:00:00+02", at(2024, 1, 5, 8)),
    ("2024-01-05T10:00:00-05:30", at(2024, 1, 5, 15, 30)),
    ("2024-01-05 10:00:00UTC", at(2024, 1, 5, 10)),
    ("2024-01-05 10:00Z", at(2024, 1, 5, 10)),
    ("1969-12-31 23:59:59.999999", -1),
    ("0001-01-01 00:00:00", at(1, 1, 1)),
    ("-0044-03-15 12:00:00", at(-44, 3, 15, 12)),
    ("+10000-01-01 00:00:00", at(10000, 1, 1)),
    ("0002024-01-05", at(2024, 1, 5)),
    ("294246-12-31 00:00:00", at(294_246, 12, 31)),
]

/// Rejected by `.partitionValue` and `.sqlLiteral`.
private let sparkRejected: [String] = [
    "", "24-01-05", "202-01-05", "10000000-01-01", "2024", "2024-01", "2024/01/05", "2024-13-01", "2024-00-10",
    "2024-02-30", "2023-02-29", "2024-001-05", " 2024-01-05", "2024-01-05 ", "2024-01-05T", "2024-01-05t10:00:00",
    "2024-01-05X10:00:00", "2024-01-05 10", "2024-01-05 24:00:00", "2024-01-05 10:60:00", "2024-01-05 10:00:60",
    "2024-01-05 10:00:00.", "2024-01-05 10:00.5", "2024-01-05 100:00:00", "2024-01-05T10:00:00z", "2024-01-05Z",
    "2024-01-05T10:00:00 Z", "2024-01-05T10:00:00+5:00", "2024-01-05T10:00:00+02:", "2024-01-05T10:00:00+19:00",
    "2024-01-05T10:00:00+02:60", "2024-01-05T10:00:00+02:00:00", "2024-01-05T10:00:00GMT", "2024-01-05T10:00:00utc",
    "2024-01-05T10:00:00ZZ", "12:00", "12:00:00", "294248-01-01 00:00:00", "-294248-01-01 00:00:00", "2024-01-0a",
]

/// Accepted by `.isoText`: text → UTC micros.
private let isoAccepted: [(String, Int64)] = [
    ("2024-01-05", at(2024, 1, 5)),
    ("2024-01-05T10:00:00Z", at(2024, 1, 5, 10)),
    ("2024-01-05t10:00:00z", at(2024, 1, 5, 10)),
    ("2024-01-05 10:00:00", at(2024, 1, 5, 10)),
    ("2024-01-05 10:00", at(2024, 1, 5, 10)),
    ("2024-01-05T10:00:00.5", at(2024, 1, 5, 10, 0, 0, 500_000)),
    ("2024-01-05T10:00:00.1234560000Z", at(2024, 1, 5, 10, 0, 0, 123_456)),
    ("2024-01-05T10:00:00+01:00", at(2024, 1, 5, 9)),
    ("2024-01-05T10:00:00+0100", at(2024, 1, 5, 9)),
    ("2024-01-05T10:00:00-05:30", at(2024, 1, 5, 15, 30)),
    ("1969-12-31T23:59:59.999999Z", -1),
    ("-0001-12-31", at(-1, 12, 31)),
    ("+10000-01-01T00:00:00.000000Z", at(10000, 1, 1)),
]

/// Rejected by `.isoText` (some of them accepted by the Spark dialects).
private let isoRejected: [String] = [
    "2024-1-05", "2024-01-5", "2024-01-05 9:00:00", "2024-01-05 09:0:00", "2024-01-05T10:00:00.1234567Z",
    "2024-01-05T10:00:00UTC", "2024-01-05T10:00:00+02", "2024-01-05Z", "2024-01-05z", "24-01-05", "2024-01-05T",
    "2024-02-30", "12:00", "2024-01-05T10:00:00 ", "2024-01-05T10:00:00+02:00Z",
]

@Suite struct CivilTimeParseTests {
    @Test(arguments: [CivilTime.Dialect.partitionValue, .sqlLiteral])
    func sparkDialectsAcceptSparksCastForms(_ dialect: CivilTime.Dialect) {
        for (text, micros) in sparkAccepted {
            #expect(CivilTime.parseTimestamp(text, dialect) == micros, "\(text)")
        }
        for text in sparkRejected {
            #expect(CivilTime.parseTimestamp(text, dialect) == nil, "\(text)")
            #expect(CivilTime.parseTimestampNtz(text, dialect) == nil, "\(text)")
        }
    }

    @Test func isoTextAcceptsRFC3339Forms() {
        for (text, micros) in isoAccepted {
            #expect(CivilTime.parseTimestamp(text, .isoText) == micros, "\(text)")
        }
        for text in isoRejected {
            #expect(CivilTime.parseTimestamp(text, .isoText) == nil, "\(text)")
        }
    }

    @Test func aZoneInTimestampNtzIsRejectedOrDroppedAsTheDialectSays() {
        let text = "2024-01-05T10:00:00+02:00"
        #expect(CivilTime.parseTimestampNtz(text, .partitionValue) == at(2024, 1, 5, 10))
        #expect(CivilTime.parseTimestampNtz(text, .sqlLiteral) == nil)
        #expect(CivilTime.parseTimestampNtz("2024-01-05T10:00:00Z", .isoText) == nil)
        for dialect in [CivilTime.Dialect.partitionValue, .sqlLiteral, .isoText] {
            #expect(CivilTime.parseTimestampNtz("2024-01-05 10:00:00.5", dialect) == at(2024, 1, 5, 10, 0, 0, 500_000))
        }
    }

    @Test func parsedTextKeepsTheWallClockAndTheOffset() {
        #expect(CivilTime.parseTimestampText("2024-01-05T10:00:00-05:30", .isoText)
                == CivilTime.ParsedTimestamp(wallMicros: at(2024, 1, 5, 10), offsetSeconds: -19_800))
        #expect(CivilTime.parseTimestampText("2024-01-05T10:00:00Z", .isoText)?.offsetSeconds == 0)
        #expect(CivilTime.parseTimestampText("2024-01-05 10:00:00", .isoText)?.offsetSeconds == nil)
        // The wall clock fits Int64 but the instant does not.
        let edge = CivilTime.ParsedTimestamp(wallMicros: Int64.max - 1, offsetSeconds: -3600)
        #expect(edge.utcMicros == nil)
    }

    @Test(arguments: [CivilTime.Dialect.partitionValue, .sqlLiteral, .isoText])
    func datesAreWholeDatesOnly(_ dialect: CivilTime.Dialect) {
        #expect(CivilTime.parseDate("2024-02-29", dialect) == 19_782)
        #expect(CivilTime.parseDate("0001-01-01", dialect) == -719_162)
        #expect(CivilTime.parseDate("1969-12-31", dialect) == -1)
        #expect(CivilTime.parseDate("-0001-12-31", dialect) == Int32(CivilDate.days(year: -1, month: 12, day: 31)))
        #expect(CivilTime.parseDate("+10000-01-01", dialect) == Int32(CivilDate.days(year: 10_000, month: 1, day: 1)))
        for text in ["2023-02-29", "2024-02-29 00:00:00", "2024-02-29T00:00:00Z", "2024-02-29Z", "99-01-01", "9999999-12-31", ""] {
            #expect(CivilTime.parseDate(text, dialect) == nil, "\(text)")
        }
        #expect((CivilTime.parseDate("2024-2-9", dialect) != nil) == (dialect.fieldDigits.lowerBound == 1))
    }

    @Test func parsesFromABufferWithoutCopying() {
        let bytes = Array("x2024-01-05T10:00:00Zy".utf8)
        bytes.withUnsafeBufferPointer { p in
            let inner = UnsafeBufferPointer(rebasing: p[1..<(p.count - 1)])
            #expect(CivilTime.parseTimestamp(inner, .isoText) == at(2024, 1, 5, 10))
            #expect(CivilTime.parseTimestamp(p, .isoText) == nil)
        }
    }

    @Test func aCustomDialectChangesOnlyItsRule() {
        var strict = CivilTime.Dialect.isoText
        strict.optionalSeconds = false
        #expect(CivilTime.parseTimestamp("2024-01-05T10:00Z", strict) == nil)
        #expect(CivilTime.parseTimestamp("2024-01-05T10:00:00Z", strict) == at(2024, 1, 5, 10))
        var zoned = CivilTime.Dialect.isoText
        zoned.zoneWithoutTime = true
        #expect(CivilTime.parseTimestamp("2024-01-05+01:00", zoned) == at(2024, 1, 5) - hour)
    }
}
