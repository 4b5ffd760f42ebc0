import Foundation
import Testing
import DeltaLog
import DeltaStorage
@testable import DeltaTable

/// `CommitTimeline`: one rule for snapshot timestamps, time travel and history.
@Suite struct CommitTimestampTests {
    static let ict = ["delta.enableInCommitTimestamps": "true", "delta.inCommitTimestampEnablementVersion": "2"]

    func listing(_ mtimes: [(Int64, Int64)]) -> [LogFile] {
        mtimes.map { LogFile(name: LogFileName.commit($0.0), size: 1, modificationTime: $0.1) }
    }

    @Test func inCommitTimestampsApplyFromTheEnablementVersionOnly() throws {
        let timeline = CommitTimeline(listing: listing([(0, 1000), (1, 1000), (2, 5), (3, 9)]), upTo: nil,
                                      properties: TableProperties(Self.ict))
        let ict: [Int64: Int64] = [1: 777, 2: 5000, 3: 6000]
        let t = try (0...3).map { v in try timeline.timestamp(of: Int64(v)) { ict[$0] } }
        // Before version 2: monotonized file times (the stray ICT of version 1 is ignored);
        // from version 2 the in-commit timestamps, whatever the file times say.
        #expect(t == [1000, 1001, 5000, 6000])
        #expect(try timeline.version(at: 1000) { ict[$0] } == 0)
        #expect(try timeline.version(at: 4999) { ict[$0] } == 1)
        #expect(try timeline.version(at: 5999) { ict[$0] } == 2)
        #expect(try timeline.version(at: 6000) { ict[$0] } == 3)
    }

    @Test func withoutInCommitTimestampsFileTimesAreMonotonizedFromTheEarliestRetainedCommit() throws {
        // Versions 0…4 were cleaned up: monotonizing starts at version 5.
        let timeline = CommitTimeline(listing: listing([(5, 100), (6, 90)]), upTo: nil, properties: TableProperties([:]))
        #expect(try timeline.timestamp(of: 5) { _ in 3 } == 100)
        #expect(try timeline.timestamp(of: 6) { _ in nil } == 101)
        #expect(try timeline.timestamp(of: 4) { _ in nil } == nil)
    }

    @Test func aMissingInCommitTimestampAfterEnablementIsACorruptLog() {
        let timeline = CommitTimeline(listing: listing([(0, 1), (1, 2), (2, 3)]), upTo: nil, properties: TableProperties(Self.ict))
        #expect { _ = try timeline.timestamp(of: 2) { _ in nil } } throws: { ($0 as? DeltaError)?.code == .corruptLog }
        #expect { _ = try timeline.version(at: 10) { _ in nil } } throws: { ($0 as? DeltaError)?.code == .corruptLog }
    }

    @Test func timeTravelReadsLogarithmicallyManyInCommitTimestamps() throws {
        let n: Int64 = 4096
        let timeline = CommitTimeline(listing: listing((0..<n).map { ($0, 1) }), upTo: nil,
                                      properties: TableProperties(["delta.enableInCommitTimestamps": "true"]))
        var reads = 0
        let v = try timeline.version(at: 10 * 1234 + 5) { version in reads += 1; return 10 * version }
        #expect(v == 1234)
        #expect(reads <= 16)
    }

    /// Writes a log by hand: commit `v` has file time `mtimes[v]` and, when given, an in-commit
    /// timestamp; version `enableAt` turns in-commit timestamps on, `disableAt` off again.
    func handWrittenTable(mtimes: [Int64], ict: [Int64?], enableAt: Int64?, disableAt: Int64?) throws -> String {
        let path = temporaryTablePath()
        let storage = LocalTableStorage(root: path)
        let schema = #"{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}"#
        for (v, mtime) in mtimes.enumerated() {
            let version = Int64(v)
            var actions: [Action] = [.commitInfo(CommitInfo(timestamp: mtime, inCommitTimestamp: ict[v], operation: "WRITE"))]
            var configuration: [String: String]? = nil
            if version == enableAt { configuration = ["delta.enableInCommitTimestamps": "true", "delta.inCommitTimestampEnablementVersion": String(version)] }
            if version == disableAt { configuration = ["delta.enableInCommitTimestamps": "false"] }
            if version == 0 {
                actions.append(.protocol(DeltaProtocol(minReaderVersion: 1, minWriterVersion: 2)))
                configuration = configuration ?? [:]
            }
            if let configuration {
                actions.append(.metadata(Metadata(id: "t", schemaString: schema, partitionColumns: [], configuration: configuration)))
            }
            let name = "_delta_log/" + LogFileName.commit(version)
            #expect(try storage.putIfAbsent(name, contents: ActionCodec.encode(actions)) == .created)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: Double(mtime) / 1000)],
                                                  ofItemAtPath: path + "/" + name)
        }
        return path
    }

    @Test func snapshotsHistoryAndTimeTravelAgree() throws {
        // ICT on from version 2.
        let path = try handWrittenTable(mtimes: [10_000, 20_000, 15_000, 16_000], ict: [nil, nil, 50_000, 60_000],
                                        enableAt: 2, disableAt: nil)
        let table = DeltaTable(path: path)
        let history = try table.history()
        #expect(history.map(\.version) == [3, 2, 1, 0])
        #expect(history.map(\.timestamp.millisecondsSinceEpoch) == [60_000, 50_000, 20_000, 10_000])
        for entry in history {
            #expect(try DeltaTable(path: path).snapshot(version: entry.version).timestampMillis == entry.timestamp.millisecondsSinceEpoch)
            #expect(try table.snapshot(at: entry.timestamp).version == entry.version)
        }
    }

    @Test func historyIgnoresInCommitTimestampsOnceTheyAreDisabled() throws {
        // ICT on at version 1, off again at version 3: the latest properties decide, so every
        // version takes its (monotonized) file time — history included, although versions 1
        // and 2 still carry inCommitTimestamp in their commitInfo.
        let path = try handWrittenTable(mtimes: [10_000, 20_000, 30_000, 40_000], ict: [nil, 99_000, 99_500, nil],
                                        enableAt: 1, disableAt: 3)
        let table = DeltaTable(path: path)
        #expect(try table.history().map(\.timestamp.millisecondsSinceEpoch) == [40_000, 30_000, 20_000, 10_000])
        #expect(try table.snapshot(at: PointInTime(millisecondsSinceEpoch: 35_000)).version == 2)
        #expect(try table.snapshot(version: 3).timestampMillis == 40_000)
    }
}
