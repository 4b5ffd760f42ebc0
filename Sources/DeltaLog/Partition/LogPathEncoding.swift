/// File paths in add/remove/cdc `path`: URI references relative to the table root (or absolute
/// URIs). Encoded like Spark (Hadoop `Path.toUri`, i.e. `java.net.URI`'s path quoting): kept as
/// is are ASCII letters, digits and `-_.!~*'()` `,;:$&+=@/`; everything else — `%` (so a Hive
/// `%3A` becomes `%253A`), space, `#`, `?`, `"`, `[`, non-ASCII bytes of UTF-8… — becomes `%XX`.
/// A `:` in the first segment is encoded too, so the reference cannot be read as a scheme.
/// Decode is the inverse and also takes `file:/…`, `file:///…` and `file://localhost/…` URIs
/// (absolute paths).
public enum LogPathEncoding {
    static func keep(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"), UInt8(ascii: "*"),
             UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
             UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }

    public static func encode(_ relativePath: String) -> String {
        var out: [UInt8] = []
        var inFirstSegment = true
        for c in relativePath.utf8 {
            if c == UInt8(ascii: "/") { inFirstSegment = false }
            if keep(c) && !(inFirstSegment && c == UInt8(ascii: ":")) {
                out.append(c)
            } else {
                out.append(contentsOf: HivePartitionPath.percent(c))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The file path a URI reference names: percent-decoded; `file:` URIs become absolute paths.
    /// Throws `DeltaError(.invalidValue)` for a bad `%` escape or bytes that are not UTF-8, and
    /// `.unsupportedFeature` for other schemes (`s3://…`).
    public static func decode(_ uri: String) throws -> String {
        var s = Substring(uri)
        if let colon = s.firstIndex(of: ":"), let slash = s.firstIndex(of: "/").map({ $0 }) ?? Optional(s.endIndex),
           colon < slash {
            let scheme = s[..<colon]
            let isScheme = scheme.count > 1 && scheme.first!.isLetter
                && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
            if isScheme {
                guard scheme.lowercased() == "file" else {
                    throw DeltaError(.unsupportedFeature, "path '\(uri)' uses the URI scheme '\(scheme)', which this version cannot read (only local files)")
                }
                s = s[s.index(after: colon)...]
                if s.hasPrefix("//") {
                    s = s.dropFirst(2)
                    let authorityEnd = s.firstIndex(of: "/") ?? s.endIndex
                    let authority = s[..<authorityEnd]
                    guard authority.isEmpty || authority == "localhost" else {
                        throw DeltaError(.unsupportedFeature, "path '\(uri)' names host '\(authority)'; only local files can be read")
                    }
                    s = s[authorityEnd...]
                }
            }
        }
        let u = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "%") {
                guard i + 2 < u.count, let h = HivePartitionPath.hexValue(u[i + 1]), let l = HivePartitionPath.hexValue(u[i + 2]) else {
                    throw DeltaError(.invalidValue, "path '\(uri)' has an invalid percent escape at position \(i + 1) (expected %XX)")
                }
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        guard let decoded = String(validating: out, as: UTF8.self) else {
            throw DeltaError(.invalidValue, "path '\(uri)' decodes to bytes that are not UTF-8")
        }
        return decoded
    }
}
