/// The logical-type annotation of a schema element (thrift union `LogicalType`).
///
/// Union members this library does not model decode as `.unrecognized(fieldId:)`, as does a
/// TIME or TIMESTAMP whose unit is not recognised. `.unrecognized` values are omitted when
/// encoding (the schema element is written without a logical type).
public enum LogicalType: Sendable, Hashable {
    case string
    case map
    case list
    case enumType
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    case unknown
    case json
    case bson
    case uuid
    case float16
    case unrecognized(fieldId: Int16)
}

extension LogicalType {
    /// Decodes the union; returns nil when no member is set.
    static func decode(_ r: inout ThriftCompactReader) throws(ParquetError) -> LogicalType? {
        var result: LogicalType?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            guard f.type == .struct else {
                try r.skip(f)
                continue
            }
            switch f.id {
            case 1: try r.skip(.struct); result = .string
            case 2: try r.skip(.struct); result = .map
            case 3: try r.skip(.struct); result = .list
            case 4: try r.skip(.struct); result = .enumType
            case 5: result = try decodeDecimal(&r)
            case 6: try r.skip(.struct); result = .date
            case 7:
                let (utc, unit) = try decodeTime(&r, "TimeType")
                result = unit.map { .time(isAdjustedToUTC: utc, unit: $0) } ?? .unrecognized(fieldId: 7)
            case 8:
                let (utc, unit) = try decodeTime(&r, "TimestampType")
                result = unit.map { .timestamp(isAdjustedToUTC: utc, unit: $0) } ?? .unrecognized(fieldId: 8)
            case 10: result = try decodeInteger(&r)
            case 11: try r.skip(.struct); result = .unknown
            case 12: try r.skip(.struct); result = .json
            case 13: try r.skip(.struct); result = .bson
            case 14: try r.skip(.struct); result = .uuid
            case 15: try r.skip(.struct); result = .float16
            default: try r.skip(.struct); result = .unrecognized(fieldId: f.id)
            }
        }
        r.endStruct(saved)
        return result
    }

    private static func decodeDecimal(_ r: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        let start = r.position
        var scale: Int32?, precision: Int32?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .i32): scale = try r.readI32()
            case (2, .i32): precision = try r.readI32()
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let scale else { throw r.missing("DecimalType", "scale", at: start) }
        guard let precision else { throw r.missing("DecimalType", "precision", at: start) }
        return .decimal(scale: scale, precision: precision)
    }

    /// Decodes TimeType / TimestampType; the unit is nil when it is not a known TimeUnit member.
    private static func decodeTime(
        _ r: inout ThriftCompactReader, _ name: String
    ) throws(ParquetError) -> (Bool, TimeUnit?) {
        let start = r.position
        var utc: Bool?
        var unitSeen = false
        var unit: TimeUnit?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, let t) where t.isBool: utc = f.boolValue
            case (2, .struct):
                unitSeen = true
                let s = try r.beginStruct()
                while let u = try r.readFieldHeader() {
                    if u.type == .struct, let known = TimeUnit(thriftFieldId: u.id) { unit = known }
                    try r.skip(u)
                }
                r.endStruct(s)
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let utc else { throw r.missing(name, "isAdjustedToUTC", at: start) }
        guard unitSeen else { throw r.missing(name, "unit", at: start) }
        return (utc, unit)
    }

    private static func decodeInteger(_ r: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        let start = r.position
        var bitWidth: Int8?, signed: Bool?
        let saved = try r.beginStruct()
        while let f = try r.readFieldHeader() {
            switch (f.id, f.type) {
            case (1, .byte): bitWidth = try r.readI8()
            case (2, let t) where t.isBool: signed = f.boolValue
            default: try r.skip(f)
            }
        }
        r.endStruct(saved)
        guard let bitWidth else { throw r.missing("IntType", "bitWidth", at: start) }
        guard let signed else { throw r.missing("IntType", "isSigned", at: start) }
        return .integer(bitWidth: bitWidth, isSigned: signed)
    }

    /// Whether `write` would emit anything (unrecognized members are not encoded).
    var isEncodable: Bool {
        if case .unrecognized = self { return false }
        return true
    }

    /// Encodes the union as a struct value (the caller wrote the field header). Must be encodable.
    func write(thrift w: inout ThriftCompactWriter) {
        let saved = w.beginStruct()
        switch self {
        case .string: w.writeStruct(field: 1) { _ in }
        case .map: w.writeStruct(field: 2) { _ in }
        case .list: w.writeStruct(field: 3) { _ in }
        case .enumType: w.writeStruct(field: 4) { _ in }
        case let .decimal(scale, precision):
            w.writeStruct(field: 5) { w in
                w.writeI32(field: 1, scale)
                w.writeI32(field: 2, precision)
            }
        case .date: w.writeStruct(field: 6) { _ in }
        case let .time(utc, unit):
            w.writeStruct(field: 7) { w in Self.writeTime(&w, utc, unit) }
        case let .timestamp(utc, unit):
            w.writeStruct(field: 8) { w in Self.writeTime(&w, utc, unit) }
        case let .integer(bitWidth, signed):
            w.writeStruct(field: 10) { w in
                w.writeI8(field: 1, bitWidth)
                w.writeBool(field: 2, signed)
            }
        case .unknown: w.writeStruct(field: 11) { _ in }
        case .json: w.writeStruct(field: 12) { _ in }
        case .bson: w.writeStruct(field: 13) { _ in }
        case .uuid: w.writeStruct(field: 14) { _ in }
        case .float16: w.writeStruct(field: 15) { _ in }
        case .unrecognized: break
        }
        w.endStruct(saved)
    }

    private static func writeTime(_ w: inout ThriftCompactWriter, _ utc: Bool, _ unit: TimeUnit) {
        w.writeBool(field: 1, utc)
        w.writeStruct(field: 2) { w in
            w.writeStruct(field: unit.thriftFieldId) { _ in }
        }
    }
}
