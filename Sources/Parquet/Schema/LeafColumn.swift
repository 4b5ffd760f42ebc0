import Columnar

/// One primitive (leaf) column of a Parquet file, with everything the reader needs to turn
/// its pages into a Columnar column.
struct LeafColumn: Sendable {
    /// Path from the root, e.g. ["a", "b"] for struct a's field b.
    var path: [String]
    var physical: PhysicalType
    /// Byte width of FIXED_LEN_BYTE_ARRAY values (0 otherwise).
    var typeLength: Int
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int
    /// The Columnar type the values become.
    var type: DataType
    /// Unit of an INT64 timestamp (micros when not a timestamp).
    var timeUnit: TimeUnit
    /// True for INT32/INT64 columns annotated as unsigned integers (read widened).
    var unsigned: Bool = false
}

/// A top-level field of the file and the range of leaf columns it covers.
struct TopLevelColumn: Sendable {
    var field: Field
    var leaves: Range<Int>
    /// True when the field is one primitive column with no repetition: read by the flat fast
    /// path, and the only kind that has statistics for pruning.
    var isFlat: Bool
    /// How the leaves' levels assemble into the field's value (used for nested fields).
    var shape: NestedShape
}
