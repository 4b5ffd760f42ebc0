import Testing
import Columnar
@testable import DeltaLog

/// Hand-made batches in the shapes other writers produce.
@Suite struct CheckpointDecoderTests {
    static let source = "00000000000000000010.checkpoint.parquet"
    static let stringMap = DataType.map(key: Field("key", .string, nullable: false), value: Field("value", .string))

    /// add = struct{path string, size int (narrow), partitionValues map, extra long}, protocol with long versions,
    /// an unknown top-level column, and rows where every action is null.
    @Test func toleratesMissingFieldsNarrowIntegersExtraColumnsAndNullRows() throws {
        let addType = DataType.struct([Field("path", .string), Field("size", .integer),
                                       Field("partitionValues", Self.stringMap), Field("somethingNew", .long)])
        let protocolType = DataType.struct([Field("minReaderVersion", .long), Field("minWriterVersion", .long)])
        let add = try Column(addType, [
            .null,
            .struct([.string("a.parquet"), .integer(10), .map([(key: .string("p"), value: .string("1")),
                                                               (key: .string("q"), value: .null)]), .long(5)]),
            .null,
            .struct([.string("b.parquet"), .integer(20), .null, .null]),
        ])
        let proto = try Column(protocolType, [.struct([.long(1), .long(2)]), .null, .null, .null])
        let extra = try Column(.integer, [.integer(1), .integer(2), .integer(3), .integer(4)])
        let batch = try RecordBatch(schema: Schema([Field("protocol", protocolType), Field("unknown", .integer), Field("add", addType)]),
                                    columns: [proto, extra, add])
        let actions = try CheckpointDecoder.actions(from: batch, source: Self.source)
        #expect(actions == [
            .protocol(DeltaProtocol(minReaderVersion: 1, minWriterVersion: 2)),
            .add(AddFile(path: "a.parquet", partitionValues: ["p": "1", "q": nil], size: 10, modificationTime: 0, dataChange: false)),
            .add(AddFile(path: "b.parquet", partitionValues: [:], size: 20, modificationTime: 0, dataChange: false)),
        ])
    }

    @Test func v2CheckpointMetadataAndSidecarRows() throws {
        let cmType = DataType.struct([Field("version", .long), Field("tags", Self.stringMap)])
        let sidecarType = DataType.struct([Field("path", .string), Field("sizeInBytes", .long),
                                           Field("modificationTime", .long), Field("tags", Self.stringMap)])
        let cm = try Column(cmType, [.struct([.long(2), .null]), .null])
        let sidecar = try Column(sidecarType, [.null, .struct([.string("0002.checkpoint.0000000001.0000000002.x.parquet"),
                                                                .long(9367), .long(1714496115780), .null])])
        let batch = try RecordBatch(schema: Schema([Field("checkpointMetadata", cmType), Field("sidecar", sidecarType)]),
                                    columns: [cm, sidecar])
        let actions = try CheckpointDecoder.actions(from: batch, source: Self.source)
        #expect(actions == [
            .checkpointMetadata(CheckpointMetadata(version: 2)),
            .sidecar(SidecarFile(path: "0002.checkpoint.0000000001.0000000002.x.parquet", sizeInBytes: 9367,
                                 modificationTime: 1714496115780)),
        ])
    }

    @Test func nullPathNamesSourceAndRow() throws {
        let addType = DataType.struct([Field("path", .string), Field("size", .long)])
        let add = try Column(addType, [.struct([.string("a"), .long(1)]), .null, .struct([.null, .long(2)])])
        let batch = try RecordBatch(schema: Schema([Field("add", addType)]), columns: [add])
        let error = #expect(throws: DeltaError.self) { try CheckpointDecoder.actions(from: batch, source: Self.source) }
        #expect(error?.code == .corruptLog)
        #expect(error?.message.contains("\(Self.source) row 2: add.path is null") == true)
        #expect(error?.path == Self.source)
    }

    @Test func wrongTypeForKnownFieldNamesFieldAndFirstRow() throws {
        let addType = DataType.struct([Field("path", .long), Field("size", .long)])
        let add = try Column(addType, [.null, .struct([.long(1), .long(1)])])
        let batch = try RecordBatch(schema: Schema([Field("add", addType)]), columns: [add])
        let error = #expect(throws: DeltaError.self) { try CheckpointDecoder.actions(from: batch, source: Self.source) }
        #expect(error?.message.contains("row 1: add.path has type long, expected string") == true)
        let mismatch = error?.cause as? FieldTypeMismatch
        #expect(mismatch?.field == "add.path" && mismatch?.found == .long, "cause: \(String(describing: error?.cause))")

        let notStruct = try RecordBatch(schema: Schema([Field("remove", .string)]), columns: [try Column(.string, [.string("x")])])
        #expect(throws: DeltaError.self) { try CheckpointDecoder.actions(from: notStruct, source: Self.source) }
    }

    @Test func missingSizeAndBadDeletionVectorThrow() throws {
        let addType = DataType.struct([Field("path", .string)])
        let batch = try RecordBatch(schema: Schema([Field("add", addType)]),
                                    columns: [try Column(addType, [.struct([.string("a")])])])
        #expect(throws: DeltaError.self) { try CheckpointDecoder.actions(from: batch, source: Self.source) }

        let dvType = DataType.struct([Field("storageType", .string), Field("pathOrInlineDv", .string)])
        let removeType = DataType.struct([Field("path", .string), Field("deletionVector", dvType)])
        let remove = try Column(removeType, [.struct([.string("r"), .struct([.string("u"), .string("x")])])])
        let batch2 = try RecordBatch(schema: Schema([Field("remove", removeType)]), columns: [remove])
        let error = #expect(throws: DeltaError.self) { try CheckpointDecoder.actions(from: batch2, source: Self.source) }
        #expect(error?.message.contains("row 0: remove.deletionVector lacks") == true)
    }

    @Test func statsParsedWithoutStatsIsRebuiltAsJSON() throws {
        let bounds = DataType.struct([Field("x", .integer), Field("d", .date), Field("t", .timestamp),
                                      Field("n", .timestampNtz), Field("m", .decimal(precision: 5, scale: 2)),
                                      Field("f", .float), Field("s", .string), Field("b", .binary)])
        let counts = DataType.struct([Field("x", .long), Field("d", .long)])
        let statsType = DataType.struct([Field("numRecords", .long), Field("minValues", bounds),
                                         Field("nullCount", counts)])
        let addType = DataType.struct([Field("path", .string), Field("size", .long), Field("stats_parsed", statsType)])
        let min = Scalar.struct([.integer(-3), .date(19_724), .timestamp(1_704_103_200_123_456), .timestampNtz(1_704_103_200_000_000),
                                 .decimal(-5, precision: 5, scale: 2), .float(1.5), .string("é\""), .binary([1])])
        let add = try Column(addType, [.struct([.string("a"), .long(1), .struct([.long(3), min, .struct([.long(0), .null])])]),
                                       .struct([.string("b"), .long(1), .null])])
        let batch = try RecordBatch(schema: Schema([Field("add", addType)]), columns: [add])
        let actions = try CheckpointDecoder.actions(from: batch, source: Self.source)
        guard case let .add(a) = actions[0], case let .add(b) = actions[1] else { Issue.record("not adds"); return }
        #expect(a.stats == #"{"numRecords":3,"minValues":{"d":"2024-01-02","f":1.5,"m":-0.05,"n":"2024-01-01T10:00:00.000","s":"é\"","t":"2024-01-01T10:00:00.123456Z","x":-3},"maxValues":{},"nullCount":{"x":0}}"#)
        #expect(b.stats == nil)
    }

    @Test func partitionValuesRebuiltFromParsedWhenMapMissing() throws {
        let parsedType = DataType.struct([Field("d", .date), Field("n", .integer)])
        let addType = DataType.struct([Field("path", .string), Field("size", .long), Field("partitionValues_parsed", parsedType)])
        let add = try Column(addType, [.struct([.string("a"), .long(1), .struct([.date(0), .null])])])
        let batch = try RecordBatch(schema: Schema([Field("add", addType)]), columns: [add])
        let actions = try CheckpointDecoder.actions(from: batch, source: Self.source)
        #expect(actions == [.add(AddFile(path: "a", partitionValues: ["d": "1970-01-01", "n": nil], size: 1, modificationTime: 0,
                                         dataChange: false))])
    }

    @Test func emptyBatchAndColumnNames() throws {
        #expect(try CheckpointDecoder.actions(from: RecordBatch(emptySchemaRowCount: 3), source: "x").isEmpty)
        #expect(CheckpointDecoder.columnNames == ["txn", "add", "remove", "metaData", "protocol", "domainMetadata",
                                                  "checkpointMetadata", "sidecar"])
    }
}
