/// Writes compact JSON (no spaces). Strings: `"` and `\` and control characters escaped
/// (`\n \r \t \b \f`, others as `\u00xx` with lower-case hex, as Python's `json.dumps`
/// writes them); everything else, non-ASCII and U+007F included, as UTF-8. This is the one JSON
/// string escaper: the log and the canonical row format (TextFormats) both use it.
/// Numbers are written as their stored text; object keys in their stored order.
public enum JSONWriter {
    public static func append(_ v: JSONValue, to out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case let .bool(b): appendRaw(b ? "true" : "false", to: &out)
        case let .number(n): appendRaw(n, to: &out)
        case let .string(s): appendString(s, to: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(entries):
            out.append(UInt8(ascii: "{"))
            for (i, e) in entries.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(e.key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(e.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a quoted, escaped JSON string.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendEscaped($0, to: &out) }
    }

    /// Appends UTF-8 bytes (a string column's value) as a quoted, escaped JSON string. Bytes
    /// that are not valid UTF-8 are replaced by U+FFFD, as `String(decoding:as:)` does.
    public static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if isValidUTF8(bytes) {
            appendEscaped(bytes, to: &out)
        } else {
            var repaired = String(decoding: bytes, as: UTF8.self)
            repaired.withUTF8 { appendEscaped($0, to: &out) }
        }
    }

    /// Whether `bytes` is valid UTF-8 (checked without allocating).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for c in bytes where c >= 0x80 { ascii = false; break }
        if ascii { return true }
        var decoder = UTF8()
        var it = bytes.makeIterator()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// `"…"` around valid UTF-8, with `"`, `\` and control characters escaped.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<bytes.count {
            let c = bytes[i]
            guard c < 0x20 || c == 0x22 || c == 0x5C else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            runStart = i + 1
            out.append(UInt8(ascii: "\\"))
            switch c {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(0x30)
                out.append(0x30)
                out.append(hexDigits[Int(c >> 4)])
                out.append(hexDigits[Int(c & 15)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        out.append(UInt8(ascii: "\""))
    }

    /// Appends text verbatim (already valid JSON, e.g. a number).
    public static func appendRaw(_ s: String, to out: inout [UInt8]) {
        out.append(contentsOf: s.utf8)
    }

    /// The compact JSON text of `v`.
    public static func string(_ v: JSONValue) -> String {
        var out: [UInt8] = []
        append(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The JSON string literal (with quotes) for `s`.
    public static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
