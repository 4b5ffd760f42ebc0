import Testing
@testable import DeltaLog

@Suite struct LogCleanupTests {
    static let day: Int64 = 86_400_000
    static let now: Int64 = 100 * day
    static let retention: Int64 = 30 * day   // cutoff = day 70

    /// Commits 0..<count with mtime `mtime(v)` (in days), plus `extra` files.
    static func listing(commits count: Int, mtime: (Int) -> Int64, extra: [LogFile] = []) -> [LogFile] {
        (0..<count).map { LogFile(name: LogFileName.commit(Int64($0)), size: 100, modificationTime: mtime($0) * day) } + extra
    }

    static func checkpoint(_ v: Int64, day d: Int64) -> LogFile {
        LogFile(name: LogFileName.checkpoint(v), size: 1000, modificationTime: d * day)
    }

    static func expired(_ listing: [LogFile]) -> [String] {
        LogCleanup.expiredFiles(listing: listing.shuffled(), retentionMillis: retention, nowMillis: now).map(\.name)
    }

    @Test func nothingExpiresWithoutACheckpoint() {
        #expect(Self.expired(Self.listing(commits: 20, mtime: { Int64($0) })).isEmpty)
    }

    @Test func deletesEverythingBeforeTheNewestCheckpointAtOrBeforeTheCutoff() {
        // Versions 0…19 on days 0…19 (all older than the cutoff, day 70), checkpoints at 10 and 15.
        let crc5 = LogFile(name: LogFileName.crc(5), size: 1, modificationTime: 5 * Self.day)
        let compacted = LogFile(name: "00000000000000000002.00000000000000000004.compacted.json", size: 1, modificationTime: 4 * Self.day)
        let compactedAcross = LogFile(name: "00000000000000000012.00000000000000000016.compacted.json", size: 1, modificationTime: 16 * Self.day)
        let list = Self.listing(commits: 20, mtime: { Int64($0) },
                                extra: [Self.checkpoint(10, day: 10), Self.checkpoint(15, day: 15), crc5, compacted,
                                        compactedAcross,
                                        LogFile(name: "_last_checkpoint", size: 1, modificationTime: 0),
                                        LogFile(name: ".00000000000000000020.json.tmp", size: 1, modificationTime: 0),
                                        LogFile(name: "_sidecars/abc.parquet", size: 1, modificationTime: 0)])
        let names = Self.expired(list)
        var expected = (0..<15).map { LogFileName.commit(Int64($0)) }
        expected.insert("00000000000000000002.00000000000000000004.compacted.json", at: 4)   // sorted by (version 4, name)
        expected.insert(LogFileName.crc(5), at: 6)   // "…05.crc" < "…05.json"
        expected.insert(LogFileName.checkpoint(10), at: 12)
        #expect(names == expected)
        #expect(!names.contains(LogFileName.checkpoint(15)) && !names.contains(LogFileName.commit(15)))
    }

    @Test func keepsEverythingNewerThanTheCutoffAndTheCheckpointBeforeIt() {
        // Versions 0…9 are old (days 0…9), 10…19 recent (days 80…89); checkpoint at 5 and at 12.
        let list = Self.listing(commits: 20, mtime: { $0 < 10 ? Int64($0) : 70 + Int64($0) },
                                extra: [Self.checkpoint(5, day: 5), Self.checkpoint(12, day: 82)])
        // The cut-off commit is 9; the newest checkpoint at or before it is 5: versions 0…4 go.
        #expect(Self.expired(list) == (0..<5).map { LogFileName.commit(Int64($0)) })
    }

    @Test func checkpointExactlyAtTheCutoffCommitIsKept() {
        let list = Self.listing(commits: 8, mtime: { Int64($0) }, extra: [Self.checkpoint(7, day: 7)])
        #expect(Self.expired(list) == (0..<7).map { LogFileName.commit(Int64($0)) })
    }

    @Test func multiPartCheckpointsCountOnlyWhenComplete() {
        func part(_ v: Int64, _ p: Int, of n: Int) -> LogFile {
            LogFile(name: LogFileName.multiPartCheckpoint(v, part: p, parts: n), size: 1, modificationTime: v * Self.day)
        }
        // Version 8 has only part 1 of 2, version 4 parts 1 and 3 of 3 (incomplete), version 2 both of 2.
        let list = Self.listing(commits: 10, mtime: { Int64($0) },
                                extra: [part(8, 1, of: 2), part(4, 1, of: 3), part(4, 3, of: 3), part(2, 1, of: 2), part(2, 2, of: 2)])
        #expect(Self.expired(list) == [LogFileName.commit(0), LogFileName.commit(1)])
        // Completing version 8 moves the cut-off checkpoint there; the incomplete parts of 4 and the parts of 2 go too.
        let complete = list + [part(8, 2, of: 2)]
        var expected = (0..<8).map { LogFileName.commit(Int64($0)) }
        expected.insert(contentsOf: [LogFileName.multiPartCheckpoint(2, part: 1, parts: 2),
                                     LogFileName.multiPartCheckpoint(2, part: 2, parts: 2)], at: 2)
        expected.insert(contentsOf: [LogFileName.multiPartCheckpoint(4, part: 1, parts: 3),
                                     LogFileName.multiPartCheckpoint(4, part: 3, parts: 3)], at: 6)
        #expect(Self.expired(complete) == expected)
    }

    @Test func v2TopLevelFilesAreCompleteCheckpoints() {
        let v2 = LogFile(name: "00000000000000000006.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.json", size: 1,
                         modificationTime: 6 * Self.day)
        let list = Self.listing(commits: 10, mtime: { Int64($0) }, extra: [v2])
        #expect(Self.expired(list) == (0..<6).map { LogFileName.commit(Int64($0)) })
    }

    @Test func nonMonotonicModificationTimesOnlyExpireAPrefix() {
        // Version 5's commit is recent (day 90) but versions 6…11 look old (clock skew), checkpoint at 10.
        let list = Self.listing(commits: 12, mtime: { $0 == 5 ? 90 : Int64($0) },
                                extra: [Self.checkpoint(3, day: 3), Self.checkpoint(10, day: 10)])
        // Only versions before 5 can be expired; the newest checkpoint among them is 3.
        #expect(Self.expired(list) == (0..<3).map { LogFileName.commit(Int64($0)) })
    }

    @Test func aLateFileOfAnOldVersionHoldsBackItsVersion() {
        // The checkpoint of version 4 was written recently: version 4 is not expired, so C ≤ 3.
        let list = Self.listing(commits: 10, mtime: { Int64($0) },
                                extra: [Self.checkpoint(2, day: 2), Self.checkpoint(4, day: 95), Self.checkpoint(8, day: 8)])
        #expect(Self.expired(list) == [LogFileName.commit(0), LogFileName.commit(1)])
    }

    @Test func neverDeletesAtOrAfterTheCheckpointEvenWhenEverythingIsOld() {
        let list = Self.listing(commits: 5, mtime: { Int64($0) }, extra: [Self.checkpoint(4, day: 4)])
        let names = Self.expired(list)
        #expect(names == (0..<4).map { LogFileName.commit(Int64($0)) })
        #expect(LogCleanup.expiredFiles(listing: [], retentionMillis: Self.retention, nowMillis: Self.now).isEmpty)
    }
}
