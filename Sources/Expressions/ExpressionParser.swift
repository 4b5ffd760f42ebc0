import Columnar

/// Reads SQL-like predicate text into an `Expr`.
///
/// Grammar (keywords are case-insensitive; lowest precedence first):
/// ```
/// expr       := or
/// or         := and ( OR and )*
/// and        := not ( AND not )*
/// not        := NOT not | comparison
/// comparison := additive ( op additive                       op: = == != <> < <= > >= <=>
///                        | IS [NOT] NULL
///                        | [NOT] IN ( expr, … )
///                        | [NOT] BETWEEN additive AND additive   → x >= a AND x <= b
///                        | [NOT] LIKE additive )*               → like(x, pattern)
/// additive   := multiplicative ( (+|-) multiplicative )*
/// multiplicative := unary ( (*|/|%) unary )*
/// unary      := - unary | + unary | primary     (- directly before a number is part of it)
/// primary    := ( expr ) | number | 'string' | TRUE | FALSE | NULL | X'hex'
///             | DATE 'yyyy-mm-dd' | TIMESTAMP '…' | TIMESTAMP_NTZ '…'
///             | CAST ( expr AS type ) | name ( expr, … ) | name ( . name )*
/// ```
/// Types are read by `DataType.parseTypeName`, the grammar the schema DDL shares (`int`,
/// `decimal(10,2)`, `varchar(20)`, `array<string>`, `struct<a:int>`, …). Date and timestamp
/// literals follow `CivilTime.Dialect.sqlLiteral`.
/// Numbers: `12` integer (long if it does not fit 32 bits, decimal past 64), `1.50` decimal(3,2),
/// `1.5e3` / `1.5D` double, `1.5F` float, `12L` long, `12S` short, `12Y` byte, `12BD` decimal.
/// Names: letters, digits and `_`, or back-quoted (`` `odd name` ``, with ```` `` ```` for a back-quote).
/// `DATE`, `TIMESTAMP` and `X` are names unless a string follows.
/// Errors are `ExpressionError(.syntax)` (or `.invalidLiteral`) with the 1-based character position.
public enum ExpressionParser {
    public static func parse(_ text: String) throws -> Expr {
        var p = Parser(text: text, tokens: try ExpressionLexer.tokens(text))
        let e = try p.parseOr()
        guard case .end = p.current.kind else {
            throw p.error("unexpected \(p.describe(p.current)) after a complete expression")
        }
        return e
    }

    /// Reads a type name as `CAST` accepts it (`DataType.parseTypeName`, the grammar the schema
    /// DDL shares): `int`, `bigint`, `decimal(10,2)`, `timestamp_ntz`, `array<string>`, …
    public static func parseType(_ text: String) throws -> DataType {
        do {
            return try DataType.parseTypeName(text)
        } catch {
            throw ExpressionError(.syntax, error.message, position: error.characterPosition(in: text))
        }
    }
}

private struct Parser {
    let text: String
    let tokens: [ExpressionLexer.Token]
    var index = 0

    init(text: String, tokens: [ExpressionLexer.Token]) {
        self.text = text
        self.tokens = tokens
    }

    var current: ExpressionLexer.Token { tokens[index] }
    var next: ExpressionLexer.Token { tokens[min(index + 1, tokens.count - 1)] }

    func error(_ message: String, at token: ExpressionLexer.Token? = nil) -> ExpressionError {
        ExpressionError(.syntax, message, position: (token ?? current).position)
    }

    func describe(_ t: ExpressionLexer.Token) -> String {
        switch t.kind {
        case let .word(w, _): return "'\(w)'"
        case let .number(n, s): return "'\(n)\(s)'"
        case .string: return "a string"
        case .hex: return "a binary literal"
        case let .symbol(s): return "'\(s)'"
        case .end: return "the end of the text"
        }
    }

    func isKeyword(_ k: String, _ t: ExpressionLexer.Token? = nil) -> Bool {
        if case let .word(w, false) = (t ?? current).kind { return w.lowercased() == k }
        return false
    }

    func isSymbol(_ s: String) -> Bool {
        if case let .symbol(x) = current.kind { return x == s }
        return false
    }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    mutating func accept(keyword k: String) -> Bool {
        if isKeyword(k) { advance(); return true }
        return false
    }

    mutating func accept(symbol s: String) -> Bool {
        if isSymbol(s) { advance(); return true }
        return false
    }

    mutating func expect(symbol s: String, _ context: String) throws {
        guard accept(symbol: s) else { throw error("expected '\(s)' \(context), found \(describe(current))") }
    }

    // MARK: boolean levels

    mutating func parseOr() throws -> Expr {
        var e = try parseAnd()
        while accept(keyword: "or") { e = .or(e, try parseAnd()) }
        return e
    }

    mutating func parseAnd() throws -> Expr {
        var e = try parseNot()
        while accept(keyword: "and") { e = .and(e, try parseNot()) }
        return e
    }

