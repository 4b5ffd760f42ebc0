/// Appends Thrift compact-protocol values to a byte array.
///
/// Struct encoding follows this pattern:
/// ```
/// let saved = w.beginStruct()
/// w.writeI32(field: 1, version)
/// if let name { w.writeString(field: 2, name) }
/// w.endStruct(saved)          // writes the stop byte
/// ```
/// Fields must be written in increasing id order to get the short (delta) header form;
/// any order is still encoded correctly.
struct ThriftCompactWriter {
    var bytes: [UInt8]
    private var lastFieldId: Int16 = 0

    init(bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    // MARK: primitives

    mutating func writeByte(_ b: UInt8) {
        bytes.append(b)
    }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func writeI8(_ v: Int8) { writeByte(UInt8(bitPattern: v)) }
    mutating func writeI16(_ v: Int16) { writeZigzag(Int64(v)) }
    mutating func writeI32(_ v: Int32) { writeZigzag(Int64(v)) }
    mutating func writeI64(_ v: Int64) { writeZigzag(v) }

    mutating func writeDouble(_ v: Double) {
        let bits = v.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * i))) }
    }

    /// A bool as a list/set/map element: one byte, 1 for true and 2 for false.
    mutating func writeBoolElement(_ v: Bool) { writeByte(v ? 1 : 2) }

    mutating func writeBinary<C: Collection>(_ v: C) where C.Element == UInt8 {
        writeVarint(UInt64(v.count))
        bytes.append(contentsOf: v)
    }

    mutating func writeString(_ s: String) {
        writeBinary(s.utf8)
    }

    // MARK: structs and fields

    /// Starts a struct; returns the state `endStruct` restores.
    mutating func beginStruct() -> Int16 {
        let saved = lastFieldId
        lastFieldId = 0
        return saved
    }

    /// Writes the stop byte and restores the enclosing struct's state.
    mutating func endStruct(_ saved: Int16) {
        bytes.append(0)
        lastFieldId = saved
    }

    mutating func writeFieldHeader(id: Int16, type: ThriftType) {
        let delta = Int(id) - Int(lastFieldId)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeI16(id)
        }
        lastFieldId = id
    }

    mutating func writeBool(field id: Int16, _ v: Bool) {
        writeFieldHeader(id: id, type: v ? .booleanTrue : .booleanFalse)
    }

    mutating func writeI8(field id: Int16, _ v: Int8) {
        writeFieldHeader(id: id, type: .byte)
        writeI8(v)
    }

    mutating func writeI16(field id: Int16, _ v: Int16) {
        writeFieldHeader(id: id, type: .i16)
        writeI16(v)
    }

    mutating func writeI32(field id: Int16, _ v: Int32) {
        writeFieldHeader(id: id, type: .i32)
        writeI32(v)
    }

    mutating func writeI64(field id: Int16, _ v: Int64) {
        writeFieldHeader(id: id, type: .i64)
        writeI64(v)
    }

    mutating func writeDouble(field id: Int16, _ v: Double) {
        writeFieldHeader(id: id, type: .double)
        writeDouble(v)
    }

    mutating func writeBinary<C: Collection>(field id: Int16, _ v: C) where C.Element == UInt8 {
        writeFieldHeader(id: id, type: .binary)
        writeBinary(v)
    }

    mutating func writeString(field id: Int16, _ s: String) {
        writeFieldHeader(id: id, type: .binary)
        writeString(s)
    }

    /// Writes a struct-typed field whose body `body` writes (fields only; the stop byte is added).
    mutating func writeStruct(field id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id: id, type: .struct)
        let saved = beginStruct()
        body(&self)
        endStruct(saved)
    }

    // MARK: containers

    mutating func writeListHeader(elementType: ThriftType, count: Int) {
        precondition(count >= 0)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    mutating func writeMapHeader(keyType: ThriftType, valueType: ThriftType, count: Int) {
        precondition(count >= 0)
        writeVarint(UInt64(count))
        if count > 0 { bytes.append(keyType.rawValue << 4 | valueType.rawValue) }
    }

    /// Writes a list field: header, then `element` for each value.
    mutating func writeList<S: Collection>(
        field id: Int16, elementType: ThriftType, _ values: S,
        _ element: (inout ThriftCompactWriter, S.Element) -> Void
    ) {
        writeFieldHeader(id: id, type: .list)
        writeListHeader(elementType: elementType, count: values.count)
        for v in values { element(&self, v) }
    }
}
