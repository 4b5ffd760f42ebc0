/// The reader behind `DataType.parseTypeName` (grammar in `DataType+Name.swift`): a cursor over
/// UTF-8 bytes; every error carries the byte offset where it was found.
struct TypeNameParser {
    let p: UnsafeBufferPointer<UInt8>
    var i: Int
    var depth = 0

    init(_ p: UnsafeBufferPointer<UInt8>, at offset: Int) {
        precondition(offset >= 0 && offset <= p.count, "offset \(offset) outside the text")
        self.p = p
        self.i = offset
    }

    var atEnd: Bool { i >= p.count }

    static func isIdentifier(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("0"..."9").contains(c) || c.properties.isAlphabetic
    }

    /// The scalar at `k` and its length in bytes; nil at the end or on invalid UTF-8.
    func scalar(at k: Int) -> (Unicode.Scalar, Int)? {
        guard k < p.count else { return nil }
        let lead = p[k]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, k + length <= p.count else { return nil }
        var value = UInt32(lead) & (0xFF >> (length + 1))
        for j in 1..<length {
            let c = p[k + j]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        guard let s = Unicode.Scalar(value), UTF8.width(s) == length else { return nil }
        return (s, length)
    }

    mutating func skipBlanks() {
        while let (s, n) = scalar(at: i), s.properties.isWhitespace { i += n }
    }

    /// How the next token is shown in a message: `'x'` or `end of input`.
    func describeHere() -> String {
        guard let (s, _) = scalar(at: i) else { return atEnd ? "end of input" : "an invalid UTF-8 byte" }
        return "'\(s)'"
    }

    func unexpected(_ context: String) -> TypeNameError {
        TypeNameError(.syntax, "unexpected \(describeHere()) \(context)", offset: i)
    }

    mutating func expect(_ c: UInt8) throws(TypeNameError) {
        skipBlanks()
        guard i < p.count, p[i] == c else {
            throw TypeNameError(.syntax, "expected '\(Unicode.Scalar(c))' but found \(describeHere())", offset: i)
        }
        i += 1
    }

    mutating func accept(_ c: UInt8) -> Bool {
        skipBlanks()
        guard i < p.count, p[i] == c else { return false }
        i += 1
        return true
    }

    /// An identifier's byte range, or nil (nothing consumed) when none starts here.
    mutating func word() -> Range<Int>? {
        skipBlanks()
        let start = i
        while let (s, n) = scalar(at: i), Self.isIdentifier(s) { i += n }
        return i > start ? start..<i : nil
    }

    func text(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self) }

    /// Whether the bytes in `r` spell `keyword` (lower-case ASCII), ignoring case.
    func matches(_ r: Range<Int>, _ keyword: StaticString) -> Bool {
        guard r.count == keyword.utf8CodeUnitCount else { return false }
        let k = keyword.utf8Start
        for j in 0..<r.count {
            let c = p[r.lowerBound + j]
            let lower = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
            if lower != k[j] { return false }
        }
        return true
    }

    mutating func integer() throws(TypeNameError) -> (value: Int, offset: Int) {
        skipBlanks()
        let start = i
        var v = 0
        while i < p.count, p[i] &- 0x30 < 10, i - start < 10 {
            v = v * 10 + Int(p[i] &- 0x30)
            i += 1
        }
        guard i > start else {
            throw TypeNameError(.syntax, "expected a number but found \(describeHere())", offset: i)
        }
        return (v, start)
    }

    // MARK: grammar

    mutating func type() throws(TypeNameError) -> DataType {
        skipBlanks()
        guard let w = word() else {
            throw TypeNameError(.syntax, "expected a type but found \(describeHere())", offset: i)
        }
        if let simple = simpleType(w) { return simple }
        if matches(w, "decimal") || matches(w, "dec") || matches(w, "numeric") { return try decimal() }
        if matches(w, "varchar") || matches(w, "char") {
            guard accept(UInt8(ascii: "(")) else {
                throw TypeNameError(.syntax, "\(text(w).lowercased()) needs a length: \(text(w).lowercased())(n)", offset: i)
            }
            let (n, at) = try integer()
            try expect(UInt8(ascii: ")"))
            guard n >= 1 else { throw TypeNameError(.invalidParameter, "a \(text(w).lowercased()) length must be at least 1", offset: at) }
            return .string
        }
        if matches(w, "array") || matches(w, "map") || matches(w, "struct") {
            guard depth < DataType.maxNameDepth else {
                throw TypeNameError(.tooDeep, "types nested more than \(DataType.maxNameDepth) deep", offset: w.lowerBound)
            }
            depth += 1
            defer { depth -= 1 }
            try expect(UInt8(ascii: "<"))
            if matches(w, "array") {
                let element = try type()
                try expect(UInt8(ascii: ">"))
                return .array(element: Field("element", element, nullable: true))
            }
            if matches(w, "map") {
                let key = try type()
                try expect(UInt8(ascii: ","))
                let value = try type()
                try expect(UInt8(ascii: ">"))
                return .map(key: Field("key", key, nullable: false), value: Field("value", value, nullable: true))
            }
            return try structFields()
        }
        throw TypeNameError(.unknownType,
            "unknown type '\(text(w))' (types: boolean, byte, short, int, long, float, double, decimal(p,s), string, "
                + "varchar(n), binary, date, timestamp, timestamp_ntz, array<t>, map<k,v>, struct<name:t,…>)",
            offset: w.lowerBound)
    }

