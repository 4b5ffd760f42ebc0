import Columnar

/// Spark-style schema DDL: `id long not null, name string, price decimal(10,2), tags array<string>,
/// attrs map<string,int>, s struct<a:int,b:string>`.
///
/// Type names are case-insensitive: boolean, byte/tinyint, short/smallint, int/integer, long/bigint,
/// float/real, double, decimal(p,s) / decimal (= decimal(10,0)), string, binary, date, timestamp,
/// timestamp_ntz, array<T>, map<K,V>, struct<name:T [not null], …>. Names are identifiers
/// (letters, digits, `_`) or back-quoted (`` `a b` ``, with ``` `` ``` for a back-quote).
/// Errors name the 1-based character position: `schema: unknown type 'lng' at character 4`.
public enum SchemaDDL {
    public static func parse(_ text: String) throws(TextError) -> Schema {
        var p = Parser(Array(text.unicodeScalars))
        p.skipSpace()
        guard !p.atEnd else { throw TextError("schema: empty schema") }
        var fields: [Field] = []
        while true {
            fields.append(try p.field(topLevel: true))
            p.skipSpace()
            if p.atEnd { break }
            try p.expect(",")
        }
        let schema = Schema(fields)
        do {
            try schema.validate()
        } catch {
            throw TextError("schema: \(error.message)")
        }
        return schema
    }

    public static func format(_ schema: Schema) -> String {
        schema.fields.map { formatField($0, separator: " ") }.joined(separator: ", ")
    }

    public static func format(_ type: DataType) -> String {
        switch type {
        case .boolean: return "boolean"
        case .byte: return "byte"
        case .short: return "short"
        case .integer: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case let .decimal(p, s): return "decimal(\(p),\(s))"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestampNtz: return "timestamp_ntz"
        case let .array(element): return "array<\(format(element.type))>"
        case let .map(key, value): return "map<\(format(key.type)),\(format(value.type))>"
        case let .struct(fields): return "struct<" + fields.map { formatField($0, separator: ":") }.joined(separator: ",") + ">"
        }
    }

    static func formatField(_ f: Field, separator: String) -> String {
        quoteName(f.name) + separator + format(f.type) + (f.nullable ? "" : " not null")
    }

    static func quoteName(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { Parser.isIdentifier($0) }
        return plain ? name : "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`"
    }

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        var atEnd: Bool { i >= s.count }

        static func isIdentifier(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
        }

        mutating func skipSpace() {
            while i < s.count, s[i].properties.isWhitespace { i += 1 }
        }

        func error(_ what: String, at pos: Int) -> TextError {
            TextError("schema: \(what) at character \(pos + 1)")
        }

        func describeHere() -> String {
            atEnd ? "end of input" : "'\(s[i])'"
        }

        mutating func expect(_ c: Unicode.Scalar) throws(TextError) {
            skipSpace()
            guard i < s.count, s[i] == c else {
                throw error("expected '\(c)' but found \(describeHere())", at: i)
            }
            i += 1
        }

        mutating func peek(_ c: Unicode.Scalar) -> Bool {
            skipSpace()
            return i < s.count && s[i] == c
        }

        mutating func word() -> (String, Int)? {
            skipSpace()
            let start = i
            while i < s.count, Self.isIdentifier(s[i]) { i += 1 }
            guard i > start else { return nil }
            var str = ""
            str.unicodeScalars.append(contentsOf: s[start..<i])
            return (str, start)
        }

        mutating func name() throws(TextError) -> String {
            skipSpace()
            if i < s.count, s[i] == "`" {
                let start = i
                i += 1
                var str = ""
                while true {
                    guard i < s.count else { throw error("unterminated quoted name", at: start) }
                    if s[i] == "`" {
                        if i + 1 < s.count, s[i + 1] == "`" { str.unicodeScalars.append("`"); i += 2; continue }
                        i += 1
                        break
                    }
                    str.unicodeScalars.append(s[i]); i += 1
                }
                guard !str.isEmpty else { throw error("empty column name", at: start) }
                return str
            }
            guard let (w, _) = word() else { throw error("expected a column name but found \(describeHere())", at: i) }
            return w
        }

        mutating func field(topLevel: Bool) throws(TextError) -> Field {
            let n = try name()
            // `a:int` and `a int` are both accepted.
            if peek(":") { i += 1 }
            let t = try type()
            var nullable = true
            let save = i
            if let (w, pos) = word() {
                if w.lowercased() == "not" {
                    guard let (w2, _) = word(), w2.lowercased() == "null" else {
                        throw error("expected 'null' after 'not'", at: pos + 3)
                    }
                    nullable = false
                } else {
                    throw error("unexpected '\(w)'", at: pos)
                }
            } else {
                i = save
            }
            return Field(n, t, nullable: nullable)
        }

        mutating func integer() throws(TextError) -> Int {
            skipSpace()
            let start = i
            var v = 0
            while i < s.count, ("0"..."9").contains(s[i]), v < 1_000_000 {
                v = v * 10 + Int(s[i].value - 48); i += 1
            }
            guard i > start else { throw error("expected a number but found \(describeHere())", at: i) }
            return v
        }

        mutating func type() throws(TextError) -> DataType {
            skipSpace()
            guard let (w, pos) = word() else {
                throw error("expected a type but found \(describeHere())", at: i)
            }
            switch w.lowercased() {
            case "boolean", "bool": return .boolean
            case "byte", "tinyint": return .byte
            case "short", "smallint": return .short
            case "int", "integer": return .integer
            case "long", "bigint": return .long
            case "float", "real": return .float
            case "double": return .double
            case "string": return .string
            case "binary": return .binary
            case "date": return .date
            case "timestamp": return .timestamp
            case "timestamp_ntz": return .timestampNtz
            case "decimal", "dec", "numeric":
                guard peek("(") else { return .decimal(precision: 10, scale: 0) }
                i += 1
                let pPos = i
                let p = try integer()
                var sc = 0
                if peek(",") { i += 1; sc = try integer() }
                try expect(")")
                guard (1...DataType.maxDecimalPrecision).contains(p), sc <= p else {
                    throw error("decimal(\(p),\(sc)) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision", at: pPos)
                }
                return .decimal(precision: p, scale: sc)
            case "array":
                try expect("<")
                let e = try type()
                try expect(">")
                return .array(element: Field("element", e, nullable: true))
            case "map":
                try expect("<")
                let k = try type()
                try expect(",")
                let v = try type()
                try expect(">")
                return .map(key: Field("key", k, nullable: false), value: Field("value", v, nullable: true))
            case "struct":
                try expect("<")
                var fields: [Field] = []
                if peek(">") { i += 1; return .struct([]) }
                while true {
                    let f = try field(topLevel: false)
                    if fields.contains(where: { $0.name == f.name }) {
                        throw error("duplicate field name '\(f.name)'", at: i)
                    }
                    fields.append(f)
                    if peek(",") { i += 1; continue }
                    try expect(">")
                    break
                }
                return .struct(fields)
            default:
                throw error("unknown type '\(w)'", at: pos)
            }
        }
    }
}
