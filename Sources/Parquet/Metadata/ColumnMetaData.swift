/// Where and how one column chunk is stored (thrift struct `ColumnMetaData`).
/// Fields 14 and up (bloom filter offset/length, size and geospatial statistics) are skipped.
public struct ColumnMetaData: Sendable, Hashable {
    public var type: PhysicalType
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?

    public init(
        type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
        numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64,
        keyValueMetadata: [KeyValue]? = nil, dataPageOffset: Int64, indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil, statistics: Statistics? = nil,
        encodingStats: [PageEncodingStats]? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
    }
}

extension ColumnMetaData: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var type: PhysicalType?, encodings: [Encoding]?, path: [String]?, codec: CompressionCodec?
        var numValues: Int64?, uncompressed: Int64?, compressed: Int64?, kv: [KeyValue]?
        var dataPageOffset: Int64?, indexPageOffset: Int64?, dictionaryPageOffset: Int64?
        var statistics: Statistics?, encodingStats: [PageEncodingStats]?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): type = PhysicalType(rawValue: try r.readI32())
            case (2, .list), (2, .set): encodings = try r.readI32List().map(Encoding.init(rawValue:))
            case (3, .list): path = try r.readStringList()
            case (4, .i32): codec = CompressionCodec(rawValue: try r.readI32())
            case (5, .i64): numValues = try r.readI64()
            case (6, .i64): uncompressed = try r.readI64()
            case (7, .i64): compressed = try r.readI64()
            case (8, .list): kv = try r.readStructList(KeyValue.self)
            case (9, .i64): dataPageOffset = try r.readI64()
            case (10, .i64): indexPageOffset = try r.readI64()
            case (11, .i64): dictionaryPageOffset = try r.readI64()
            case (12, .struct): statistics = try r.readStruct(Statistics.self)
            case (13, .list): encodingStats = try r.readStructList(PageEncodingStats.self)
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        let name = "ColumnMetaData"
        guard let type else { throw r.missing(name, "type", at: start) }
        guard let encodings else { throw r.missing(name, "encodings", at: start) }
        guard let path else { throw r.missing(name, "path_in_schema", at: start) }
        guard let codec else { throw r.missing(name, "codec", at: start) }
        guard let numValues else { throw r.missing(name, "num_values", at: start) }
        guard let uncompressed else { throw r.missing(name, "total_uncompressed_size", at: start) }
        guard let compressed else { throw r.missing(name, "total_compressed_size", at: start) }
        guard let dataPageOffset else { throw r.missing(name, "data_page_offset", at: start) }
        self.init(type: type, encodings: encodings, pathInSchema: path, codec: codec, numValues: numValues,
                  totalUncompressedSize: uncompressed, totalCompressedSize: compressed, keyValueMetadata: kv,
                  dataPageOffset: dataPageOffset, indexPageOffset: indexPageOffset,
                  dictionaryPageOffset: dictionaryPageOffset, statistics: statistics,
                  encodingStats: encodingStats)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, type.rawValue)
        w.writeI32List(field: 2, encodings.map(\.rawValue))
        w.writeStringList(field: 3, pathInSchema)
        w.writeI32(field: 4, codec.rawValue)
        w.writeI64(field: 5, numValues)
        w.writeI64(field: 6, totalUncompressedSize)
        w.writeI64(field: 7, totalCompressedSize)
        if let keyValueMetadata { w.writeStructList(field: 8, keyValueMetadata) }
        w.writeI64(field: 9, dataPageOffset)
        if let indexPageOffset { w.writeI64(field: 10, indexPageOffset) }
        if let dictionaryPageOffset { w.writeI64(field: 11, dictionaryPageOffset) }
        if let statistics { w.writeStruct(field: 12, statistics) }
        if let encodingStats { w.writeStructList(field: 13, encodingStats) }
        w.endStruct(saved)
    }
}
