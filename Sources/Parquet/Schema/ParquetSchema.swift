import Columnar

/// The schema of a Parquet file: the flattened `SchemaElement` list of the footer read into
/// Columnar fields, plus one `LeafColumn` per primitive column.
///
/// Parquet stores the schema depth-first: element 0 is the root group, and every group gives
/// its number of children. Logical types follow parquet-format LogicalTypes.md, including
/// the backward-compatibility rules for lists and maps that older writers (Spark's legacy
/// format, parquet-avro) use.
struct ParquetSchema: Sendable {
    var columns: [TopLevelColumn]
    var leaves: [LeafColumn]

    var schema: Schema { Schema(columns.map(\.field)) }

    init(elements: [SchemaElement]) throws {
        guard let root = elements.first else {
            throw ParquetError(.corruptMetadata, "the file schema is empty")
        }
        guard root.type == nil else {
            throw ParquetError(.corruptMetadata, "the first schema element must be a group, found a primitive '\(root.name)'")
        }
        var parser = Parser(elements: elements)
        parser.position = 1
        var columns: [TopLevelColumn] = []
        let count = Int(root.numChildren ?? 0)
        guard count >= 0, count <= elements.count - 1 else {
            throw ParquetError(.corruptMetadata, "root schema group claims \(count) children but the schema has \(elements.count - 1) more elements")
        }
        for _ in 0..<count {
            let first = parser.leaves.count
            let top = ShapeLevels(definition: 0, repetition: 0, slotDefinition: 0, nullable: false)
            let node = try parser.parseNode(parent: top, path: [], depth: 0)
            let field = Field(node.name, node.type, nullable: node.nullable)
            let flat = node.type.isNested == false && parser.leaves.count == first + 1
                && parser.leaves[first].maxRepetitionLevel == 0
            columns.append(TopLevelColumn(field: field, leaves: first..<parser.leaves.count, isFlat: flat, shape: node.shape))
        }
        guard parser.position == elements.count else {
            throw ParquetError(.corruptMetadata, "the schema has \(elements.count - parser.position) elements not reachable from the root")
        }
        self.columns = columns
        self.leaves = parser.leaves
    }

    private struct Node {
        var name: String
        var type: DataType
        var nullable: Bool
        var shape: NestedShape
        /// True for a primitive element (a leaf), false for a group.
        var isPrimitive: Bool
        var isRepeated: Bool
    }

    private struct Parser {
        let elements: [SchemaElement]
        var position = 0
        var leaves: [LeafColumn] = []

        mutating func next() throws -> SchemaElement {
            guard position < elements.count else {
                throw ParquetError(.corruptMetadata, "the schema ends early: a group claims more children than there are elements")
            }
            defer { position += 1 }
            return elements[position]
        }

        /// Parses one element and its subtree. `parent` gives the enclosing levels: the parent's
        /// definition level, the number of repeated ancestors, and the definition level of the
        /// innermost repeated ancestor.
        mutating func parseNode(parent: ShapeLevels, path: [String], depth: Int) throws -> Node {
            guard depth < 64 else { throw ParquetError(.corruptMetadata, "the schema nests deeper than 64 levels") }
            let e = try next()
            let rep = e.repetition ?? .optional
            let repeated = rep == .repeated
            let def = parent.definition + (rep == .required ? 0 : 1)
            let repLevel = parent.repetition + (repeated ? 1 : 0)
            // The levels of the value itself (of one element, when the field is repeated).
            let inner = ShapeLevels(definition: def, repetition: repLevel,
                                    slotDefinition: repeated ? def : parent.slotDefinition,
                                    nullable: rep == .optional)
            let myPath = path + [e.name]
            var type: DataType
            var shape: NestedShape
            if let physical = e.type {
                let (t, unit) = try Self.primitiveType(e, physical: physical, path: myPath)
                shape = .leaf(index: leaves.count, levels: inner)
                leaves.append(LeafColumn(path: myPath, physical: physical,
                                         typeLength: Int(e.typeLength ?? 0),
                                         maxDefinitionLevel: def, maxRepetitionLevel: repLevel,
                                         type: t, timeUnit: unit, unsigned: Self.isUnsigned(e)))
                type = t
            } else {
                let n = Int(e.numChildren ?? 0)
                guard n >= 0, n <= elements.count - position else {
                    throw ParquetError(.corruptMetadata, "schema group '\(e.name)' claims \(n) children but only \(elements.count - position) elements follow")
                }
                var children: [Node] = []
                for _ in 0..<n {
                    children.append(try parseNode(parent: inner, path: myPath, depth: depth + 1))
                }
                (type, shape) = Self.groupValue(e, children: children, levels: inner)
            }
            if repeated {
                // A repeated field outside a LIST group is a required list of required elements
                // (legacy two-level lists, map key_value groups, protobuf-style repeated fields).
                let list = ShapeLevels(definition: parent.definition, repetition: parent.repetition,
                                       slotDefinition: parent.slotDefinition, nullable: false)
                return Node(name: e.name, type: .array(element: Field("element", type, nullable: false)), nullable: false,
                            shape: .list(element: shape, levels: list), isPrimitive: e.type != nil, isRepeated: true)
            }
            return Node(name: e.name, type: type, nullable: rep == .optional, shape: shape,
                        isPrimitive: e.type != nil, isRepeated: false)
        }

