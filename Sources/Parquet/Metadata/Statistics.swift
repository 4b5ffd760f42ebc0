/// Min/max/null-count statistics of a column chunk or page (thrift struct `Statistics`).
/// `max`/`min` are the deprecated signed-order fields; `maxValue`/`minValue` follow the column order.
public struct Statistics: Sendable, Hashable {
    public var max: [UInt8]?
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?

    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
    }
}

extension Statistics: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .binary): max = try r.readBinary()
            case (2, .binary): min = try r.readBinary()
            case (3, .i64): nullCount = try r.readI64()
            case (4, .i64): distinctCount = try r.readI64()
            case (5, .binary): maxValue = try r.readBinary()
            case (6, .binary): minValue = try r.readBinary()
            case (7, let t) where t.isBool: isMaxValueExact = f.boolValue
            case (8, let t) where t.isBool: isMinValueExact = f.boolValue
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        if let max { w.writeBinary(field: 1, max) }
        if let min { w.writeBinary(field: 2, min) }
        if let nullCount { w.writeI64(field: 3, nullCount) }
        if let distinctCount { w.writeI64(field: 4, distinctCount) }
        if let maxValue { w.writeBinary(field: 5, maxValue) }
        if let minValue { w.writeBinary(field: 6, minValue) }
        if let isMaxValueExact { w.writeBool(field: 7, isMaxValueExact) }
        if let isMinValueExact { w.writeBool(field: 8, isMinValueExact) }
        w.endStruct(saved)
    }
}
