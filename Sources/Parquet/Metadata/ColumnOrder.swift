/// The sort order min/max statistics of a column use (thrift union `ColumnOrder`).
///
/// Only TYPE_ORDER (field 1) is recognised; any other member (IEEE_754_TOTAL_ORDER,
/// INT96_TIMESTAMP_ORDER, future ones) decodes as `.unknown`, meaning readers should
/// not trust min/max statistics for the column. `.unknown` encodes as an empty union.
public enum ColumnOrder: Sendable, Hashable {
    case typeDefined
    case unknown
}

extension ColumnOrder: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        var order = ColumnOrder.unknown
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .struct):
                try r.skip(.struct)   // TypeDefinedOrder is an empty struct
                order = .typeDefined
            default:
                try r.skip(f)
            }
        }
        r.endStruct(saved)
        self = order
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        if self == .typeDefined { w.writeStruct(field: 1) { _ in } }
        w.endStruct(saved)
    }
}
