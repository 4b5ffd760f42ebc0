import Columnar

/// Decimal text with an optional exponent (`1.5`, `-0.00004`, `0E-10`, `1.2E+3`) to an unscaled
/// value at a scale, exactly or not at all.
enum DecimalText {
    /// nil if the text is not a number, needs rounding (non-zero digits beyond `scale`), or does
    /// not fit `precision`.
    static func parse(_ text: Substring, precision: Int, scale: Int) -> Int128? {
        guard let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return Decimal128.parse(text, precision: precision, scale: scale)
        }
        guard let exponent = Int(text[text.index(after: eIndex)...]), abs(exponent) <= 100 else { return nil }
        var mantissa = text[..<eIndex]
        var sign = ""
        if let f = mantissa.first, f == "-" || f == "+" { sign = f == "-" ? "-" : ""; mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts.isEmpty else { return nil }
        var digits = String(parts[0]) + (parts.count == 2 ? String(parts[1]) : "")
        var point = parts[0].count + exponent   // position of the decimal point within digits
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if point < 0 { digits = String(repeating: "0", count: -point) + digits; point = 0 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        let intPart = digits.prefix(point), fracPart = digits.dropFirst(point)
        let plain = sign + (intPart.isEmpty ? "0" : String(intPart)) + (fracPart.isEmpty ? "" : "." + fracPart)
        return Decimal128.parse(Substring(plain), precision: precision, scale: scale)
    }
}
