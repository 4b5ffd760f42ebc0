/// Header of a dictionary page (thrift struct `DictionaryPageHeader`).
public struct DictionaryPageHeader: Sendable, Hashable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }
}

extension DictionaryPageHeader: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var numValues: Int32?, encoding: Encoding?, isSorted: Bool?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): numValues = try r.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try r.readI32())
            case (3, let t) where t.isBool: isSorted = f.boolValue
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let numValues else { throw r.missing("DictionaryPageHeader", "num_values", at: start) }
        guard let encoding else { throw r.missing("DictionaryPageHeader", "encoding", at: start) }
        guard numValues >= 0 else {
            throw ParquetError(.corruptMetadata, "dictionary page has negative num_values \(numValues)",
                               offset: start)
        }
        self.init(numValues: numValues, encoding: encoding, isSorted: isSorted)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, numValues)
        w.writeI32(field: 2, encoding.rawValue)
        if let isSorted { w.writeBool(field: 3, isSorted) }
        w.endStruct(saved)
    }
}
