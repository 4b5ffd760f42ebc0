import Testing
@testable import DeltaLog

func logFile(_ name: String, mtime: Int64 = 0) -> LogFile { LogFile(name: name, size: 100, modificationTime: mtime) }
func commitNames(_ versions: ClosedRange<Int64>) -> [String] { versions.map { LogFileName.commit($0) } }

@Suite struct LogSegmentTests {
    @Test func namesParseAndPrint() {
        #expect(LogFileName.commit(12) == "00000000000000000012.json")
        #expect(LogFileName.checkpoint(12) == "00000000000000000012.checkpoint.parquet")
        #expect(LogFileName("00000000000000000012.json") == .commit(version: 12))
        #expect(LogFileName("00000000000000000012.checkpoint.parquet") == .checkpoint(version: 12))
        #expect(LogFileName("00000000000000000012.checkpoint.0000000001.0000000003.parquet")
                == .multiPartCheckpoint(version: 12, part: 1, parts: 3))
        #expect(LogFileName("00000000000000000012.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json")
                == .v2Checkpoint(version: 12, uuid: "80a083e8-7026-4e79-81be-64bd76c43a11", format: "json"))
        #expect(LogFileName("00000000000000000004.00000000000000000006.compacted.json") == .compacted(from: 4, to: 6))
        #expect(LogFileName("00000000000000000012.crc") == .crc(version: 12))
        #expect(LogFileName("_last_checkpoint") == .lastCheckpoint)
        #expect(LogFileName.multiPartCheckpoint(3, part: 2, parts: 2) == "00000000000000000003.checkpoint.0000000002.0000000002.parquet")
        for junk in ["12.json", ".00000000000000000012.json.crc", "00000000000000000012.json.tmp",
                     "_commits", "0000000000000000001a.json", "00000000000000000012.checkpoint.0000000004.0000000003.parquet",
                     "00000000000000000012.checkpoint.nope.json", "000000000000000000012.json", ""] {
            #expect(LogFileName(junk) == nil, "\(junk)")
        }
    }

    enum Expect: Sendable {
        case success((Int64, Int64?, Int, Int64?, Int))
        case failure(DeltaError.Code)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var listing: [String]
        var target: Int64? = nil
        var hint: Int64? = nil
        /// Expected (version, checkpoint version, checkpoint file count, first commit, commit count) or error code.
        var expect: Expect
        var messageContains: String = ""
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "commits only → latest", listing: commitNames(0...4), expect: .success((4, nil, 0, 0, 5))),
        Case(name: "time travel to v2", listing: commitNames(0...4), target: 2, expect: .success((2, nil, 0, 0, 3))),
        Case(name: "checkpoint + tail", listing: commitNames(0...12) + [LogFileName.checkpoint(10)],
             expect: .success((12, 10, 1, 11, 2))),
        Case(name: "target at checkpoint", listing: commitNames(0...12) + [LogFileName.checkpoint(10)], target: 10,
             expect: .success((10, 10, 1, nil, 0))),
        Case(name: "target before checkpoint uses commits", listing: commitNames(0...12) + [LogFileName.checkpoint(10)], target: 9,
             expect: .success((9, nil, 0, 0, 10))),
        Case(name: "newest of two checkpoints", listing: commitNames(0...25) + [LogFileName.checkpoint(10), LogFileName.checkpoint(20)],
             expect: .success((25, 20, 1, 21, 5))),
        Case(name: "multi-part complete", listing: commitNames(0...6) + [
                LogFileName.multiPartCheckpoint(5, part: 2, parts: 2), LogFileName.multiPartCheckpoint(5, part: 1, parts: 2)],
             expect: .success((6, 5, 2, 6, 1))),
        Case(name: "multi-part incomplete falls back", listing: commitNames(0...6) + [LogFileName.checkpoint(2),
                LogFileName.multiPartCheckpoint(5, part: 1, parts: 3), LogFileName.multiPartCheckpoint(5, part: 3, parts: 3)],
             expect: .success((6, 2, 1, 3, 4))),
        Case(name: "gap", listing: commitNames(0...2) + commitNames(6...8), expect: .failure(.versionGap),
             messageContains: "versions 3 to 5 are missing"),
        Case(name: "single missing version", listing: commitNames(0...2) + commitNames(4...5), expect: .failure(.versionGap),
             messageContains: "version 3 is missing"),
        Case(name: "gap before checkpoint is harmless", listing: commitNames(0...2) + commitNames(6...8) + [LogFileName.checkpoint(7)],
             expect: .success((8, 7, 1, 8, 1))),
        Case(name: "empty", listing: [], expect: .failure(.notATable)),
        Case(name: "only junk", listing: ["_last_checkpoint", ".tmp.json", "00000000000000000001.crc"], expect: .failure(.notATable)),
        Case(name: "target beyond latest", listing: commitNames(0...9), target: 12, expect: .failure(.versionNotFound),
             messageContains: "version 12 does not exist; the latest is 9"),
        Case(name: "negative target", listing: commitNames(0...9), target: -1, expect: .failure(.versionNotFound)),
        Case(name: "cleaned-up commits, target before checkpoint", listing: commitNames(8...14) + [LogFileName.checkpoint(10)],
             target: 9, expect: .failure(.versionNotFound), messageContains: "earliest available version is 10"),
        Case(name: "cleaned-up commits, latest", listing: commitNames(8...14) + [LogFileName.checkpoint(10)],
             expect: .success((14, 10, 1, 11, 4))),
        Case(name: "cleaned-up commits, no checkpoint", listing: commitNames(5...9), expect: .failure(.versionGap),
             messageContains: "versions 0 to 4 are missing"),
        Case(name: "stale hint is ignored", listing: commitNames(0...25) + [LogFileName.checkpoint(10), LogFileName.checkpoint(20)],
             hint: 10, expect: .success((25, 20, 1, 21, 5))),
        Case(name: "bogus hint is ignored", listing: commitNames(0...5), hint: 40, expect: .success((5, nil, 0, 0, 6))),
        Case(name: "checkpoint without its commit", listing: commitNames(11...12) + [LogFileName.checkpoint(10)],
             expect: .success((12, 10, 1, 11, 2))),
        Case(name: "classic preferred over multi-part at same version", listing: commitNames(0...3) + [LogFileName.checkpoint(3),
                LogFileName.multiPartCheckpoint(3, part: 1, parts: 2), LogFileName.multiPartCheckpoint(3, part: 2, parts: 2)],
             expect: .success((3, 3, 1, nil, 0))),
        Case(name: "compacted and crc files ignored", listing: commitNames(0...3) + ["00000000000000000000.00000000000000000003.compacted.json",
                LogFileName.crc(3)], expect: .success((3, nil, 0, 0, 4))),
    ]

    @Test(arguments: cases) func build(_ c: Case) throws {
        let listing = c.listing.reversed().map { logFile($0) }
        switch c.expect {
        case let .success((version, cp, cpCount, firstCommit, commitCount)):
            let s = try LogSegment.build(listing: listing, version: c.target, lastCheckpointHint: c.hint)
            #expect(s.version == version)
            #expect(s.checkpointVersion == cp)
            #expect(s.checkpointFiles.count == cpCount)
            #expect(s.commits.count == commitCount)
            #expect(s.commitVersions.first == firstCommit)
            #expect(s.commitVersions == s.commits.map { LogFileName($0.name)?.version ?? -1 })
            if cpCount > 1 {
                #expect(s.checkpointFiles.map(\.name) == (1...cpCount).map { LogFileName.multiPartCheckpoint(cp!, part: $0, parts: cpCount) })
            }
        case let .failure(code):
            let error = try #require(throws: DeltaError.self) {
                try LogSegment.build(listing: listing, version: c.target, lastCheckpointHint: c.hint)
            }
            #expect(error.code == code)
            #expect(c.messageContains.isEmpty || error.message.contains(c.messageContains), "\(error.message)")
        }
    }

    @Test func commitVersionsAreSortedAndSkipOtherFiles() {
        let listing = (commitNames(3...5).reversed() + [LogFileName.checkpoint(4), "_last_checkpoint"]).map { logFile($0) }
        #expect(LogSegment.commitVersions(in: listing) == [3, 4, 5])
    }
}
