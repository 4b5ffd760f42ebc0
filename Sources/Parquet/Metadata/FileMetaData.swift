/// The file footer (thrift struct `FileMetaData`). Encryption fields (8, 9) are skipped.
public struct FileMetaData: Sendable, Hashable {
    public var version: Int32
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    public var createdBy: String?
    public var columnOrders: [ColumnOrder]?

    public init(
        version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
    }
}

extension FileMetaData {
    /// Decodes a footer from `bytes` (exactly the Thrift-encoded FileMetaData; trailing bytes are ignored).
    /// Throws `ParquetError(.corruptMetadata)` with an offset relative to `bytes`.
    public init(decoding bytes: UnsafeRawBufferPointer) throws {
        var r = ThriftCompactReader(bytes)
        try self.init(thrift: &r)
    }

    /// The Thrift compact encoding of the footer.
    public func encoded() -> [UInt8] {
        var w = ThriftCompactWriter()
        write(thrift: &w)
        return w.bytes
    }
}

extension FileMetaData: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var version: Int32?, schema: [SchemaElement]?, numRows: Int64?, rowGroups: [RowGroup]?
        var kv: [KeyValue]?, createdBy: String?, columnOrders: [ColumnOrder]?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): version = try r.readI32()
            case (2, .list): schema = try r.readStructList(SchemaElement.self)
            case (3, .i64): numRows = try r.readI64()
            case (4, .list): rowGroups = try r.readStructList(RowGroup.self)
            case (5, .list): kv = try r.readStructList(KeyValue.self)
            case (6, .binary): createdBy = try r.readString()
            case (7, .list): columnOrders = try r.readStructList(ColumnOrder.self)
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let version else { throw r.missing("FileMetaData", "version", at: start) }
        guard let schema else { throw r.missing("FileMetaData", "schema", at: start) }
        guard let numRows else { throw r.missing("FileMetaData", "num_rows", at: start) }
        guard let rowGroups else { throw r.missing("FileMetaData", "row_groups", at: start) }
        self.init(version: version, schema: schema, numRows: numRows, rowGroups: rowGroups,
                  keyValueMetadata: kv, createdBy: createdBy, columnOrders: columnOrders)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, version)
        w.writeStructList(field: 2, schema)
        w.writeI64(field: 3, numRows)
        w.writeStructList(field: 4, rowGroups)
        if let keyValueMetadata { w.writeStructList(field: 5, keyValueMetadata) }
        if let createdBy { w.writeString(field: 6, createdBy) }
        if let columnOrders { w.writeStructList(field: 7, columnOrders) }
        w.endStruct(saved)
    }
}
