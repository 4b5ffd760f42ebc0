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
///
/// A leaf of a nested column (see `WriteSchema`) is described the same way, plus the path of
/// nested nodes above it (`steps`) and its maximum definition and repetition levels.
struct WriteLeaf: Sendable {
    /// The leaf's own field: its name in its parent group, primitive type and nullability.
    var field: Field
    var physical: PhysicalType
    var typeLength: Int
    var element: SchemaElement
    /// Index of the top-level column (in the batch) this leaf is part of.
    var column: Int = 0
    /// `path_in_schema`: names from the top-level field down to this leaf.
    var path: [String]
    /// The nested nodes from the top-level column down to the leaf's parent; empty for a flat column.
    var steps: [NestStep] = []
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int = 0

    /// True when the leaf sits under a struct, list or map (levels come from `LevelShredder`).
    var isNested: Bool { !steps.isEmpty }

    /// The dotted path, for messages.
    var displayName: String { path.joined(separator: ".") }

    init(_ field: Field) throws {
        self.field = field
        path = [field.name]
        maxDefinitionLevel = field.nullable ? 1 : 0
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
            // Nested fields become groups, built by `WriteSchema`; only their leaves come here.
            throw ParquetError(.invalidArgument, "column '\(field.name)' is nested (\(field.type)); it has no single leaf")
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

/// One nested node between a top-level column and a leaf, as the shredder walks it.
/// `nullable` is the node's own nullability (an OPTIONAL group, or a REQUIRED one).
enum NestStep: Sendable, Hashable {
    /// A struct: the leaf is under child `child` of `.structure(children)`.
    case structField(child: Int, nullable: Bool)
    /// A list: the leaf is under the elements (`.list(offsets, values)`).
    case list(nullable: Bool)
    /// A map: the leaf is the key (`.map(offsets, keys, _)`) or under the value (`items`).
    case mapKeys(nullable: Bool)
    case mapValues(nullable: Bool)
}
