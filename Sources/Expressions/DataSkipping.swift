import Columnar

/// "Can a file with these statistics hold a row that makes the predicate TRUE?"
///
/// The answer is `false` only when the statistics prove it cannot; every doubt (missing stats,
/// a function or arithmetic over a column, operands it cannot compare, an error) answers `true`.
///
/// - Partition columns are replaced by their exact value; parts of the predicate that then
///   reference no column are evaluated exactly (so `part = 'a'` with a NULL partition is FALSE).
/// - `col op literal` (either order) is checked against [min, max] and the null count;
///   a widening cast around the column (from binding) is looked through.
/// - NOT is pushed down: De Morgan for AND/OR, the opposite comparison for `<` `<=` `=` …
///   (NULL rows never make either side TRUE, so the null count does not matter there).
/// - Floats: a NaN literal, or `>`, `>=`, `<>` on a float column, cannot be bounded (writers
///   disagree on whether NaN counts in min/max) and answer true.
/// - Timestamp max values truncated to milliseconds count as max + 999 µs.
public enum DataSkipping {
    /// False only when no row of a file with these statistics can make the predicate TRUE.
    public static func mayMatch(_ predicate: Expr, _ stats: StatisticsView) -> Bool {
        if stats.rowCount == 0 { return false }
        let p = stats.partitionValues.isEmpty ? predicate : predicate.replacingColumns { name in
            StatisticsView.lookup(stats.partitionValues, name).map(Expr.literal)
        }
        return Skipper(stats: stats).possible(p, negated: false)
    }
}

private struct Skipper {
    let stats: StatisticsView

    /// Whether some row may make `e` (or NOT e, when `negated`) TRUE.
    func possible(_ e: Expr, negated: Bool) -> Bool {
        if e.referencedColumns.isEmpty { return constant(e, negated: negated) }
        switch e {
        case let .and(a, b):
            return negated ? possible(a, negated: true) || possible(b, negated: true)
                           : possible(a, negated: false) && possible(b, negated: false)
        case let .or(a, b):
            return negated ? possible(a, negated: true) && possible(b, negated: true)
                           : possible(a, negated: false) || possible(b, negated: false)
        case let .not(x):
            return possible(x, negated: !negated)
        case let .isNull(x):
            guard let c = column(x) else { return true }
            return negated ? stats.mayHaveNonNull(c.name) : stats.mayHaveNull(c.name)
        case let .isNotNull(x):
            guard let c = column(x) else { return true }
            return negated ? stats.mayHaveNull(c.name) : stats.mayHaveNonNull(c.name)
        case let .compare(op, l, r):
            if let c = column(l), let v = literal(r) { return compare(op, c.name, v, negated: negated) }
            if let c = column(r), let v = literal(l) { return compare(op.flipped, c.name, v, negated: negated) }
            return true
        case let .in(x, list):
            guard let c = column(x) else { return true }
            let values = list.map(literal)
            guard values.allSatisfy({ $0 != nil }) else { return true }
            if negated {
                // NOT IN is TRUE only when x differs from every item and no item is NULL.
                return values.allSatisfy { compare(.notEqual, c.name, $0!, negated: false) }
            }
            return values.contains { compare(.equal, c.name, $0!, negated: false) }
        case .column:
            // A boolean column used as a predicate.
            guard let c = column(e) else { return true }
            return compare(.equal, c.name, .boolean(!negated), negated: false)
        default:
            return true
        }
    }

    /// Exact evaluation of a predicate without columns.
    private func constant(_ e: Expr, negated: Bool) -> Bool {
        guard let batch = Optional(RecordBatch(emptySchemaRowCount: 1)),
              let result = try? ExpressionEvaluator.evaluate(e, on: batch), result.type == .boolean else { return true }
        switch result.scalar(at: 0) {
        case let .boolean(v): return v != negated
        case .null: return false
        default: return true
        }
    }

    /// A column reference, looking through a cast that widens numbers or dates (monotone, exact).
    private func column(_ e: Expr) -> (name: String, castTo: DataType?)? {
        switch e {
        case let .column(name): return (name, nil)
        case let .cast(.column(name), to):
            guard let sample = stats.min(name) ?? stats.max(name), let from = sample.dataType else { return nil }
            if TypeCoercion.widerNumber(from, to) == to && from != .double && from != .float { return (name, to) }
            if from == .float && to == .double { return (name, to) }
            if from == .date && (to == .timestamp || to == .timestampNtz) { return (name, to) }
            return nil
        default: return nil
        }
    }

    private func literal(_ e: Expr) -> Scalar? {
        switch e {
        case let .literal(s): return s
        case let .cast(.literal(s), to): return ScalarCast.cast(s, to: to)
        default: return nil
        }
    }

    private static func isFloat(_ s: Scalar?) -> Bool {
        switch s {
        case .float?, .double?: return true
        default: return false
        }
    }

    private static func isNaN(_ s: Scalar) -> Bool {
        switch s {
        case let .float(v): return v.isNaN
        case let .double(v): return v.isNaN
        default: return false
        }
    }

    /// Whether some row may satisfy `c op v` (or its negation).
    private func compare(_ op: ComparisonOperator, _ c: String, _ v: Scalar, negated: Bool) -> Bool {
        var op = op
        if negated {
            guard let n = op.negated else {
                // NOT (c <=> v): c is NULL and v is not, or c differs from v.
                if v.isNull { return stats.mayHaveNonNull(c) }
                return stats.mayHaveNull(c) || compare(.notEqual, c, v, negated: false)
            }
            op = n
        }
        if v.isNull { return op == .nullSafeEqual ? stats.mayHaveNull(c) : false }
        if stats.allNull(c) { return false }
        let lo = stats.min(c), hi = stats.max(c)
        if Self.isNaN(v) { return true }
        if Self.isFloat(v) || Self.isFloat(lo) || Self.isFloat(hi) {
            if op == .greater || op == .greaterOrEqual || op == .notEqual { return true }
        }
        // nil when unknown: treated as "may".
        func cmp(_ a: Scalar?, _ b: Scalar?) -> Int? {
            guard let a, let b else { return nil }
            return ScalarCast.compare(a, b)
        }
        switch op {
        case .equal, .nullSafeEqual:
            return (cmp(lo, v).map { $0 <= 0 } ?? true) && (cmp(v, hi).map { $0 <= 0 } ?? true)
        case .notEqual:
            if let a = cmp(lo, v), let b = cmp(hi, v), a == 0, b == 0 { return false }
            return true
        case .less: return cmp(lo, v).map { $0 < 0 } ?? true
        case .lessOrEqual: return cmp(lo, v).map { $0 <= 0 } ?? true
        case .greater: return cmp(hi, v).map { $0 > 0 } ?? true
        case .greaterOrEqual: return cmp(hi, v).map { $0 >= 0 } ?? true
        }
    }
}
