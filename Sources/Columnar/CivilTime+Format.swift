extension CivilTime {
    /// How a timestamp is written. Dates are always `yyyy-MM-dd`; a year outside 0...9999 gets
    /// a sign and at least four digits (`-0001-12-31`, `+10000-01-01`), as ISO 8601 and Java
    /// write it. Times are always `HH:mm:ss`, then the fraction the style asks for.
    public struct Style: Sendable, Hashable {
        /// What stands between the date and the time.
        public var separator: Separator
        /// How the microseconds are written.
        public var fraction: Fraction
        /// Whether a UTC `timestamp` ends in `Z` (a `timestamp_ntz` never does).
        public var utcSuffix: Bool

        public init(separator: Separator, fraction: Fraction, utcSuffix: Bool) {
            self.separator = separator
            self.fraction = fraction
            self.utcSuffix = utcSuffix
        }

        public enum Separator: UInt8, Sendable, Hashable {
            case space = 0x20
            case upperT = 0x54
        }

        public enum Fraction: Sendable, Hashable {
            /// Up to six digits with trailing zeros dropped, none for a whole second (`:00`,
            /// `:00.5`, `:00.000001`): Spark's text.
            case trimmed
            /// Always six digits (`:00.500000`).
            case micros
            /// Always three digits, rounded toward the past (`:00.500`).
            case millis
            /// Three digits, or six when the value is finer than a millisecond.
            case millisOrMicros
        }
    }
}

extension CivilTime.Style {
    /// Partition values as Spark writes them: `2024-01-05 10:00:00`, `2020-01-01 08:09:10.001`
    /// (UTC, no zone suffix).
    public static let partitionValue = CivilTime.Style(separator: .space, fraction: .trimmed, utcSuffix: false)

    /// SQL text (`TIMESTAMP '…'` literals, CAST to string): Spark writes it with the formatter
    /// it writes partition values with, so the rules are the same.
    public static let sqlDisplay = partitionValue

    /// The canonical row format: `2024-01-05T10:00:00.000000Z`, `timestamp_ntz` without `Z`.
    public static let isoMicros = CivilTime.Style(separator: .upperT, fraction: .micros, utcSuffix: true)

    /// Commit times and statistics as Delta writers put them in JSON: `2024-01-05T10:00:00.000Z`.
    public static let isoMillis = CivilTime.Style(separator: .upperT, fraction: .millis, utcSuffix: true)

    /// Statistics rebuilt from a checkpoint's typed values: milliseconds, or microseconds when
    /// the value has them, so no precision is lost.
    public static let statistics = CivilTime.Style(separator: .upperT, fraction: .millisOrMicros, utcSuffix: true)
}

extension CivilTime {
    /// Appends `yyyy-MM-dd` of a day count since the epoch.
    public static func appendDate(days: Int64, to out: inout [UInt8]) {
        let (y, m, d) = CivilDate.civil(days: Int(days))
        appendYear(y, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(m, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(d, width: 2, to: &out)
    }

    /// Appends a timestamp in `style`; `utc` says whether it is a (UTC) `timestamp` rather than
    /// a `timestamp_ntz`.
    public static func appendTimestamp(micros: Int64, _ style: Style, utc: Bool, to out: inout [UInt8]) {
        let (days, microsOfDay) = split(micros: micros)
        appendDate(days: days, to: &out)
        out.append(style.separator.rawValue)
        let seconds = Int(microsOfDay / microsPerSecond)
        let fraction = Int(microsOfDay % microsPerSecond)
        appendDigits(seconds / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(seconds % 60, width: 2, to: &out)
        switch style.fraction {
        case .micros:
            out.append(UInt8(ascii: "."))
            appendDigits(fraction, width: 6, to: &out)
        case .millis:
            out.append(UInt8(ascii: "."))
            appendDigits(fraction / 1000, width: 3, to: &out)
        case .millisOrMicros:
            out.append(UInt8(ascii: "."))
            if fraction % 1000 == 0 {
                appendDigits(fraction / 1000, width: 3, to: &out)
            } else {
                appendDigits(fraction, width: 6, to: &out)
            }
        case .trimmed:
            guard fraction != 0 else { break }
            var width = 6
            var digits = fraction
            while digits % 10 == 0 { digits /= 10; width -= 1 }
            out.append(UInt8(ascii: "."))
            appendDigits(digits, width: width, to: &out)
        }
        if utc && style.utcSuffix { out.append(UInt8(ascii: "Z")) }
    }

    public static func formatDate(days: Int64) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(16)
        appendDate(days: days, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func formatTimestamp(micros: Int64, _ style: Style, utc: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        appendTimestamp(micros: micros, style, utc: utc, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The year: four digits within 0...9999, else a sign and at least four digits.
    static func appendYear(_ year: Int, to out: inout [UInt8]) {
        if (0...9999).contains(year) {
            appendDigits(year, width: 4, to: &out)
            return
        }
        out.append(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        var width = 4
        var rest = year.magnitude / 10_000
        while rest > 0 { width += 1; rest /= 10 }
        appendDigits(Int(year.magnitude), width: width, to: &out)
    }

    /// Appends the last `width` decimal digits of `value` (≥ 0), zero-padded; `width` ≤ 20.
    @inline(__always)
    static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var v = UInt(value)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var k = width - 1
            while k >= 0 {
                buffer[k] = UInt8(truncatingIfNeeded: 0x30 &+ v % 10)
                v /= 10
                k -= 1
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<width]))
        }
    }
}
