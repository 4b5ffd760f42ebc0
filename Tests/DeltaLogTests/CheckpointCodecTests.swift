import Foundation
import Testing
import Columnar
@testable import DeltaLog

/// A table schema with every kind of statistics leaf: numbers, string, date, timestamp, decimal,
/// boolean (null counts only), a nested struct, and two partition columns.
let checkpointTestSchema = """
{"type":"struct","fields":[\
{"name":"id","type":"long","nullable":true,"metadata":{}},\
{"name":"name","type":"string","nullable":true,"metadata":{}},\
{"name":"d","type":"date","nullable":true,"metadata":{}},\
{"name":"ts","type":"timestamp","nullable":true,"metadata":{}},\
{"name":"amount","type":"decimal(10,2)","nullable":true,"metadata":{}},\
{"name":"flag","type":"boolean","nullable":true,"metadata":{}},\
{"name":"s","type":{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}},\
{"name":"b","type":"string","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},\
{"name":"p","type":"string","nullable":true,"metadata":{}},\
{"name":"q","type":"integer","nullable":true,"metadata":{}}]}
"""

let checkpointNow: Int64 = 1_700_000_000_000

func checkpointStats(_ k: Int64) -> String {
    FileStatistics(numRecords: 3 + k,
                   minValues: ["id": .number(String(k)), "name": .string("a\(k)"), "d": .string("2024-01-02"),
                               "ts": .string("2024-01-01T10:00:00.123Z"), "amount": .number("12.34"),
                               "s": .object([(key: "a", value: .number("1")), (key: "b", value: .string("x"))])],
                   maxValues: ["id": .number(String(k + 100)), "name": .string("z"), "d": .string("2024-02-29"),
                               "ts": .string("2024-03-01T00:00:00.000Z"), "amount": .number("-0.50"),
                               "s": .object([(key: "a", value: .number("9")), (key: "b", value: .string("y"))])],
                   nullCount: ["id": .number("0"), "name": .number("1"), "d": .number("0"), "ts": .number("0"),
                               "amount": .number("0"), "flag": .number("2"),
                               "s": .object([(key: "a", value: .number("0")), (key: "b", value: .number("1"))])],
                   tightBounds: k % 2 == 0 ? true : nil).json()
}

func checkpointTestSnapshot(configuration: [String: String] = [:], files fileCount: Int = 7) throws -> Snapshot {
    let metadata = Metadata(id: "0b5c9d6e-0000-4000-8000-00000000c0de", name: "events", description: "test table",
                            format: .init(provider: "parquet", options: ["k": "v"]), schemaString: checkpointTestSchema,
                            partitionColumns: ["p", "q"], configuration: configuration, createdTime: 123)
    var files: [AddFile] = []
    for k in 0..<fileCount {
        let pv: [String: String?] = k % 3 == 0 ? ["p": nil, "q": nil] : ["p": "x\(k % 2)", "q": String(k)]
        files.append(AddFile(path: "p=x/part-\(k).parquet", partitionValues: pv, size: 1000 + Int64(k),
                             modificationTime: 5000 + Int64(k), dataChange: true,
                             stats: k == 4 ? nil : checkpointStats(Int64(k)),
                             tags: k == 1 ? ["INSERTION_TIME": "1", "empty": nil] : nil,
                             deletionVector: k == 2 ? DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^",
                                                                                offset: 4, sizeInBytes: 40, cardinality: 6, maxRowIndex: 9) : nil,
                             baseRowId: k == 3 ? 77 : nil, defaultRowCommitVersion: k == 3 ? 2 : nil,
                             clusteringProvider: k == 5 ? "liquid" : nil))
    }
    let recent = RemoveFile(path: "old-1.parquet", deletionTimestamp: checkpointNow - 1000, dataChange: true,
                            extendedFileMetadata: true, partitionValues: ["p": "x0", "q": nil], size: 10,
                            stats: checkpointStats(9), tags: ["t": "1"],
                            deletionVector: DeletionVectorDescriptor(storageType: "i", pathOrInlineDv: "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L",
                                                                     sizeInBytes: 40, cardinality: 1))
    let expired = RemoveFile(path: "old-2.parquet", deletionTimestamp: checkpointNow - 8 * 86_400_000, size: 10)
    let noTimestamp = RemoveFile(path: "old-3.parquet", deletionTimestamp: nil, dataChange: false)
    return try Snapshot(version: 12, protocolAction: DeltaProtocol(minReaderVersion: 3, minWriterVersion: 7,
                                                                   readerFeatures: ["deletionVectors"],
                                                                   writerFeatures: ["deletionVectors", "domainMetadata"]),
                        metadata: metadata, files: files, tombstones: [recent, expired, noTimestamp],
                        transactions: ["b-app": SetTransaction(appId: "b-app", version: 4, lastUpdated: 99),
                                       "a-app": SetTransaction(appId: "a-app", version: 7)],
                        domainMetadata: ["delta.clustering": DomainMetadata(domain: "delta.clustering", configuration: "{\"c\":[]}"),
                                         "app": DomainMetadata(domain: "app", configuration: "")],
                        timestampMillis: checkpointNow, schemaParser: SchemaJSON.parse)
}

