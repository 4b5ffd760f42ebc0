import Columnar

/// `CAST(x AS type)` over a whole column, with Spark's non-ANSI semantics: a value that cannot be
/// converted (unparsable text, a decimal that does not fit its precision) becomes NULL; integer
/// narrowing wraps (two's complement); float → integer saturates, NaN → 0; decimal → integer
/// truncates toward zero; to a smaller decimal scale rounds half away from zero.
enum CastKernel {
    private enum Kind { case boolean, integral, floating, decimal, string, binary, date, timestamp, other }

    private static func kind(_ t: DataType) -> Kind {
        switch t {
        case .boolean: return .boolean
        case .byte, .short, .integer, .long: return .integral
        case .float, .double: return .floating
        case .decimal: return .decimal
        case .string: return .string
        case .binary: return .binary
        case .date: return .date
        case .timestamp, .timestampNtz: return .timestamp
        default: return .other
        }
    }

    /// Whether `CAST` from `from` to `to` is defined.
    static func canCast(_ from: DataType, to: DataType) -> Bool {
        if from == to { return true }
        switch (kind(from), kind(to)) {
        case (.other, _), (_, .other): return false
        case (_, .string): return true
        case (.string, _): return true
        case (.binary, _), (_, .binary): return false
        case (.boolean, .boolean), (.boolean, .integral), (.boolean, .floating), (.boolean, .decimal): return true
        case (.integral, .boolean), (.floating, .boolean), (.decimal, .boolean): return true
        case (.integral, .integral), (.integral, .floating), (.integral, .decimal),
             (.floating, .integral), (.floating, .floating), (.floating, .decimal),
             (.decimal, .integral), (.decimal, .floating), (.decimal, .decimal): return true
        case (.date, .date), (.date, .timestamp), (.timestamp, .date), (.timestamp, .timestamp): return true
        case (.integral, .timestamp): return true
        default: return false
        }
    }

    /// The column converted to `to`; the caller has checked `canCast`.
    static func cast(_ c: Column, to: DataType) -> Column {
        if c.type == to { return c }
        let n = c.count
        var valid = c.validity ?? Bitmap(count: n, value: true)
        let values: ColumnValues
        switch kind(to) {
        case .boolean:
            var bits = Bitmap(count: n, value: false)
            if kind(c.type) == .string {
                ColumnMaking.forEachBytes(c) { i, b in
                    switch String(decoding: b, as: UTF8.self).trimmed.lowercased() {
                    case "true", "t", "yes", "y", "1": bits[i] = true
                    case "false", "f", "no", "n", "0": break
                    default: valid[i] = false
                    }
                }
            } else if let d = ColumnMaking.doubles(c) {
                for i in 0..<n where d[i] != 0 { bits[i] = true }
            }
            values = .bits(bits)
        case .integral:
            var w = [Int64](repeating: 0, count: n)
            let (lo, hi) = saturation(to)
            switch kind(c.type) {
            case .floating:
                let d = ColumnMaking.doubles(c)!
                for i in 0..<n {
                    let x = d[i]
                    w[i] = x.isNaN ? 0 : (x <= Double(lo) ? lo : (x >= Double(hi) ? hi : Int64(x)))
                }
            case .decimal:
                guard case let .int128(a) = c.values, case let .decimal(_, s) = c.type else { preconditionFailure() }
                let p = Decimal128.powersOfTen[s]
                for i in 0..<n { w[i] = Int64(truncatingIfNeeded: a[i] / p) }
            case .string:
                ColumnMaking.forEachBytes(c) { i, b in
                    let text = String(decoding: b, as: UTF8.self).trimmed
                    if let v = Int64(text) {
                        if v >= lo && v <= hi { w[i] = v } else { valid[i] = false }
                    } else if let d = Double(text), d.isFinite, !text.lowercased().contains("n"),
                              d >= Double(lo), d <= Double(hi) {
                        w[i] = Int64(d)
                    } else { valid[i] = false }
                }
            default:
                w = ColumnMaking.int64s(c)!
            }
            values = narrow(w, to)
        case .floating:
            var d = [Double](repeating: 0, count: n)
            if kind(c.type) == .string {
                ColumnMaking.forEachBytes(c) { i, b in
                    if let v = Double(String(decoding: b, as: UTF8.self).trimmed) { d[i] = v } else { valid[i] = false }
                }
            } else {
                d = ColumnMaking.doubles(c)!
            }
            values = to == .float ? .float32(d.map { Float($0) }) : .float64(d)
        case .decimal:
            guard case let .decimal(p, s) = to else { preconditionFailure() }
            var a = [Int128](repeating: 0, count: n)
            switch c.type {
            case let .decimal(_, s1):
                guard case let .int128(src) = c.values else { preconditionFailure() }
                for i in 0..<n where valid[i] {
                    if let v = Decimals.rescale(src[i], from: s1, to: s), Decimal128.fits(v, precision: p) {
                        a[i] = v
                    } else { valid[i] = false }
                }
            case .float, .double:
                let d = ColumnMaking.doubles(c)!
                let scale = ColumnMaking.pow10(s)
                for i in 0..<n where valid[i] {
                    let x = (d[i] * scale).rounded(.toNearestOrAwayFromZero)
                    if x.isFinite, abs(x) < 1e38, Decimal128.fits(Int128(x), precision: p) { a[i] = Int128(x) } else { valid[i] = false }
                }
            case .string:
                ColumnMaking.forEachBytes(c) { i, b in
                    let text = String(decoding: b, as: UTF8.self).trimmed
                    if let v = Decimal128.parse(Substring(text), precision: p, scale: s) { a[i] = v } else { valid[i] = false }
                }
            default:
                let w = ColumnMaking.int64s(c)!
                let m = Decimal128.powersOfTen[s]
                for i in 0..<n where valid[i] {
                    let (v, o) = Int128(w[i]).multipliedReportingOverflow(by: m)
                    if !o, Decimal128.fits(v, precision: p) { a[i] = v } else { valid[i] = false }
                }
            }
            values = .int128(a)
        case .string:
            var out = BytesBuilder(capacity: n)
            if case let .bytes(o, d) = c.values {
                values = .bytes(offsets: o, data: d)
            } else {
                for i in 0..<n {
                    if c.isNull(i) { out.appendEmpty() } else { out.append(format(c, i).utf8) }
                }
                values = .bytes(offsets: out.offsets, data: out.data)
            }
        case .binary:
            guard case let .bytes(o, d) = c.values else { preconditionFailure() }
            values = .bytes(offsets: o, data: d)
        case .date:
            var a = [Int32](repeating: 0, count: n)
            switch c.values {
            case let .int64(us):
                for i in 0..<n { a[i] = Int32(truncatingIfNeeded: CivilTime.days(ofMicros: us[i])) }
            case .bytes:
                ColumnMaking.forEachBytes(c) { i, b in
                    let text = String(decoding: b, as: UTF8.self).trimmed
                    if let d = CivilTime.parseDate(text, .sqlLiteral) {
                        a[i] = d
                    } else if let us = CivilTime.parseTimestamp(text, .sqlLiteral) {
                        a[i] = Int32(truncatingIfNeeded: CivilTime.days(ofMicros: us))
                    } else { valid[i] = false }
                }
            case let .int32(d): a = d
            default: preconditionFailure()
            }
            values = .int32(a)
        case .timestamp:
            var a = [Int64](repeating: 0, count: n)
            switch (c.type, c.values) {
            case let (.date, .int32(d)): for i in 0..<n { a[i] = Int64(d[i]) &* CivilTime.microsPerDay }
            case let (.timestamp, .int64(v)), let (.timestampNtz, .int64(v)): a = v
            case (.string, _):
                let utc = to == .timestamp
                ColumnMaking.forEachBytes(c) { i, b in
                    let text = String(decoding: b, as: UTF8.self).trimmed
                    if let v = utc ? CivilTime.parseTimestamp(text, .sqlLiteral) : CivilTime.parseTimestampNtz(text, .sqlLiteral) {
                        a[i] = v
                    } else { valid[i] = false }
                }
            default:
                let w = ColumnMaking.int64s(c)!
                for i in 0..<n { a[i] = w[i] &* 1_000_000 }
            }
            values = .int64(a)
        case .other:
            preconditionFailure("cast to \(to) was not checked")
        }
        return Column(unchecked: to, count: n, validity: valid, values: values)
    }

