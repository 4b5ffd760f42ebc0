import Columnar

extension TableFeatures {
    /// Column invariants (writer feature `invariants`): every field, at any struct depth, whose
    /// metadata has `delta.invariants` = `{"expression":{"expression":"<SQL>"}}`. The column path
    /// joins struct field names with dots.
    ///
    /// A value that is not in that shape is returned whole as the expression text, so that the
    /// expression parser above rejects it loudly rather than the invariant being dropped.
    public static func invariants(in schema: Schema) -> [(column: String, expression: String)] {
        var result: [(column: String, expression: String)] = []
        func visit(_ fields: [Field], prefix: String) {
            for field in fields {
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                if let text = field.metadata[invariantsKey] {
                    result.append((path, InvariantJSON.expression(in: text) ?? text))
                }
                if case let .struct(children) = field.type { visit(children, prefix: path) }
            }
        }
        visit(schema.fields, prefix: "")
        return result
    }
}

/// Extracts `expression.expression` from the small JSON object Delta stores as a column
/// invariant. A minimal reader on purpose: objects, strings (with escapes), and skipping of
/// other scalars and arrays; nil for anything malformed.
enum InvariantJSON {
    static func expression(in text: String) -> String? {
        var reader = Reader(bytes: Array(text.utf8))
        guard let outer = reader.object(), reader.atEnd(),
              case let .object(inner)? = outer["expression"],
              case let .string(sql)? = inner["expression"] else { return nil }
        return sql
    }

    enum Value { case string(String), object([String: Value]), other }

    struct Reader {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipBlanks() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        }

        mutating func atEnd() -> Bool { skipBlanks(); return i == bytes.count }

        mutating func eat(_ byte: UInt8) -> Bool {
            skipBlanks()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func value(depth: Int = 0) -> Value? {
            guard depth < 64 else { return nil }
            skipBlanks()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object(depth: depth).map(Value.object)
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "["):
                i += 1
                if eat(UInt8(ascii: "]")) { return .other }
                repeat { guard value(depth: depth + 1) != nil else { return nil } } while eat(UInt8(ascii: ","))
                return eat(UInt8(ascii: "]")) ? .other : nil
            default:
                let start = i
                while i < bytes.count, !"{}[],: \t\r\n\"".utf8.contains(bytes[i]) { i += 1 }
                return i > start ? .other : nil
            }
        }

        mutating func object(depth: Int = 0) -> [String: Value]? {
            guard eat(UInt8(ascii: "{")) else { return nil }
            var result: [String: Value] = [:]
            if eat(UInt8(ascii: "}")) { return result }
            repeat {
                skipBlanks()
                guard let key = string(), eat(UInt8(ascii: ":")), let v = value(depth: depth + 1) else { return nil }
                result[key] = v
            } while eat(UInt8(ascii: ","))
            return eat(UInt8(ascii: "}")) ? result : nil
        }

        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard i < bytes.count else { return nil }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
                    i += 4
                    // Surrogate pairs are rare in SQL text; a lone surrogate becomes U+FFFD.
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(e)  // \" \\ \/
                }
            }
            return nil
        }
    }
}