        /// The type and shape of a group's value from its children, applying LogicalTypes.md's
        /// LIST and MAP rules (with their backward-compatibility cases). A LIST or MAP annotation
        /// on a group that does not have the required repeated child is ignored: the group is
        /// read as the struct it physically is.
        static func groupValue(_ e: SchemaElement, children: [Node], levels: ShapeLevels) -> (DataType, NestedShape) {
            let isList = e.logicalType == .list || e.convertedType == .list
            let isMap = e.logicalType == .map || e.convertedType == .map || e.convertedType == .mapKeyValue
            if isList, children.count == 1, children[0].isRepeated, case let .list(repeatedShape, _) = children[0].shape,
               case let .array(repeatedElement) = children[0].type {
                let child = children[0]
                // Three-level: the repeated child is a group with one field that is the element,
                // unless it is named "array" or "<parent>_tuple" (legacy two-level lists of structs).
                if !child.isPrimitive, case let .struct(fields) = repeatedElement.type, fields.count == 1,
                   case let .structure(fieldShapes, _) = repeatedShape,
                   child.name != "array", child.name != e.name + "_tuple" {
                    return (.array(element: Field("element", fields[0].type, nullable: fields[0].nullable)),
                            .list(element: fieldShapes[0], levels: levels))
                }
                // Two-level: the repeated field itself is the (required) element.
                return (.array(element: Field("element", repeatedElement.type, nullable: false)),
                        .list(element: repeatedShape, levels: levels))
            }
            if isMap, children.count == 1, children[0].isRepeated, !children[0].isPrimitive,
               case let .list(entryShape, _) = children[0].shape, case let .structure(kvShapes, _) = entryShape,
               case let .array(entry) = children[0].type, case let .struct(kv) = entry.type, kv.count == 2 {
                return (.map(key: Field("key", kv[0].type, nullable: false),
                             value: Field("value", kv[1].type, nullable: kv[1].nullable)),
                        .map(key: kvShapes[0], value: kvShapes[1], levels: levels))
            }
            return (.struct(children.map { Field($0.name, $0.type, nullable: $0.nullable) }),
                    .structure(children.map(\.shape), levels: levels))
        }

        static func isUnsigned(_ e: SchemaElement) -> Bool {
            if case let .integer(_, signed)? = e.logicalType { return !signed }
            switch e.convertedType {
            case .uint8?, .uint16?, .uint32?, .uint64?: return true
            default: return false
            }
        }

        static func primitiveType(_ e: SchemaElement, physical: PhysicalType, path: [String]) throws -> (DataType, TimeUnit) {
            let name = path.joined(separator: ".")
            func unsupported(_ what: String) -> ParquetError {
                ParquetError(.unsupported, "column '\(name)' has \(what), which this version cannot read")
            }
            func decimal(_ p: Int32, _ s: Int32) throws -> DataType {
                guard p >= 1, p <= 38, s >= 0, s <= p else { throw unsupported("decimal(\(p),\(s)) (precision must be 1...38)") }
                return .decimal(precision: Int(p), scale: Int(s))
            }
            let logical = e.logicalType
            let converted = e.convertedType
            if case let .decimal(scale, precision)? = logical { return (try decimal(precision, scale), .micros) }
            if converted == .decimal { return (try decimal(e.precision ?? 0, e.scale ?? 0), .micros) }
            switch physical {
            case .boolean:
                return (.boolean, .micros)
            case .int32:
                switch logical {
                case let .integer(bits, signed)?:
                    switch (bits, signed) {
                    case (8, true): return (.byte, .micros)
                    case (16, true): return (.short, .micros)
                    case (32, true): return (.integer, .micros)
                    case (8, false): return (.short, .micros)
                    case (16, false): return (.integer, .micros)
                    case (32, false): return (.long, .micros)
                    default: throw unsupported("INT32 annotated INTEGER(\(bits), \(signed))")
                    }
                case .date?: return (.date, .micros)
                case .time?: throw unsupported("a TIME type")
                default: break
                }
                switch converted {
                case .int8?: return (.byte, .micros)
                case .int16?: return (.short, .micros)
                case .uint8?: return (.short, .micros)
                case .uint16?: return (.integer, .micros)
                case .uint32?: return (.long, .micros)
                case .date?: return (.date, .micros)
                case .timeMillis?: throw unsupported("a TIME type")
                default: return (.integer, .micros)
                }
            case .int64:
                switch logical {
                case let .integer(bits, signed)?:
                    guard bits == 64 else { throw unsupported("INT64 annotated INTEGER(\(bits), \(signed))") }
                    return (signed ? .long : .decimal(precision: 20, scale: 0), .micros)
                case let .timestamp(utc, unit)?:
                    return (utc ? .timestamp : .timestampNtz, unit)
                case .time?: throw unsupported("a TIME type")
                default: break
                }
                switch converted {
                case .uint64?: return (.decimal(precision: 20, scale: 0), .micros)
                case .timestampMillis?: return (.timestamp, .millis)
                case .timestampMicros?: return (.timestamp, .micros)
                case .timeMicros?: throw unsupported("a TIME type")
                default: return (.long, .micros)
                }
            case .int96:
                return (.timestamp, .nanos)
            case .float:
                return (.float, .micros)
            case .double:
                return (.double, .micros)
            case .byteArray:
                switch logical {
                case .string?, .enumType?, .json?: return (.string, .micros)
                default: break
                }
                switch converted {
                case .utf8?, .enumType?, .json?: return (.string, .micros)
                default: return (.binary, .micros)
                }
            case .fixedLenByteArray:
                guard let n = e.typeLength, n > 0 else {
                    throw ParquetError(.corruptMetadata, "FIXED_LEN_BYTE_ARRAY column '\(name)' has no positive type_length")
                }
                if logical == .float16 { throw unsupported("a FLOAT16 type") }
                if converted == .interval { throw unsupported("an INTERVAL type") }
                return (.binary, .micros)
            default:
                throw unsupported("physical type \(physical)")
            }
        }
    }
}
