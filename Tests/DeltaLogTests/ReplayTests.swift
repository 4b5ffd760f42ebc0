import Testing
import Columnar
@testable import DeltaLog

/// A tiny schema "parser" for tests: `name type, name type` with long/string/timestamp_ntz/int.
func testSchemaParser(_ text: String) throws -> Schema {
    try Schema(text.split(separator: ",").map { part in
        let words = part.split(separator: " ")
        guard words.count == 2 else { throw DeltaError(.invalidSchema, "bad test schema '\(text)'") }
        let type: DataType
        switch words[1] {
        case "long": type = .long
        case "int": type = .integer
        case "string": type = .string
        case "timestamp_ntz": type = .timestampNtz
        default: throw DeltaError(.invalidSchema, "bad test type '\(words[1])'")
        }
        return Field(String(words[0]), type)
    })
}

func testMetadata(partitionColumns: [String] = [], configuration: [String: String] = [:],
                  schema: String = "id long, p string") -> Metadata {
    Metadata(id: "3f6e2a1c-0000-4000-8000-000000000001", schemaString: schema,
             partitionColumns: partitionColumns, configuration: configuration, createdTime: 0)
}

func testAdd(_ path: String, p: String? = nil, size: Int64 = 10, dataChange: Bool = true,
             dv: DeletionVectorDescriptor? = nil) -> AddFile {
    AddFile(path: path, partitionValues: p.map { ["p": $0] } ?? [:], size: size, modificationTime: 1,
            dataChange: dataChange, deletionVector: dv)
}

func testRemove(_ path: String, p: String? = nil, at time: Int64 = 5, dataChange: Bool = true,
                dv: DeletionVectorDescriptor? = nil) -> RemoveFile {
    RemoveFile(path: path, deletionTimestamp: time, dataChange: dataChange,
               partitionValues: p.map { ["p": $0] }, size: 10, deletionVector: dv)
}

let createActions: [Action] = [.protocol(.default), .metadata(testMetadata(partitionColumns: ["p"]))]

/// Replays a checkpoint's actions and then each commit's, all at once (what the snapshot loader
/// does in chunks).
func replayAll(version: Int64, checkpointActions: [Action], commits: [(version: Int64, actions: [Action])],
               timestampMillis: Int64 = 0, schemaParser: (String) throws -> Schema = testSchemaParser) throws -> Snapshot {
    var accumulator = ReplayAccumulator(expectedFiles: checkpointActions.count)
    accumulator.apply(checkpointActions)
    for commit in commits { accumulator.apply(commit.actions) }
    accumulator.logRange = commits.first.map { "\(checkpointActions.isEmpty ? "" : "the checkpoint and ")versions \($0.version)…\(version)" }
        ?? "the checkpoint of version \(version)"
    return try accumulator.snapshot(version: version, timestampMillis: timestampMillis, schemaParser: schemaParser)
}

/// Replays `commits` (version i = index i); the snapshot's timestamp is 1000 × its version.
func replay(_ commits: [[Action]], checkpoint: [Action] = [], firstVersion: Int64 = 0) throws -> Snapshot {
    let numbered = commits.enumerated().map { (version: firstVersion + Int64($0.offset), actions: $0.element) }
    let version = numbered.last?.version ?? firstVersion - 1
    return try replayAll(version: version, checkpointActions: checkpoint, commits: numbered, timestampMillis: 1000 * version)
}

@Suite struct ReplayTests {
    @Test func addThenRemoveThenReAdd() throws {
        let s = try replay([createActions + [.add(testAdd("a")), .add(testAdd("b"))],
                            [.remove(testRemove("a"))],
                            [.add(testAdd("a", size: 99))]])
        #expect(s.version == 2)
        #expect(s.files.map(\.path) == ["a", "b"])
        #expect(s.files[0].size == 99)
        #expect(s.tombstones.isEmpty)
        #expect(s.totalBytes == 109)
        #expect(s.timestampMillis == 2000)
    }

    @Test func removeAfterAddRemovesAndKeepsTombstone() throws {
        let s = try replay([createActions + [.add(testAdd("a")), .add(testAdd("b"))], [.remove(testRemove("b", at: 77))]])
        #expect(s.files.map(\.path) == ["a"])
        #expect(s.tombstones.map(\.path) == ["b"])
        #expect(s.tombstones.first?.deletionTimestamp == 77)
    }

    @Test func addAndRemoveInOneCommitNewestWins() throws {
        let s = try replay([createActions + [.add(testAdd("a")), .remove(testRemove("a")), .add(testAdd("c")), .remove(testRemove("d"))]])
        #expect(s.files.map(\.path) == ["c"])
        #expect(Set(s.tombstones.map(\.path)) == ["a", "d"])
    }

