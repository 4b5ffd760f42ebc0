/// A column the rows of a row group are sorted by (thrift struct `SortingColumn`).
public struct SortingColumn: Sendable, Hashable {
    public var columnIdx: Int32
    public var descending: Bool
    public var nullsFirst: Bool

    public init(columnIdx: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIdx = columnIdx
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}

extension SortingColumn: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var columnIdx: Int32?, descending: Bool?, nullsFirst: Bool?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): columnIdx = try r.readI32()
            case (2, let t) where t.isBool: descending = f.boolValue
            case (3, let t) where t.isBool: nullsFirst = f.boolValue
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let columnIdx else { throw r.missing("SortingColumn", "column_idx", at: start) }
        guard let descending else { throw r.missing("SortingColumn", "descending", at: start) }
        guard let nullsFirst else { throw r.missing("SortingColumn", "nulls_first", at: start) }
        self.init(columnIdx: columnIdx, descending: descending, nullsFirst: nullsFirst)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeI32(field: 1, columnIdx)
        w.writeBool(field: 2, descending)
        w.writeBool(field: 3, nullsFirst)
        w.endStruct(saved)
    }
}
