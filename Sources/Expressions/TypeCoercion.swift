import Columnar

/// The implicit conversions binding inserts, following Spark's widening rules:
///
/// - integers widen to the larger integer (byte < short < integer < long);
/// - an integer meets a decimal as `decimal(3|5|10|20, 0)`; two decimals meet at the larger scale
///   and the larger integer part (precision capped at 38);
/// - anything meets float/double as double (float with integers stays float);
/// - date meets timestamp as timestamp (timestamp_ntz with date as timestamp_ntz);
/// - a string meets a date/timestamp/number/boolean as that type (a string literal is converted
///   once at bind time and a malformed one is an `invalidLiteral` error);
/// - NULL meets anything as that thing.
enum TypeCoercion {
    static func isIntegral(_ t: DataType) -> Bool {
        switch t {
        case .byte, .short, .integer, .long: return true
        default: return false
        }
    }

    static func isNumber(_ t: DataType) -> Bool {
        switch t {
        case .byte, .short, .integer, .long, .float, .double, .decimal: return true
        default: return false
        }
    }

    static func isTemporal(_ t: DataType) -> Bool {
        t == .date || t == .timestamp || t == .timestampNtz
    }

    private static func rank(_ t: DataType) -> Int {
        switch t {
        case .byte: return 1
        case .short: return 2
        case .integer: return 3
        case .long: return 4
        default: return 0
        }
    }

    /// The decimal type that holds every value of an integral or decimal type.
    static func asDecimal(_ t: DataType) -> (p: Int, s: Int)? {
        if case let .decimal(p, s) = t { return (p, s) }
        return Decimals.precision(ofIntegral: t).map { ($0, 0) }
    }

    /// The type two numeric types meet at.
    static func widerNumber(_ a: DataType, _ b: DataType) -> DataType? {
        guard isNumber(a), isNumber(b) else { return nil }
        if a == b { return a }
        if a == .double || b == .double { return .double }
        if a == .float || b == .float {
            if case .decimal = a { return .double }
            if case .decimal = b { return .double }
            return .float
        }
        if isIntegral(a) && isIntegral(b) { return rank(a) >= rank(b) ? a : b }
        guard let x = asDecimal(a), let y = asDecimal(b) else { return nil }
        let s = max(x.s, y.s)
        let intDigits = max(x.p - x.s, y.p - y.s)
        let p = min(DataType.maxDecimalPrecision, intDigits + s)
        return .decimal(precision: p, scale: min(s, p))
    }

    /// The type two operands of a comparison, IN or coalesce meet at; nil if they cannot.
    /// A nil operand type is an untyped NULL.
    static func common(_ a: DataType?, _ b: DataType?) -> DataType?? {
        guard let a else { return .some(b) }
        guard let b else { return .some(a) }
        if a == b { return a.isNested ? nil : .some(a) }
        if let n = widerNumber(a, b) { return n }
        switch (a, b) {
        case (.date, .timestamp), (.timestamp, .date), (.timestamp, .timestampNtz), (.timestampNtz, .timestamp):
            return .some(.timestamp)
        case (.date, .timestampNtz), (.timestampNtz, .date): return .some(.timestampNtz)
        case (.string, let t) where isTemporal(t) || isNumber(t) || t == .boolean: return .some(t)
        case (let t, .string) where isTemporal(t) || isNumber(t) || t == .boolean: return .some(t)
        default: return nil
        }
    }

    /// `e` (of type `from`) converted to `to`: literals are converted now, other expressions get a cast.
    static func coerce(_ e: Expr, from: DataType?, to: DataType) throws -> Expr {
        if from == to { return e }
        if case let .literal(s) = e {
            if s.isNull { return .cast(.literal(.null), to) }
            let v = ScalarCast.cast(s, to: to)
            guard let v, !v.isNull else {
                throw ExpressionError(.invalidLiteral, "the literal \(Expr.literal(s)) cannot be read as \(to)")
            }
            return .literal(v)
        }
        return .cast(e, to)
    }
}

/// Conversions and ordering of single `Scalar`s, for literal folding and statistics.
enum ScalarCast {
    /// `CAST(s AS t)` with the column kernel's semantics; nil when the cast is not defined.
    static func cast(_ s: Scalar, to t: DataType) -> Scalar? {
        if s.isNull { return .null }
        guard let from = s.dataType else { return nil }
        if from == t { return s }
        guard CastKernel.canCast(from, to: t), let c = try? Column(from, [s]) else { return nil }
        return CastKernel.cast(c, to: t).scalar(at: 0)
    }

    /// Spark's order between two non-null scalars of comparable types (numbers across types,
    /// dates with timestamps, strings by UTF-8 bytes, strings with dates/timestamps by parsing):
    /// -1, 0, 1, or nil when they cannot be compared. NaN equals NaN and is above everything.
    static func compare(_ a: Scalar, _ b: Scalar) -> Int? {
        switch (a, b) {
        case let (.string(x), .string(y)): return ord(Array(x.utf8).lexicographicallyPrecedes(y.utf8), x == y)
        case let (.binary(x), .binary(y)): return ord(x.lexicographicallyPrecedes(y), x == y)
        case let (.boolean(x), .boolean(y)): return ord(!x && y, x == y)
        default: break
        }
        if let x = integral(a), let y = integral(b) { return ord(x < y, x == y) }
        if let x = micros(a), let y = micros(b) { return ord(x < y, x == y) }
        if case .string = a, let t = b.dataType, let x = cast(a, to: t), !x.isNull, x.dataType == t { return compare(x, b) }
        if case .string = b, let t = a.dataType, let y = cast(b, to: t), !y.isNull, y.dataType == t { return compare(a, y) }
        if let x = decimal(a), let y = decimal(b) {
            let s = max(x.s, y.s)
            if let u = Decimals.rescale(x.v, from: x.s, to: s), let v = Decimals.rescale(y.v, from: y.s, to: s) {
                return ord(u < v, u == v)
            }
        }
        guard let x = double(a), let y = double(b) else { return nil }
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
        return ord(x < y, x == y)
    }

    private static func ord(_ less: Bool, _ equal: Bool) -> Int { equal ? 0 : (less ? -1 : 1) }

    private static func integral(_ s: Scalar) -> Int64? {
        switch s {
        case let .byte(v): return Int64(v)
        case let .short(v): return Int64(v)
        case let .integer(v): return Int64(v)
        case let .long(v): return v
        default: return nil
        }
    }

    /// Dates and timestamps on one microsecond axis (a date is its midnight).
    private static func micros(_ s: Scalar) -> Int64? {
        switch s {
        case let .date(d): return Int64(d) * CivilTime.microsPerDay
        case let .timestamp(v), let .timestampNtz(v): return v
        default: return nil
        }
    }

    private static func decimal(_ s: Scalar) -> (v: Int128, s: Int)? {
        if case let .decimal(v, _, sc) = s { return (v, sc) }
        return integral(s).map { (Int128($0), 0) }
    }

    private static func double(_ s: Scalar) -> Double? {
        switch s {
        case let .float(v): return Double(v)
        case let .double(v): return v
        case let .decimal(v, _, sc): return Double(v) / ColumnMaking.pow10(sc)
        default: return integral(s).map(Double.init)
        }
    }
}
