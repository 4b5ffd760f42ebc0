import Columnar

/// Statistics values read straight from the bytes of a file's `stats` JSON, for `stats_parsed`.
///
/// Each function gives exactly the value that the text-based parse it stands in for gives
/// (`Int64(String)`, `Double(String)`, `Float(String)`, `DecimalText.parse`): the common shapes
/// are decoded here without allocating, anything else falls back to the String-based parse.
/// `CheckpointStatsTextTests` compares both on many inputs. Dates and timestamps are read by
/// `CivilTime` (dialect `.partitionValue`, as `FileStatistics` reads them), which works on the
/// bytes directly.
///
/// `bytes` is a validated JSON number (`JSONReader.scanNumber`) or the raw content of a JSON
/// string without escapes.
enum CheckpointStatsText {
    /// `Int64(text)`: an integer without fraction or exponent that fits 64 bits.
    static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        let n = bytes.count
        guard n > 0 else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative || bytes[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n else { return nil }
        var v: Int64 = 0
        while i < n {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(d)) : m.addingReportingOverflow(Int64(d))
            guard !o1 && !o2 else { return nil }
            v = a
            i += 1
        }
        return v
    }

    /// A JSON number split into sign, decimal mantissa (at most 19 digits) and power of ten; nil
    /// when it has more digits or a huge exponent (callers then parse the text).
    private static func decimalParts(_ bytes: UnsafeRawBufferPointer) -> (negative: Bool, mantissa: UInt64, exponent: Int)? {
        let n = bytes.count
        var i = 0
        let negative = n > 0 && bytes[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while i < n, bytes[i] &- 0x30 < 10 {
            if mantissa != 0 || bytes[i] != 0x30 { digits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
            sawDigit = true
            i += 1
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, bytes[i] &- 0x30 < 10 {
                if mantissa != 0 || bytes[i] != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
                exponent -= 1
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit, digits <= 19 else { return nil }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { expNegative = bytes[i] == UInt8(ascii: "-"); i += 1 }
            var e = 0, expDigits = 0
            while i < n, bytes[i] &- 0x30 < 10 {
                e = e * 10 + Int(bytes[i] &- 0x30)
                expDigits += 1
                guard expDigits <= 6 else { return nil }
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        return (negative, mantissa, exponent)
    }

    private static let doublePowers: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]
    private static let floatPowers: [Float] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    /// `Double(text)`, correctly rounded. Fast path (Clinger): a mantissa below 2^53 times or
    /// divided by an exactly representable power of ten is one correctly rounded operation.
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        if let (negative, m, e) = decimalParts(bytes), m <= 1 << 53, e >= -22, e <= 22 {
            // Safe: -22 <= e <= 22 indexes the 23 exact powers.
            let magnitude = m == 0 ? 0 : (e >= 0 ? Double(m) * doublePowers[e] : Double(m) / doublePowers[-e])
            return negative ? -magnitude : magnitude
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// `Float(text)`, correctly rounded (same fast path in single precision).
    static func float(_ bytes: UnsafeRawBufferPointer) -> Float? {
        if let (negative, m, e) = decimalParts(bytes), m <= 1 << 24, e >= -10, e <= 10 {
            let magnitude = m == 0 ? 0 : (e >= 0 ? Float(m) * floatPowers[e] : Float(m) / floatPowers[-e])
            return negative ? -magnitude : magnitude
        }
        return Float(String(decoding: bytes, as: UTF8.self))
    }

    /// `DecimalText.parse(text, precision:, scale:)`. Decimal statistics are usually short, and a
    /// String of at most 15 bytes is stored inline (no heap allocation).
    static func decimal(_ bytes: UnsafeRawBufferPointer, precision: Int, scale: Int) -> Int128? {
        DecimalText.parse(Substring(String(decoding: bytes, as: UTF8.self)), precision: precision, scale: scale)
    }

    /// A `date` statistic: days that fit Int32.
    static func date(_ b: UnsafeRawBufferPointer) -> Int32? {
        b.withMemoryRebound(to: UInt8.self) { CivilTime.parseDate($0, .partitionValue) }
    }

    /// A `timestamp` / `timestamp_ntz` statistic: microseconds since the epoch, shifted to UTC
    /// when the text names a zone (as `FileStatistics` reads both).
    static func timestamp(_ b: UnsafeRawBufferPointer) -> Int64? {
        b.withMemoryRebound(to: UInt8.self) { CivilTime.parseTimestamp($0, .partitionValue) }
    }
}
