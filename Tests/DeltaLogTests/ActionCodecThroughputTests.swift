import Foundation
import Testing
import DeltaLog

/// Parse throughput on a synthetic Spark-like log of 10,000 commits (commitInfo + one add with a
/// ~300-byte stats string each). Run in release for meaningful numbers:
/// `DELTA_BENCH=1 swift test -c release --filter ActionCodecThroughputTests`.
@Suite struct ActionCodecThroughputTests {
    static func syntheticCommits(_ n: Int) -> [[UInt8]] {
        (0..<n).map { v in
            let stats = #"{"numRecords":1000,"minValues":{"id":\#(v * 1000),"name":"aaaa\#(v)","price":0.5,"ts":"2024-01-01T10:00:00.000Z","city":"Amsterdam","qty":1},"maxValues":{"id":\#(v * 1000 + 999),"name":"zzzz\#(v)","price":999.5,"ts":"2024-01-01T11:00:00.000Z","city":"Zurich","qty":100},"nullCount":{"id":0,"name":3,"price":0,"ts":0,"city":1,"qty":0}}"#
            let info = CommitInfo(timestamp: 1_700_000_000_000 + Int64(v), operation: "WRITE",
                                  operationParameters: ["mode": .string("Append"), "partitionBy": .string("[]")],
                                  readVersion: Int64(v - 1), isolationLevel: "Serializable", isBlindAppend: true,
                                  operationMetrics: ["numFiles": "1", "numOutputRows": "1000", "numOutputBytes": "53211"],
                                  engineInfo: "Apache-Spark/3.5.0 Delta-Lake/3.1.0", txnId: UUID().uuidString)
            let add = AddFile(path: "part-00000-\(UUID().uuidString)-c000.snappy.parquet", size: 53211,
                              modificationTime: 1_700_000_000_000 + Int64(v), stats: stats)
            return ActionCodec.encode([.commitInfo(info), .add(add)])
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["DELTA_BENCH"] != nil))
    func parsesTenThousandCommitsFast() throws {
        let commits = Self.syntheticCommits(10_000)
        let bytes = commits.reduce(0) { $0 + $1.count }
        var best = Double.infinity
        for _ in 0..<5 {
            let start = ContinuousClock.now
            var n = 0
            for c in commits { n += try ActionCodec.parseCommit(c, path: "x").count }
            let d = ContinuousClock.now - start
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            best = min(best, s)
            #expect(n == 20_000)
        }
        let mbps = Double(bytes) / best / 1e6
        for kind in ["commitInfo", "add"] where ProcessInfo.processInfo.environment["DELTA_BENCH_SPLIT"] != nil {
            let lines = commits.map { c in Array(String(decoding: c, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("{\"\(kind)") }!.utf8) }
            let size = lines.reduce(0) { $0 + $1.count }
            let start = ContinuousClock.now
            for l in lines { _ = try ActionCodec.parseCommit(l, path: "x") }
            let d = ContinuousClock.now - start
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            print("  \(kind) lines: \(size) bytes, \(String(format: "%.0f", Double(size) / s / 1e6)) MB/s")
        }
        print("ActionCodec.parseCommit: 10,000 commits, \(bytes) bytes in \(String(format: "%.1f", best * 1000)) ms = \(String(format: "%.0f", mbps)) MB/s")
    }
}
