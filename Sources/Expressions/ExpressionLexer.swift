/// Splits predicate text into tokens. Positions are 1-based character (Unicode scalar) offsets.
struct ExpressionLexer {
    enum Kind: Equatable {
        /// A bare word (keywords are bare words the parser recognises) or a `back-quoted` name.
        case word(String, quoted: Bool)
        /// Digits with optional fraction and exponent, and the type suffix (`L`, `Y`, `S`, `F`, `D`, `BD`), upper-cased.
        case number(String, suffix: String)
        case string(String)
        /// `X'0A0B'`.
        case hex(String)
        case symbol(String)
        case end
    }

    struct Token {
        let kind: Kind
        let position: Int
        /// Position just after the token.
        let endPosition: Int
    }

    static func tokens(_ text: String) throws -> [Token] {
        let s = Array(text.unicodeScalars)
        var out: [Token] = []
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < s.count && ("0"..."9").contains(s[k]) }
        func isWordChar(_ k: Int) -> Bool {
            k < s.count && (s[k] == "_" || s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]))
        }
        while i < s.count {
            let c = s[i]
            let start = i
            if c.properties.isWhitespace { i += 1; continue }
            if (c == "x" || c == "X") && i + 1 < s.count && s[i + 1] == "'" {
                i += 2
                var hex = ""
                while i < s.count && s[i] != "'" { hex.unicodeScalars.append(s[i]); i += 1 }
                guard i < s.count else { throw ExpressionError(.syntax, "unterminated binary literal X'…'", position: start + 1) }
                i += 1
                out.append(Token(kind: .hex(hex), position: start + 1, endPosition: i + 1))
            } else if c == "_" || c.properties.isAlphabetic {
                while isWordChar(i) { i += 1 }
                out.append(Token(kind: .word(String(String.UnicodeScalarView(s[start..<i])), quoted: false), position: start + 1, endPosition: i + 1))
            } else if c == "`" {
                i += 1
                var name = ""
                while true {
                    guard i < s.count else { throw ExpressionError(.syntax, "unterminated back-quoted name; close it with `", position: start + 1) }
                    if s[i] == "`" {
                        if i + 1 < s.count && s[i + 1] == "`" { name.unicodeScalars.append("`"); i += 2; continue }
                        i += 1
                        break
                    }
                    name.unicodeScalars.append(s[i])
                    i += 1
                }
                out.append(Token(kind: .word(name, quoted: true), position: start + 1, endPosition: i + 1))
            } else if c == "'" {
                i += 1
                var value = ""
                while true {
                    guard i < s.count else { throw ExpressionError(.syntax, "unterminated string literal; close it with '", position: start + 1) }
                    if s[i] == "'" {
                        if i + 1 < s.count && s[i + 1] == "'" { value.unicodeScalars.append("'"); i += 2; continue }
                        i += 1
                        break
                    }
                    value.unicodeScalars.append(s[i])
                    i += 1
                }
                out.append(Token(kind: .string(value), position: start + 1, endPosition: i + 1))
            } else if isDigit(i) {
                while isDigit(i) { i += 1 }
                if i < s.count && s[i] == "." && isDigit(i + 1) {
                    i += 1
                    while isDigit(i) { i += 1 }
                }
                if i < s.count && (s[i] == "e" || s[i] == "E") {
                    var j = i + 1
                    if j < s.count && (s[j] == "+" || s[j] == "-") { j += 1 }
                    if isDigit(j) {
                        i = j
                        while isDigit(i) { i += 1 }
                    }
                }
                let digits = String(String.UnicodeScalarView(s[start..<i]))
                var suffix = ""
                let sufStart = i
                while isWordChar(i) { i += 1 }
                suffix = String(String.UnicodeScalarView(s[sufStart..<i])).uppercased()
                guard ["", "L", "Y", "S", "F", "D", "BD"].contains(suffix) else {
                    throw ExpressionError(.syntax, "'\(digits)\(suffix)' is not a number; type suffixes are L, Y, S, F, D and BD", position: start + 1)
                }
                out.append(Token(kind: .number(digits, suffix: suffix), position: start + 1, endPosition: i + 1))
            } else {
                let two = i + 1 < s.count ? String(String.UnicodeScalarView(s[i...(i + 1)])) : ""
                let three = i + 2 < s.count ? String(String.UnicodeScalarView(s[i...(i + 2)])) : ""
                let sym: String
                if three == "<=>" { sym = three } else if ["<=", ">=", "<>", "!=", "=="].contains(two) { sym = two } else {
                    guard "=<>+-*/%(),.:".unicodeScalars.contains(c) else {
                        throw ExpressionError(.syntax, "unexpected character '\(c)'", position: start + 1)
                    }
                    sym = String(c)
                }
                i += sym.unicodeScalars.count
                out.append(Token(kind: .symbol(sym), position: start + 1, endPosition: i + 1))
            }
        }
        out.append(Token(kind: .end, position: s.count + 1, endPosition: s.count + 1))
        return out
    }
}
