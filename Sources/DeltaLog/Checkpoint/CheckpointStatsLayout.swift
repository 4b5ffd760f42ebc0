import Columnar

/// What a checkpoint of one table holds beside the JSON actions: the typed
/// `add.partitionValues_parsed` and `add.stats_parsed` columns (PROTOCOL.md, "Checkpoint Schema").
///
/// - `partitionValues_parsed` = struct{<each partition column, in metaData order, with its table type>}.
/// - `stats_parsed` = struct{numRecords long, minValues struct, maxValues struct, nullCount struct,
///   tightBounds boolean}. minValues/maxValues hold the data columns that get statistics and have
///   bounds (numbers, decimals, dates, timestamps, strings; structs recurse), typed as in the table;
///   nullCount holds a long for every leaf that gets statistics (booleans, binary, arrays and maps
///   included), the way `FileStatisticsBuilder` writes `nullCount`. Which leaves get statistics
///   follows `delta.dataSkippingStatsColumns` / `delta.dataSkippingNumIndexedCols` exactly as
///   `FileStatisticsBuilder` does. A struct that would have no fields is left out (Parquet cannot
///   store an empty group).
///
/// Names are physical names (`delta.columnMapping.physicalName` field metadata) when the table
/// has them: statistics and partition values are keyed by physical name under column mapping.
struct CheckpointStatsLayout: Sendable {
    struct Leaf: Sendable {
        /// Physical names from the top of the data schema down to the leaf.
        var path: [String]
        var type: DataType
    }

    struct PartitionColumn: Sendable {
        /// The key in `add.partitionValues` (the physical name).
        var key: String
        /// The logical name (error messages).
        var name: String
        var type: DataType
    }

    let writeStatsAsJson: Bool
    let writeStatsAsStruct: Bool
    let partitionColumns: [PartitionColumn]
    /// Leaves with min/max values, in schema order.
    let boundedLeaves: [Leaf]
    /// Leaves with null counts, in schema order.
    let countedLeaves: [Leaf]
    /// struct{<bounded leaves, nested>} or nil when there are none.
    let boundsType: DataType?
    /// struct{<counted leaves as long, nested>} or nil when there are none.
    let nullCountType: DataType?

    init(snapshot: Snapshot) {
        self.init(schema: snapshot.schema, partitionColumns: snapshot.partitionColumns, properties: snapshot.properties)
    }

    init(schema: Schema, partitionColumns: [String], properties: TableProperties) {
        writeStatsAsJson = properties.checkpointWriteStatsAsJson
        writeStatsAsStruct = properties.checkpointWriteStatsAsStruct
        let partitionSet = Set(partitionColumns)
        var parts: [PartitionColumn] = []
        for name in partitionColumns {
            guard let field = schema.field(named: name) else { continue }
            parts.append(PartitionColumn(key: Self.physicalName(field), name: name, type: field.type))
        }
        self.partitionColumns = parts

        let dataSchema = Schema(schema.fields.filter { !partitionSet.contains($0.name) })
        var leaves = StatsLeaf.leaves(of: dataSchema)
        if let statsColumns = properties.dataSkippingStatsColumns {
            leaves = leaves.filter { leaf in statsColumns.contains { leaf.name == $0 || leaf.name.hasPrefix($0 + ".") } }
        } else if properties.dataSkippingNumIndexedCols >= 0 {
            leaves = Array(leaves.prefix(properties.dataSkippingNumIndexedCols))
        }
        let counted = leaves.map { Leaf(path: Self.physicalPath(of: $0, in: dataSchema), type: $0.type) }
        countedLeaves = counted
        boundedLeaves = counted.filter { Self.hasBounds($0.type) }
        boundsType = Self.nestedType(boundedLeaves.map { ($0.path[...], $0.type) })
        nullCountType = Self.nestedType(countedLeaves.map { ($0.path[...], DataType.long) })
    }

    /// The `partitionValues_parsed` type, when it is written.
    var partitionValuesParsedType: DataType? {
        guard writeStatsAsStruct, !partitionColumns.isEmpty else { return nil }
        return .struct(partitionColumns.map { Field($0.key, $0.type) })
    }

    /// The `stats_parsed` type, when it is written.
    var statsParsedType: DataType? {
        guard writeStatsAsStruct else { return nil }
        var fields = [Field("numRecords", .long)]
        if let boundsType {
            fields.append(Field("minValues", boundsType))
            fields.append(Field("maxValues", boundsType))
        }
        if let nullCountType { fields.append(Field("nullCount", nullCountType)) }
        fields.append(Field("tightBounds", .boolean))
        return .struct(fields)
    }

    /// Types that `FileStatisticsBuilder` writes min/max values for.
    static func hasBounds(_ type: DataType) -> Bool {
        switch type {
        case .boolean, .byte, .short, .integer, .long, .float, .double, .decimal, .date, .timestamp, .timestampNtz, .string:
            return true
        default:
            return false
        }
    }

    /// The column-mapping physical name of a field, else its name. Field metadata values are JSON text.
    static func physicalName(_ field: Field) -> String {
        guard let text = field.metadata["delta.columnMapping.physicalName"] else { return field.name }
        if let parsed = try? JSONParser.parse(text), let s = parsed.stringValue { return s }
        return text
    }

    static func physicalPath(of leaf: StatsLeaf, in schema: Schema) -> [String] {
        var out: [String] = []
        var fields = schema.fields
        for i in leaf.indexPath {
            let f = fields[i]
            out.append(physicalName(f))
            if case let .struct(children) = f.type { fields = children }
        }
        return out
    }

    /// Nested struct type from leaves in depth-first order (siblings are contiguous).
    static func nestedType(_ leaves: [(path: ArraySlice<String>, type: DataType)]) -> DataType? {
        let fields = nestedFields(leaves[...])
        return fields.isEmpty ? nil : .struct(fields)
    }

    private static func nestedFields(_ leaves: ArraySlice<(path: ArraySlice<String>, type: DataType)>) -> [Field] {
        var out: [Field] = []
        var i = leaves.startIndex
        while i < leaves.endIndex {
            let head = leaves[i].path.first!
            if leaves[i].path.count == 1 {
                out.append(Field(head, leaves[i].type))
                i += 1
                continue
            }
            var j = i
            while j < leaves.endIndex, leaves[j].path.count > 1, leaves[j].path.first == head { j += 1 }
            let children = nestedFields(leaves[i..<j].map { (path: $0.path.dropFirst(), type: $0.type) }[...])
            out.append(Field(head, .struct(children)))
            i = j
        }
        return out
    }
}
