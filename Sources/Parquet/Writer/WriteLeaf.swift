import Columnar

/// How one flat Columnar field is stored: physical type, annotations and schema element.
///
/// | Columnar type  | physical              | annotation                              |
/// |----------------|-----------------------|-----------------------------------------|
/// | boolean        | BOOLEAN               |                                         |
/// | byte / short   | INT32                 | INTEGER(8/16, signed), INT_8/INT_16      |
/// | integer / long | INT32 / INT64         |                                         |
/// | float / double | FLOAT / DOUBLE        |                                         |
/// | decimal(p,s)   | INT32 (p ≤ 9), INT64 (p ≤ 18), else FIXED_LEN_BYTE_ARRAY (minimal width) | DECIMAL(p,s) |
/// | string         | BYTE_ARRAY            | STRING, UTF8                             |
/// | binary         | BYTE_ARRAY            |                                         |
/// | date           | INT32                 | DATE                                    |
/// | timestamp      | INT64                 | TIMESTAMP(isAdjustedToUTC=true, MICROS), TIMESTAMP_MICROS |
/// | timestamp_ntz  | INT64                 | TIMESTAMP(isAdjustedToUTC=false, MICROS) |
struct WriteLeaf: Sendable {
    var field: Field
    var physical: PhysicalType
    var typeLength: Int
    var element: SchemaElement

    init(_ field: Field) throws {
        self.field = field
        var e = SchemaElement(name: field.name)
        e.repetition = field.nullable ? .optional : .required
        typeLength = 0
        switch field.type {
        case .boolean: physical = .boolean
        case .byte: physical = .int32; e.logicalType = .integer(bitWidth: 8, isSigned: true); e.convertedType = .int8
        case .short: physical = .int32; e.logicalType = .integer(bitWidth: 16, isSigned: true); e.convertedType = .int16
        case .integer: physical = .int32
        case .long: physical = .int64
        case .float: physical = .float
        case .double: physical = .double
        case let .decimal(p, s):
            guard (1...38).contains(p), (0...p).contains(s) else {
                throw ParquetError(.invalidArgument, "column '\(field.name)': decimal(\(p),\(s)) is out of range")
            }
            if p <= 9 { physical = .int32 } else if p <= 18 { physical = .int64 } else {
                physical = .fixedLenByteArray
                typeLength = WriteLeaf.decimalByteWidth(precision: p)
                e.typeLength = Int32(typeLength)
            }
            e.logicalType = .decimal(scale: Int32(s), precision: Int32(p))
            e.convertedType = .decimal
            e.scale = Int32(s)
            e.precision = Int32(p)
        case .string: physical = .byteArray; e.logicalType = .string; e.convertedType = .utf8
        case .binary: physical = .byteArray
        case .date: physical = .int32; e.logicalType = .date; e.convertedType = .date
        case .timestamp:
            physical = .int64
            e.logicalType = .timestamp(isAdjustedToUTC: true, unit: .micros)
            e.convertedType = .timestampMicros
        case .timestampNtz:
            physical = .int64
            e.logicalType = .timestamp(isAdjustedToUTC: false, unit: .micros)
        case .struct, .array, .map:
            throw ParquetError(.unsupported, "column '\(field.name)' is nested (\(field.type)); writing nested columns comes in a later version")
        }
        e.type = physical
        element = e
    }

    /// Smallest number of bytes whose signed range holds every decimal of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        var bytes = 1
        // Largest magnitude 10^p - 1 must be < 2^(8*bytes - 1).
        while bytes < 16 {
            let bits = 8 * bytes - 1
            if Decimal128.powersOfTen[precision] - 1 < (Int128(1) << bits) { break }
            bytes += 1
        }
        return bytes
    }
}
