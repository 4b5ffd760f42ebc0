/// A horizontal slice of the file: one column chunk per leaf column (thrift struct `RowGroup`).
public struct RowGroup: Sendable, Hashable {
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]?
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    public init(
        columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }
}

extension RowGroup: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var columns: [ColumnChunk]?, totalByteSize: Int64?, numRows: Int64?
        var sortingColumns: [SortingColumn]?, fileOffset: Int64?, totalCompressedSize: Int64?
        var ordinal: Int16?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .list): columns = try r.readStructList(ColumnChunk.self)
            case (2, .i64): totalByteSize = try r.readI64()
            case (3, .i64): numRows = try r.readI64()
            case (4, .list): sortingColumns = try r.readStructList(SortingColumn.self)
            case (5, .i64): fileOffset = try r.readI64()
            case (6, .i64): totalCompressedSize = try r.readI64()
            case (7, .i16): ordinal = try r.readI16()
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let columns else { throw r.missing("RowGroup", "columns", at: start) }
        guard let totalByteSize else { throw r.missing("RowGroup", "total_byte_size", at: start) }
        guard let numRows else { throw r.missing("RowGroup", "num_rows", at: start) }
        self.init(columns: columns, totalByteSize: totalByteSize, numRows: numRows,
                  sortingColumns: sortingColumns, fileOffset: fileOffset,
                  totalCompressedSize: totalCompressedSize, ordinal: ordinal)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeStructList(field: 1, columns)
        w.writeI64(field: 2, totalByteSize)
        w.writeI64(field: 3, numRows)
        if let sortingColumns { w.writeStructList(field: 4, sortingColumns) }
        if let fileOffset { w.writeI64(field: 5, fileOffset) }
        if let totalCompressedSize { w.writeI64(field: 6, totalCompressedSize) }
        if let ordinal { w.writeI16(field: 7, ordinal) }
        w.endStruct(saved)
    }
}