/// Encodes `snapshot` in slices of `slice` rows, decodes each slice and replays the actions.
func checkpointRoundTrip(_ snapshot: Snapshot, slice: Int) throws -> (snapshot: Snapshot, batches: [RecordBatch]) {
    let encoder = try CheckpointEncoder(snapshot: snapshot, nowMillis: checkpointNow)
    var batches: [RecordBatch] = []
    var actions: [Action] = []
    for start in stride(from: 0, to: encoder.rowCount, by: slice) {
        let batch = try encoder.batch(rows: start..<min(start + slice, encoder.rowCount))
        #expect(batch.schema == encoder.schema)
        batches.append(batch)
        actions += try CheckpointDecoder.actions(from: batch, source: "00000000000000000012.checkpoint.parquet")
    }
    let replayed = try replayAll(version: snapshot.version, checkpointActions: actions, commits: [],
                                 timestampMillis: snapshot.timestampMillis, schemaParser: SchemaJSON.parse)
    return (replayed, batches)
}

/// What a checkpoint must give back: adds with dataChange=false, unexpired tombstones with
/// dataChange=false and without stats/tags.
func expectCheckpointEquivalent(_ back: Snapshot, _ original: Snapshot) {
    #expect(back.version == original.version)
    #expect(back.protocolAction == original.protocolAction)
    #expect(back.metadata == original.metadata)
    #expect(back.transactions == original.transactions)
    #expect(back.domainMetadata == original.domainMetadata)
    let files = original.files.map { f -> AddFile in var f = f; f.dataChange = false; return f }
    #expect(Array(back.files) == files)
    let tombstones = original.tombstones(unexpiredAt: checkpointNow).map { r -> RemoveFile in
        var r = r; r.dataChange = false; r.stats = nil; r.tags = nil; return r
    }
    #expect(back.tombstones == tombstones)
}

/// The child column `path` ("add.stats_parsed.minValues.d") of a batch.
func checkpointColumn(_ batch: RecordBatch, _ path: String) -> Column? {
    let parts = path.split(separator: ".").map(String.init)
    guard var column = batch.column(named: parts[0]) else { return nil }
    for p in parts.dropFirst() {
        guard case let .struct(fields) = column.type, case let .structure(children) = column.values,
              let k = fields.firstIndex(where: { $0.name == p }) else { return nil }
        column = children[k]
    }
    return column
}

