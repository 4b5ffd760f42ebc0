extension CivilTime {
    /// A timestamp as its text wrote it: the wall-clock date and time, and the zone if it named one.
    public struct ParsedTimestamp: Sendable, Hashable {
        /// Microseconds since 1970-01-01T00:00:00 of the date and time as written.
        public var wallMicros: Int64
        /// The zone's offset from UTC in seconds (`+02:00` is 7200; `Z` is 0), nil without a zone.
        public var offsetSeconds: Int?

        public init(wallMicros: Int64, offsetSeconds: Int?) {
            self.wallMicros = wallMicros
            self.offsetSeconds = offsetSeconds
        }

        /// The instant in microseconds since the epoch (UTC): the wall clock shifted by the
        /// offset; zone-less text is taken as UTC. Nil when the result does not fit Int64.
        public var utcMicros: Int64? {
            guard let offsetSeconds else { return wallMicros }
            let (r, overflow) = wallMicros.subtractingReportingOverflow(Int64(offsetSeconds) * microsPerSecond)
            return overflow ? nil : r
        }
    }

    // MARK: whole-text parsing

    /// Days since the epoch of a date (the whole text), or nil.
    public static func parseDate(_ text: UnsafeBufferPointer<UInt8>, _ dialect: Dialect) -> Int32? {
        var i = 0
        guard let days = scanDate(text, &i, dialect), i == text.count else { return nil }
        return Int32(exactly: days)
    }

    /// A date or timestamp (the whole text) with its zone, or nil.
    public static func parseTimestampText(_ text: UnsafeBufferPointer<UInt8>, _ dialect: Dialect) -> ParsedTimestamp? {
        scanTimestamp(text, dialect)
    }

    /// A `timestamp` value: microseconds since the epoch in UTC (zone-less text is UTC), or nil.
    public static func parseTimestamp(_ text: UnsafeBufferPointer<UInt8>, _ dialect: Dialect) -> Int64? {
        scanTimestamp(text, dialect)?.utcMicros
    }

    /// A `timestamp_ntz` value: the wall clock in microseconds since 1970-01-01T00:00:00, or
    /// nil. A zone makes it nil or is dropped, as `dialect.zoneInTimestampNtz` says.
    public static func parseTimestampNtz(_ text: UnsafeBufferPointer<UInt8>, _ dialect: Dialect) -> Int64? {
        guard let t = scanTimestamp(text, dialect) else { return nil }
        if t.offsetSeconds != nil, dialect.zoneInTimestampNtz == .reject { return nil }
        return t.wallMicros
    }

    public static func parseDate(_ text: String, _ dialect: Dialect) -> Int32? {
        var text = text
        return text.withUTF8 { parseDate($0, dialect) }
    }

    public static func parseTimestampText(_ text: String, _ dialect: Dialect) -> ParsedTimestamp? {
        var text = text
        return text.withUTF8 { parseTimestampText($0, dialect) }
    }

    public static func parseTimestamp(_ text: String, _ dialect: Dialect) -> Int64? {
        var text = text
        return text.withUTF8 { parseTimestamp($0, dialect) }
    }

    public static func parseTimestampNtz(_ text: String, _ dialect: Dialect) -> Int64? {
        var text = text
        return text.withUTF8 { parseTimestampNtz($0, dialect) }
    }

    // MARK: the grammar

    /// `[sign] year '-' month '-' day` from `i`; advances `i` past it. Days since the epoch.
    static func scanDate(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ d: Dialect) -> Int64? {
        let n = p.count
        var negative = false
        if d.signedYear, i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        var year = 0
        var digits = 0
        while i < n, digits < d.yearDigits.upperBound, p[i] &- 0x30 < 10 {
            year = year * 10 + Int(p[i] &- 0x30)
            digits += 1
            i += 1
        }
        guard digits >= d.yearDigits.lowerBound, i < n, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let month = field(p, &i, d), i < n, p[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let day = field(p, &i, d) else { return nil }
        if negative { year = -year }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month) else { return nil }
        return Int64(CivilDate.days(year: year, month: month, day: day))
    }

    /// A month, day, hour, minute or second: two digits, or one when `d.fieldDigits` allows it.
    @inline(__always)
    static func field(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ d: Dialect) -> Int? {
        guard i < p.count else { return nil }
        let first = p[i] &- 0x30
        guard first < 10 else { return nil }
        i += 1
        if i < p.count {
            let second = p[i] &- 0x30
            if second < 10 {
                i += 1
                return Int(first) * 10 + Int(second)
            }
        }
        return d.fieldDigits.lowerBound == 1 ? Int(first) : nil
    }

    /// Exactly two digits (zone offsets).
    @inline(__always)
    static func twoDigits(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        guard i + 1 < p.count, p[i] &- 0x30 < 10, p[i + 1] &- 0x30 < 10 else { return nil }
        defer { i += 2 }
        return Int(p[i] &- 0x30) * 10 + Int(p[i + 1] &- 0x30)
    }

    @inline(__always)
    static func isSeparator(_ c: UInt8, _ d: Dialect) -> Bool {
        switch c {
        case UInt8(ascii: " "): return d.separators.contains(.space)
        case UInt8(ascii: "T"): return d.separators.contains(.upperT)
        case UInt8(ascii: "t"): return d.separators.contains(.lowerT)
        default: return false
        }
    }

    /// The whole text as a date with an optional time and zone.
    static func scanTimestamp(_ p: UnsafeBufferPointer<UInt8>, _ d: Dialect) -> ParsedTimestamp? {
        let n = p.count
        var i = 0
        let days: Int64
        var hour = 0, minute = 0, second = 0
        var hasTime = false, hasSeconds = false
        if let fixed = fixedShape(p, d) {
            // `yyyy-MM-dd?HH:mm:ss`, how writers print timestamps: read at fixed positions.
            guard (1...12).contains(fixed.month), fixed.day >= 1,
                  fixed.day <= CivilDate.daysInMonth(year: fixed.year, month: fixed.month) else { return nil }
            days = Int64(CivilDate.days(year: fixed.year, month: fixed.month, day: fixed.day))
            (hour, minute, second) = (fixed.hour, fixed.minute, fixed.second)
            hasTime = true
            hasSeconds = true
            i = 19
        } else {
            guard let date = scanDate(p, &i, d) else { return nil }
            days = date
            if i < n, isSeparator(p[i], d) {
                i += 1
                guard let h = field(p, &i, d), i < n, p[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let m = field(p, &i, d) else { return nil }
                if i < n, p[i] == UInt8(ascii: ":") {
                    i += 1
                    guard let s = field(p, &i, d) else { return nil }
                    second = s
                    hasSeconds = true
                } else if !d.optionalSeconds {
                    return nil
                }
                (hour, minute) = (h, m)
                hasTime = true
            }
        }
        var fraction: Int64 = 0
        if hasSeconds, i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < n, p[i] &- 0x30 < 10 {
                let digit = Int64(p[i] &- 0x30)
                if digits < 6 {
                    fraction = fraction * 10 + digit
                } else if digit != 0, d.excessFraction == .rejectNonZero {
                    return nil
                }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            while digits < 6 { fraction *= 10; digits += 1 }
        }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        var offset: Int? = nil
        if i < n {
            guard hasTime || d.zoneWithoutTime, let o = scanZone(p, &i, d) else { return nil }
            offset = o
        }
        guard i == n else { return nil }
        let microsOfDay = Int64(hour * 3600 + minute * 60 + second) * microsPerSecond + fraction
        let (dayMicros, o1) = days.multipliedReportingOverflow(by: microsPerDay)
        let (wall, o2) = dayMicros.addingReportingOverflow(microsOfDay)
        guard !o1, !o2 else { return nil }
        return ParsedTimestamp(wallMicros: wall, offsetSeconds: offset)
    }

    /// The fields of text that starts `yyyy-MM-dd?HH:mm:ss` (four-digit year, two-digit fields,
    /// a separator of the dialect), which the general grammar reads the same way; nil otherwise.
    @inline(__always)
    static func fixedShape(_ p: UnsafeBufferPointer<UInt8>, _ d: Dialect)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)? {
        guard p.count >= 19, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), p[13] == UInt8(ascii: ":"),
              p[16] == UInt8(ascii: ":"), isSeparator(p[10], d), d.yearDigits.contains(4) else { return nil }
        @inline(__always) func two(_ k: Int) -> Int? {
            let a = p[k] &- 0x30, b = p[k + 1] &- 0x30
            return a < 10 && b < 10 ? Int(a) * 10 + Int(b) : nil
        }
        guard let y1 = two(0), let y2 = two(2), let month = two(5), let day = two(8),
              let hour = two(11), let minute = two(14), let second = two(17) else { return nil }
        return (y1 * 100 + y2, month, day, hour, minute, second)
    }

    /// A zone at `i`: its offset from UTC in seconds.
    static func scanZone(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ d: Dialect) -> Int? {
        let n = p.count
        switch p[i] {
        case UInt8(ascii: "Z"):
            guard d.zones.contains(.upperZ) else { return nil }
            i += 1
            return 0
        case UInt8(ascii: "z"):
            guard d.zones.contains(.lowerZ) else { return nil }
            i += 1
            return 0
        case UInt8(ascii: "U"):
            guard d.zones.contains(.utc), i + 2 < n, p[i + 1] == UInt8(ascii: "T"), p[i + 2] == UInt8(ascii: "C") else { return nil }
            i += 3
            return 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = p[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let hours = twoDigits(p, &i) else { return nil }
            var minutes = 0
            if i < n, p[i] == UInt8(ascii: ":") {
                guard d.zones.contains(.hoursColonMinutes) else { return nil }
                i += 1
                guard let m = twoDigits(p, &i) else { return nil }
                minutes = m
            } else if i < n {
                guard d.zones.contains(.hoursMinutes), let m = twoDigits(p, &i) else { return nil }
                minutes = m
            } else {
                guard d.zones.contains(.hours) else { return nil }
            }
            guard hours <= 18, minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
    }
}
