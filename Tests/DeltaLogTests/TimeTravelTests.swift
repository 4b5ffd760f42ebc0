import Testing
@testable import DeltaLog

@Suite struct TimeTravelTests {
    @Test func monotonizedFixesBackwardsClocks() {
        let t = CommitTimestamps.monotonized([(2, 900), (0, 1000), (1, 1000), (3, 5000)])
        #expect(t.map(\.version) == [0, 1, 2, 3])
        #expect(t.map(\.timestamp) == [1000, 1001, 1002, 5000])
        #expect(CommitTimestamps.monotonized([]).isEmpty)
    }

    static let timeline: [(version: Int64, timestamp: Int64)] = [(3, 1000), (4, 2000), (5, 2001), (6, 9000)]

    static let lookups: [(Int64, Int64)] = [(1000, 3), (1999, 3), (2000, 4), (2001, 5), (8999, 5), (9000, 6)]

    @Test(arguments: lookups)
    func versionAtTimestamp(_ t: Int64, _ v: Int64) throws {
        #expect(try CommitTimestamps.version(at: t, in: Self.timeline) == v)
    }

    @Test func beforeEarliestNamesTheEarliestCommit() throws {
        let error = try #require(throws: DeltaError.self) { try CommitTimestamps.version(at: 999, in: Self.timeline) }
        #expect(error.code == .versionNotFound)
        #expect(error.message == "timestamp 1970-01-01T00:00:00.999Z is before the earliest available commit (version 3 at 1970-01-01T00:00:01.000Z)")
    }

    @Test func afterLatestNamesTheLatestCommit() throws {
        let error = try #require(throws: DeltaError.self) { try CommitTimestamps.version(at: 9001, in: Self.timeline) }
        #expect(error.code == .versionNotFound)
        #expect(error.message.contains("after the latest commit (version 6 at 1970-01-01T00:00:09.000Z)"))
        #expect(throws: DeltaError.self) { try CommitTimestamps.version(at: 0, in: []) }
    }

    @Test func iso8601() {
        #expect(ISO8601Time.format(0) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Time.format(1_709_294_400_123) == "2024-03-01T12:00:00.123Z")
        #expect(ISO8601Time.format(951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(ISO8601Time.format(-1) == "1969-12-31T23:59:59.999Z")
    }

    @Test func inCommitTimestampsFromTheEnablementVersion() throws {
        let listing = [(0, 500), (1, 400), (2, 99_999), (3, 1)].map {
            LogFile(name: LogFileName.commit(Int64($0.0)), size: 1, modificationTime: Int64($0.1))
        }
        let ict = TableProperties(["delta.enableInCommitTimestamps": "true", "delta.inCommitTimestampEnablementVersion": "2"])
        let timeline = CommitTimeline(listing: listing, upTo: nil, properties: ict)
        let known: [Int64: Int64] = [2: 700, 3: 800]
        #expect(try (0...3).map { try timeline.timestamp(of: Int64($0)) { known[$0] } } == [500, 501, 700, 800])
        #expect(try timeline.version(at: 750) { known[$0] } == 2)
        #expect(try timeline.version(at: 600) { known[$0] } == 1)
        let error = try #require(throws: DeltaError.self) { try timeline.timestamp(of: 3) { [2: 700][$0] } }
        #expect(error.code == .corruptLog && error.message.hasPrefix("version 3 has no commitInfo.inCommitTimestamp"))
        let plain = CommitTimeline(listing: listing, upTo: nil, properties: TableProperties([:]))
        #expect(try (0...3).map { try plain.timestamp(of: Int64($0)) { _ in 1 } } == [500, 501, 99_999, 100_000])
        #expect(CommitTimeline(listing: listing, upTo: 1, properties: ict).versions == [0, 1])
    }
}
