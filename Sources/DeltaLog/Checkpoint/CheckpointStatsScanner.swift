import Columnar

/// Reads one file's `stats` JSON in a single streaming pass into per-leaf pending values, which
/// `StatsParsedWriter` then appends to its typed leaf buffers. No JSON tree, no dictionary, and
/// no String for numbers, dates, plain timestamps or unescaped strings.
///
/// The stats JSON (PROTOCOL.md "Per-file Statistics"; see `FileStatistics`):
///
/// | key          | value                                        | goes to                        |
/// |--------------|----------------------------------------------|--------------------------------|
/// | numRecords   | integer                                      | numRecords (required)          |
/// | minValues    | object nested like the schema, leaf = value  | minValues leaves               |
/// | maxValues    | same                                         | maxValues leaves               |
/// | nullCount    | object nested like the schema, leaf = integer| nullCount leaves               |
/// | tightBounds  | boolean                                      | tightBounds                    |
/// | anything else| any                                          | skipped (validated)            |
///
/// Semantics are those of parsing the whole text with `JSONParser` and looking each leaf up:
/// the text must be one strictly valid JSON object and carry an integer `numRecords` that fits
/// 64 bits, else the file's `stats_parsed` is null; a repeated key counts once, the last one
/// wins (for an object, its whole subtree); a value of the wrong JSON type, or one that does not
/// read as its leaf's type, is null.
struct CheckpointStatsScanner {
    /// How a bounds leaf reads its JSON value.
    enum Kind {
        /// JSON `true` / `false`.
        case boolean
        case integer(min: Int64, max: Int64)
        /// JSON string "YYYY-MM-DD", or an integer (days).
        case date
        /// JSON string timestamp, or an integer (microseconds).
        case timestamp
        case float
        case double
        case decimal(precision: Int, scale: Int)
        case string
        case none
    }

    /// A leaf value read from the current stats text.
    enum Pending {
        case null
        case bool(Bool)
        case int(Int64)
        case real(Double)
        case decimal(Int128)
        /// Byte range of an unescaped string's content in the stats text.
        case text(Int, Int)
        /// Byte range of a decoded string in `arena`.
        case decoded(Int, Int)
    }

    private let boundsKeys: CheckpointStatsKeys
    private let countKeys: CheckpointStatsKeys
    private let kinds: [Kind]
    /// minValues leaves at `0..<leafCount`, then maxValues leaves.
    private(set) var bounds: [Pending]
    let leafCount: Int
    private(set) var nullCounts: [Int64?]
    private(set) var numRecords: Int64?
    private(set) var tightBounds: Bool?
    /// Strings that had escapes, decoded (reset per file).
    private(set) var arena: [UInt8] = []

    init(layout: CheckpointStatsLayout) {
        boundsKeys = CheckpointStatsKeys(paths: layout.boundedLeaves.map(\.path))
        countKeys = CheckpointStatsKeys(paths: layout.countedLeaves.map(\.path))
        kinds = layout.boundedLeaves.map { Self.kind(of: $0.type) }
        leafCount = layout.boundedLeaves.count
        bounds = Array(repeating: .null, count: 2 * leafCount)
        nullCounts = Array(repeating: nil, count: layout.countedLeaves.count)
    }

    static func kind(of type: DataType) -> Kind {
        switch type {
        case .boolean: return .boolean
        case .byte: return .integer(min: Int64(Int8.min), max: Int64(Int8.max))
        case .short: return .integer(min: Int64(Int16.min), max: Int64(Int16.max))
        case .integer: return .integer(min: Int64(Int32.min), max: Int64(Int32.max))
        case .long: return .integer(min: .min, max: .max)
        case .date: return .date
        case .timestamp, .timestampNtz: return .timestamp
        case .float: return .float
        case .double: return .double
        case let .decimal(p, s): return .decimal(precision: p, scale: s)
        case .string: return .string
        default: return .none
        }
    }

