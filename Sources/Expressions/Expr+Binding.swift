import Columnar

extension Expr {
    /// Resolves column references and literal types against `schema` and makes every implicit
    /// conversion explicit (see `TypeCoercion`): after binding, the operands of each comparison,
    /// IN list and arithmetic operator have one type, string literals compared with dates or
    /// timestamps are date/timestamp literals, and column names are spelled as in the schema
    /// (names match case-insensitively when there is no exact match, as in Spark).
    /// Binding a bound expression returns it unchanged.
    /// Throws `unknownColumn`, `typeMismatch` or `invalidLiteral` naming the column or operand.
    public func bound(to schema: Schema) throws -> Expr {
        try Binder(schema: schema).bind(self).expr
    }

    /// The type this expression produces against `schema`. A bare NULL is a boolean NULL.
    public func resultType(in schema: Schema) throws -> DataType {
        try Binder(schema: schema).bind(self).type ?? .boolean
    }
}

/// Finds a column or nested field by its (possibly dotted) name.
enum ColumnPath {
    /// The schema's spelling of `name` and its type: an exact top-level name first, then a unique
    /// case-insensitive one, then a dotted path through struct fields.
    static func resolve(_ name: String, in fields: [Field]) -> (path: [String], type: DataType)? {
        if let f = match(name, fields) { return ([f.name], f.type) }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return nil }
        var path: [String] = []
        var current = fields
        var type: DataType?
        for (k, part) in parts.enumerated() {
            guard let f = match(part, current) else { return nil }
            path.append(f.name)
            type = f.type
            if k < parts.count - 1 {
                guard case let .struct(children) = f.type else { return nil }
                current = children
            }
        }
        return type.map { (path, $0) }
    }

    private static func match(_ name: String, _ fields: [Field]) -> Field? {
        if let f = fields.first(where: { $0.name == name }) { return f }
        let lower = name.lowercased()
        let found = fields.filter { $0.name.lowercased() == lower }
        return found.count == 1 ? found[0] : nil
    }
}

struct Binder {
    let schema: Schema

    /// The bound expression and its type (nil: an untyped NULL literal).
    func bind(_ e: Expr) throws -> (expr: Expr, type: DataType?) {
        switch e {
        case let .column(name):
            guard let (path, type) = ColumnPath.resolve(name, in: schema.fields) else {
                let names = schema.fields.map(\.name).joined(separator: ", ")
                throw ExpressionError(.unknownColumn,
                    "unknown column '\(name)'; the schema has: \(names.isEmpty ? "no columns" : names)")
            }
            return (.column(path.joined(separator: ".")), type)
        case let .literal(s):
            if case .struct = s { throw ExpressionError(.typeMismatch, "nested literals are not supported") }
            if case .array = s { throw ExpressionError(.typeMismatch, "nested literals are not supported") }
            if case .map = s { throw ExpressionError(.typeMismatch, "nested literals are not supported") }
            return (e, s.dataType)
        case let .cast(inner, to):
            let (b, t) = try bind(inner)
            guard let t else { return (.cast(.literal(.null), to), to) }
            if t == to { return (b, t) }
            guard CastKernel.canCast(t, to: to) else {
                throw ExpressionError(.typeMismatch, "cannot cast \(b) of type \(t) to \(to)")
            }
            return (.cast(b, to), to)
        case let .compare(op, l, r):
            let (bl, tl) = try bind(l), (br, tr) = try bind(r)
            guard let common = TypeCoercion.common(tl, tr) else {
                throw mismatch("compare", bl, tl, br, tr)
            }
            guard let t = common else { return (.compare(op, bl, br), .boolean) }
            return (.compare(op, try TypeCoercion.coerce(bl, from: tl, to: t), try TypeCoercion.coerce(br, from: tr, to: t)), .boolean)
        case let .and(l, r):
            return (.and(try boolean(l, "AND"), try boolean(r, "AND")), .boolean)
        case let .or(l, r):
            return (.or(try boolean(l, "OR"), try boolean(r, "OR")), .boolean)
        case let .not(x):
            return (.not(try boolean(x, "NOT")), .boolean)
        case let .isNull(x):
            return (.isNull(try bind(x).expr), .boolean)
        case let .isNotNull(x):
            return (.isNotNull(try bind(x).expr), .boolean)
        case let .in(x, list):
            let bx = try bind(x)
            let bl = try list.map(bind)
            var t: DataType? = bx.type
            for item in bl {
                guard let c = TypeCoercion.common(t, item.type) else { throw mismatch("compare", bx.expr, bx.type, item.expr, item.type) }
                t = c
            }
            guard let t else { return (.in(bx.expr, bl.map(\.expr)), .boolean) }
            return (.in(try TypeCoercion.coerce(bx.expr, from: bx.type, to: t),
                        try bl.map { try TypeCoercion.coerce($0.expr, from: $0.type, to: t) }), .boolean)
        case let .arithmetic(op, l, r):
            return try bindArithmetic(op, bind(l), bind(r))
        case let .negate(x):
            let (b, t) = try bind(x)
            guard let t else { return (.negate(b), nil) }
            guard TypeCoercion.isNumber(t) else {
                throw ExpressionError(.typeMismatch, "cannot negate \(b) of type \(t); negation needs a number")
            }
            return (.negate(b), t)
        case let .function(name, args):
            return try ExpressionFunctions.bind(name, args.map(bind))
        }
    }