    @Test func deletionVectorsAreSeparateKeys() throws {
        let dv1 = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "abc", sizeInBytes: 10, cardinality: 2)
        let dv2 = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "def", sizeInBytes: 10, cardinality: 3)
        let s = try replay([createActions + [.add(testAdd("a"))],
                            [.remove(testRemove("a")), .add(testAdd("a", dv: dv1))],
                            [.remove(testRemove("a", dv: dv1)), .add(testAdd("a", dv: dv2))]])
        #expect(s.files.count == 1)
        #expect(s.files.first?.deletionVector == dv2)
        #expect(s.tombstones.map(\.key) == [FileKey(path: "a"), FileKey(path: "a", deletionVectorId: "uabc")])
    }

    @Test func filesAreSortedByPathThenDeletionVector() throws {
        let dv = DeletionVectorDescriptor(storageType: "i", pathOrInlineDv: "x", sizeInBytes: 1, cardinality: 1)
        let s = try replay([createActions + [.add(testAdd("c")), .add(testAdd("a", dv: dv)), .add(testAdd("b")), .add(testAdd("a"))]])
        #expect(s.files.map(\.key) == [FileKey(path: "a"), FileKey(path: "a", deletionVectorId: "ix"), FileKey(path: "b"), FileKey(path: "c")])
    }

    @Test func latestTxnPerAppId() throws {
        let s = try replay([createActions + [.txn(SetTransaction(appId: "etl", version: 1))],
                            [.txn(SetTransaction(appId: "etl", version: 2)), .txn(SetTransaction(appId: "other", version: 7))]])
        #expect(s.transactions.count == 2)
        #expect(s.transactionVersion(appId: "etl") == 2)
        #expect(s.transactionVersion(appId: "other") == 7)
        #expect(s.transactionVersion(appId: "none") == nil)
    }

    @Test func domainMetadataLatestAndTombstones() throws {
        let s = try replay([createActions + [.domainMetadata(DomainMetadata(domain: "a", configuration: "1")),
                                             .domainMetadata(DomainMetadata(domain: "b", configuration: "1"))],
                            [.domainMetadata(DomainMetadata(domain: "a", configuration: "2")),
                             .domainMetadata(DomainMetadata(domain: "b", configuration: "", removed: true))]])
        #expect(s.domainMetadata == ["a": DomainMetadata(domain: "a", configuration: "2")])
    }

    @Test func latestProtocolAndMetadataWin() throws {
        let ntz = DeltaProtocol(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: ["timestampNtz"])
        let m2 = testMetadata(configuration: ["delta.appendOnly": "true"], schema: "id long, t timestamp_ntz")
        let s = try replay([createActions, [.protocol(ntz), .metadata(m2)], [.commitInfo(CommitInfo(operation: "WRITE"))]])
        #expect(s.protocolAction == ntz)
        #expect(s.metadata == m2)
        #expect(s.schema == Schema([Field("id", .long), Field("t", .timestampNtz)]))
        #expect(s.properties.appendOnly)
        #expect(s.partitionColumns.isEmpty)
    }

    @Test func checkpointThenCommits() throws {
        let checkpoint: [Action] = createActions + [.add(testAdd("a")), .add(testAdd("b")), .remove(testRemove("z")),
                                                    .txn(SetTransaction(appId: "etl", version: 4))]
        let s = try replay([[.remove(testRemove("a"))], [.add(testAdd("z"))]], checkpoint: checkpoint, firstVersion: 11)
        #expect(s.version == 12)
        #expect(s.files.map(\.path) == ["b", "z"])
        #expect(s.tombstones.map(\.path) == ["a"])
        #expect(s.transactions["etl"]?.version == 4)
    }

    @Test func missingProtocolOrMetadataIsCorruptLog() throws {
        let noProtocol = try #require(throws: DeltaError.self) { try replay([[.metadata(testMetadata())], [.add(testAdd("a"))]]) }
        #expect(noProtocol.code == .corruptLog)
        #expect(noProtocol.message == "no protocol action in versions 0…1: the table's log is incomplete")
        let noMetadata = try #require(throws: DeltaError.self) { try replay([[.protocol(.default)]]) }
        #expect(noMetadata.code == .corruptLog)
        #expect(noMetadata.message.contains("no metaData action"))
    }

    @Test func badSchemaNamesTheVersion() throws {
        let error = try #require(throws: DeltaError.self) { try replay([[.protocol(.default), .metadata(testMetadata(schema: "x blob"))]]) }
        #expect(error.code == .invalidSchema)
        #expect(error.message.hasPrefix("version 0: metaData.schemaString:"))
    }

    @Test func tombstoneExpiryUsesRetention() throws {
        let config = ["delta.deletedFileRetentionDuration": "interval 1 hours"]
        let s = try replay([[.protocol(.default), .metadata(testMetadata(configuration: config)), .add(testAdd("a")), .add(testAdd("b"))],
                            [.remove(testRemove("a", at: 1_000)), .remove(RemoveFile(path: "b", deletionTimestamp: nil))]])
        #expect(s.tombstones(unexpiredAt: 1_000 + 3_599_999).map(\.path) == ["a", "b"])
        #expect(s.tombstones(unexpiredAt: 1_000 + 3_600_000).map(\.path) == ["b"])
    }

    /// 10,000 commits × (1 add + commitInfo) + 2,000 removes. Release timing is measured by hand
    /// (see the commit message); here the size is kept small enough for debug test runs.
    @Test func replayOfManyCommitsIsCorrect() throws {
        let n = 2_000
        var commits: [[Action]] = [createActions]
        for i in 0..<n {
            commits.append([.add(testAdd("part-\(i).parquet", p: String(i % 10))), .commitInfo(CommitInfo(timestamp: Int64(i)))])
        }
        commits.append((0..<(n / 5)).map { .remove(testRemove("part-\($0 * 5).parquet")) })
        let clock = ContinuousClock()
        let start = clock.now
        let s = try replay(commits)
        let elapsed = clock.now - start
        #expect(s.files.count == n - n / 5)
        #expect(s.tombstones.count == n / 5)
        #expect(elapsed < .seconds(5))
    }
}
