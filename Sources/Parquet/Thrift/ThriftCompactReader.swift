/// Reads Thrift compact-protocol values from a byte buffer.
///
/// Every read is bounds-checked and every failure is a `ParquetError(.corruptMetadata)` whose
/// offset is the position in `buffer` where decoding failed. Lengths and element counts are
/// checked against the bytes that remain before anything is allocated, and nesting is limited
/// to `maxDepth`, so no input can trap or make the reader allocate more than the input size allows.
///
/// Struct decoding follows this pattern:
/// ```
/// let saved = try r.beginStruct()
/// while let f = try r.readFieldHeader() {
///     switch (f.id, f.type) {
///     case (1, .i32): x = try r.readI32()
///     default: try r.skip(f)
///     }
/// }
/// r.endStruct(saved)
/// ```
/// A known field id arriving with an unexpected wire type is skipped like an unknown field
/// (as generated Thrift code does); a then-missing required field is reported by the caller.
struct ThriftCompactReader {
    let buffer: UnsafeRawBufferPointer
    private(set) var position: Int
    private var lastFieldId: Int16 = 0
    private var depth = 0

    /// Deepest nesting of structs, lists, sets and maps accepted.
    static let maxDepth = 64

    init(_ buffer: UnsafeRawBufferPointer, position: Int = 0) {
        self.buffer = buffer
        self.position = max(0, min(position, buffer.count))
    }

    var remaining: Int { buffer.count - position }

    func error(_ message: String) -> ParquetError {
        ParquetError(.corruptMetadata, message, offset: position)
    }

