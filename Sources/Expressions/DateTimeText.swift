import Columnar

/// Calendar arithmetic (proleptic Gregorian, UTC) and the text forms of dates and timestamps
/// that literals and casts accept:
///
/// | form                                   | example                          |
/// |----------------------------------------|----------------------------------|
/// | date                                   | `2024-01-03`                     |
/// | timestamp: date, `' '` or `'T'`, time   | `2024-01-03 10:00:00`            |
/// | optional fraction, 1…9 digits (µs kept) | `2024-01-03T10:00:00.123456`     |
/// | optional zone: `Z`, `+hh:mm`, `-hh:mm`, `+hhmm`, `UTC` | `2024-01-03 10:00:00+02:00` |
///
/// A timestamp without a zone is read as UTC; a date alone is midnight. Seconds may be omitted
/// (`10:00`). Fraction digits past the sixth are dropped (truncated toward the past).
enum DateTimeText {
    static let microsPerDay: Int64 = 86_400_000_000

    /// Days since 1970-01-01 of a civil date (any year).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        Int64(CivilDate.days(year: Int(year), month: Int(month), day: Int(day)))
    }

    /// The civil date of a day number.
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let c = CivilDate.civil(days: Int(days))
        return (Int64(c.year), Int64(c.month), Int64(c.day))
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(_ y: Int64, _ m: Int64) -> Int64 {
        switch m {
        case 2: return isLeap(y) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Floor division of microseconds into days.
    static func day(ofMicros us: Int64) -> Int64 {
        us >= 0 ? us / microsPerDay : (us + 1) / microsPerDay - 1
    }

    // MARK: parsing

    private struct Cursor {
        let bytes: [UInt8]
        var i = 0
        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func digits(min: Int, max: Int) -> Int64? {
            var v: Int64 = 0
            var n = 0
            while n < max, let c = peek, c >= 48, c <= 57 {
                v = v * 10 + Int64(c - 48)
                n += 1
                i += 1
            }
            return n >= min ? v : nil
        }

        mutating func eat(_ c: Character) -> Bool {
            if let p = peek, p == c.asciiValue! { i += 1; return true }
            return false
        }
    }

    /// Days since the epoch of `yyyy-mm-dd` (the year may have 1…6 digits), or nil.
    static func parseDate(_ text: String) -> Int32? {
        var c = Cursor(bytes: Array(text.utf8))
        guard let d = parseDatePart(&c), c.atEnd, let v = Int32(exactly: d) else { return nil }
        return v
    }

    private static func parseDatePart(_ c: inout Cursor) -> Int64? {
        let negative = c.eat("-")
        guard let y0 = c.digits(min: 1, max: 6), c.eat("-"),
              let m = c.digits(min: 1, max: 2), c.eat("-"),
              let d = c.digits(min: 1, max: 2) else { return nil }
        let y = negative ? -y0 : y0
        guard (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
        return days(year: y, month: m, day: d)
    }

    /// Microseconds since the epoch (UTC unless the text names an offset), or nil.
    /// `allowZone: false` rejects a zone suffix (TIMESTAMP_NTZ).
    static func parseTimestamp(_ text: String, allowZone: Bool = true) -> Int64? {
        var c = Cursor(bytes: Array(text.utf8))
        guard let days = parseDatePart(&c) else { return nil }
        var micros: Int64 = 0
        if c.eat(" ") || c.eat("T") {
            guard let h = c.digits(min: 1, max: 2), c.eat(":"), let mi = c.digits(min: 1, max: 2),
                  h < 24, mi < 60 else { return nil }
            var s: Int64 = 0
            var frac: Int64 = 0
            if c.eat(":") {
                guard let s0 = c.digits(min: 1, max: 2), s0 < 60 else { return nil }
                s = s0
                if c.eat(".") {
                    var n = 0
                    while let d = c.peek, d >= 48, d <= 57 {
                        if n < 6 { frac = frac * 10 + Int64(d - 48) }
                        n += 1
                        c.i += 1
                    }
                    guard n >= 1, n <= 9 else { return nil }
                    for _ in min(n, 6)..<6 { frac *= 10 }
                }
            }
            micros = ((h * 60 + mi) * 60 + s) * 1_000_000 + frac
            if !c.atEnd {
                guard allowZone else { return nil }
                if c.eat("Z") {
                } else if c.eat("U") {
                    guard c.eat("T"), c.eat("C") else { return nil }
                } else {
                    let sign: Int64
                    if c.eat("+") { sign = 1 } else if c.eat("-") { sign = -1 } else { return nil }
                    guard let oh = c.digits(min: 2, max: 2), oh <= 18 else { return nil }
                    _ = c.eat(":")
                    let om = c.digits(min: 2, max: 2) ?? 0
                    guard om < 60 else { return nil }
                    micros -= sign * (oh * 60 + om) * 60_000_000
                }
            }
        }
        guard c.atEnd else { return nil }
        let (dm, o1) = days.multipliedReportingOverflow(by: microsPerDay)
        let (r, o2) = dm.addingReportingOverflow(micros)
        return o1 || o2 ? nil : r
    }

    // MARK: formatting

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v.magnitude)
        let p = s.count < width ? String(repeating: "0", count: width - s.count) + s : s
        return v < 0 ? "-" + p : p
    }

    static func formatDate(_ days: Int32) -> String {
        let (y, m, d) = civil(days: Int64(days))
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// `yyyy-mm-dd hh:mm:ss[.ffffff]` (fraction only when non-zero, always six digits).
    static func formatTimestamp(_ us: Int64) -> String {
        let d = day(ofMicros: us)
        let rest = us - d * microsPerDay
        let secs = rest / 1_000_000, frac = rest % 1_000_000
        var s = formatDate(Int32(truncatingIfNeeded: d)) + " "
            + "\(pad(secs / 3600, 2)):\(pad(secs / 60 % 60, 2)):\(pad(secs % 60, 2))"
        if frac != 0 { s += "." + pad(frac, 6) }
        return s
    }
}
