import Columnar

/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation.
/// Days ↔ (year, month, day) use Howard Hinnant's public-domain `days_from_civil` / `civil_from_days`.
public enum CivilTime {
    public static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a civil date (month 1...12, day 1...31; not range-checked).
    public static func days(year: Int, month: Int, day: Int) -> Int { CivilDate.days(year: year, month: month, day: day) }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(days: Int) -> (year: Int, month: Int, day: Int) { CivilDate.civil(days: days) }

    public static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: formatting into a byte buffer

    @inline(__always)
    static func appendDigits(_ v: Int, width: Int, to out: inout [UInt8]) {
        var buf: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (48, 48, 48, 48, 48, 48)
        var x = v
        withUnsafeMutableBytes(of: &buf) { p in
            var i = width - 1
            while i >= 0 { p[i] = UInt8(48 + x % 10); x /= 10; i -= 1 }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[0..<width]))
        }
    }

    /// Appends `YYYY-MM-DD` (years outside 0...9999 with a sign and at least four digits).
    public static func appendDate(days: Int, to out: inout [UInt8]) {
        let (y, m, d) = civil(days: days)
        appendYear(y, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(m, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d, width: 2, to: &out)
    }

    static func appendYear(_ y: Int, to out: inout [UInt8]) {
        if (0...9999).contains(y) {
            appendDigits(y, width: 4, to: &out)
        } else {
            out.append(y < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let s = String(y.magnitude)
            if s.utf8.count < 4 { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 4 - s.utf8.count)) }
            out.append(contentsOf: s.utf8)
        }
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS.ffffff` plus `Z` when `utc`.
    public static func appendTimestamp(micros: Int64, utc: Bool, to out: inout [UInt8]) {
        // Floor division so that instants before 1970 land on the right day.
        var days = micros / microsPerDay
        var rem = micros % microsPerDay
        if rem < 0 { rem += microsPerDay; days -= 1 }
        appendDate(days: Int(days), to: &out)
        out.append(UInt8(ascii: "T"))
        let secs = Int(rem / 1_000_000)
        let frac = Int(rem % 1_000_000)
        appendDigits(secs / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secs / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secs % 60, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(frac, width: 6, to: &out)
        if utc { out.append(UInt8(ascii: "Z")) }
    }

    public static func formatDate(days: Int) -> String {
        var out: [UInt8] = []
        appendDate(days: days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func formatTimestamp(micros: Int64, utc: Bool) -> String {
        var out: [UInt8] = []
        appendTimestamp(micros: micros, utc: utc, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: parsing from bytes

    /// Parses `[+-]YYYY-MM-DD` (at least four year digits) starting at `i`; advances `i`.
    static func parseDate(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        var negative = false
        if i < p.count, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-"); i += 1
        }
        let start = i
        var year = 0
        while i < p.count, p[i] >= 48, p[i] <= 57, i - start < 9 {
            year = year * 10 + Int(p[i] - 48); i += 1
        }
        guard i - start >= 4 else { return nil }
        if negative { year = -year }
        guard i < p.count, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let month = twoDigits(p, &i), i < p.count, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let day = twoDigits(p, &i) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return days(year: year, month: month, day: day)
    }

    @inline(__always)
    static func twoDigits(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        guard i + 1 < p.count else { return nil }
        let a = p[i], b = p[i + 1]
        guard a >= 48, a <= 57, b >= 48, b <= 57 else { return nil }
        i += 2
        return Int(a - 48) * 10 + Int(b - 48)
    }

    /// A whole-text date `YYYY-MM-DD` → days since the epoch.
    public static func parseDate(_ p: UnsafeBufferPointer<UInt8>) -> Int32? {
        var i = 0
        guard let d = parseDate(p, &i), i == p.count, let v = Int32(exactly: d) else { return nil }
        return v
    }

    /// A whole-text timestamp `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z|±HH:MM|±HHMM]` → µs since the
    /// epoch (UTC when a zone is given, wall-clock otherwise) and whether a zone was present.
    /// More than six fraction digits are accepted only when the extra ones are zeros.
    public static func parseTimestamp(_ p: UnsafeBufferPointer<UInt8>) -> (micros: Int64, hasZone: Bool)? {
        var i = 0
        guard let d = parseDate(p, &i) else { return nil }
        var secondsOfDay = 0
        var micros = 0
        if i < p.count, p[i] == UInt8(ascii: "T") || p[i] == UInt8(ascii: "t") || p[i] == UInt8(ascii: " ") {
            i += 1
            guard let hh = twoDigits(p, &i), hh < 24, i < p.count, p[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard let mm = twoDigits(p, &i), mm < 60 else { return nil }
            var ss = 0
            if i < p.count, p[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = twoDigits(p, &i), s < 60 else { return nil }
                ss = s
                if i < p.count, p[i] == UInt8(ascii: ".") {
                    i += 1
                    var n = 0
                    while i < p.count, p[i] >= 48, p[i] <= 57 {
                        if n < 6 {
                            micros = micros * 10 + Int(p[i] - 48)
                        } else if p[i] != 48 {
                            return nil
                        }
                        n += 1; i += 1
                    }
                    guard n > 0 else { return nil }
                    while n < 6 { micros *= 10; n += 1 }
                }
            }
            secondsOfDay = hh * 3600 + mm * 60 + ss
        }
        var offsetSeconds = 0
        var hasZone = false
        if i < p.count {
            if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") {
                hasZone = true; i += 1
            } else if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                let sign = p[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = twoDigits(p, &i), oh <= 18 else { return nil }
                if i < p.count, p[i] == UInt8(ascii: ":") { i += 1 }
                guard let om = twoDigits(p, &i), om < 60 else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
                hasZone = true
            }
        }
        guard i == p.count else { return nil }
        let (dayMicros, o1) = Int64(d).multipliedReportingOverflow(by: microsPerDay)
        guard !o1 else { return nil }
        let (total, o2) = dayMicros.addingReportingOverflow(Int64(secondsOfDay - offsetSeconds) * 1_000_000 + Int64(micros))
        guard !o2 else { return nil }
        return (total, hasZone)
    }
}
