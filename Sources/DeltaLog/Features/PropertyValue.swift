/// Parsers for table property values: booleans, integers, byte sizes and intervals.
enum PropertyValue {
    /// `true` / `false`, any case.
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// A decimal integer, surrounding blanks allowed.
    static func integer(_ text: String) -> Int64? {
        Int64(trimmed(text))
    }

    /// A byte size: `134217728`, `128mb`, `128 MiB`, `1g`, `512kb`, `100b` (binary units: k = 1024).
    static func bytes(_ text: String) -> Int64? {
        let s = trimmed(text).lowercased()
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let value = Int64(digits) else { return nil }
        let unit = s.dropFirst(digits.count).trimmingBlanks()
        let shift: Int64
        switch unit {
        case "", "b", "byte", "bytes": shift = 0
        case "k", "kb", "kib": shift = 10
        case "m", "mb", "mib": shift = 20
        case "g", "gb", "gib": shift = 30
        case "t", "tb", "tib": shift = 40
        default: return nil
        }
        let (result, overflow) = value.multipliedReportingOverflow(by: Int64(1) << shift)
        return overflow ? nil : result
    }

    /// An interval in milliseconds: `interval 30 days`, `30 days`, `interval 1 week`,
    /// `interval 1 day 12 hours`; units week(s), day(s), hour(s), minute(s), second(s),
    /// millisecond(s), microsecond(s) (rounded down), any case. Nil when malformed or negative.
    static func intervalMillis(_ text: String) -> Int64? {
        var words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first == "interval" { words.removeFirst() }
        guard !words.isEmpty, words.count % 2 == 0 else { return nil }
        var total: Int64 = 0
        for i in stride(from: 0, to: words.count, by: 2) {
            guard let amount = Int64(words[i]), amount >= 0, let unit = unitMicros(words[i + 1]) else { return nil }
            let (micros, o1) = amount.multipliedReportingOverflow(by: unit)
            let (sum, o2) = total.addingReportingOverflow(micros / 1000)
            guard !o1, !o2 else { return nil }
            total = sum
        }
        return total
    }

    private static func unitMicros(_ word: String) -> Int64? {
        let unit = word.hasSuffix("s") ? String(word.dropLast()) : word
        switch unit {
        case "week": return 7 * 86_400_000_000
        case "day": return 86_400_000_000
        case "hour": return 3_600_000_000
        case "minute": return 60_000_000
        case "second": return 1_000_000
        case "millisecond": return 1_000
        case "microsecond": return 1
        default: return nil
        }
    }

    static func trimmed(_ text: String) -> String { String(Substring(text).trimmingBlanks()) }
}

extension Substring {
    func trimmingBlanks() -> Substring {
        var s = self
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return s
    }
}
