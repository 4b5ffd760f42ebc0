import Foundation
import Testing
import Columnar
@testable import DeltaLog

/// The replay rules written as plainly as possible (what `ReplayState` did before the
/// accumulator): dictionaries keyed by `FileKey`, sorted by the reference byte order.
struct ReferenceReplay {
    var protocolAction: DeltaProtocol?
    var metadata: Metadata?
    var files: [FileKey: AddFile] = [:]
    var tombstones: [FileKey: RemoveFile] = [:]
    var transactions: [String: SetTransaction] = [:]
    var domains: [String: DomainMetadata] = [:]

    mutating func apply(_ action: Action) {
        switch action {
        case let .add(a): files[a.key] = a; tombstones.removeValue(forKey: a.key)
        case let .remove(r): files.removeValue(forKey: r.key); tombstones[r.key] = r
        case let .protocol(p): protocolAction = p
        case let .metadata(m): metadata = m
        case let .txn(t): transactions[t.appId] = t
        case let .domainMetadata(d): if d.removed { domains.removeValue(forKey: d.domain) } else { domains[d.domain] = d }
        default: break
        }
    }

    var sortedFiles: [AddFile] { files.values.sorted { referencePrecedes($0.key, $1.key) } }
    var sortedTombstones: [RemoveFile] { tombstones.values.sorted { referencePrecedes($0.key, $1.key) } }
}

/// A random history over a small set of paths, so adds, removes and re-adds of one key interleave.
func randomActions(_ rng: inout SplitMix64, count: Int) -> [Action] {
    let dvs: [DeletionVectorDescriptor?] = [nil, nil, dvA, dvB]
    let paths = (0..<(1 + Int(rng.next() % 60))).map { i in
        ["part-\(i).parquet", "p=\(i % 4)/part-0000\(i)-c000.snappy.parquet", "ü/\(i)", "\(i)"][Int(rng.next() % 4)]
    }
    var actions: [Action] = []
    for i in 0..<count {
        let path = paths[Int(rng.next() % UInt64(paths.count))]
        let dv = dvs[Int(rng.next() % UInt64(dvs.count))]
        let p: String?? = [nil, .some(nil), .some(""), .some("x\(i % 3)")][Int(rng.next() % 4)]
        switch rng.next() % 20 {
        case 0..<9:
            actions.append(.add(AddFile(path: path, partitionValues: p.map { ["p": $0] } ?? [:], size: Int64(i),
                                        modificationTime: Int64(i), dataChange: rng.next() % 2 == 0,
                                        stats: rng.next() % 3 == 0 ? nil : #"{"numRecords":\#(i)}"#,
                                        tags: rng.next() % 7 == 0 ? ["t": "\(i)"] : nil, deletionVector: dv,
                                        baseRowId: rng.next() % 9 == 0 ? Int64(i) : nil)))
        case 9..<15:
            actions.append(.remove(RemoveFile(path: path, deletionTimestamp: rng.next() % 4 == 0 ? nil : Int64(i),
                                              size: Int64(i), deletionVector: dv)))
        case 15:
            actions.append(.txn(SetTransaction(appId: "app\(rng.next() % 3)", version: Int64(i))))
        case 16:
            actions.append(.domainMetadata(DomainMetadata(domain: "d\(rng.next() % 3)", configuration: "\(i)",
                                                          removed: rng.next() % 3 == 0)))
        case 17:
            actions.append(.protocol(DeltaProtocol(minReaderVersion: 1, minWriterVersion: 2 + Int(rng.next() % 5))))
        case 18:
            actions.append(.metadata(testMetadata(configuration: ["n": "\(i)"])))
        default:
            actions.append(.commitInfo(CommitInfo(timestamp: Int64(i))))
        }
    }
    return actions
}

/// Splits `actions` at random points (empty chunks included).
func randomChunks(_ actions: [Action], _ rng: inout SplitMix64) -> [[Action]] {
    var chunks: [[Action]] = []
    var start = 0
    while start < actions.count {
        let length = Int(rng.next() % UInt64(min(actions.count - start, 40) + 1))
        chunks.append(Array(actions[start..<(start + length)]))
        start += length
    }
    return chunks
}

@Suite struct ReplayAccumulatorTests {
    @Test(arguments: 0..<150)
    func equalsTheReferenceReplayInAnyChunking(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let actions = createActions + randomActions(&rng, count: Int(rng.next() % 600))
        var reference = ReferenceReplay()
        for a in actions { reference.apply(a) }

        var accumulator = ReplayAccumulator(expectedFiles: seed % 2 == 0 ? 0 : actions.count)
        for chunk in randomChunks(actions, &rng) { accumulator.apply(chunk) }
        #expect(accumulator.fileCount == reference.files.count)
        let s = try accumulator.snapshot(version: 7, timestampMillis: 70, schemaParser: testSchemaParser)
        #expect(Array(s.files) == reference.sortedFiles)
        #expect(s.tombstones == reference.sortedTombstones)
        #expect(s.transactions == reference.transactions)
        #expect(s.domainMetadata == reference.domains)
        #expect(s.protocolAction == reference.protocolAction)
        #expect(s.metadata == reference.metadata)
        #expect(s.totalBytes == reference.files.values.reduce(0) { $0 + $1.size })
        #expect(s.timestampMillis == 70)

        // The all-at-once wrapper, with the actions split into a checkpoint and commits.
        let split = Int(rng.next() % UInt64(actions.count + 1))
        let commits = randomChunks(Array(actions[split...]), &rng).enumerated().map { (version: Int64($0.offset + 1), actions: $0.element) }
        let wrapped = try replayAll(version: Int64(commits.count), checkpointActions: Array(actions[..<split]), commits: commits)
        #expect(wrapped.files == s.files)
        #expect(wrapped.tombstones == s.tombstones)
    }

