import Columnar

extension Expr: CustomStringConvertible {
    /// SQL text that `ExpressionParser.parse` reads back to the same `Expr` (for every expression
    /// the parser produces; literals of nested types and non-finite floats print as casts or as
    /// text the parser reads to an equivalent, not identical, expression). Operands that are not
    /// atoms are parenthesised, so the text never depends on precedence.
    public var description: String {
        switch self {
        case let .column(name): return ExprText.identifier(name)
        case let .literal(s): return ExprText.literal(s)
        case let .compare(op, l, r): return "\(l.operand) \(op.symbol) \(r.operand)"
        case let .and(l, r): return "\(l.operand) AND \(r.operand)"
        case let .or(l, r): return "\(l.operand) OR \(r.operand)"
        case let .not(x): return "NOT \(x.operand)"
        case let .isNull(x): return "\(x.operand) IS NULL"
        case let .isNotNull(x): return "\(x.operand) IS NOT NULL"
        case let .in(x, list): return "\(x.operand) IN (\(list.map(\.description).joined(separator: ", ")))"
        case let .arithmetic(op, l, r): return "\(l.operand) \(op.symbol) \(r.operand)"
        case let .negate(x): return "-(\(x))"
        case let .function("like", args) where args.count == 2: return "\(args[0].operand) LIKE \(args[1].operand)"
        case let .function(name, args): return "\(ExprText.identifier(name))(\(args.map(\.description).joined(separator: ", ")))"
        case let .cast(x, t): return "CAST(\(x) AS \(t.ddlName))"
        }
    }

    /// The text as an operand of an operator: parenthesised unless it is an atom.
    private var operand: String {
        switch self {
        case .column, .literal, .cast: return description
        case let .function(name, args) where !(name == "like" && args.count == 2): return description
        default: return "(\(description))"
        }
    }
}

/// Spelling of identifiers and literals.
enum ExprText {
    /// Words that cannot be bare identifiers (they would read as keywords).
    static let reserved: Set<String> = [
        "and", "or", "not", "is", "null", "in", "between", "like", "true", "false", "cast", "as",
        "date", "timestamp", "timestamp_ntz", "x",
    ]

    static func isPlain(_ part: Substring) -> Bool {
        guard let f = part.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
        return part.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
            && !reserved.contains(part.lowercased())
    }

    /// A dotted path, each part bare when it can be, else back-quoted (`` ` `` doubled inside).
    static func identifier(_ name: String) -> String {
        name.split(separator: ".", omittingEmptySubsequences: false).map { part in
            isPlain(part) ? String(part) : "`" + doubling("`", in: part) + "`"
        }.joined(separator: ".")
    }

    /// `text` with every `quote` written twice.
    static func doubling(_ quote: Character, in text: Substring) -> String {
        var out = ""
        for c in text {
            out.append(c)
            if c == quote { out.append(c) }
        }
        return out
    }

    static func literal(_ s: Scalar) -> String {
        switch s {
        case .null: return "NULL"
        case let .boolean(v): return v ? "TRUE" : "FALSE"
        case let .byte(v): return "\(v)Y"
        case let .short(v): return "\(v)S"
        case let .integer(v): return "\(v)"
        case let .long(v): return "\(v)L"
        case let .float(v): return v.isFinite ? "\(v)F" : "CAST('\(Decimals.floatText(Double(v)))' AS float)"
        case let .double(v): return v.isFinite ? "\(v)D" : "CAST('\(Decimals.floatText(v))' AS double)"
        case let .decimal(v, p, sc):
            let text = Decimal128.format(v, scale: sc)
            if p != naturalPrecision(v, scale: sc) { return "CAST(\(text)BD AS decimal(\(p),\(sc)))" }
            return sc == 0 ? text + "BD" : text
        case let .string(v): return "'" + doubling("'", in: Substring(v)) + "'"
        case let .binary(b):
            let hex = Array("0123456789ABCDEF")
            return "X'" + String(b.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }) + "'"
        case let .date(d): return "DATE '\(CivilTime.formatDate(days: Int64(d)))'"
        case let .timestamp(v): return "TIMESTAMP '\(CivilTime.formatTimestamp(micros: v, .sqlDisplay, utc: true))'"
        case let .timestampNtz(v): return "TIMESTAMP_NTZ '\(CivilTime.formatTimestamp(micros: v, .sqlDisplay, utc: false))'"
        case .struct, .array, .map: return "\(s)"
        }
    }

    /// The precision Spark gives a decimal literal: its digits, at least its scale, at least 1.
    static func naturalPrecision(_ v: Int128, scale: Int) -> Int {
        max(String(v.magnitude).count, scale, 1)
    }
}
