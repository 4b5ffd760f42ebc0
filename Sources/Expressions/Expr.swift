import Columnar

/// A scalar expression over the columns of a row: the predicate and projection language shared by
/// scans (data skipping, filters), DML (UPDATE / DELETE / MERGE conditions) and the SQL layer.
///
/// An `Expr` straight from the parser is *unbound*: names as written, literals as typed by their
/// text. `bound(to:)` resolves names against a schema and makes every implicit cast explicit, so the
/// evaluator only ever combines operands of one type.
public indirect enum Expr: Sendable, Hashable {
    /// A top-level column, or a nested field as a dotted path (`"a.b"`).
    case column(String)
    /// A typed literal; `.null` for NULL.
    case literal(Scalar)
    case compare(ComparisonOperator, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case isNull(Expr)
    case isNotNull(Expr)
    /// `x IN (a, b, c)`: TRUE if x equals one of them, else NULL if x or one of them is NULL, else FALSE.
    case `in`(Expr, [Expr])
    case arithmetic(ArithmeticOperator, Expr, Expr)
    case negate(Expr)
    /// A call of one of the functions in `ExpressionFunctions.names` (lower-case name).
    case function(String, [Expr])
    case cast(Expr, DataType)
}

public enum ComparisonOperator: Sendable, Hashable, CaseIterable {
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    /// `<=>`: like `=`, but NULL <=> NULL is TRUE and NULL <=> x is FALSE (never NULL).
    case nullSafeEqual

    /// The SQL spelling.
    public var symbol: String {
        switch self {
        case .equal: return "="
        case .notEqual: return "<>"
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        case .nullSafeEqual: return "<=>"
        }
    }

    /// The operator that gives the same result with the operands swapped (`a < b` ⇔ `b > a`).
    public var flipped: ComparisonOperator {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }

    /// The operator that is TRUE exactly when this one is FALSE, for non-null operands
    /// (`<=>` has no such operator and returns nil).
    public var negated: ComparisonOperator? {
        switch self {
        case .equal: return .notEqual
        case .notEqual: return .equal
        case .less: return .greaterOrEqual
        case .lessOrEqual: return .greater
        case .greater: return .lessOrEqual
        case .greaterOrEqual: return .less
        case .nullSafeEqual: return nil
        }
    }
}

public enum ArithmeticOperator: Sendable, Hashable, CaseIterable {
    case add, subtract, multiply, divide, remainder

    public var symbol: String {
        switch self {
        case .add: return "+"
        case .subtract: return "-"
        case .multiply: return "*"
        case .divide: return "/"
        case .remainder: return "%"
        }
    }
}

extension Expr {
    /// Every column path the expression reads, as written (bound expressions: as the schema spells them).
    public var referencedColumns: Set<String> {
        var out = Set<String>()
        collectColumns(into: &out)
        return out
    }

    func collectColumns(into out: inout Set<String>) {
        switch self {
        case let .column(name): out.insert(name)
        case .literal: break
        case let .compare(_, l, r), let .and(l, r), let .or(l, r), let .arithmetic(_, l, r):
            l.collectColumns(into: &out)
            r.collectColumns(into: &out)
        case let .not(e), let .isNull(e), let .isNotNull(e), let .negate(e), let .cast(e, _):
            e.collectColumns(into: &out)
        case let .in(e, list):
            e.collectColumns(into: &out)
            for x in list { x.collectColumns(into: &out) }
        case let .function(_, args):
            for x in args { x.collectColumns(into: &out) }
        }
    }

    /// The expression with every column reference replaced by `transform(name)` when that is non-nil.
    func replacingColumns(_ transform: (String) -> Expr?) -> Expr {
        switch self {
        case let .column(name): return transform(name) ?? self
        case .literal: return self
        case let .compare(op, l, r): return .compare(op, l.replacingColumns(transform), r.replacingColumns(transform))
        case let .and(l, r): return .and(l.replacingColumns(transform), r.replacingColumns(transform))
        case let .or(l, r): return .or(l.replacingColumns(transform), r.replacingColumns(transform))
        case let .arithmetic(op, l, r):
            return .arithmetic(op, l.replacingColumns(transform), r.replacingColumns(transform))
        case let .not(e): return .not(e.replacingColumns(transform))
        case let .isNull(e): return .isNull(e.replacingColumns(transform))
        case let .isNotNull(e): return .isNotNull(e.replacingColumns(transform))
        case let .negate(e): return .negate(e.replacingColumns(transform))
        case let .cast(e, t): return .cast(e.replacingColumns(transform), t)
        case let .in(e, list): return .in(e.replacingColumns(transform), list.map { $0.replacingColumns(transform) })
        case let .function(name, args): return .function(name, args.map { $0.replacingColumns(transform) })
        }
    }
}
