/// Header of a v1 data page (thrift struct `DataPageHeader`).
public struct DataPageHeader: Sendable, Hashable {
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(
        numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding,
        repetitionLevelEncoding: Encoding, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }
}

extension DataPageHeader: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var numValues: Int32?, encoding: Encoding?, defEncoding: Encoding?, repEncoding: Encoding?
        var statistics: Statistics?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): numValues = try r.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try r.readI32())
            case (3, .i32): defEncoding = Encoding(rawValue: try r.readI32())
            case (4, .i32): repEncoding = Encoding(rawValue: try r.readI32())
            case (5, .struct): statistics = try r.readStruct(Statistics.self)
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        let name = "DataPageHeader"
        guard let numValues else { throw r.missing(name, "num_values", at: start) }
        guard let encoding else { throw r.missing(name, "encoding", at: start) }
        guard let defEncoding else { throw r.missing(name, "definition_level_encoding", at: start) }
        guard let repEncoding else { throw r.missing(name, "repetition_level_encoding", at: start) }
        guard numValues >= 0 else {
            throw ParquetError(.corruptMetadata, "data page has negative num_values \(numValues)", offset: start)
        }
        self.init(numValues: numValues, encoding: encoding, definitionLevelEncoding: defEncoding,
                  repetitionLevelEncoding: repEncoding, statistics: statistics)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, numValues)
        w.writeI32(field: 2, encoding.rawValue)
        w.writeI32(field: 3, definitionLevelEncoding.rawValue)
        w.writeI32(field: 4, repetitionLevelEncoding.rawValue)
        if let statistics { w.writeStruct(field: 5, statistics) }
        w.endStruct(saved)
    }
}
