import Testing
import DeltaLog

@Suite struct ActionCodecTests {
    static let everyKind: [Action] = {
        let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 1,
                                          sizeInBytes: 36, cardinality: 2, maxRowIndex: 9)
        return [
            .protocol(DeltaProtocol(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["deletionVectors"],
                                    writerFeatures: ["deletionVectors", "appendOnly"])),
            .metadata(Metadata(id: "id-1", name: "t", description: "d\n\"q\"", format: .init(provider: "parquet", options: ["k": "v"]),
                               schemaString: #"{"type":"struct","fields":[]}"#, partitionColumns: ["p"],
                               configuration: ["delta.appendOnly": "true"], createdTime: 1_700_000_000_000)),
            .add(AddFile(path: "p=1/part%20x.parquet", partitionValues: ["p": "1", "q": nil], size: 10, modificationTime: -5,
                         dataChange: false, stats: #"{"numRecords":1}"#, tags: ["t": "x", "n": nil], deletionVector: dv,
                         baseRowId: 4, defaultRowCommitVersion: 2, clusteringProvider: "liquid")),
            .remove(RemoveFile(path: "f", deletionTimestamp: 9, dataChange: true, extendedFileMetadata: true,
                               partitionValues: ["p": nil], size: 3, stats: "{}", tags: ["a": "b"], deletionVector: dv,
                               baseRowId: 1, defaultRowCommitVersion: 0)),
            .remove(RemoveFile(path: "g", dataChange: false)),
            .cdc(AddCDCFile(path: "_change_data/c", partitionValues: ["p": "2"], size: 7, dataChange: false, tags: ["x": nil])),
            .txn(SetTransaction(appId: "app", version: Int64.max, lastUpdated: 77)),
            .commitInfo(CommitInfo(timestamp: 1, inCommitTimestamp: 2, operation: "WRITE",
                                   operationParameters: ["mode": .string("Append"), "n": .number("3")], readVersion: 0,
                                   isolationLevel: "Serializable", isBlindAppend: true,
                                   operationMetrics: ["numFiles": "1"], engineInfo: "swift-delta", txnId: "t-1",
                                   userMetadata: "u")),
            .domainMetadata(DomainMetadata(domain: "delta.rowTracking", configuration: #"{"rowIdHighWaterMark":4}"#, removed: false)),
            .sidecar(SidecarFile(path: "s.parquet", sizeInBytes: 5, modificationTime: 6, tags: ["a": "1"])),
            .checkpointMetadata(CheckpointMetadata(version: 12, tags: nil)),
        ]
    }()

    /// Equality after a parse: a parsed commitInfo also carries `raw`.
    static func withoutRaw(_ actions: [Action]) -> [Action] {
        actions.map { a in
            if case var .commitInfo(c) = a { c.raw = nil; return .commitInfo(c) }
            return a
        }
    }

    @Test func everyActionKindRoundTripsWithEveryField() throws {
        let bytes = ActionCodec.encode(Self.everyKind)
        let parsed = try ActionCodec.parseCommit(bytes, path: "00.json")
        #expect(Self.withoutRaw(parsed) == Self.everyKind)
        // And a second round trip is byte-identical (raw is written back verbatim).
        #expect(ActionCodec.encode(parsed) == bytes)
    }

    @Test func encodesExactFieldNamesAndOmitsNils() {
        let line = ActionCodec.encode(.add(AddFile(path: "a b", partitionValues: ["x": nil], size: 1, modificationTime: 2)))
        #expect(line == #"{"add":{"path":"a b","partitionValues":{"x":null},"size":1,"modificationTime":2,"dataChange":true}}"#)
        #expect(ActionCodec.encode([.txn(SetTransaction(appId: "a", version: 3))]) == Array("{\"txn\":{\"appId\":\"a\",\"version\":3}}\n".utf8))
    }

    @Test func ignoresUnknownActionsFieldsAndBlankLines() throws {
        let text = """
        {"future":{"x":[1,{"y":2}]}}

        {"add":{"path":"a","newField":{"deep":[true]},"partitionValues":{},"size":1,"modificationTime":2,"dataChange":true}}
        {"txn":{"appId":"q","version":1}}
        """
        let actions = try ActionCodec.parseCommit(Array(text.utf8), path: "x.json")
        #expect(actions == [.add(AddFile(path: "a", size: 1, modificationTime: 2)), .txn(SetTransaction(appId: "q", version: 1))])
    }

    func error(_ text: String) -> DeltaError? {
        do { _ = try ActionCodec.parseCommit(Array(text.utf8), path: "_delta_log/00000000000000000003.json"); return nil }
        catch let e as DeltaError { return e } catch { return nil }
    }

    @Test func malformedLinesNameFileLineAndProblem() throws {
        let good = #"{"txn":{"appId":"q","version":1}}"#
        let e1 = try #require(error(good + "\n" + #"{"add":{"partitionValues":{},"size":1,"modificationTime":2,"dataChange":true}}"#))
        #expect(e1.code == .corruptLog && e1.path == "_delta_log/00000000000000000003.json" && e1.line == 2)
        #expect(e1.message.contains("add action has no 'path'"), "\(e1.message)")

        let e2 = try #require(error(good + "\n\n" + "{\"txn\":{\"appId\":\"q\",\"version\":1}"))
        #expect(e2.line == 3 && e2.message.contains("column"), "\(e2)")

        let e3 = try #require(error(#"{"add":{"path":"a","partitionValues":{},"size":"1","modificationTime":2,"dataChange":true}}"#))
        #expect(e3.line == 1 && e3.message.contains("'add.size' must be an integer"), "\(e3.message)")

        let e4 = try #require(error("not json"))
        #expect(e4.line == 1)

        let e5 = try #require(error(#"{"protocol":{"minReaderVersion":1,"minWriterVersion":2},"txn":{"appId":"q","version":1}}"#))
        #expect(e5.message.contains("2 actions"), "\(e5.message)")

        let e6 = try #require(error(#"{"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"partitionColumns":[],"configuration":{}}}"#))
        #expect(e6.message.contains("schemaString"), "\(e6.message)")
    }

    @Test func commitInfoFillsTypedFieldsAndStringifiesMetrics() throws {
        let line = #"{"commitInfo":{"timestamp":5,"operation":"OPTIMIZE","operationParameters":{"zOrderBy":["a"],"auto":false},"operationMetrics":{"numFiles":3,"rows":"7"},"clusterId":"c1"}}"#
        let actions = try ActionCodec.parseCommit(Array(line.utf8), path: "x")
        guard case let .commitInfo(c) = actions.first else { Issue.record("not a commitInfo"); return }
        #expect(c.timestamp == 5 && c.operation == "OPTIMIZE")
        #expect(c.operationParameters?["zOrderBy"] == .array([.string("a")]))
        #expect(c.operationMetrics == ["numFiles": "3", "rows": "7"])
        #expect(c.raw?["clusterId"] == .string("c1"))
        #expect(ActionCodec.encode(actions) == Array((line + "\n").utf8))
        // Edited typed fields win; raw's other members are kept.
        var edited = c
        edited.operation = "WRITE"
        let text = ActionCodec.encode(.commitInfo(edited))
        #expect(text.contains(#""operation":"WRITE""#) && text.contains(#""clusterId":"c1""#))
        // raw alone (no typed fields) is written as is.
        let rawOnly = CommitInfo(raw: .object([(key: "x", value: .number("1"))]))
        #expect(ActionCodec.encode(.commitInfo(rawOnly)) == #"{"commitInfo":{"x":1}}"#)
    }
}