    private static func saturation(_ t: DataType) -> (Int64, Int64) {
        t == .long ? (Int64.min, Int64.max) : (Int64(Int32.min), Int64(Int32.max))
    }

    private static func narrow(_ w: [Int64], _ t: DataType) -> ColumnValues {
        switch t {
        case .byte: return .int8(w.map { Int8(truncatingIfNeeded: $0) })
        case .short: return .int16(w.map { Int16(truncatingIfNeeded: $0) })
        case .integer: return .int32(w.map { Int32(truncatingIfNeeded: $0) })
        default: return .int64(w)
        }
    }

    /// Row `i` as text, the way Spark casts it to string.
    static func format(_ c: Column, _ i: Int) -> String {
        switch (c.type, c.values) {
        case let (.boolean, .bits(b)): return b[i] ? "true" : "false"
        case let (.byte, .int8(a)): return String(a[i])
        case let (.short, .int16(a)): return String(a[i])
        case let (.integer, .int32(a)): return String(a[i])
        case let (.long, .int64(a)): return String(a[i])
        case let (.float, .float32(a)): return Decimals.floatText(Double(a[i]))
        case let (.double, .float64(a)): return Decimals.floatText(a[i])
        case let (.decimal(_, s), .int128(a)): return Decimal128.format(a[i], scale: s)
        case let (.date, .int32(a)): return CivilTime.formatDate(days: Int64(a[i]))
        case let (.timestamp, .int64(a)), let (.timestampNtz, .int64(a)): return CivilTime.formatTimestamp(micros: a[i], .sqlDisplay, utc: false)
        default: return "\(c.scalar(at: i))"
        }
    }
}

/// Decimal helpers beyond `Decimal128`.
enum Decimals {
    /// `v` at scale `from` re-expressed at scale `to` (rounding half away from zero when the scale
    /// shrinks); nil on Int128 overflow.
    static func rescale(_ v: Int128, from: Int, to: Int) -> Int128? {
        if from == to { return v }
        if to > from {
            let (r, o) = v.multipliedReportingOverflow(by: Decimal128.powersOfTen[to - from])
            return o ? nil : r
        }
        return divideRounded(v, Decimal128.powersOfTen[from - to])
    }

    /// v / d rounded half away from zero (d ≠ 0).
    static func divideRounded(_ v: Int128, _ d: Int128) -> Int128 {
        let q = v / d, r = v % d
        if r.magnitude * 2 >= d.magnitude { return (v < 0) != (d < 0) ? q - 1 : q + 1 }
        return q
    }

    /// Digits of a decimal integer type (Spark's `DecimalType.forType`).
    static func precision(ofIntegral t: DataType) -> Int? {
        switch t {
        case .byte: return 3
        case .short: return 5
        case .integer: return 10
        case .long: return 20
        default: return nil
        }
    }

    /// Spark-like text for a float: `1.0`, `1.5E10`, `NaN`, `Infinity`.
    static func floatText(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return "\(d)"
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