    /// Reads `text`; true when the file has `stats_parsed` (then the pending values are set).
    mutating func scan(_ text: UnsafeRawBufferPointer) -> Bool {
        numRecords = nil
        tightBounds = nil
        arena.removeAll(keepingCapacity: true)
        for k in bounds.indices { bounds[k] = .null }
        for k in nullCounts.indices { nullCounts[k] = nil }
        var r = JSONReader(text)
        do throws(JSONSyntaxError) {
            guard r.peek() == UInt8(ascii: "{") else { return false }
            if try r.beginObject() {
                repeat {
                    let key = try r.readKey()
                    if key.is("numRecords") {
                        numRecords = try readCount(&r, depth: 1)
                    } else if key.is("minValues") {
                        try readBounds(&r, node: 0, base: 0, depth: 1)
                    } else if key.is("maxValues") {
                        try readBounds(&r, node: 0, base: leafCount, depth: 1)
                    } else if key.is("nullCount") {
                        try readCounts(&r, node: 0, depth: 1)
                    } else if key.is("tightBounds") {
                        switch r.peek() {
                        case UInt8(ascii: "t"), UInt8(ascii: "f"): tightBounds = try r.readBool("tightBounds")
                        default: tightBounds = nil; try Self.skip(&r, depth: 1)
                        }
                    } else {
                        try Self.skip(&r, depth: 1)
                    }
                } while try r.nextMember()
            }
            r.skipWhitespace()
            return r.atEnd && numRecords != nil
        } catch {
            return false
        }
    }

    // MARK: sections

    /// An integer that fits Int64, else nil (any other value is skipped).
    private func readCount(_ r: inout JSONReader, depth: Int) throws(JSONSyntaxError) -> Int64? {
        guard let c = r.peek(), c == UInt8(ascii: "-") || c &- 0x30 < 10 else {
            try Self.skip(&r, depth: depth)
            return nil
        }
        let range = try r.scanNumber()
        return CheckpointStatsText.int64(UnsafeRawBufferPointer(rebasing: r.base[range]))
    }

    /// The object at `node` of the bounds tree (the value of `minValues` or of a struct in it);
    /// leaf k goes to `bounds[base + k]`.
    private mutating func readBounds(_ r: inout JSONReader, node: Int, base: Int, depth: Int) throws(JSONSyntaxError) {
        for k in boundsKeys.nodes[node].leaves { bounds[base + k] = .null }
        guard depth < JSONReader.maxDepth else { throw r.fail("nesting deeper than \(JSONReader.maxDepth) levels") }
        guard r.peek() == UInt8(ascii: "{") else { try Self.skip(&r, depth: depth); return }
        guard try r.beginObject() else { return }
        var hint = 0
        repeat {
            let key = try r.readKey()
            guard let child = boundsKeys.child(of: node, key: key, hint: &hint) else {
                try Self.skip(&r, depth: depth + 1)
                continue
            }
            let leaf = boundsKeys.nodes[child].leaf
            if leaf < 0 {
                try readBounds(&r, node: child, base: base, depth: depth + 1)
            } else {
                bounds[base + leaf] = try readValue(&r, kinds[leaf], depth: depth + 1)
            }
        } while try r.nextMember()
    }

    /// The object at `node` of the null-count tree.
    private mutating func readCounts(_ r: inout JSONReader, node: Int, depth: Int) throws(JSONSyntaxError) {
        for k in countKeys.nodes[node].leaves { nullCounts[k] = nil }
        guard depth < JSONReader.maxDepth else { throw r.fail("nesting deeper than \(JSONReader.maxDepth) levels") }
        guard r.peek() == UInt8(ascii: "{") else { try Self.skip(&r, depth: depth); return }
        guard try r.beginObject() else { return }
        var hint = 0
        repeat {
            let key = try r.readKey()
            guard let child = countKeys.child(of: node, key: key, hint: &hint) else {
                try Self.skip(&r, depth: depth + 1)
                continue
            }
            let leaf = countKeys.nodes[child].leaf
            if leaf < 0 {
                try readCounts(&r, node: child, depth: depth + 1)
            } else {
                nullCounts[leaf] = try readCount(&r, depth: depth + 1)
            }
        } while try r.nextMember()
    }

    // MARK: values

