/// A strict RFC 8259 cursor over UTF-8 bytes, shared by `JSONParser` (whole values) and
/// `ActionCodec` (typed field scanning without building a `JSONValue` tree).
///
/// Grammar accepted (RFC 8259): `ws value ws`; objects/arrays without trailing commas; strings
/// with no raw control characters (< 0x20), only the escapes `\" \\ \/ \b \f \n \r \t \uXXXX`,
/// surrogate escapes only as high+low pairs, valid UTF-8 only; numbers
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`; literals `true false null`.
/// Nesting deeper than `JSONReader.maxDepth` is rejected.
///
/// The buffer must outlive the reader: it is only used inside the `withUnsafeBytes` closure that
/// created it.
struct JSONReader {
    static let maxDepth = 512

    let base: UnsafeRawBufferPointer
    var pos: Int
    let end: Int

    init(_ base: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.base = base
        self.pos = start
        self.end = end ?? base.count
    }

    // MARK: bytes

    @inline(__always) var atEnd: Bool { pos >= end }

    @inline(__always) func byte(_ i: Int) -> UInt8 {
        // Safe: every caller checks i < end <= base.count first.
        base.load(fromByteOffset: i, as: UInt8.self)
    }

    @inline(__always) mutating func skipWhitespace() {
        while pos < end {
            let c = byte(pos)
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    /// The next non-whitespace byte without consuming it, or nil at the end.
    @inline(__always) mutating func peek() -> UInt8? {
        skipWhitespace()
        return pos < end ? byte(pos) : nil
    }

    func fail(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: min(offset ?? pos, end), message: message)
    }

    func describeNext() -> String {
        guard pos < end else { return "end of input" }
        let c = byte(pos)
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16, uppercase: true)
    }

    @inline(__always) mutating func expect(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard pos < end, byte(pos) == c else { throw fail("expected \(what) but found \(describeNext())") }
        pos += 1
    }

    /// Consumes `c` (after whitespace) if it is next.
    @inline(__always) mutating func consume(_ c: UInt8) -> Bool {
        skipWhitespace()
        if pos < end && byte(pos) == c { pos += 1; return true }
        return false
    }

    // MARK: objects and arrays

    /// After `{`: true if the object has a (first) member. Consumes `}` for an empty object.
    mutating func beginObject() throws(JSONSyntaxError) -> Bool {
        try expect(UInt8(ascii: "{"), "'{'")
        return !consume(UInt8(ascii: "}"))
    }

    /// After a member value: true if another member follows (consumes `,`), false at `}`.
    mutating func nextMember() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard pos < end else { throw fail("unterminated object: expected ',' or '}'") }
        let c = byte(pos)
        pos += 1
        if c == UInt8(ascii: ",") { return true }
        if c == UInt8(ascii: "}") { return false }
        pos -= 1
        throw fail("expected ',' or '}' after an object member but found \(describeNext())")
    }

    mutating func beginArray() throws(JSONSyntaxError) -> Bool {
        try expect(UInt8(ascii: "["), "'['")
        return !consume(UInt8(ascii: "]"))
    }

    mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard pos < end else { throw fail("unterminated array: expected ',' or ']'") }
        let c = byte(pos)
        pos += 1
        if c == UInt8(ascii: ",") { return true }
        if c == UInt8(ascii: "]") { return false }
        pos -= 1
        throw fail("expected ',' or ']' after an array element but found \(describeNext())")
    }

    /// Reads a member key and the `:` after it. Fast path: returns the raw byte range when the
    /// key has no escapes (compare with `keyIs`); otherwise the decoded key.
    mutating func readKey() throws(JSONSyntaxError) -> JSONKey {
        skipWhitespace()
        guard pos < end, byte(pos) == UInt8(ascii: "\"") else {
            throw fail("expected a string key but found \(describeNext())")
        }
        let start = pos + 1
        var i = start
        while i < end {
            let c = byte(i)
            if c == UInt8(ascii: "\"") {
                pos = i + 1
                try expect(UInt8(ascii: ":"), "':' after an object key")
                return JSONKey(reader: self, start: start, end: i, decoded: nil)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            i += 1
        }
        let s = try readString()
        try expect(UInt8(ascii: ":"), "':' after an object key")
        return JSONKey(reader: self, start: 0, end: 0, decoded: s)
    }

    // MARK: scalars

    /// Reads a string value (strict escapes and UTF-8).
    mutating func readString() throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard pos < end, byte(pos) == UInt8(ascii: "\"") else {
            throw fail("expected a string but found \(describeNext())")
        }
        pos += 1
        let start = pos
        // Fast path: plain ASCII without escapes.
        while pos < end {
            let c = byte(pos)
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: base[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            pos += 1
        }
        // Slow path: find the closing quote, then decode escapes straight into the String's
        // storage (the decoded text is never longer than the escaped text).
        var close = pos
        while true {
            guard close < end else { throw fail("unterminated string") }
            let c = byte(close)
            if c == UInt8(ascii: "\"") { break }
            close += c == UInt8(ascii: "\\") ? 2 : 1
        }
        var failure: JSONSyntaxError?
        let from = start
        let s = String(unsafeUninitializedCapacity: close - start) { buffer in
            var w = 0
            var r = from
            do throws(JSONSyntaxError) {
                while r < close {
                    let c = byte(r)
                    if c == UInt8(ascii: "\\") {
                        r = try decodeEscape(at: r, into: buffer, at: &w)
                    } else if c < 0x20 {
                        throw fail("control character 0x" + String(c, radix: 16, uppercase: true)
                                   + " in a string must be escaped", at: r)
                    } else if c < 0x80 {
                        // Copy the run of plain ASCII up to the next escape / special byte.
                        var j = r + 1
                        while j < close {
                            let d = byte(j)
                            if d == UInt8(ascii: "\\") || d < 0x20 || d >= 0x80 { break }
                            j += 1
                        }
                        // Safe: w + (j - r) <= close - from == buffer.count (decoding never expands).
                        UnsafeMutableRawPointer(buffer.baseAddress! + w)
                            .copyMemory(from: base.baseAddress! + r, byteCount: j - r)
                        w += j - r
                        r = j
                    } else {
                        let n = try utf8SequenceLength(at: r, limit: close)
                        for k in 0..<n { buffer[w + k] = byte(r + k) }
                        w += n; r += n
                    }
                }
            } catch {
                failure = error
                return 0
            }
            return w
        }
        if let failure { throw failure }
        pos = close + 1
        return s
    }

    /// Decodes the escape at `i` (a backslash) into `out[w...]`; returns the index after it.
    private func decodeEscape(at i: Int, into out: UnsafeMutableBufferPointer<UInt8>, at w: inout Int) throws(JSONSyntaxError) -> Int {
        guard i + 1 < end else { throw fail("unterminated escape sequence", at: i) }
        let e = byte(i + 1)
        let decoded: UInt8
        switch e {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            var scalar = try hex4(at: i + 2)
            var next = i + 6
            if (0xD800...0xDBFF).contains(scalar) {
                guard next + 1 < end, byte(next) == UInt8(ascii: "\\"), byte(next + 1) == UInt8(ascii: "u"),
                      case let low = try hex4(at: next + 2), (0xDC00...0xDFFF).contains(low) else {
                    throw fail("lone high surrogate \\u" + String(scalar, radix: 16, uppercase: true)
                               + " (a low surrogate \\uDC00-\\uDFFF must follow)", at: i)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("lone low surrogate \\u" + String(scalar, radix: 16, uppercase: true), at: i)
            }
            // Safe: surrogates were handled above, and scalar <= 0x10FFFF.
            for b in UTF8.encode(Unicode.Scalar(scalar)!)! { out[w] = b; w += 1 }
            return next
        default:
            throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at: i)
        }
        out[w] = decoded
        w += 1
        return i + 2
    }

    private func hex4(at i: Int) throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= end else { throw fail("truncated \\u escape (needs 4 hex digits)", at: i - 2) }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = byte(i + k)
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: throw fail("invalid hex digit in \\u escape", at: i + k)
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Length of the valid UTF-8 sequence starting at `i` (first byte >= 0x80), or throws.
    private func utf8SequenceLength(at i: Int, limit: Int) throws(JSONSyntaxError) -> Int {
        let b0 = byte(i)
        let n: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: n = 2
        case 0xE0: n = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: n = 3
        case 0xED: n = 3; hi = 0x9F
        case 0xF0: n = 4; lo = 0x90
        case 0xF1...0xF3: n = 4
        case 0xF4: n = 4; hi = 0x8F
        default: throw fail("invalid UTF-8 byte 0x" + String(b0, radix: 16, uppercase: true), at: i)
        }
        guard i + n <= limit else { throw fail("truncated UTF-8 sequence", at: i) }
        let b1 = byte(i + 1)
        guard b1 >= lo && b1 <= hi else { throw fail("invalid UTF-8 sequence", at: i) }
        for k in 2..<max(n, 2) {
            let b = byte(i + k)
            guard b & 0xC0 == 0x80 else { throw fail("invalid UTF-8 sequence", at: i) }
        }
        return n
    }

    /// Validates a number and returns the byte range of its text.
    mutating func scanNumber() throws(JSONSyntaxError) -> Range<Int> {
        skipWhitespace()
        let start = pos
        var i = pos
        @inline(__always) func isDigit(_ i: Int) -> Bool { i < end && byte(i) >= 0x30 && byte(i) <= 0x39 }
        if i < end && byte(i) == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw fail("invalid number: expected a digit", at: i) }
        if byte(i) == 0x30 {
            i += 1
            if isDigit(i) { throw fail("invalid number: leading zero", at: start) }
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < end && byte(i) == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { throw fail("invalid number: expected a digit after '.'", at: i) }
            while isDigit(i) { i += 1 }
        }
        if i < end && (byte(i) == UInt8(ascii: "e") || byte(i) == UInt8(ascii: "E")) {
            i += 1
            if i < end && (byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { throw fail("invalid number: expected a digit in the exponent", at: i) }
            while isDigit(i) { i += 1 }
        }
        pos = i
        return start..<i
    }

    func text(_ r: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: base[r]), as: UTF8.self)
    }

    /// Reads an integer number that fits Int64 (no fraction or exponent). `field` names it in errors.
    mutating func readInt64(_ field: String) throws(JSONSyntaxError) -> Int64 {
        skipWhitespace()
        let start = pos
        guard pos < end, byte(pos) == UInt8(ascii: "-") || (byte(pos) >= 0x30 && byte(pos) <= 0x39) else {
            throw fail("'\(field)' must be an integer but found \(describeNext())")
        }
        let r = try scanNumber()
        var i = r.lowerBound
        let negative = byte(i) == UInt8(ascii: "-")
        if negative { i += 1 }
        var v: Int64 = 0
        while i < r.upperBound {
            let c = byte(i)
            guard c >= 0x30 && c <= 0x39 else {
                throw fail("'\(field)' must be an integer but is \(text(r))", at: start)
            }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(c - 0x30))
                                   : m.addingReportingOverflow(Int64(c - 0x30))
            guard !o1 && !o2 else { throw fail("'\(field)' = \(text(r)) does not fit a 64-bit integer", at: start) }
            v = a
            i += 1
        }
        return v
    }

    mutating func readBool(_ field: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw fail("'\(field)' must be true or false but found \(describeNext())")
    }

    /// True (and consumed) if the next value is `null`.
    mutating func readNull() -> Bool {
        skipWhitespace()
        return matchLiteral("null")
    }

    private mutating func matchLiteral(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= end else { return false }
        let p = s.utf8Start
        for k in 0..<n where byte(pos + k) != p[k] { return false }
        pos += n
        return true
    }

    // MARK: whole values

    mutating func readValue(depth: Int = 0) throws(JSONSyntaxError) -> JSONValue {
        guard depth < JSONReader.maxDepth else { throw fail("nesting deeper than \(JSONReader.maxDepth) levels") }
        skipWhitespace()
        guard pos < end else { throw fail("expected a value but found end of input") }
        switch byte(pos) {
        case UInt8(ascii: "{"):
            var entries: [(key: String, value: JSONValue)] = []
            if try beginObject() {
                repeat {
                    let key = try readKey().string
                    let value = try readValue(depth: depth + 1)
                    entries.append((key: key, value: value))
                } while try nextMember()
            }
            return .object(entries)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            if try beginArray() {
                repeat { items.append(try readValue(depth: depth + 1)) } while try nextElement()
            }
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readBool("value"))
        case UInt8(ascii: "n"):
            if readNull() { return .null }
            throw fail("expected a value but found \(describeNext())")
        case UInt8(ascii: "-"), 0x30...0x39:
            return .number(text(try scanNumber()))
        default:
            throw fail("expected a value but found \(describeNext())")
        }
    }

    /// Skips one value, validating it as strictly as `readValue`.
    mutating func skipValue() throws(JSONSyntaxError) {
        _ = try readValue()
    }
}

/// An object key as read by `JSONReader.readKey`: raw bytes when unescaped, or decoded text.
struct JSONKey {
    let reader: JSONReader
    let start: Int
    let end: Int
    let decoded: String?

    @inline(__always) func `is`(_ s: StaticString) -> Bool {
        if let decoded { return decoded == s.description }
        let n = s.utf8CodeUnitCount
        guard end - start == n else { return false }
        let p = s.utf8Start
        for k in 0..<n where reader.byte(start + k) != p[k] { return false }
        return true
    }

    var string: String { decoded ?? reader.text(start..<end) }
}

/// A syntax error at a byte offset; converted to line/column by the public entry points, which
/// keep it as their `DeltaError`'s `cause`.
struct JSONSyntaxError: Error, CustomStringConvertible {
    var offset: Int
    var message: String

    var description: String { "\(message) (byte \(offset))" }

    /// 1-based line and column (in Unicode scalars) of `offset` within `bytes`.
    static func lineColumn(of offset: Int, in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var i = start
        while i < offset && i < bytes.count {
            let c = bytes[i]
            if c == 0x0A { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }
}
