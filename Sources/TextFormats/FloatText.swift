/// Floating-point numbers as Python's `repr(float)` writes them (the canonical row format):
/// the shortest digits that round-trip (for `Float`, to the same float32), fixed notation with at
/// least one fraction digit when the decimal exponent is in -4..<16 (`5.0`, `0.0001`,
/// `123456789.0`), scientific otherwise (`1e+16`, `1.5e-05`, `1e-07`).
/// NaN and infinities are written `NaN`, `Infinity`, `-Infinity` (callers add JSON quotes).
enum FloatText {
    static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        return render(shortest: v.description, negative: v.sign == .minus)
    }

    static func format(_ v: Float) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        return render(shortest: v.description, negative: v.sign == .minus)
    }

    /// Re-renders Swift's shortest round-trip text (`1e-05`, `9.007199254740992e+15`, `0.1`)
    /// in Python's layout.
    static func render(shortest text: String, negative: Bool) -> String {
        // Collect the significant digits and the position of the decimal point relative to them.
        var digits: [UInt8] = []
        var pointPos: Int? = nil      // number of mantissa digits before the point
        var exponent = 0
        var seenDigits = 0
        var u = Array(text.utf8)[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        var idx = u.startIndex
        while idx < u.endIndex {
            let c = u[idx]
            if c == UInt8(ascii: ".") {
                pointPos = seenDigits
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                exponent = Int(String(decoding: u[(idx + 1)...], as: UTF8.self)) ?? 0
                break
            } else {
                digits.append(c)
                seenDigits += 1
            }
            idx += 1
        }
        // value = 0.d1d2d3... × 10^decpt
        var decpt = (pointPos ?? seenDigits) + exponent
        // Strip leading zeros (each moves the point left) and trailing zeros.
        var lead = 0
        while lead < digits.count - 1, digits[lead] == UInt8(ascii: "0") { lead += 1; decpt -= 1 }
        digits.removeFirst(lead)
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if digits == [UInt8(ascii: "0")] {
            out.append(contentsOf: "0.0".utf8)
            return String(decoding: out, as: UTF8.self)
        }
        let exp10 = decpt - 1
        if exp10 < -4 || exp10 >= 16 {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            out.append(UInt8(ascii: "e"))
            out.append(exp10 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let e = String(exp10.magnitude)
            if e.utf8.count < 2 { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: e.utf8)
        } else if decpt <= 0 {
            out.append(contentsOf: "0.".utf8)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decpt))
            out.append(contentsOf: digits)
        } else if decpt >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decpt - digits.count))
            out.append(contentsOf: ".0".utf8)
        } else {
            out.append(contentsOf: digits[..<decpt])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[decpt...])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
