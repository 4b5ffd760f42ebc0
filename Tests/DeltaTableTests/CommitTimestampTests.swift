import Testing
import DeltaLog
@testable import DeltaTable

@Suite struct CommitTimestampTests {
    func commit(_ v: Int64, ict: Int64?) -> (version: Int64, actions: [Action]) {
        (v, [.commitInfo(CommitInfo(timestamp: 1, inCommitTimestamp: ict))])
    }

    @Test func inCommitTimestampsApplyFromTheEnablementVersionOnly() throws {
        let config = ["delta.enableInCommitTimestamps": "true", "delta.inCommitTimestampEnablementVersion": "2"]
        let t = try TableLog.commitTimestamps(
            mtimes: [(0, 1000), (1, 1000), (2, 5), (3, 9)],
            commits: [commit(0, ict: nil), commit(1, ict: 777), commit(2, ict: 5000), commit(3, ict: 6000)],
            configuration: config)
        // Before version 2: monotonized file times (the stray ICT of version 1 is ignored).
        #expect(t[0] == 1000 && t[1] == 1001)
        // From version 2: the in-commit timestamps, whatever the file times say.
        #expect(t[2] == 5000 && t[3] == 6000)
    }

    @Test func withoutInCommitTimestampsFileTimesAreMonotonizedFromTheBase() throws {
        let t = try TableLog.commitTimestamps(mtimes: [(5, 100), (6, 90)], commits: [commit(5, ict: 3), commit(6, ict: nil)],
                                              base: (4, 200))
        #expect(t[4] == nil)
        #expect(t[5] == 201 && t[6] == 202)
    }

    @Test func aMissingInCommitTimestampAfterEnablementIsACorruptLog() {
        let config = ["delta.enableInCommitTimestamps": "true", "delta.inCommitTimestampEnablementVersion": "0"]
        #expect { _ = try TableLog.commitTimestamps(mtimes: [(0, 1)], commits: [commit(0, ict: nil)], configuration: config) } throws: {
            ($0 as? DeltaError)?.code == .corruptLog
        }
    }
}