    func simpleType(_ w: Range<Int>) -> DataType? {
        switch p[w.lowerBound] | 0x20 {
        case UInt8(ascii: "b"):
            if matches(w, "boolean") || matches(w, "bool") { return .boolean }
            if matches(w, "byte") { return .byte }
            if matches(w, "bigint") { return .long }
            if matches(w, "binary") { return .binary }
        case UInt8(ascii: "t"):
            if matches(w, "tinyint") { return .byte }
            if matches(w, "timestamp") { return .timestamp }
            if matches(w, "timestamp_ntz") { return .timestampNtz }
        case UInt8(ascii: "s"):
            if matches(w, "short") || matches(w, "smallint") { return .short }
            if matches(w, "string") { return .string }
        case UInt8(ascii: "i"):
            if matches(w, "int") || matches(w, "integer") { return .integer }
        case UInt8(ascii: "l"):
            if matches(w, "long") { return .long }
        case UInt8(ascii: "f"):
            if matches(w, "float") { return .float }
        case UInt8(ascii: "r"):
            if matches(w, "real") { return .float }
        case UInt8(ascii: "d"):
            if matches(w, "double") { return .double }
            if matches(w, "date") { return .date }
        default:
            break
        }
        return nil
    }

    mutating func decimal() throws(TypeNameError) -> DataType {
        guard accept(UInt8(ascii: "(")) else { return .decimal(precision: 10, scale: 0) }
        let (precision, at) = try integer()
        var scale = 0
        if accept(UInt8(ascii: ",")) { scale = try integer().value }
        try expect(UInt8(ascii: ")"))
        guard (1...DataType.maxDecimalPrecision).contains(precision), scale <= precision else {
            throw TypeNameError(.invalidParameter,
                "decimal(\(precision),\(scale)) needs 1 ≤ precision ≤ \(DataType.maxDecimalPrecision) and 0 ≤ scale ≤ precision",
                offset: at)
        }
        return .decimal(precision: precision, scale: scale)
    }

    mutating func structFields() throws(TypeNameError) -> DataType {
        var fields: [Field] = []
        if accept(UInt8(ascii: ">")) { return .struct([]) }
        while true {
            let f = try field()
            guard !fields.contains(where: { $0.name == f.name }) else {
                throw TypeNameError(.duplicateField, "duplicate field name '\(f.name)'", offset: i)
            }
            fields.append(f)
            if accept(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: ">"))
            return .struct(fields)
        }
    }

    /// `name [:] type [not null]`.
    mutating func field() throws(TypeNameError) -> Field {
        let name = try fieldName()
        _ = accept(UInt8(ascii: ":"))
        let t = try type()
        let save = i
        guard let w = word() else {
            i = save
            return Field(name, t)
        }
        guard matches(w, "not") else {
            throw TypeNameError(.syntax, "unexpected '\(text(w))'", offset: w.lowerBound)
        }
        guard let n = word(), matches(n, "null") else {
            throw TypeNameError(.syntax, "expected 'null' after 'not'", offset: w.upperBound)
        }
        return Field(name, t, nullable: false)
    }

    mutating func fieldName() throws(TypeNameError) -> String {
        skipBlanks()
        guard i < p.count, p[i] == UInt8(ascii: "`") else {
            guard let w = word() else {
                throw TypeNameError(.syntax, "expected a name but found \(describeHere())", offset: i)
            }
            return text(w)
        }
        let start = i
        i += 1
        var name: [UInt8] = []
        while true {
            guard i < p.count else { throw TypeNameError(.syntax, "unterminated quoted name", offset: start) }
            if p[i] == UInt8(ascii: "`") {
                if i + 1 < p.count, p[i + 1] == UInt8(ascii: "`") {
                    name.append(UInt8(ascii: "`"))
                    i += 2
                    continue
                }
                i += 1
                break
            }
            name.append(p[i])
            i += 1
        }
        guard !name.isEmpty else { throw TypeNameError(.syntax, "empty name", offset: start) }
        return String(decoding: name, as: UTF8.self)
    }
}