    mutating func parseNot() throws -> Expr {
        if accept(keyword: "not") { return .not(try parseNot()) }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> Expr {
        var e = try parseAdditive()
        while true {
            if case let .symbol(s) = current.kind, let op = Self.comparison[s] {
                advance()
                e = .compare(op, e, try parseAdditive())
                continue
            }
            if isKeyword("is") {
                advance()
                let negated = accept(keyword: "not")
                guard accept(keyword: "null") else { throw error("expected NULL after IS\(negated ? " NOT" : "")") }
                e = negated ? .isNotNull(e) : .isNull(e)
                continue
            }
            let notToken = current
            let negated = isKeyword("not") && (isKeyword("in", next) || isKeyword("between", next) || isKeyword("like", next))
            if negated { advance() }
            if accept(keyword: "in") {
                try expect(symbol: "(", "after IN")
                var list = [try parseOr()]
                while accept(symbol: ",") { list.append(try parseOr()) }
                try expect(symbol: ")", "after the IN list")
                e = .in(e, list)
            } else if accept(keyword: "between") {
                let low = try parseAdditive()
                guard accept(keyword: "and") else { throw error("expected AND in BETWEEN … AND …") }
                let high = try parseAdditive()
                e = .and(.compare(.greaterOrEqual, e, low), .compare(.lessOrEqual, e, high))
            } else if accept(keyword: "like") {
                e = .function("like", [e, try parseAdditive()])
            } else {
                if negated { throw error("expected IN, BETWEEN or LIKE after NOT", at: notToken) }
                return e
            }
            if negated { e = .not(e) }
        }
    }

    static let comparison: [String: ComparisonOperator] = [
        "=": .equal, "==": .equal, "!=": .notEqual, "<>": .notEqual, "<": .less, "<=": .lessOrEqual,
        ">": .greater, ">=": .greaterOrEqual, "<=>": .nullSafeEqual,
    ]

    // MARK: arithmetic levels

    mutating func parseAdditive() throws -> Expr {
        var e = try parseMultiplicative()
        while true {
            if accept(symbol: "+") { e = .arithmetic(.add, e, try parseMultiplicative()) }
            else if accept(symbol: "-") { e = .arithmetic(.subtract, e, try parseMultiplicative()) }
            else { return e }
        }
    }

    mutating func parseMultiplicative() throws -> Expr {
        var e = try parseUnary()
        while true {
            if accept(symbol: "*") { e = .arithmetic(.multiply, e, try parseUnary()) }
            else if accept(symbol: "/") { e = .arithmetic(.divide, e, try parseUnary()) }
            else if accept(symbol: "%") { e = .arithmetic(.remainder, e, try parseUnary()) }
            else { return e }
        }
    }

    mutating func parseUnary() throws -> Expr {
        if isSymbol("-") {
            let minus = current
            advance()
            if case let .number(digits, suffix) = current.kind, current.position == minus.endPosition {
                let t = current
                advance()
                return .literal(try number("-" + digits, suffix, t))
            }
            return .negate(try parseUnary())
        }
        if accept(symbol: "+") { return try parseUnary() }
        return try parsePrimary()
    }

    // MARK: primaries

    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .end:
            throw error("expected an expression, found the end of the text")
        case let .symbol(s):
            guard s == "(" else { throw error("expected an expression, found '\(s)'") }
            advance()
            let e = try parseOr()
            try expect(symbol: ")", "to close the '(' at character \(t.position)")
            return e
        case let .number(digits, suffix):
            advance()
            return .literal(try number(digits, suffix, t))
        case let .string(s):
            advance()
            return .literal(.string(s))
        case let .hex(h):
            advance()
            return .literal(.binary(try hex(h, t)))
        case let .word(w, quoted):
            if !quoted { if let e = try keywordPrimary(w.lowercased(), t) { return e } }
            advance()
            if !quoted && isSymbol("(") {
                advance()
                var args: [Expr] = []
                if !isSymbol(")") {
                    args.append(try parseOr())
                    while accept(symbol: ",") { args.append(try parseOr()) }
                }
                try expect(symbol: ")", "after the arguments of \(w)")
                return .function(w.lowercased(), args)
            }
            var path = w
            while isSymbol(".") {
                advance()
                guard case let .word(part, _) = current.kind else { throw error("expected a field name after '.'") }
                path += "." + part
                advance()
            }
            return .column(path)
        }
    }

    /// TRUE, FALSE, NULL, CAST(…), DATE '…', TIMESTAMP '…', TIMESTAMP_NTZ '…'; nil for other words.
    mutating func keywordPrimary(_ w: String, _ t: ExpressionLexer.Token) throws -> Expr? {
        switch w {
        case "true": advance(); return .literal(.boolean(true))
        case "false": advance(); return .literal(.boolean(false))
        case "null": advance(); return .literal(.null)
        case "cast":
            guard case .symbol("(") = next.kind else { return nil }
            advance(); advance()
            let e = try parseOr()
            guard accept(keyword: "as") else { throw error("expected AS in CAST(… AS type)") }
            let type = try parseType()
            try expect(symbol: ")", "to close CAST")
            return .cast(e, type)
        case "date", "timestamp", "timestamp_ntz":
            guard case let .string(text) = next.kind else { return nil }
            let literalToken = next
            advance(); advance()
            let value: Scalar?
            switch w {
            case "date": value = CivilTime.parseDate(text.trimmed, .sqlLiteral).map(Scalar.date)
            case "timestamp": value = CivilTime.parseTimestamp(text.trimmed, .sqlLiteral).map(Scalar.timestamp)
            default: value = CivilTime.parseTimestampNtz(text.trimmed, .sqlLiteral).map(Scalar.timestampNtz)
            }
            guard let value else {
                throw ExpressionError(.invalidLiteral,
                    "'\(text)' is not a valid \(w.uppercased()); write \(w == "date" ? "'yyyy-mm-dd'" : "'yyyy-mm-dd hh:mm:ss[.ffffff]\(w == "timestamp" ? "[Z|+hh:mm]" : "")'")",
                    position: literalToken.position)
            }
            return .literal(value)
        default:
            return nil
        }
    }

    /// The type of `CAST(… AS type)`: read from the text by `DataType.parseTypeName` (the grammar
    /// the schema DDL shares), then the tokens it covered are skipped.
    mutating func parseType() throws -> DataType {
        let scalars = Array(text.unicodeScalars)
        let startScalar = min(current.position - 1, scalars.count)
        let startByte = scalars[..<startScalar].reduce(0) { $0 + UTF8.width($1) }
        let utf8 = Array(text.utf8)
        let parsed = utf8.withUnsafeBufferPointer { p in
            Result { () throws(TypeNameError) in try DataType.parseTypeName(p, at: startByte) }
        }
        let type: DataType, endByte: Int
        switch parsed {
        case let .success(r): (type, endByte) = (r.type, r.end)
        case let .failure(e): throw ExpressionError(.syntax, e.message, position: e.characterPosition(in: text))
        }
        var endScalar = startScalar
        var byte = startByte
        while byte < endByte { byte += UTF8.width(scalars[endScalar]); endScalar += 1 }
        while current.kind != .end && current.position - 1 < endScalar { advance() }
        if index > 0, tokens[index - 1].endPosition - 1 > endScalar {
            throw ExpressionError(.syntax, "unexpected text after the type", position: endScalar + 1)
        }
        return type
    }

    func number(_ text: String, _ suffix: String, _ t: ExpressionLexer.Token) throws -> Scalar {
        let bad = ExpressionError(.invalidLiteral, "'\(text)\(suffix)' does not fit its type", position: t.position)
        let isInteger = !text.contains(".") && !text.lowercased().contains("e")
        switch suffix {
        case "L": guard isInteger, let v = Int64(text) else { throw bad }; return .long(v)
        case "S": guard isInteger, let v = Int16(text) else { throw bad }; return .short(v)
        case "Y": guard isInteger, let v = Int8(text) else { throw bad }; return .byte(v)
        case "F": guard let v = Float(text) else { throw bad }; return .float(v)
        case "D": guard let v = Double(text) else { throw bad }; return .double(v)
        default: break
        }
        if text.lowercased().contains("e") {
            guard suffix.isEmpty, let v = Double(text) else { throw bad }
            return .double(v)
        }
        if isInteger && suffix.isEmpty {
            if let v = Int32(text) { return .integer(v) }
            if let v = Int64(text) { return .long(v) }
        }
        // A decimal: scale = fraction digits, precision = digits (at least the scale).
        let scale = text.split(separator: ".").dropFirst().first?.count ?? 0
        guard let v = Decimal128.parse(Substring(text), precision: DataType.maxDecimalPrecision, scale: scale) else {
            guard suffix.isEmpty, let d = Double(text) else { throw bad }
            return .double(d)   // more than 38 digits: Spark reads it as a double
        }
        return .decimal(v, precision: ExprText.naturalPrecision(v, scale: scale), scale: scale)
    }

    func hex(_ h: String, _ t: ExpressionLexer.Token) throws -> [UInt8] {
        let digits = Array(h.utf8)
        guard digits.count % 2 == 0 else { throw error("a binary literal needs an even number of hex digits", at: t) }
        var out: [UInt8] = []
        var k = 0
        while k < digits.count {
            guard let hi = Self.nibble(digits[k]), let lo = Self.nibble(digits[k + 1]) else {
                throw error("'\(h)' is not hexadecimal", at: t)
            }
            out.append(hi << 4 | lo)
            k += 2
        }
        return out
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
}
