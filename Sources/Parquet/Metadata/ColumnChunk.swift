/// One column's data within a row group (thrift struct `ColumnChunk`).
/// Encryption fields (8, 9) are skipped.
public struct ColumnChunk: Sendable, Hashable {
    public var filePath: String?
    /// Deprecated by the format; writers set 0. Decoding accepts its absence as 0.
    public var fileOffset: Int64
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?

    public init(
        filePath: String? = nil, fileOffset: Int64 = 0, metaData: ColumnMetaData? = nil,
        offsetIndexOffset: Int64? = nil, offsetIndexLength: Int32? = nil,
        columnIndexOffset: Int64? = nil, columnIndexLength: Int32? = nil
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
    }
}

extension ColumnChunk: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .binary): filePath = try r.readString()
            case (2, .i64): fileOffset = try r.readI64()
            case (3, .struct): metaData = try r.readStruct(ColumnMetaData.self)
            case (4, .i64): offsetIndexOffset = try r.readI64()
            case (5, .i32): offsetIndexLength = try r.readI32()
            case (6, .i64): columnIndexOffset = try r.readI64()
            case (7, .i32): columnIndexLength = try r.readI32()
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        if let filePath { w.writeString(field: 1, filePath) }
        w.writeI64(field: 2, fileOffset)
        if let metaData { w.writeStruct(field: 3, metaData) }
        if let offsetIndexOffset { w.writeI64(field: 4, offsetIndexOffset) }
        if let offsetIndexLength { w.writeI32(field: 5, offsetIndexLength) }
        if let columnIndexOffset { w.writeI64(field: 6, columnIndexOffset) }
        if let columnIndexLength { w.writeI32(field: 7, columnIndexLength) }
        w.endStruct(saved)
    }
}
