import Columnar

/// Proleptic Gregorian calendar arithmetic on days and microseconds since 1970-01-01 (UTC), and
/// the text forms the protocol uses. Pure integer math; no time zones other than fixed offsets.
enum CivilTime {
    /// Days since the epoch of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int { CivilDate.days(year: year, month: month, day: day) }

    /// The civil date of a day count.
    static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) { CivilDate.civil(days: z0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// "YYYY-MM-DD".
    static func dateString(days: Int) -> String {
        let (y, m, d) = civil(days: days)
        return (y < 0 ? "-" + pad(-y, 4) : pad(y, 4)) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// Splits microseconds into (days, microseconds within the day), flooring.
    static func split(micros: Int64) -> (days: Int, micros: Int64) {
        let perDay: Int64 = 86_400_000_000
        var d = micros / perDay
        var r = micros % perDay
        if r < 0 { r += perDay; d -= 1 }
        return (Int(d), r)
    }

    /// "YYYY-MM-DD HH:MM:SS" + fraction: `fractionDigits` 6 → ".ffffff", 3 → ".fff".
    static func timestampString(micros: Int64, separator: String, fractionDigits: Int) -> String {
        let (d, r) = split(micros: micros)
        let seconds = Int(r / 1_000_000)
        var fraction = Int(r % 1_000_000)
        if fractionDigits == 3 { fraction /= 1000 }
        return dateString(days: d) + separator + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":"
            + pad(seconds % 60, 2) + "." + pad(fraction, fractionDigits)
    }

    /// Parses "YYYY-MM-DD" at the start of `s`; returns days and the rest.
    static func parseDate(_ s: Substring) -> (days: Int, rest: Substring)? {
        let u = Array(s.utf8)
        var i = 0
        var negative = false
        if u.first == UInt8(ascii: "-") || u.first == UInt8(ascii: "+") { negative = u[0] == UInt8(ascii: "-"); i = 1 }
        func digits(_ n: Int? = nil) -> Int? {
            var v = 0, k = 0
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39, n == nil || k < n! { v = v * 10 + Int(u[i] - 0x30); i += 1; k += 1 }
            if let n { return k == n ? v : nil }
            return (1...6).contains(k) ? v : nil
        }
        guard var year = digits(), i < u.count, u[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let month = digits(2), i < u.count, u[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let day = digits(2) else { return nil }
        if negative { year = -year }
        guard (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day) else { return nil }
        let rest = s.utf8.dropFirst(i)
        return (days(year: year, month: month, day: day), Substring(rest))
    }

    /// Parses a timestamp: date, then optionally (' ' or 'T') HH:MM[:SS[.fraction]], then
    /// optionally 'Z' or ±HH[:MM]. Returns microseconds since the epoch, shifted to UTC when an
    /// offset is given, and whether a zone was present. Fraction digits beyond 6 are truncated.
    static func parseTimestamp(_ text: String) -> (micros: Int64, hadZone: Bool)? {
        guard let (d, rest0) = parseDate(Substring(text)) else { return nil }
        let rest = Array(rest0.utf8)
        var micros = Int64(d) * 86_400_000_000
        var hadZone = false
        var i = 0
        func two() -> Int? {
            guard i + 2 <= rest.count, rest[i] >= 0x30, rest[i] <= 0x39, rest[i + 1] >= 0x30, rest[i + 1] <= 0x39 else { return nil }
            defer { i += 2 }
            return Int(rest[i] - 0x30) * 10 + Int(rest[i + 1] - 0x30)
        }
        if i < rest.count && (rest[i] == UInt8(ascii: " ") || rest[i] == UInt8(ascii: "T")) {
            i += 1
            guard let h = two(), h < 24, i < rest.count, rest[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard let mi = two(), mi < 60 else { return nil }
            var sec = 0
            if i < rest.count && rest[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = two(), s < 60 else { return nil }
                sec = s
            }
            var fraction: Int64 = 0
            if i < rest.count && rest[i] == UInt8(ascii: ".") {
                i += 1
                var k = 0
                while i < rest.count, rest[i] >= 0x30, rest[i] <= 0x39 {
                    if k < 6 { fraction = fraction * 10 + Int64(rest[i] - 0x30) }
                    k += 1; i += 1
                }
                guard k > 0 else { return nil }
                for _ in k..<max(k, 6) { fraction *= 10 }
            }
            micros += Int64(h * 3600 + mi * 60 + sec) * 1_000_000 + fraction
        }
        if i < rest.count {
            if rest[i] == UInt8(ascii: "Z") {
                i += 1
                hadZone = true
            } else if rest[i] == UInt8(ascii: "+") || rest[i] == UInt8(ascii: "-") {
                let sign: Int64 = rest[i] == UInt8(ascii: "+") ? 1 : -1
                i += 1
                guard let oh = two(), oh <= 18 else { return nil }
                var om = 0
                if i < rest.count && rest[i] == UInt8(ascii: ":") { i += 1 }
                if i < rest.count { guard let m = two(), m < 60 else { return nil }; om = m }
                micros -= sign * Int64(oh * 3600 + om * 60) * 1_000_000
                hadZone = true
            }
        }
        return i == rest0.utf8.count ? (micros, hadZone) : nil
    }
}
