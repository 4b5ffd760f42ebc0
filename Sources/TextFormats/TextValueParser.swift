import Columnar

/// Parsing of single text values (CSV cells, JSON strings) into typed column values.
/// Works on UTF-8 bytes without allocating (except for decimals, floats and binary); dates and
/// timestamps follow `CivilTime.Dialect.isoText`.
enum TextValueParser {
    /// `[+-]digits` → Int64, nil on anything else or overflow.
    static func parseInt64(_ p: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if i < p.count, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-"); i += 1
        }
        guard i < p.count else { return nil }
        var v: Int64 = 0
        while i < p.count {
            let c = p[i] &- 48
            guard c <= 9 else { return nil }
            // Accumulate negatively so that Int64.min parses.
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.subtractingReportingOverflow(Int64(c))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        if negative { return v }
        return v == Int64.min ? nil : -v
    }

    /// Decimal or scientific notation, or NaN / Infinity / -Infinity / inf (case-insensitive).
    /// Hexadecimal floats are rejected.
    static func parseDouble(_ p: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let text = floatText(p) else { return nil }
        return Double(text)
    }

    static func parseFloat(_ p: UnsafeBufferPointer<UInt8>) -> Float? {
        guard let text = floatText(p) else { return nil }
        return Float(text)
    }

    static func floatText(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        guard !p.isEmpty, p.count < 400 else { return nil }
        var sawDigit = false
        var plain = true
        for c in p {
            switch c {
            case 48...57: sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"): break
            default: plain = false
            }
        }
        let text = String(decoding: p, as: UTF8.self)
        if plain { return sawDigit ? text : nil }
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        switch body.lowercased() {
        case "nan", "inf", "infinity": return text
        default: return nil
        }
    }

    /// `true` / `false`, case-insensitive.
    static func parseBool(_ p: UnsafeBufferPointer<UInt8>) -> Bool? {
        func eq(_ word: StaticString) -> Bool {
            guard p.count == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for i in 0..<p.count where p[i] | 0x20 != w[i] { return false }
            return true
        }
        if eq("true") { return true }
        if eq("false") { return false }
        return nil
    }

    static func parseDecimal(_ p: UnsafeBufferPointer<UInt8>, precision: Int, scale: Int) -> Int128? {
        guard !p.isEmpty, p.count < 100 else { return nil }
        return Decimal128.parse(Substring(String(decoding: p, as: UTF8.self)), precision: precision, scale: scale)
    }

    /// Trims ASCII spaces and tabs at both ends.
    static func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = p.count
        while s < e, p[s] == 0x20 || p[s] == 0x09 { s += 1 }
        while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x09 { e -= 1 }
        return UnsafeBufferPointer(rebasing: p[s..<e])
    }

    /// Parses `p` as a value of the primitive `type` and appends it. Returns false (appending
    /// nothing) when the text is not a valid value of the type. Nested types are not handled here.
    static func append(_ raw: UnsafeBufferPointer<UInt8>, as type: DataType, to b: inout ColumnBuilder) -> Bool {
        if case .string = type {
            var ascii = true
            for c in raw where c >= 0x80 { ascii = false; break }
            if !ascii, String(validating: raw, as: UTF8.self) == nil { return false }
            b.append(bytes: raw)
            return true
        }
        let p = trimmed(raw)
        switch type {
        case .boolean:
            guard let v = parseBool(p) else { return false }
            b.append(v)
        case .byte:
            guard let v = parseInt64(p), let x = Int8(exactly: v) else { return false }
            b.append(x)
        case .short:
            guard let v = parseInt64(p), let x = Int16(exactly: v) else { return false }
            b.append(x)
        case .integer:
            guard let v = parseInt64(p), let x = Int32(exactly: v) else { return false }
            b.append(x)
        case .long:
            guard let v = parseInt64(p) else { return false }
            b.append(v)
        case .float:
            guard let v = parseFloat(p) else { return false }
            b.append(v)
        case .double:
            guard let v = parseDouble(p) else { return false }
            b.append(v)
        case let .decimal(precision, scale):
            guard let v = parseDecimal(p, precision: precision, scale: scale) else { return false }
            b.append(v)
        case .binary:
            guard let v = Base64.decode(p) else { return false }
            b.append(bytes: v)
        case .date:
            guard let v = CivilTime.parseDate(p, .isoText) else { return false }
            b.append(v)
        case .timestamp:
            guard let v = CivilTime.parseTimestamp(p, .isoText) else { return false }
            b.append(v)
        case .timestampNtz:
            guard let v = CivilTime.parseTimestampNtz(p, .isoText) else { return false }
            b.append(v)
        default:
            return false
        }
        return true
    }

    /// A value quoted for an error message, cut to 40 characters.
    static func quoted(_ p: UnsafeBufferPointer<UInt8>) -> String {
        let s = String(decoding: p, as: UTF8.self)
        return "'" + (s.count > 40 ? String(s.prefix(39)) + "…" : s) + "'"
    }
}
