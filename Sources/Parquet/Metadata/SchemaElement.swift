/// One node of the flattened (depth-first) Parquet schema (thrift struct `SchemaElement`).
/// Groups have `numChildren` and no `type`; leaves have a `type`.
public struct SchemaElement: Sendable, Hashable {
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetition: Repetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldId: Int32?
    public var logicalType: LogicalType?

    public init(
        type: PhysicalType? = nil, typeLength: Int32? = nil, repetition: Repetition? = nil, name: String,
        numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil,
        precision: Int32? = nil, fieldId: Int32? = nil, logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
        self.logicalType = logicalType
    }
}

extension SchemaElement: ThriftStruct {
    init(thrift r: inout ThriftCompactReader) throws(ParquetError) {
        let start = r.position
        var type: PhysicalType?, typeLength: Int32?, repetition: Repetition?, name: String?
        var numChildren: Int32?, convertedType: ConvertedType?, scale: Int32?, precision: Int32?
        var fieldId: Int32?, logicalType: LogicalType?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): type = PhysicalType(rawValue: try r.readI32())
            case (2, .i32): typeLength = try r.readI32()
            case (3, .i32): repetition = Repetition(rawValue: try r.readI32())
            case (4, .binary): name = try r.readString()
            case (5, .i32): numChildren = try r.readI32()
            case (6, .i32): convertedType = ConvertedType(rawValue: try r.readI32())
            case (7, .i32): scale = try r.readI32()
            case (8, .i32): precision = try r.readI32()
            case (9, .i32): fieldId = try r.readI32()
            case (10, .struct): logicalType = try LogicalType.decode(&r)
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let name else { throw r.missing("SchemaElement", "name", at: start) }
        self.init(type: type, typeLength: typeLength, repetition: repetition, name: name,
                  numChildren: numChildren, convertedType: convertedType, scale: scale,
                  precision: precision, fieldId: fieldId, logicalType: logicalType)
    }

    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        if let type { w.writeI32(field: 1, type.rawValue) }
        if let typeLength { w.writeI32(field: 2, typeLength) }
        if let repetition { w.writeI32(field: 3, repetition.rawValue) }
        w.writeString(field: 4, name)
        if let numChildren { w.writeI32(field: 5, numChildren) }
        if let convertedType { w.writeI32(field: 6, convertedType.rawValue) }
        if let scale { w.writeI32(field: 7, scale) }
        if let precision { w.writeI32(field: 8, precision) }
        if let fieldId { w.writeI32(field: 9, fieldId) }
        if let logicalType, logicalType.isEncodable {
            w.writeFieldHeader(id: 10, type: .struct)
            logicalType.write(thrift: &w)
        }
        w.endStruct(saved)
    }
}
