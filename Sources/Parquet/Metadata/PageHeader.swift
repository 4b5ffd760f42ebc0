/// The header in front of every page (thrift struct `PageHeader`).
/// `index_page_header` (field 6) is skipped.
public struct PageHeader: Sendable, Hashable {
    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }
}

extension PageHeader {
    /// Decodes one page header from the start of `bytes`; returns it and the number of bytes it took.
    /// Throws `ParquetError(.corruptMetadata)` for undecodable headers and for negative sizes or counts.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> (header: PageHeader, length: Int) {
        var r = ThriftCompactReader(bytes)
        let header = try PageHeader(thrift: &r)
        return (header, r.position)
    }

    /// Appends the Thrift compact encoding of the header to `out`.
    public func encode(into out: inout [UInt8]) {
        var w = ThriftCompactWriter(bytes: out)
        out = []   // leave `w.bytes` uniquely referenced so appends do not copy
        write(thrift: &w)
        out = w.bytes
    }
}

extension PageHeader: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var type: PageType?, uncompressed: Int32?, compressed: Int32?, crc: Int32?
        var v1: DataPageHeader?, dictionary: DictionaryPageHeader?, v2: DataPageHeaderV2?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): type = PageType(rawValue: try r.readI32())
            case (2, .i32): uncompressed = try r.readI32()
            case (3, .i32): compressed = try r.readI32()
            case (4, .i32): crc = try r.readI32()
            case (5, .struct): v1 = try r.readStruct(DataPageHeader.self)
            case (7, .struct): dictionary = try r.readStruct(DictionaryPageHeader.self)
            case (8, .struct): v2 = try r.readStruct(DataPageHeaderV2.self)
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let type else { throw r.missing("PageHeader", "type", at: start) }
        guard let uncompressed else { throw r.missing("PageHeader", "uncompressed_page_size", at: start) }
        guard let compressed else { throw r.missing("PageHeader", "compressed_page_size", at: start) }
        guard uncompressed >= 0, compressed >= 0 else {
            throw ParquetError(.corruptMetadata,
                               "page header has negative size (uncompressed \(uncompressed), "
                                   + "compressed \(compressed))",
                               offset: start)
        }
        self.init(type: type, uncompressedPageSize: uncompressed, compressedPageSize: compressed, crc: crc,
                  dataPageHeader: v1, dictionaryPageHeader: dictionary, dataPageHeaderV2: v2)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, type.rawValue)
        w.writeI32(field: 2, uncompressedPageSize)
        w.writeI32(field: 3, compressedPageSize)
        if let crc { w.writeI32(field: 4, crc) }
        if let dataPageHeader { w.writeStruct(field: 5, dataPageHeader) }
        if let dictionaryPageHeader { w.writeStruct(field: 7, dictionaryPageHeader) }
        if let dataPageHeaderV2 { w.writeStruct(field: 8, dataPageHeaderV2) }
        w.endStruct(saved)
    }
}