    /// One bounds value as its leaf's kind, or `.null` (the value is consumed either way).
    private mutating func readValue(_ r: inout JSONReader, _ kind: Kind, depth: Int) throws(JSONSyntaxError) -> Pending {
        guard depth < JSONReader.maxDepth else { throw r.fail("nesting deeper than \(JSONReader.maxDepth) levels") }
        guard let c = r.peek() else { throw r.fail("expected a value but found end of input") }
        if c == UInt8(ascii: "\"") {
            switch kind {
            case .string, .date, .timestamp: break
            default: try Self.skip(&r, depth: depth); return .null
            }
            let (start, end, decoded) = try readStringContent(&r)
            let bytes = decoded ? UnsafeRawBufferPointer(start: nil, count: 0) : UnsafeRawBufferPointer(rebasing: r.base[start..<end])
            switch kind {
            case .string:
                return decoded ? .decoded(start, end) : .text(start, end)
            case .date:
                let value = decoded ? arena.withUnsafeBytes { CheckpointStatsText.date(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                                    : CheckpointStatsText.date(bytes)
                return value.map { .int(Int64($0)) } ?? .null
            default:
                let value = decoded ? arena.withUnsafeBytes { CheckpointStatsText.timestamp(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                                    : CheckpointStatsText.timestamp(bytes)
                return value.map { .int($0) } ?? .null
            }
        }
        if case .boolean = kind, c == UInt8(ascii: "t") || c == UInt8(ascii: "f") {
            return .bool(try r.readBool("value"))
        }
        guard c == UInt8(ascii: "-") || c &- 0x30 < 10 else {
            try Self.skip(&r, depth: depth)
            return .null
        }
        let range = try r.scanNumber()
        let number = UnsafeRawBufferPointer(rebasing: r.base[range])
        switch kind {
        case let .integer(lo, hi):
            guard let x = CheckpointStatsText.int64(number), x >= lo, x <= hi else { return .null }
            return .int(x)
        case .date, .timestamp:
            return CheckpointStatsText.int64(number).map { .int($0) } ?? .null
        case .float:
            guard let x = CheckpointStatsText.float(number), x.isFinite else { return .null }
            return .real(Double(x))
        case .double:
            guard let x = CheckpointStatsText.double(number), x.isFinite else { return .null }
            return .real(x)
        case let .decimal(p, s):
            return CheckpointStatsText.decimal(number, precision: p, scale: s).map { .decimal($0) } ?? .null
        case .boolean, .string, .none:
            return .null
        }
    }

    /// A string value: the byte range of its content in the text when it has no escapes and is
    /// ASCII, else decoded (strictly, by `JSONReader.readString`) into `arena`.
    private mutating func readStringContent(_ r: inout JSONReader) throws(JSONSyntaxError) -> (Int, Int, decoded: Bool) {
        let quote = r.pos
        var i = quote + 1
        while i < r.end {
            let c = r.byte(i)
            if c == UInt8(ascii: "\"") {
                r.pos = i + 1
                return (quote + 1, i, false)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            i += 1
        }
        var s = try r.readString()
        let start = arena.count
        s.withUTF8 { arena.append(contentsOf: $0) }
        return (start, arena.count, true)
    }

    /// Skips one value, validating it as strictly as `JSONReader.readValue`, without building it.
    static func skip(_ r: inout JSONReader, depth: Int) throws(JSONSyntaxError) {
        guard depth < JSONReader.maxDepth else { throw r.fail("nesting deeper than \(JSONReader.maxDepth) levels") }
        guard let c = r.peek() else { throw r.fail("expected a value but found end of input") }
        switch c {
        case UInt8(ascii: "{"):
            if try r.beginObject() {
                repeat {
                    _ = try r.readKey()
                    try skip(&r, depth: depth + 1)
                } while try r.nextMember()
            }
        case UInt8(ascii: "["):
            if try r.beginArray() {
                repeat { try skip(&r, depth: depth + 1) } while try r.nextElement()
            }
        case UInt8(ascii: "\""):
            var i = r.pos + 1
            while i < r.end {
                let b = r.byte(i)
                if b == UInt8(ascii: "\"") { r.pos = i + 1; return }
                if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { break }
                i += 1
            }
            _ = try r.readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try r.readBool("value")
        case UInt8(ascii: "n"):
            guard r.readNull() else { throw r.fail("expected a value but found \(r.describeNext())") }
        case UInt8(ascii: "-"), 0x30...0x39:
            _ = try r.scanNumber()
        default:
            throw r.fail("expected a value but found \(r.describeNext())")
        }
    }
}
