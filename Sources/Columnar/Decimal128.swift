/// Helpers for unscaled decimal values held in `Int128`.
public enum Decimal128 {
    /// 10^0 ... 10^38.
    public static let powersOfTen: [Int128] = {
        var p: [Int128] = [1]
        for _ in 1...38 { p.append(p.last! &* 10) }
        return p
    }()

    /// True when `|v| < 10^precision`.
    public static func fits(_ v: Int128, precision: Int) -> Bool {
        guard precision >= 1 && precision <= 38 else { return false }
        let limit = powersOfTen[precision]
        return v < limit && v > -limit
    }

    /// Exact text with `scale` digits after the point: `12.340`, `-0.50`, `12` for scale 0.
    public static func format(_ v: Int128, scale: Int) -> String {
        let negative = v < 0
        // Int128.min has no positive counterpart but is outside every decimal's range anyway.
        let magnitude = v.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// Parses decimal text (`-12.5`, `3`, `1.2e3` is rejected) to an unscaled value at `scale`.
    /// Returns nil if the text is not a number, has more fraction digits than `scale`
    /// (non-zero ones), or does not fit `precision`.
    public static func parse(_ text: Substring, precision: Int, scale: Int) -> Int128? {
        var s = text.utf8[...]
        var negative = false
        if let f = s.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
            negative = f == UInt8(ascii: "-")
            s = s.dropFirst()
        }
        var value: Int128 = 0
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        for c in s {
            if c == UInt8(ascii: ".") {
                if sawPoint { return nil }
                sawPoint = true
                continue
            }
            guard c >= 48 && c <= 57 else { return nil }
            sawDigit = true
            let d = Int128(c - 48)
            if sawPoint {
                if fractionDigits == scale {
                    if d != 0 { return nil }   // would lose precision
                    continue
                }
                fractionDigits += 1
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = a
        }
        guard sawDigit else { return nil }
        if fractionDigits < scale {
            let (m, o) = value.multipliedReportingOverflow(by: powersOfTen[scale - fractionDigits])
            if o { return nil }
            value = m
        }
        if negative { value = -value }
        return fits(value, precision: precision) ? value : nil
    }
}
