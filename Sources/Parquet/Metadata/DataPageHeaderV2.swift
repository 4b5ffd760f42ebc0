/// Header of a v2 data page (thrift struct `DataPageHeaderV2`). Levels are stored uncompressed
/// ahead of the values; `isCompressed` (default true) says whether the values section is compressed.
public struct DataPageHeaderV2: Sendable, Hashable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    public var isCompressed: Bool
    public var statistics: Statistics?

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding,
        definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32, isCompressed: Bool = true,
        statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }
}

extension DataPageHeaderV2: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var numValues: Int32?, numNulls: Int32?, numRows: Int32?, encoding: Encoding?
        var defLength: Int32?, repLength: Int32?, isCompressed = true, statistics: Statistics?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): numValues = try r.readI32()
            case (2, .i32): numNulls = try r.readI32()
            case (3, .i32): numRows = try r.readI32()
            case (4, .i32): encoding = Encoding(rawValue: try r.readI32())
            case (5, .i32): defLength = try r.readI32()
            case (6, .i32): repLength = try r.readI32()
            case (7, let t) where t.isBool: isCompressed = f.boolValue
            case (8, .struct): statistics = try r.readStruct(Statistics.self)
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        let name = "DataPageHeaderV2"
        guard let numValues else { throw r.missing(name, "num_values", at: start) }
        guard let numNulls else { throw r.missing(name, "num_nulls", at: start) }
        guard let numRows else { throw r.missing(name, "num_rows", at: start) }
        guard let encoding else { throw r.missing(name, "encoding", at: start) }
        guard let defLength else { throw r.missing(name, "definition_levels_byte_length", at: start) }
        guard let repLength else { throw r.missing(name, "repetition_levels_byte_length", at: start) }
        guard numValues >= 0, numNulls >= 0, numRows >= 0, numNulls <= numValues, defLength >= 0, repLength >= 0
        else {
            throw ParquetError(.corruptMetadata,
                               "data page v2 header has invalid counts (values \(numValues), nulls \(numNulls), "
                                   + "rows \(numRows), level lengths \(defLength)/\(repLength))",
                               offset: start)
        }
        self.init(numValues: numValues, numNulls: numNulls, numRows: numRows, encoding: encoding,
                  definitionLevelsByteLength: defLength, repetitionLevelsByteLength: repLength,
                  isCompressed: isCompressed, statistics: statistics)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, numValues)
        w.writeI32(field: 2, numNulls)
        w.writeI32(field: 3, numRows)
        w.writeI32(field: 4, encoding.rawValue)
        w.writeI32(field: 5, definitionLevelsByteLength)
        w.writeI32(field: 6, repetitionLevelsByteLength)
        w.writeBool(field: 7, isCompressed)
        if let statistics { w.writeStruct(field: 8, statistics) }
        w.endStruct(saved)
    }
}
