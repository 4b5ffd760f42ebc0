/// A type encoded as a Thrift struct (or union) in the compact protocol.
protocol ThriftStruct {
    /// Decodes the struct starting at the reader's position, including its stop byte.
    init(thrift r: inout ThriftCompactReader) throws(ParquetError)
    /// Encodes the struct, including its stop byte.
    func write(thrift w: inout ThriftCompactWriter)
}

extension ThriftCompactReader {
    mutating func readStruct<T: ThriftStruct>(_: T.Type) throws(ParquetError) -> T {
        try T(thrift: &self)
    }

    mutating func readStructList<T: ThriftStruct>(_: T.Type) throws(ParquetError) -> [T] {
        try readList(.struct) { (r: inout ThriftCompactReader) throws(ParquetError) -> T in try T(thrift: &r) }
    }

    mutating func readI32List() throws(ParquetError) -> [Int32] {
        try readList(.i32) { (r: inout ThriftCompactReader) throws(ParquetError) -> Int32 in try r.readI32() }
    }

    mutating func readStringList() throws(ParquetError) -> [String] {
        try readList(.binary) { (r: inout ThriftCompactReader) throws(ParquetError) -> String in try r.readString() }
    }

    /// The error for a required field that was not present in a struct that started at `offset`.
    func missing(_ structName: String, _ field: String, at offset: Int) -> ParquetError {
        ParquetError(.corruptMetadata, "\(structName) is missing required field '\(field)'", offset: offset)
    }
}

extension ThriftCompactWriter {
    mutating func writeStruct<T: ThriftStruct>(field id: Int16, _ value: T) {
        writeFieldHeader(id: id, type: .struct)
        value.write(thrift: &self)
    }

    mutating func writeStructList<T: ThriftStruct>(field id: Int16, _ values: [T]) {
        writeList(field: id, elementType: .struct, values) { w, v in v.write(thrift: &w) }
    }

    mutating func writeStringList(field id: Int16, _ values: [String]) {
        writeList(field: id, elementType: .binary, values) { w, v in w.writeString(v) }
    }

    mutating func writeI32List(field id: Int16, _ values: [Int32]) {
        writeList(field: id, elementType: .i32, values) { w, v in w.writeI32(v) }
    }
}