    /// Advancing a snapshot (`ReplayAccumulator(snapshot:)`, what a table handle does after each
    /// commit) equals replaying the whole history at once.
    @Test(arguments: 0..<60)
    func seededFromASnapshotEqualsTheWholeReplay(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed))
        let actions = createActions + randomActions(&rng, count: Int(rng.next() % 600))
        let split = createActions.count + Int(rng.next() % UInt64(actions.count - createActions.count + 1))
        var first = ReplayAccumulator()
        first.apply(Array(actions[..<split]))
        let base = try first.snapshot(version: 3, timestampMillis: 0, schemaParser: testSchemaParser)
        var advanced = ReplayAccumulator(snapshot: base)
        for chunk in randomChunks(Array(actions[split...]), &rng) { advanced.apply(chunk) }
        var reference = ReferenceReplay()
        for a in actions { reference.apply(a) }
        let s = try advanced.snapshot(version: 7, timestampMillis: 0, schemaParser: testSchemaParser)
        #expect(Array(s.files) == reference.sortedFiles)
        #expect(s.tombstones == reference.sortedTombstones)
        #expect(s.transactions == reference.transactions)
        #expect(s.domainMetadata == reference.domains)
        #expect(s.protocolAction == reference.protocolAction)
        #expect(s.metadata == reference.metadata)
    }

    @Test func churnCompactsDeadRowsAndKeepsTheNewest() throws {
        var accumulator = ReplayAccumulator()
        accumulator.apply(createActions)
        for round in 0..<10 {
            accumulator.apply((0..<100).map { .add(testAdd("f\($0)", p: "r\(round)", size: Int64(round))) })
        }
        accumulator.apply((0..<50).map { .remove(testRemove("f\($0 * 2)")) })
        let s = try accumulator.snapshot(version: 1, timestampMillis: 0, schemaParser: testSchemaParser)
        #expect(s.files.order == nil && s.files.storage.rowCount == 50)
        #expect(s.files.map(\.path) == (0..<50).map { "f\($0 * 2 + 1)" }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(s.files.allSatisfy { $0.size == 9 && $0.partitionValues == ["p": "r9"] })
        #expect(s.tombstones.count == 50)
    }

    @Test func snapshotSharesStorageWhenFewRowsAreDead() throws {
        var accumulator = ReplayAccumulator()
        accumulator.apply(createActions + (0..<100).map { .add(testAdd("f\(99 - $0)")) })
        accumulator.apply([.remove(testRemove("f5"))])
        let s = try accumulator.snapshot(version: 1, timestampMillis: 0, schemaParser: testSchemaParser)
        #expect(s.files.storage.rowCount == 100 && s.files.count == 99)
        #expect(s.files.index(ofKey: FileKey(path: "f5")) == nil)
        #expect(s.files.index(ofKey: FileKey(path: "f6")) != nil)
        // Applying more after a snapshot leaves the snapshot as it was.
        accumulator.apply([.add(testAdd("f5")), .remove(testRemove("f6"))])
        #expect(s.files.count == 99 && s.files.index(ofKey: FileKey(path: "f6")) != nil)
        let later = try accumulator.snapshot(version: 2, timestampMillis: 0, schemaParser: testSchemaParser)
        #expect(later.files.index(ofKey: FileKey(path: "f5")) != nil && later.files.index(ofKey: FileKey(path: "f6")) == nil)
    }

    @Test func missingProtocolOrMetadataNamesTheRange() throws {
        var accumulator = ReplayAccumulator()
        accumulator.apply([.metadata(testMetadata())])
        let error = try #require(throws: DeltaError.self) {
            try accumulator.snapshot(version: 4, timestampMillis: 0, schemaParser: testSchemaParser)
        }
        #expect(error.code == .corruptLog)
        #expect(error.message == "no protocol action in the log up to version 4: the table's log is incomplete")
        accumulator.apply([.protocol(.default)])
        accumulator.logRange = "the checkpoint and versions 3…4"
        accumulator.apply([.metadata(testMetadata(schema: "x blob"))])
        let bad = try #require(throws: DeltaError.self) {
            try accumulator.snapshot(version: 4, timestampMillis: 0, schemaParser: testSchemaParser)
        }
        #expect(bad.code == .invalidSchema && bad.message.hasPrefix("version 4: metaData.schemaString:"))
    }

    @Test func pathsAreKeyedByBytesNotUnicodeEquivalence() throws {
        // "é" precomposed and "e" + combining acute are equal Swift Strings but distinct files.
        var accumulator = ReplayAccumulator()
        accumulator.apply(createActions + [.add(testAdd("\u{E9}")), .add(testAdd("e\u{301}")), .remove(testRemove("e\u{301}"))])
        let s = try accumulator.snapshot(version: 0, timestampMillis: 0, schemaParser: testSchemaParser)
        #expect(s.files.count == 1)
        #expect(s.files.withUnsafePathBytes(at: 0) { Array($0) } == [0xC3, 0xA9])
        #expect(s.tombstones.count == 1 && Array(s.tombstones[0].path.utf8) == [0x65, 0xCC, 0x81])
    }
}