@Suite struct CheckpointCodecTests {
    @Test func roundTripInSlicesGivesTheSameSnapshot() throws {
        let original = try checkpointTestSnapshot()
        for slice in [1, 3, 5, 64] {
            let (back, batches) = try checkpointRoundTrip(original, slice: slice)
            expectCheckpointEquivalent(back, original)
            let rows = batches.map(\.rowCount).reduce(0, +)
            #expect(rows == 15)
        }
    }

    @Test func countsAndRowOrder() throws {
        let original = try checkpointTestSnapshot()
        let encoder = try CheckpointEncoder(snapshot: original, nowMillis: checkpointNow)
        #expect(encoder.addCount == 7)
        #expect(encoder.removeCount == 2)   // the expired tombstone is dropped, the one without a timestamp kept
        #expect(encoder.rowCount == 15)
        let batch = try encoder.batch(rows: 0..<encoder.rowCount)
        let actions = try CheckpointDecoder.actions(from: batch, source: "c")
        // Exactly one struct set per row, in the documented order.
        let kinds = (0..<batch.rowCount).map { row in
            batch.schema.fields.indices.filter { batch.columns[$0].isValid(row) }.map { batch.schema.fields[$0].name }
        }
        var expected: [[String]] = [["protocol"], ["metaData"], ["txn"], ["txn"], ["domainMetadata"], ["domainMetadata"]]
        expected += Array(repeating: ["add"], count: 7)
        expected += [["remove"], ["remove"]]
        #expect(kinds == expected)
        let txnIds = actions.compactMap { if case let .txn(t) = $0 { return t.appId } else { return nil } }
        #expect(txnIds == ["a-app", "b-app"])
        let domains = actions.compactMap { if case let .domainMetadata(d) = $0 { return d.domain } else { return nil } }
        #expect(domains == ["app", "delta.clustering"])
        for case let .add(a) in actions { #expect(a.dataChange == false) }
    }

    @Test func batchOutsideTheRowsThrows() throws {
        let encoder = try CheckpointEncoder(snapshot: try checkpointTestSnapshot(), nowMillis: checkpointNow)
        #expect(throws: DeltaError.self) { try encoder.batch(rows: 5..<16) }
        #expect(try encoder.batch(rows: 3..<3).rowCount == 0)
    }

    @Test func schemaIsAllNullableInProtocolOrder() throws {
        let schema = CheckpointSchema.schema(for: try checkpointTestSnapshot())
        #expect(schema.fields.map(\.name) == ["txn", "add", "remove", "metaData", "protocol", "domainMetadata"])
        func allNullable(_ t: DataType) -> Bool {
            switch t {
            case let .struct(fs): return fs.allSatisfy { $0.nullable && allNullable($0.type) }
            case let .array(e): return e.nullable && allNullable(e.type)
            case let .map(k, v): return !k.nullable && v.nullable
            default: return true
            }
        }
        #expect(schema.fields.allSatisfy { $0.nullable && allNullable($0.type) })
        guard case let .struct(add) = schema.fields[1].type else { Issue.record("add is not a struct"); return }
        #expect(add.map(\.name) == ["path", "partitionValues", "size", "modificationTime", "dataChange", "stats", "tags",
                                    "deletionVector", "baseRowId", "defaultRowCommitVersion", "clusteringProvider",
                                    "partitionValues_parsed", "stats_parsed"])
        #expect(add[11].type == .struct([Field("p", .string), Field("q", .integer)]))
        let bounds = DataType.struct([Field("id", .long), Field("name", .string), Field("d", .date), Field("ts", .timestamp),
                                      Field("amount", .decimal(precision: 10, scale: 2)), Field("flag", .boolean),
                                      Field("s", .struct([Field("a", .integer), Field("b", .string)]))])
        let counts = DataType.struct([Field("id", .long), Field("name", .long), Field("d", .long), Field("ts", .long),
                                      Field("amount", .long), Field("flag", .long),
                                      Field("s", .struct([Field("a", .long), Field("b", .long)]))])
        #expect(add[12].type == .struct([Field("numRecords", .long), Field("minValues", bounds), Field("maxValues", bounds),
                                         Field("nullCount", counts), Field("tightBounds", .boolean)]))
    }

    @Test func statsParsedHoldsTypedValues() throws {
        let encoder = try CheckpointEncoder(snapshot: try checkpointTestSnapshot(), nowMillis: checkpointNow)
        let batch = try encoder.batch(rows: 0..<encoder.rowCount)
        let addRow = 6 + 1   // file 1
        let d = try #require(checkpointColumn(batch, "add.stats_parsed.minValues.d"))
        #expect(d.type == .date)
        #expect(d.scalar(at: addRow) == .date(Int32(CivilDate.days(year: 2024, month: 1, day: 2))))
        let amount = try #require(checkpointColumn(batch, "add.stats_parsed.maxValues.amount"))
        #expect(amount.scalar(at: addRow) == .decimal(-50, precision: 10, scale: 2))
        let ts = try #require(checkpointColumn(batch, "add.stats_parsed.minValues.ts"))
        let tsDays = Int64(CivilDate.days(year: 2024, month: 1, day: 1))
        #expect(ts.scalar(at: addRow) == .timestamp(tsDays * 86_400_000_000 + 36_000_000_000 + 123_000))
        let nestedMax = try #require(checkpointColumn(batch, "add.stats_parsed.maxValues.s.b"))
        #expect(nestedMax.scalar(at: addRow) == .string("y"))
        let flagNulls = try #require(checkpointColumn(batch, "add.stats_parsed.nullCount.flag"))
        #expect(flagNulls.scalar(at: addRow) == .long(2))
        let numRecords = try #require(checkpointColumn(batch, "add.stats_parsed.numRecords"))
        #expect(numRecords.scalar(at: addRow) == .long(4))
        // File 4 has no stats: its stats_parsed is null. Non-add rows: null.
        let statsParsed = try #require(checkpointColumn(batch, "add.stats_parsed"))
        #expect(statsParsed.isNull(6 + 4))
        #expect(statsParsed.isNull(0))
        // partitionValues_parsed: typed, null for null partition values.
        let q = try #require(checkpointColumn(batch, "add.partitionValues_parsed.q"))
        #expect(q.scalar(at: 6 + 1) == .integer(1))
        #expect(q.scalar(at: 6 + 0) == .null)
    }

    @Test func writeStatsAsStructFalseLeavesOutParsedColumns() throws {
        let original = try checkpointTestSnapshot(configuration: ["delta.checkpoint.writeStatsAsStruct": "false"])
        let (back, batches) = try checkpointRoundTrip(original, slice: 4)
        expectCheckpointEquivalent(back, original)
        #expect(checkpointColumn(batches[0], "add.stats_parsed") == nil)
        #expect(checkpointColumn(batches[0], "add.partitionValues_parsed") == nil)
        #expect(checkpointColumn(batches[0], "add.stats") != nil)
    }

    @Test func statsOnlyAsStructAreRebuiltAsEqualJSON() throws {
        let original = try checkpointTestSnapshot(configuration: ["delta.checkpoint.writeStatsAsJson": "false"])
        let (back, batches) = try checkpointRoundTrip(original, slice: 5)
        #expect(checkpointColumn(batches[0], "add.stats") == nil)
        expectCheckpointEquivalent(back, original)
        // Statistics written by FileStatistics.json() come back byte for byte.
        #expect(back.files.map(\.stats) == original.files.map(\.stats))
    }

    @Test func statsColumnsAndIndexedColumnCountChooseLeaves() throws {
        let limited = try checkpointTestSnapshot(configuration: ["delta.dataSkippingNumIndexedCols": "2"])
        let layout = CheckpointStatsLayout(snapshot: limited)
        #expect(layout.countedLeaves.map(\.path) == [["id"], ["name"]])
        let named = try checkpointTestSnapshot(configuration: ["delta.dataSkippingStatsColumns": "s,flag"])
        let layout2 = CheckpointStatsLayout(snapshot: named)
        #expect(layout2.countedLeaves.map(\.path) == [["flag"], ["s", "a"], ["s", "b"]])
        #expect(layout2.boundedLeaves.map(\.path) == [["flag"], ["s", "a"], ["s", "b"]])
        let (back, _) = try checkpointRoundTrip(named, slice: 100)
        expectCheckpointEquivalent(back, named)
    }

    @Test func unpartitionedTableWithoutStatsColumns() throws {
        let metadata = Metadata(id: "x", schemaString: #"{"type":"struct","fields":[{"name":"b","type":"binary","nullable":true,"metadata":{}}]}"#,
                                configuration: ["delta.dataSkippingNumIndexedCols": "0"])
        let snapshot = try Snapshot(version: 0, protocolAction: .default, metadata: metadata,
                                    files: [AddFile(path: "a", size: 1, modificationTime: 2, stats: #"{"numRecords":1}"#)],
                                    tombstones: [], transactions: [:], domainMetadata: [:], timestampMillis: 0,
                                    schemaParser: SchemaJSON.parse)
        guard case let .struct(add) = CheckpointSchema.schema(for: snapshot).fields[1].type else { return }
        #expect(!add.contains { $0.name == "partitionValues_parsed" })
        #expect(add.last?.type == .struct([Field("numRecords", .long), Field("tightBounds", .boolean)]))
        let (back, _) = try checkpointRoundTrip(snapshot, slice: 2)
        #expect(back.files.map(\.path) == ["a"])
        #expect(back.files[0].stats == #"{"numRecords":1}"#)
    }

    @Test func encodeAndDecode200kAdds() throws {
        let n = 200_000
        let stats = checkpointStats(1)
        var files: [AddFile] = []
        files.reserveCapacity(n)
        for k in 0..<n {
            files.append(AddFile(path: "p=x\(k % 10)/part-\(String(k, radix: 16))-c000.snappy.parquet",
                                 partitionValues: ["p": "x\(k % 10)", "q": String(k % 7)], size: Int64(k), modificationTime: 1,
                                 stats: stats))
        }
        func snapshot(_ configuration: [String: String], _ files: [AddFile]) throws -> Snapshot {
            let base = try checkpointTestSnapshot(configuration: configuration, files: 0)
            return Snapshot(version: 1, protocolAction: base.protocolAction, metadata: base.metadata, schema: base.schema,
                            files: files, tombstones: [], transactions: [:], domainMetadata: [:], timestampMillis: 0)
        }
        let clock = ContinuousClock()
        // 200k adds with the stats JSON (the common read path), in 64k-row slices.
        let encoder = try CheckpointEncoder(snapshot: try snapshot(["delta.checkpoint.writeStatsAsStruct": "false"], files), nowMillis: 0)
        var batches: [RecordBatch] = []
        let encodeTime = try clock.measure {
            for start in stride(from: 0, to: encoder.rowCount, by: 65_536) {
                batches.append(try encoder.batch(rows: start..<min(start + 65_536, encoder.rowCount)))
            }
        }
        var decoded = 0
        let decodeTime = try clock.measure {
            for b in batches { decoded += try CheckpointDecoder.actions(from: b, source: "perf").count }
        }
        // stats_parsed costs a JSON parse per file: measured on 20k.
        let parsed = try CheckpointEncoder(snapshot: try snapshot([:], Array(files.prefix(20_000))), nowMillis: 0)
        let parsedTime = try clock.measure { _ = try parsed.batch(rows: 0..<parsed.rowCount) }
        print("checkpoint codec, \(n) adds: encode \(encodeTime), decode \(decodeTime); 20k adds with stats_parsed: encode \(parsedTime)")
        #expect(decoded == n + 2)
    }
}
