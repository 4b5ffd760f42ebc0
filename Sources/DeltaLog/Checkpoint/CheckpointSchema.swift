import Columnar

/// The Parquet schema of a classic checkpoint (PROTOCOL.md, "Checkpoint Schema").
///
/// One row per action; each row sets exactly one of the top-level struct columns and leaves the
/// others null. Every field is nullable, as Spark writes it (`StructType.asNullable`): the file is
/// sparse, and readers (Spark, delta-rs, delta-kernel-rs) accept nullable fields everywhere.
/// Map keys are never null; map values and list elements may be.
///
/// | column         | fields (in order)                                                                   |
/// |----------------|-------------------------------------------------------------------------------------|
/// | txn            | appId string, version long, lastUpdated long                                        |
/// | add            | path string, partitionValues map<string,string>, size long, modificationTime long,  |
/// |                | dataChange boolean, stats string (unless writeStatsAsJson=false), tags map,          |
/// |                | deletionVector dv, baseRowId long, defaultRowCommitVersion long,                     |
/// |                | clusteringProvider string, [partitionValues_parsed struct], [stats_parsed struct]    |
/// | remove         | path, deletionTimestamp long, dataChange boolean, extendedFileMetadata boolean,      |
/// |                | partitionValues map, size long, deletionVector dv, baseRowId, defaultRowCommitVersion|
/// | metaData       | id, name, description, format struct{provider, options map}, schemaString,           |
/// |                | partitionColumns array<string>, configuration map, createdTime long                  |
/// | protocol       | minReaderVersion int, minWriterVersion int, readerFeatures / writerFeatures array    |
/// | domainMetadata | domain string, configuration string, removed boolean                                |
///
/// `dv` = struct{storageType string, pathOrInlineDv string, offset int, sizeInBytes int,
/// cardinality long, maxRowIndex long} (maxRowIndex as Spark writes it).
/// The `_parsed` columns appear only with `delta.checkpoint.writeStatsAsStruct` (default true);
/// `partitionValues_parsed` only for partitioned tables. See `CheckpointStatsLayout` for their
/// contents.
public enum CheckpointSchema {
    /// The classic checkpoint schema for a table, in PROTOCOL.md order: txn, add, remove,
    /// metaData, protocol, domainMetadata.
    public static func schema(for snapshot: Snapshot) -> Schema {
        schema(layout: CheckpointStatsLayout(snapshot: snapshot))
    }

    static func schema(layout: CheckpointStatsLayout) -> Schema {
        Schema([
            Field("txn", txnType),
            Field("add", addType(layout: layout)),
            Field("remove", removeType),
            Field("metaData", metadataType),
            Field("protocol", protocolType),
            Field("domainMetadata", domainMetadataType),
        ])
    }

    // MARK: shared types

    static let stringMap = DataType.map(key: Field("key", .string, nullable: false), value: Field("value", .string))
    static let stringList = DataType.array(element: Field("element", .string))

    static let deletionVectorType = DataType.struct([
        Field("storageType", .string),
        Field("pathOrInlineDv", .string),
        Field("offset", .integer),
        Field("sizeInBytes", .integer),
        Field("cardinality", .long),
        Field("maxRowIndex", .long),
    ])

    static let txnType = DataType.struct([
        Field("appId", .string),
        Field("version", .long),
        Field("lastUpdated", .long),
    ])

    static func addFields(layout: CheckpointStatsLayout) -> [Field] {
        var fields = [
            Field("path", .string),
            Field("partitionValues", stringMap),
            Field("size", .long),
            Field("modificationTime", .long),
            Field("dataChange", .boolean),
        ]
        if layout.writeStatsAsJson { fields.append(Field("stats", .string)) }
        fields += [
            Field("tags", stringMap),
            Field("deletionVector", deletionVectorType),
            Field("baseRowId", .long),
            Field("defaultRowCommitVersion", .long),
            Field("clusteringProvider", .string),
        ]
        if let p = layout.partitionValuesParsedType { fields.append(Field("partitionValues_parsed", p)) }
        if let s = layout.statsParsedType { fields.append(Field("stats_parsed", s)) }
        return fields
    }

    static func addType(layout: CheckpointStatsLayout) -> DataType { .struct(addFields(layout: layout)) }

    static let removeType = DataType.struct([
        Field("path", .string),
        Field("deletionTimestamp", .long),
        Field("dataChange", .boolean),
        Field("extendedFileMetadata", .boolean),
        Field("partitionValues", stringMap),
        Field("size", .long),
        Field("deletionVector", deletionVectorType),
        Field("baseRowId", .long),
        Field("defaultRowCommitVersion", .long),
    ])

    static let formatType = DataType.struct([
        Field("provider", .string),
        Field("options", stringMap),
    ])

    static let metadataType = DataType.struct([
        Field("id", .string),
        Field("name", .string),
        Field("description", .string),
        Field("format", formatType),
        Field("schemaString", .string),
        Field("partitionColumns", stringList),
        Field("configuration", stringMap),
        Field("createdTime", .long),
    ])

    static let protocolType = DataType.struct([
        Field("minReaderVersion", .integer),
        Field("minWriterVersion", .integer),
        Field("readerFeatures", stringList),
        Field("writerFeatures", stringList),
    ])

    static let domainMetadataType = DataType.struct([
        Field("domain", .string),
        Field("configuration", .string),
        Field("removed", .boolean),
    ])
}