    private func boolean(_ e: Expr, _ op: String) throws -> Expr {
        let (b, t) = try bind(e)
        guard t == nil || t == .boolean else {
            throw ExpressionError(.typeMismatch, "\(op) needs boolean operands, but \(b) is \(t!)")
        }
        return b
    }

    private func mismatch(_ what: String, _ l: Expr, _ tl: DataType?, _ r: Expr, _ tr: DataType?) -> ExpressionError {
        ExpressionError(.typeMismatch,
            "cannot \(what) \(l) (\(tl.map { "\($0)" } ?? "null")) with \(r) (\(tr.map { "\($0)" } ?? "null")); add a CAST")
    }

    private func bindArithmetic(_ op: ArithmeticOperator, _ l: (expr: Expr, type: DataType?),
                                _ r: (expr: Expr, type: DataType?)) throws -> (expr: Expr, type: DataType?) {
        for side in [l, r] {
            if let t = side.type, !TypeCoercion.isNumber(t) {
                throw ExpressionError(.typeMismatch, "cannot apply '\(op.symbol)' to \(side.expr) of type \(t); arithmetic needs numbers")
            }
        }
        guard let tl = l.type ?? r.type, let tr = r.type ?? l.type else { return (.arithmetic(op, l.expr, r.expr), nil) }
        let ld = TypeCoercion.asDecimal(tl), rd = TypeCoercion.asDecimal(tr)
        let anyDecimal: Bool = { if case .decimal = tl { return true }; if case .decimal = tr { return true }; return false }()
        if anyDecimal, let x = ld, let y = rd {
            // Decimal arithmetic: the kernel combines the operand scales itself.
            let le = try TypeCoercion.coerce(l.expr, from: l.type, to: .decimal(precision: x.p, scale: x.s))
            let re = try TypeCoercion.coerce(r.expr, from: r.type, to: .decimal(precision: y.p, scale: y.s))
            let (p, s) = ArithmeticKernel.decimalResult(op, x, y)
            return (.arithmetic(op, le, re), .decimal(precision: p, scale: s))
        }
        guard var t = TypeCoercion.widerNumber(tl, tr) else {
            throw ExpressionError(.typeMismatch, "cannot combine \(tl) and \(tr) with '\(op.symbol)'")
        }
        if op == .divide && TypeCoercion.isIntegral(t) { t = .double }
        return (.arithmetic(op, try TypeCoercion.coerce(l.expr, from: l.type, to: t),
                            try TypeCoercion.coerce(r.expr, from: r.type, to: t)), t)
    }
}
