/// How many pages of a type used an encoding (thrift struct `PageEncodingStats`).
public struct PageEncodingStats: Sendable, Hashable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }
}

extension PageEncodingStats: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var pageType: PageType?, encoding: Encoding?, count: Int32?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): pageType = PageType(rawValue: try r.readI32())
            case (2, .i32): encoding = Encoding(rawValue: try r.readI32())
            case (3, .i32): count = try r.readI32()
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let pageType else { throw r.missing("PageEncodingStats", "page_type", at: start) }
        guard let encoding else { throw r.missing("PageEncodingStats", "encoding", at: start) }
        guard let count else { throw r.missing("PageEncodingStats", "count", at: start) }
        self.init(pageType: pageType, encoding: encoding, count: count)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, pageType.rawValue)
        w.writeI32(field: 2, encoding.rawValue)
        w.writeI32(field: 3, count)
        w.endStruct(saved)
    }
}