/// Replay of 1,000,000 synthetic adds (85-byte paths, 190-byte stats, one partition column with 10
/// values) fed in chunks of 65,536, as a checkpoint is read row group by row group. Prints the
/// time and the growth of resident memory; asserts only the result. Numbers in release:
/// `swift test -c release -Xswiftc -enable-testing --filter ReplayAccumulatorThroughputTests`
/// (`DELTA_REPLAY_FILES=n` changes the count).
@Suite struct ReplayAccumulatorThroughputTests {
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4096 : 0
    }

    static func peakResidentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return (Int(line.split(separator: " ")[1]) ?? 0) * 1024
    }

    /// Exactly 85 bytes, e.g. `date=2024-01-03/part-00042-0000002a-9e37-79b9-7f4a-7c15c0ffee00-c000.snappy.parquet.`
    static func path(_ i: Int) -> String {
        let h = UInt64(truncatingIfNeeded: i) &* 0x9E37_79B9_7F4A_7C15
        let hex = String(h, radix: 16).leftPadded(16)
        let part = String(i % 100_000).leftPadded(5)
        let p = "date=2024-01-0\(i % 10)/part-\(part)-\(String(i, radix: 16).leftPadded(8))-\(hex.prefix(4))-\(hex.dropFirst(4).prefix(4))-\(hex.dropFirst(8))c0ffee00-c000.snappy.parquet"
        return p + String(repeating: ".", count: 85 - p.utf8.count)
    }

    /// Exactly 190 bytes.
    static func stats(_ i: Int) -> String {
        let s = #"{"numRecords":\#(1000 + i % 1000),"minValues":{"id":\#(i * 1000),"name":"a\#(i)","ts":"2024-01-01T10:00:00.000Z"},"maxValues":{"id":\#(i * 1000 + 999),"name":"z\#(i)"},"nullCount":{"id":0,"name":\#(i % 7)}}"#
        return s + String(repeating: " ", count: max(0, 190 - s.utf8.count))
    }

    @Test func replaysAMillionAddsInChunks() throws {
        let n = ProcessInfo.processInfo.environment["DELTA_REPLAY_FILES"].flatMap { Int($0) } ?? 1_000_000
        let chunkSize = 65_536
        #expect(Self.path(123_456).utf8.count == 85 && Self.stats(123_456).utf8.count == 190)
        let before = Self.residentBytes()
        let clock = ContinuousClock()
        var applying = Duration.zero
        var snapshotting = Duration.zero
        var afterApply = 0
        let snapshot: Snapshot = try {
            var accumulator = ReplayAccumulator(expectedFiles: n)
            accumulator.apply(createActions)
            var start = 0
            while start < n {
                let chunk: [Action] = (start..<min(start + chunkSize, n)).map { i in
                    .add(AddFile(path: Self.path(i), partitionValues: ["date": "2024-01-0\(i % 10)"], size: Int64(i),
                                 modificationTime: 1_700_000_000_000 + Int64(i), stats: Self.stats(i)))
                }
                let t0 = clock.now
                accumulator.apply(chunk)
                applying += clock.now - t0
                start += chunkSize
            }
            afterApply = Self.residentBytes()
            let t0 = clock.now
            let s = try accumulator.snapshot(version: 0, timestampMillis: 0, schemaParser: testSchemaParser)
            snapshotting = clock.now - t0
            return s
        }()
        let after = Self.residentBytes()
        let mb = { (bytes: Int) in String(format: "%.1f MB", Double(bytes) / 1e6) }
        print("""
            ReplayAccumulator, \(n) adds in chunks of \(chunkSize): apply \(applying), snapshot (sort) \(snapshotting); \
            resident growth after apply \(mb(afterApply - before)), with only the snapshot left \(mb(after - before)); \
            raw path+stats bytes \(mb(n * (85 + 190))); process peak \(mb(Self.peakResidentBytes()))
            """)
        #expect(snapshot.files.count == n)
        #expect(snapshot.totalBytes == Int64(n) * Int64(n - 1) / 2)
        #expect(snapshot.files.partitionValue(at: n / 2, column: "date") != nil)
        #expect(snapshot.files.path(at: 0) < snapshot.files.path(at: n - 1))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
