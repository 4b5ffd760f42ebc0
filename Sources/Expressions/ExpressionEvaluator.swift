import Columnar

/// Vectorized evaluation: every operator runs one typed loop over whole columns.
///
/// NULL follows SQL: comparisons and arithmetic with a NULL operand are NULL; `NULL AND FALSE` is
/// FALSE, `NULL OR TRUE` is TRUE; `x IN (…)` is TRUE on a match, else NULL if x or an item is
/// NULL, else FALSE; `<=>` and `IS [NOT] NULL` are never NULL. Numbers follow Spark's non-ANSI
/// mode (see `ArithmeticKernel` and `CastKernel`).
public enum ExpressionEvaluator {
    /// One column of the result type (booleans for predicates), `batch.rowCount` rows.
    /// The expression is bound to the batch's schema first.
    public static func evaluate(_ expr: Expr, on batch: RecordBatch) throws -> Column {
        let bound = try expr.bound(to: batch.schema)
        return try Evaluation(batch: batch).eval(bound)
    }

    /// Rows where a predicate is TRUE (NULL and FALSE excluded), as a mask for `Column.filter`.
    public static func filterMask(_ predicate: Expr, on batch: RecordBatch) throws -> Bitmap {
        let type = try predicate.resultType(in: batch.schema)
        guard type == .boolean else {
            throw ExpressionError(.typeMismatch, "a filter must be a boolean predicate, but \(predicate) is \(type)")
        }
        return BooleanKernel.trueMask(try evaluate(predicate, on: batch))
    }
}

struct Evaluation {
    let batch: RecordBatch
    var n: Int { batch.rowCount }

    func eval(_ e: Expr) throws -> Column {
        switch e {
        case let .column(name):
            return try column(name)
        case let .literal(s):
            return try Column.constant(s, type: s.dataType ?? .boolean, count: n)
        case let .cast(.literal(s), t):
            return try Column.constant(ScalarCast.cast(s, to: t) ?? .null, type: t, count: n)
        case let .cast(x, t):
            return CastKernel.cast(try eval(x), to: t)
        case let .compare(op, l, r):
            return ComparisonKernel.compare(op, try eval(l), try eval(r))
        case let .and(l, r):
            return BooleanKernel.and(try eval(l), try eval(r))
        case let .or(l, r):
            return BooleanKernel.or(try eval(l), try eval(r))
        case let .not(x):
            return BooleanKernel.not(try eval(x))
        case let .isNull(x):
            return BooleanKernel.nullTest(try eval(x), wantNull: true)
        case let .isNotNull(x):
            return BooleanKernel.nullTest(try eval(x), wantNull: false)
        case let .in(x, list):
            // x IN (a, b) has exactly the three-valued meaning of x = a OR x = b.
            let v = try eval(x)
            var result = try Column.constant(.boolean(false), type: .boolean, count: n)
            for item in list {
                result = BooleanKernel.or(result, ComparisonKernel.compare(.equal, v, try eval(item)))
            }
            return result
        case let .arithmetic(op, l, r):
            return ArithmeticKernel.evaluate(op, try eval(l), try eval(r))
        case let .negate(x):
            return ArithmeticKernel.negate(try eval(x))
        case let .function(name, args):
            return ExpressionFunctions.evaluate(name, try args.map(eval), rowCount: n)
        }
    }

    /// A top-level column, or a field reached through structs (NULL where any parent is NULL).
    private func column(_ name: String) throws -> Column {
        if let c = batch.column(named: name) { return c }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var fields = batch.schema.fields
        var columns = batch.columns
        var validity: Bitmap?
        for (k, part) in parts.enumerated() {
            guard let i = fields.firstIndex(where: { $0.name == part }) else { break }
            let c = columns[i]
            validity = ColumnMaking.and(validity, c.validity)
            if k == parts.count - 1 {
                return Column(unchecked: c.type, count: c.count, validity: ColumnMaking.and(validity, c.validity), values: c.values)
            }
            guard case let .struct(children) = c.type, case let .structure(childColumns) = c.values else { break }
            fields = children
            columns = childColumns
        }
        throw ExpressionError(.unknownColumn, "unknown column '\(name)' in a batch with columns \(batch.schema.fields.map(\.name).joined(separator: ", "))")
    }
}
