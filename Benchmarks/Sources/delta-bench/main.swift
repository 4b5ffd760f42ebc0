// delta-bench: our engine behind the `cmd` contract of ../shared/bench/bench_deltars.py, so that
// it runs side by side with delta-rs. Each operation prints one JSON line whose "seconds" is the
// operation alone (reading the input file is not timed).
//
//   delta-bench write      --table DIR --input FILE.parquet [--partition-by date]
//   delta-bench scan       --table DIR [--filter "value > 990"]
//   delta-bench append     --table DIR --input SMALL.parquet --count 1000
//   delta-bench load       --table DIR [--version V]
//   delta-bench checkpoint --table DIR
//   delta-bench merge | vacuum   (not implemented yet: exits 3 with a message)
import Columnar
import DeltaLog
import DeltaStorage
import DeltaTable
import Foundation
import Parquet

func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func fail(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data(("delta-bench: " + message + "\n").utf8))
    exit(code)
}

func readInput(_ path: String) throws -> [RecordBatch] {
    let reader = try ParquetFileReader(input: try LocalFiles.openForReading(path))
    return try (0..<reader.rowGroupCount).map { try reader.readRowGroup($0) }
}

func peakRSSMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return (kb / 1024 * 10).rounded() / 10
    }
    return 0
}

func emit(_ fields: [(String, String)]) {
    let body = (fields + [("peak_rss_mb", String(peakRSSMB()))]).map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
    print("{" + body + "}")
}

let clock = ContinuousClock()
func seconds(_ d: Duration) -> String {
    let c = d.components
    return String(format: "%.6f", Double(c.seconds) + Double(c.attoseconds) / 1e18)
}

let args = Array(CommandLine.arguments.dropFirst())
guard let op = args.first, let tablePath = option("--table", in: args) else {
    fail("usage: delta-bench write|scan|append|load|checkpoint|merge|vacuum --table DIR …")
}
let table = DeltaTable(path: tablePath)
do {
    switch op {
    case "write":
        guard let input = option("--input", in: args) else { fail("write needs --input") }
        let batches = try readInput(input)
        let partitionBy = option("--partition-by", in: args).map { [$0] }
        let t0 = clock.now
        let outcome = try table.write(batches, mode: .append, partitionBy: partitionBy)
        let elapsed = clock.now - t0
        emit([("seconds", seconds(elapsed)), ("rows", String(batches.reduce(0) { $0 + $1.rowCount })),
              ("version", String(outcome.version ?? -1))])
    case "scan":
        let filter = option("--filter", in: args)
        let t0 = clock.now
        let scan = try table.scan(where: filter)
        let batches = try scan.batches()
        let elapsed = clock.now - t0
        emit([("seconds", seconds(elapsed)), ("rows", String(batches.reduce(0) { $0 + $1.rowCount })),
              ("files", String(scan.files.count)), ("skipped_files", String(scan.skippedFiles))])
    case "append":
        guard let input = option("--input", in: args) else { fail("append needs --input") }
        let count = Int(option("--count", in: args) ?? "1") ?? 1
        let batches = try readInput(input)
        let t0 = clock.now
        var last: Int64 = -1
        for _ in 0..<count { last = try table.write(batches, mode: .append).version ?? last }
        let elapsed = clock.now - t0
        emit([("seconds", seconds(elapsed)), ("commits", String(count)), ("version", String(last))])
    case "load":
        let version = option("--version", in: args).flatMap { Int64($0) }
        let t0 = clock.now
        let snapshot = try table.snapshot(version: version)
        let elapsed = clock.now - t0
        emit([("seconds", seconds(elapsed)), ("version", String(snapshot.version)), ("active_files", String(snapshot.files.count))])
    case "checkpoint":
        // Like the delta-rs side: the table is opened first (not timed), then checkpointed.
        _ = try table.snapshot()
        let t0 = clock.now
        let info = try table.checkpoint(cleanup: false)
        let elapsed = clock.now - t0
        emit([("seconds", seconds(elapsed)), ("version", String(info.version)), ("actions", String(info.actions)),
              ("bytes", String(info.sizeInBytes))])
    case "merge", "vacuum":
        fail("\(op) is not implemented yet in this version of swift-delta", code: 3)
    default:
        fail("unknown operation '\(op)'")
    }
} catch {
    fail("\(error)", code: 1)
}
