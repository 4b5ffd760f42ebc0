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
            let node = try parser.parseNode(definition: 0, repetition: 0, path: [], depth: 0)
            let field = Field(node.name, node.type, nullable: node.nullable)
            let flat = node.type.isNested == false && parser.leaves.count == first + 1
                && parser.leaves[first].maxRepetitionLevel == 0
            columns.append(TopLevelColumn(field: field, leaves: first..<parser.leaves.count, isFlat: flat))
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

        mutating func parseNode(definition: Int, repetition: Int, path: [String], depth: Int) throws -> Node {
            guard depth < 64 else { throw ParquetError(.corruptMetadata, "the schema nests deeper than 64 levels") }
            let e = try next()
            let rep = e.repetition ?? .optional
            var def = definition
            var repLevel = repetition
            if rep == .optional { def += 1 }
            if rep == .repeated { def += 1; repLevel += 1 }
            let myPath = path + [e.name]
            if let physical = e.type {
                let (type, unit) = try Self.primitiveType(e, physical: physical, path: myPath)
                leaves.append(LeafColumn(path: myPath, physical: physical,
                                         typeLength: Int(e.typeLength ?? 0),
                                         maxDefinitionLevel: def, maxRepetitionLevel: repLevel,
                                         type: type, timeUnit: unit, unsigned: Self.isUnsigned(e)))
                if rep == .repeated {
                    // A repeated primitive outside a LIST group is a list of required elements.
                    return Node(name: e.name, type: .array(element: Field("element", type, nullable: false)), nullable: false)
                }
                return Node(name: e.name, type: type, nullable: rep == .optional)
            }
            let n = Int(e.numChildren ?? 0)
            guard n >= 0, n <= elements.count - position else {
                throw ParquetError(.corruptMetadata, "schema group '\(e.name)' claims \(n) children but only \(elements.count - position) elements follow")
            }
            var children: [Node] = []
            for _ in 0..<n {
                children.append(try parseNode(definition: def, repetition: repLevel, path: myPath, depth: depth + 1))
            }
            let isList = e.logicalType == .list || e.convertedType == .list
            let isMap = e.logicalType == .map || e.convertedType == .map || e.convertedType == .mapKeyValue
            var type: DataType
            if isList, children.count == 1 {
                type = Self.listType(child: children[0], childElementName: children[0].name, parentName: e.name)
            } else if isMap, children.count == 1, case let .array(entry) = children[0].type,
                      case let .struct(kv) = entry.type, kv.count == 2 {
                type = .map(key: Field("key", kv[0].type, nullable: false),
                            value: Field("value", kv[1].type, nullable: kv[1].nullable))
            } else {
                type = .struct(children.map { Field($0.name, $0.type, nullable: $0.nullable) })
            }
            if rep == .repeated {
                // A repeated group is a list of structs (legacy two-level lists, map key_value groups).
                type = .array(element: Field("element", type, nullable: false))
                return Node(name: e.name, type: type, nullable: false)
            }
            return Node(name: e.name, type: type, nullable: rep == .optional)
        }

        /// Applies LogicalTypes.md's list rules to the single child of a LIST-annotated group.
        static func listType(child: Node, childElementName: String, parentName: String) -> DataType {
            guard case let .array(repeatedElement) = child.type else { return .array(element: Field("element", child.type)) }
            // Three-level: the repeated child is a group with one field that is the element,
            // unless it is named "array" or "<parent>_tuple" (legacy two-level lists of structs).
            if case let .struct(fields) = repeatedElement.type, fields.count == 1,
               childElementName != "array", childElementName != parentName + "_tuple" {
                return .array(element: Field("element", fields[0].type, nullable: fields[0].nullable))
            }
            return .array(element: Field("element", repeatedElement.type, nullable: false))
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
