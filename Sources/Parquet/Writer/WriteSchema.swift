import Columnar

/// The Parquet schema a `ParquetFileWriter` writes for a Columnar schema: the depth-first list of
/// `SchemaElement`s for the footer and one `WriteLeaf` (one column chunk) per primitive leaf.
///
/// A flat field is one leaf element. Nested fields become groups, laid out the way pyarrow and
/// parquet-mr write them (the "3-level" layouts of the parquet-format LogicalTypes spec):
///
/// ```
/// struct<a:int,b:string>   <opt|req> group s { <opt|req> int32 a; <opt|req> binary b (STRING); }
/// array<T>                 <opt|req> group l (LIST) {
///                            repeated group list { <opt|req> T element; } }
/// map<K,V>                 <opt|req> group m (MAP) {
///                            repeated group key_value { required K key; <opt|req> V value; } }
/// ```
///
/// LIST and MAP groups carry both the logical type and the legacy converted type; `key_value`
/// carries neither (MAP_KEY_VALUE is deprecated; pyarrow leaves it out). The element of a list
/// is always named `element`, whatever the Columnar field calls it.
///
/// Levels: every OPTIONAL node adds one to the maximum definition level of the leaves under it,
/// every REPEATED node one to both the maximum definition and repetition levels. Levels are
/// stored as bytes, so a column may nest at most 255 levels deep.
struct WriteSchema: Sendable {
    /// The footer's schema: the root ("schema", num_children = top-level fields) then each field's subtree.
    var elements: [SchemaElement]
    /// Leaves in schema order (the order of column chunks in a row group).
    var leaves: [WriteLeaf]

    init(_ schema: Schema) throws {
        var root = SchemaElement(name: "schema")
        root.numChildren = Int32(schema.fields.count)
        elements = [root]
        leaves = []
        for (i, f) in schema.fields.enumerated() {
            if !f.type.isNested {
                var leaf = try WriteLeaf(f)
                leaf.column = i
                elements.append(leaf.element)
                leaves.append(leaf)
            } else {
                try add(f, name: f.name, nullable: f.nullable, column: i, path: [], steps: [], def: 0, rep: 0)
            }
        }
    }

    /// Appends the subtree of `field` (stored under `name` with `nullable`) and its leaves.
    private mutating func add(_ field: Field, name: String, nullable: Bool, column: Int, path: [String],
                              steps: [NestStep], def: Int, rep: Int) throws {
        let path = path + [name]
        let display = path.joined(separator: ".")
        let def = def + (nullable ? 1 : 0)
        guard def <= Int(UInt8.max) else {
            throw ParquetError(.unsupported, "column '\(display)' nests deeper than 255 levels; flatten the schema")
        }
        let repetition: Repetition = nullable ? .optional : .required
        switch field.type {
        case let .struct(children):
            guard !children.isEmpty else {
                throw ParquetError(.invalidArgument, "column '\(display)' is a struct without fields, which Parquet cannot store; drop it or add a field")
            }
            elements.append(SchemaElement(repetition: repetition, name: name, numChildren: Int32(children.count)))
            for (k, c) in children.enumerated() {
                try add(c, name: c.name, nullable: c.nullable, column: column, path: path,
                        steps: steps + [.structField(child: k, nullable: nullable)], def: def, rep: rep)
            }
        case let .array(element):
            elements.append(SchemaElement(repetition: repetition, name: name, numChildren: 1,
                                          convertedType: .list, logicalType: .list))
            elements.append(SchemaElement(repetition: .repeated, name: "list", numChildren: 1))
            try add(element, name: "element", nullable: element.nullable, column: column, path: path + ["list"],
                    steps: steps + [.list(nullable: nullable)], def: def + 1, rep: rep + 1)
        case let .map(key, value):
            elements.append(SchemaElement(repetition: repetition, name: name, numChildren: 1,
                                          convertedType: .map, logicalType: .map))
            elements.append(SchemaElement(repetition: .repeated, name: "key_value", numChildren: 2))
            try add(key, name: "key", nullable: false, column: column, path: path + ["key_value"],
                    steps: steps + [.mapKeys(nullable: nullable)], def: def + 1, rep: rep + 1)
            try add(value, name: "value", nullable: value.nullable, column: column, path: path + ["key_value"],
                    steps: steps + [.mapValues(nullable: nullable)], def: def + 1, rep: rep + 1)
        default:
            var leaf = try WriteLeaf(Field(name, field.type, nullable: nullable))
            leaf.column = column
            leaf.path = path
            leaf.steps = steps
            leaf.maxDefinitionLevel = def
            leaf.maxRepetitionLevel = rep
            elements.append(leaf.element)
            leaves.append(leaf)
        }
    }
}
