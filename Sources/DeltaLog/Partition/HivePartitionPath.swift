/// Hive-style partition directories, as Spark names them: `col=value/…`, each name and value
/// escaped like Spark's `ExternalCatalogUtils.escapePathName`: `%XX` (uppercase hex) for the
/// control characters U+0000–U+001F, `"` `#` `%` `'` `*` `/` `:` `=` `?` `\` U+007F `{` `[` `]` `^`;
/// a null or empty value is `__HIVE_DEFAULT_PARTITION__`.
public enum HivePartitionPath {
    public static let nullValue = "__HIVE_DEFAULT_PARTITION__"

    /// "a=1/b=x%2Fy" (no leading or trailing slash).
    public static func directory(for values: [(column: String, value: String?)]) -> String {
        values.map { pair in
            let v = pair.value.map { $0.isEmpty ? nullValue : escape($0) } ?? nullValue
            return escape(pair.column) + "=" + v
        }.joined(separator: "/")
    }

    static func needsEscape(_ c: UInt8) -> Bool {
        switch c {
        case 0x00...0x1F, 0x7F: return true
        case UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "'"), UInt8(ascii: "*"),
             UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "\\"),
             UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"):
            return true
        default: return false
        }
    }

    /// Escapes one path component.
    public static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: needsEscape) else { return s }
        var out: [UInt8] = []
        for c in s.utf8 {
            if needsEscape(c) { out.append(contentsOf: percent(c)) } else { out.append(c) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Inverse of `escape` (`%XX` → byte; anything else unchanged).
    public static func unescape(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%"), i + 2 < u.count, let h = hexValue(u[i + 1]), let l = hexValue(u[i + 2]) {
                out.append(h << 4 | l); i += 3
            } else { out.append(u[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)

    static func percent(_ c: UInt8) -> [UInt8] {
        [UInt8(ascii: "%"), hex[Int(c >> 4)], hex[Int(c & 15)]]
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}
