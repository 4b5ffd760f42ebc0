import Columnar

/// `+ - * / %` and unary minus over columns, with Spark's non-ANSI semantics:
///
/// - integers wrap on overflow (two's complement), like Java;
/// - `/` on integers is computed in double (binding casts both operands);
/// - division or remainder by zero is NULL, for every type;
/// - decimals: the result precision/scale follow Spark (`decimalResult`); a result that does not
///   fit its precision is NULL; scale reductions round half away from zero.
enum ArithmeticKernel {
    /// Spark's result type for a decimal operation (operands as (precision, scale)).
    static func decimalResult(_ op: ArithmeticOperator, _ x: (p: Int, s: Int), _ y: (p: Int, s: Int)) -> (Int, Int) {
        var p: Int, s: Int
        switch op {
        case .add, .subtract:
            s = max(x.s, y.s)
            p = max(x.p - x.s, y.p - y.s) + s + 1
        case .multiply:
            s = x.s + y.s
            p = x.p + y.p + 1
        case .divide:
            s = max(6, x.s + y.p + 1)
            p = x.p - x.s + y.s + s
        case .remainder:
            s = max(x.s, y.s)
            p = min(x.p - x.s, y.p - y.s) + s
        }
        if p > DataType.maxDecimalPrecision {
            // Keep the integer digits, give up scale down to a minimum of 6 (Spark's adjustment).
            let intDigits = p - s
            s = max(DataType.maxDecimalPrecision - intDigits, min(s, 6))
            p = DataType.maxDecimalPrecision
        }
        return (max(p, 1), min(s, p))
    }

    static func evaluate(_ op: ArithmeticOperator, _ l: Column, _ r: Column) -> Column {
        let n = l.count
        var valid = ColumnMaking.and(l.validity, r.validity) ?? Bitmap(count: n, value: true)
        let values: ColumnValues
        var type = l.type
        switch (l.values, r.values) {
        case let (.int8(a), .int8(b)): values = .int8(ints(op, a, b, &valid))
        case let (.int16(a), .int16(b)): values = .int16(ints(op, a, b, &valid))
        case let (.int32(a), .int32(b)): values = .int32(ints(op, a, b, &valid))
        case let (.int64(a), .int64(b)): values = .int64(ints(op, a, b, &valid))
        case let (.float32(a), .float32(b)): values = .float32(floats(op, a, b, &valid))
        case let (.float64(a), .float64(b)): values = .float64(floats(op, a, b, &valid))
        case let (.int128(a), .int128(b)):
            guard case let .decimal(p1, s1) = l.type, case let .decimal(p2, s2) = r.type else { preconditionFailure() }
            let (p, s) = decimalResult(op, (p1, s1), (p2, s2))
            type = .decimal(precision: p, scale: s)
            values = .int128(decimals(op, a, s1, b, s2, p, s, &valid))
        case (.bits, .bits):
            // Both operands were untyped NULLs.
            return ColumnMaking.nulls(.boolean, count: n)
        default:
            preconditionFailure("arithmetic operands were not bound to one numeric type: \(l.type), \(r.type)")
        }
        return Column(unchecked: type, count: n, validity: valid, values: values)
    }

    private static func ints<T: FixedWidthInteger>(_ op: ArithmeticOperator, _ a: [T], _ b: [T], _ valid: inout Bitmap) -> [T] {
        let n = a.count
        switch op {
        case .add: return (0..<n).map { a[$0] &+ b[$0] }
        case .subtract: return (0..<n).map { a[$0] &- b[$0] }
        case .multiply: return (0..<n).map { a[$0] &* b[$0] }
        case .divide, .remainder:
            var out = [T](repeating: 0, count: n)
            for i in 0..<n {
                if b[i] == 0 { valid[i] = false; continue }
                let (v, overflow) = op == .divide ? a[i].dividedReportingOverflow(by: b[i]) : a[i].remainderReportingOverflow(dividingBy: b[i])
                out[i] = overflow ? (op == .divide ? a[i] : 0) : v   // min / -1 wraps to min
            }
            return out
        }
    }

    private static func floats<T: BinaryFloatingPoint>(_ op: ArithmeticOperator, _ a: [T], _ b: [T], _ valid: inout Bitmap) -> [T] {
        let n = a.count
        switch op {
        case .add: return (0..<n).map { a[$0] + b[$0] }
        case .subtract: return (0..<n).map { a[$0] - b[$0] }
        case .multiply: return (0..<n).map { a[$0] * b[$0] }
        case .divide, .remainder:
            var out = [T](repeating: 0, count: n)
            for i in 0..<n {
                if b[i] == 0 { valid[i] = false; continue }
                out[i] = op == .divide ? a[i] / b[i] : a[i].truncatingRemainder(dividingBy: b[i])
            }
            return out
        }
    }

    private static func decimals(_ op: ArithmeticOperator, _ a: [Int128], _ s1: Int, _ b: [Int128], _ s2: Int,
                                 _ p: Int, _ s: Int, _ valid: inout Bitmap) -> [Int128] {
        let n = a.count
        var out = [Int128](repeating: 0, count: n)
        for i in 0..<n where valid[i] {
            var result: Int128?
            switch op {
            case .add, .subtract, .remainder:
                let common = max(s1, s2)
                if let x = Decimals.rescale(a[i], from: s1, to: common), let y = Decimals.rescale(b[i], from: s2, to: common) {
                    switch op {
                    case .add: let (v, o) = x.addingReportingOverflow(y); result = o ? nil : v
                    case .subtract: let (v, o) = x.subtractingReportingOverflow(y); result = o ? nil : v
                    default: result = y == 0 ? nil : x % y
                    }
                    if let v = result { result = Decimals.rescale(v, from: common, to: s) }
                }
            case .multiply:
                let (v, o) = a[i].multipliedReportingOverflow(by: b[i])
                result = o ? nil : Decimals.rescale(v, from: s1 + s2, to: s)
            case .divide:
                let e = s - s1 + s2
                if b[i] != 0, e >= 0, e <= 38 {
                    let (num, o) = a[i].multipliedReportingOverflow(by: Decimal128.powersOfTen[e])
                    result = o ? nil : Decimals.divideRounded(num, b[i])
                }
            }
            if let v = result, Decimal128.fits(v, precision: p) { out[i] = v } else { valid[i] = false }
        }
        return out
    }

    /// Unary minus (integers wrap: -min == min).
    static func negate(_ c: Column) -> Column {
        let values: ColumnValues
        switch c.values {
        case let .int8(a): values = .int8(a.map { 0 &- $0 })
        case let .int16(a): values = .int16(a.map { 0 &- $0 })
        case let .int32(a): values = .int32(a.map { 0 &- $0 })
        case let .int64(a): values = .int64(a.map { 0 &- $0 })
        case let .int128(a): values = .int128(a.map { 0 &- $0 })
        case let .float32(a): values = .float32(a.map { -$0 })
        case let .float64(a): values = .float64(a.map { -$0 })
        default: return c
        }
        return Column(unchecked: c.type, count: c.count, validity: c.validity, values: values)
    }
}
