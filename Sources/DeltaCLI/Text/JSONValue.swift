import Columnar

/// A parsed JSON value that keeps object key order and the exact text of numbers
/// (so decimals convert exactly and integers are told apart from floats).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Parses one JSON document (surrounding whitespace allowed). Errors name the 1-based byte column.
    public static func parse(_ p: UnsafeBufferPointer<UInt8>) throws(TextError) -> JSONValue {
        var parser = JSONParser(p: p)
        parser.skipSpace()
        let v = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.i == p.count else { throw parser.error("unexpected text after the JSON value") }
        return v
    }

    public static func parse(_ text: String) throws(TextError) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (p) throws(TextError) -> JSONValue in try parse(p) }
    }

    /// Compact JSON text of the value.
    public var text: String {
        var out: [UInt8] = []
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func append(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .number(t): out.append(contentsOf: t.utf8)
        case let .string(s): CanonicalJSON.appendString(s, to: &out)
        case let .array(a):
            out.append(UInt8(ascii: "["))
            for (n, v) in a.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                v.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(o):
            out.append(UInt8(ascii: "{"))
            for (n, e) in o.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                CanonicalJSON.appendString(e.key, to: &out)
                out.append(UInt8(ascii: ":"))
                e.value.append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

struct JSONParser {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0

    func error(_ what: String) -> TextError {
        TextError("\(what) at column \(i + 1)")
    }

    mutating func skipSpace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
    }

    mutating func literal(_ word: String, _ v: JSONValue) throws(TextError) -> JSONValue {
        for c in word.utf8 {
            guard i < p.count, p[i] == c else { throw error("invalid JSON literal") }
            i += 1
        }
        return v
    }

    mutating func value(depth: Int) throws(TextError) -> JSONValue {
        guard depth < 512 else { throw error("JSON nested too deeply") }
        guard i < p.count else { throw error("unexpected end of JSON") }
        switch p[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if i < p.count, p[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            while true {
                skipSpace()
                guard i < p.count, p[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                let k = try string()
                skipSpace()
                guard i < p.count, p[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
                i += 1
                skipSpace()
                members.append((k, try value(depth: depth + 1)))
                skipSpace()
                guard i < p.count else { throw error("unexpected end of JSON") }
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                guard p[i] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                i += 1
                return .object(members)
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < p.count, p[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard i < p.count else { throw error("unexpected end of JSON") }
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                guard p[i] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                i += 1
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "N"): return try literal("NaN", .number("NaN"))
        case UInt8(ascii: "I"): return try literal("Infinity", .number("Infinity"))
        default:
            return try number()
        }
    }

    mutating func number() throws(TextError) -> JSONValue {
        let start = i
        if i < p.count, p[i] == UInt8(ascii: "-") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "I") { _ = try literal("Infinity", .null); return .number("-Infinity") }
        }
        func digits(_ i: inout Int) -> Int {
            let s = i
            while i < p.count, p[i] >= 48, p[i] <= 57 { i += 1 }
            return i - s
        }
        guard digits(&i) > 0 else { i = start; throw error("invalid JSON value") }
        if i < p.count, p[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&i) > 0 else { throw error("invalid JSON number") }
        }
        if i < p.count, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < p.count, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&i) > 0 else { throw error("invalid JSON number") }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self))
    }

    mutating func hex4() throws(TextError) -> UInt32 {
        guard i + 4 <= p.count else { throw error("bad \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = p[i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw error("bad \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    mutating func string() throws(TextError) -> String {
        i += 1   // opening quote
        let start = i
        // Fast path: no escapes.
        while i < p.count, p[i] != UInt8(ascii: "\""), p[i] != UInt8(ascii: "\\"), p[i] >= 0x20 { i += 1 }
        if i < p.count, p[i] == UInt8(ascii: "\"") {
            let s = UnsafeBufferPointer(rebasing: p[start..<i])
            i += 1
            guard let str = String(validating: s, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
            return str
        }
        var bytes = Array(UnsafeBufferPointer(rebasing: p[start..<i]))
        while true {
            guard i < p.count else { throw error("unterminated string") }
            let c = p[i]
            if c == UInt8(ascii: "\"") { i += 1; break }
            if c < 0x20 { throw error("control character in string") }
            if c != UInt8(ascii: "\\") { bytes.append(c); i += 1; continue }
            i += 1
            guard i < p.count else { throw error("unterminated string") }
            let e = p[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): bytes.append(0x22)
            case UInt8(ascii: "\\"): bytes.append(0x5C)
            case UInt8(ascii: "/"): bytes.append(0x2F)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var cp = try hex4()
                if (0xD800..<0xDC00).contains(cp), i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    let lo = try hex4()
                    if (0xDC00..<0xE000).contains(lo) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                    } else {
                        i = save
                    }
                }
                let scalar = Unicode.Scalar(cp) ?? "\u{FFFD}"
                bytes.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw error("bad escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        guard let str = String(validating: bytes, as: UTF8.self) else { throw error("invalid UTF-8 in string") }
        return str
    }
}
