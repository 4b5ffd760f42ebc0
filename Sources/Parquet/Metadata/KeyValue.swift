/// A key/value metadata entry (thrift struct `KeyValue`).
public struct KeyValue: Sendable, Hashable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

extension KeyValue: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var key: String?, value: String?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .binary): key = try r.readString()
            case (2, .binary): value = try r.readString()
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let key else { throw r.missing("KeyValue", "key", at: start) }
        self.init(key: key, value: value)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        w.writeString(field: 1, key)
        if let value { w.writeString(field: 2, value) }
        w.endStruct(saved)
    }
}