    // MARK: primitives

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < buffer.count else { throw error("unexpected end of Thrift data") }
        let b = buffer[position]
        position += 1
        return b
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try readByte()
            if shift == 63 && b > 1 { throw error("varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zigzag varint decoded to a signed 64-bit value.
    mutating func readZigzag() throws(ParquetError) -> Int64 {
        let v = try readVarint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func readI8() throws(ParquetError) -> Int8 {
        Int8(bitPattern: try readByte())
    }

    mutating func readI16() throws(ParquetError) -> Int16 {
        let start = position
        let v = try readZigzag()
        guard let r = Int16(exactly: v) else {
            throw ParquetError(.corruptMetadata, "i16 value \(v) out of range", offset: start)
        }
        return r
    }

    mutating func readI32() throws(ParquetError) -> Int32 {
        let start = position
        let v = try readZigzag()
        guard let r = Int32(exactly: v) else {
            throw ParquetError(.corruptMetadata, "i32 value \(v) out of range", offset: start)
        }
        return r
    }

    mutating func readI64() throws(ParquetError) -> Int64 {
        try readZigzag()
    }

    /// An IEEE 754 double, 8 bytes little-endian.
    mutating func readDouble() throws(ParquetError) -> Double {
        guard remaining >= 8 else { throw error("unexpected end of Thrift data in a double") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(buffer[position + i]) << UInt64(8 * i) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A bool stored as a list/set/map element (one byte; 1 is true).
    mutating func readBoolElement() throws(ParquetError) -> Bool {
        try readByte() == 1
    }

    /// Reads a binary length and checks it against the remaining bytes; returns the byte range.
    private mutating func readBinaryRange() throws(ParquetError) -> Range<Int> {
        let start = position
        let n = try readVarint()
        guard n <= UInt64(remaining) else {
            throw ParquetError(.corruptMetadata,
                               "binary length \(n) exceeds the \(remaining) bytes remaining", offset: start)
        }
        let r = position..<(position + Int(n))
        position += Int(n)
        return r
    }

    mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let r = try readBinaryRange()
        return [UInt8](UnsafeRawBufferPointer(rebasing: buffer[r]))
    }

    /// A string; invalid UTF-8 is repaired with replacement characters.
    mutating func readString() throws(ParquetError) -> String {
        let r = try readBinaryRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[r]), as: UTF8.self)
    }

    // MARK: structs

    private mutating func enter() throws(ParquetError) {
        guard depth < Self.maxDepth else {
            throw error("Thrift data nested deeper than \(Self.maxDepth) levels")
        }
        depth += 1
    }

    private mutating func leave() {
        depth -= 1
    }

    /// Starts a struct; returns the state `endStruct` restores.
    mutating func beginStruct() throws(ParquetError) -> Int16 {
        try enter()
        let saved = lastFieldId
        lastFieldId = 0
        return saved
    }

    /// Ends a struct started with `beginStruct` (after `readFieldHeader` returned nil).
    mutating func endStruct(_ saved: Int16) {
        leave()
        lastFieldId = saved
    }

    /// The next field header, or nil at the struct's stop byte.
    mutating func readFieldHeader() throws(ParquetError) -> ThriftFieldHeader? {
        let start = position
        let b = try readByte()
        if b == 0 { return nil }
        guard let type = ThriftType(rawValue: b & 0x0F), type != .stop else {
            throw ParquetError(.corruptMetadata, "invalid Thrift field type \(b & 0x0F)", offset: start)
        }
        let delta = Int16(b >> 4)
        let id: Int16
        if delta != 0 {
            let (sum, overflow) = lastFieldId.addingReportingOverflow(delta)
            guard !overflow else {
                throw ParquetError(.corruptMetadata, "Thrift field id overflows", offset: start)
            }
            id = sum
        } else {
            id = try readI16()
        }
        lastFieldId = id
        return ThriftFieldHeader(id: id, type: type)
    }

    // MARK: containers

    private mutating func readElementType(_ code: UInt8, at start: Int) throws(ParquetError) -> ThriftType {
        guard let t = ThriftType(rawValue: code), t != .stop else {
            throw ParquetError(.corruptMetadata, "invalid Thrift element type \(code)", offset: start)
        }
        return t
    }

    /// Checks that `count` elements of at least `minSize` bytes each fit in the remaining input.
    private func checkCount(_ count: UInt64, minSize: Int, at start: Int) throws(ParquetError) -> Int {
        guard count <= UInt64(remaining / minSize) else {
            throw ParquetError(.corruptMetadata,
                               "container of \(count) elements cannot fit in the \(remaining) bytes remaining",
                               offset: start)
        }
        return Int(count)
    }

    /// A list or set header. The count is validated against the remaining bytes.
    mutating func readListHeader() throws(ParquetError) -> (elementType: ThriftType, count: Int) {
        let start = position
        let b = try readByte()
        let type = try readElementType(b & 0x0F, at: start)
        var n = UInt64(b >> 4)
        if n == 15 { n = try readVarint() }
        return (type, try checkCount(n, minSize: type.minimumEncodedSize, at: start))
    }

    /// A map header. The count is validated against the remaining bytes.
    mutating func readMapHeader() throws(ParquetError) -> (keyType: ThriftType, valueType: ThriftType, count: Int) {
        let start = position
        let n = try readVarint()
        if n == 0 { return (.stop, .stop, 0) }
        let b = try readByte()
        let k = try readElementType(b >> 4, at: start)
        let v = try readElementType(b & 0x0F, at: start)
        let count = try checkCount(n, minSize: k.minimumEncodedSize + v.minimumEncodedSize, at: start)
        return (k, v, count)
    }

    /// Reads a list (or set) whose elements have wire type `elementType`, decoding each with `element`.
    /// An empty list may declare any element type.
    mutating func readList<T>(
        _ elementType: ThriftType,
        _ element: (inout ThriftCompactReader) throws(ParquetError) -> T
    ) throws(ParquetError) -> [T] {
        let start = position
        let (type, count) = try readListHeader()
        if count == 0 { return [] }
        guard type == elementType || (type.isBool && elementType.isBool) else {
            throw ParquetError(.corruptMetadata,
                               "list has element type \(type), expected \(elementType)", offset: start)
        }
        try enter()
        defer { leave() }
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    // MARK: skipping

    /// Skips the value of a field (bool fields carry their value in the header).
    mutating func skip(_ field: ThriftFieldHeader) throws(ParquetError) {
        if field.type.isBool { return }
        try skip(field.type)
    }

    /// Skips one value of wire type `type` as it appears inside a container (bools take a byte).
    mutating func skip(_ type: ThriftType) throws(ParquetError) {
        switch type {
        case .stop:
            throw error("cannot skip a value of type stop")
        case .booleanTrue, .booleanFalse, .byte:
            _ = try readByte()
        case .i16, .i32, .i64:
            _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw error("unexpected end of Thrift data in a double") }
            position += 8
        case .binary:
            _ = try readBinaryRange()
        case .list, .set:
            let (t, n) = try readListHeader()
            try enter()
            defer { leave() }
            for _ in 0..<n { try skip(t) }
        case .map:
            let (k, v, n) = try readMapHeader()
            try enter()
            defer { leave() }
            for _ in 0..<n {
                try skip(k)
                try skip(v)
            }
        case .struct:
            let saved = try beginStruct()
            while let f = try readFieldHeader() { try skip(f) }
            endStruct(saved)
        }
    }
}
