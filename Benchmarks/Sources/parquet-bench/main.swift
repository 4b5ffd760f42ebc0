// parquet-bench: time our Parquet writer and reader on the benchmark table of
// ../shared/bench/README.md; one JSON line per run, same format as Benchmarks/pyarrow_bench.py.
//
//   parquet-bench write --rows N --out FILE [--codec zstd|snappy|gzip]
//   parquet-bench scan --file FILE
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Columnar
import Parquet
import DeltaStorage

let batchRows = 128 * 1024

// MARK: deterministic generator

/// SplitMix64: small, fast, deterministic. (Not numpy's PCG64: same distributions as the pyarrow
/// generator, not the same values.)
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    /// Uniform in [0, bound).
    mutating func next(below bound: UInt64) -> UInt64 { next().multipliedFullWidth(by: bound).high }
}

let schema = Schema([
    Field("id", .long), Field("key", .string), Field("category", .string),
    Field("value", .double), Field("ts", .timestamp), Field("date", .string),
])
let dayMicros: Int64 = 86_400 * 1_000_000
let baseMicros: Int64 = 1_704_067_200 * 1_000_000  // 2024-01-01T00:00:00Z

/// Fixed-width strings as offsets + bytes: `make(i)` writes value i's bytes into its slot.
func fixedWidthStrings(_ n: Int, width: Int, _ make: (Int, UnsafeMutableBufferPointer<UInt8>) -> Void) -> ColumnValues {
    var data = [UInt8](repeating: 0, count: n * width)
    data.withUnsafeMutableBufferPointer { buf in
        for i in 0..<n {
            make(i, UnsafeMutableBufferPointer(rebasing: buf[(i * width)..<((i + 1) * width)]))
        }
    }
    let offsets = (0...n).map { Int32($0 * width) }
    return .bytes(offsets: offsets, data: data)
}

/// `k%07d` of each id (wider when the id has more than 7 digits).
func keyStrings(_ ids: ArraySlice<Int64>) -> ColumnValues {
    var offsets: [Int32] = [0]
    offsets.reserveCapacity(ids.count + 1)
    var data: [UInt8] = []
    data.reserveCapacity(ids.count * 8)
    var digits = [UInt8](repeating: 0, count: 20)
    for id in ids {
        var v = UInt64(id), n = 0
        repeat { digits[n] = UInt8(48 + v % 10); v /= 10; n += 1 } while v > 0
        data.append(UInt8(ascii: "k"))
        if n < 7 { data.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 7 - n)) }
        for j in stride(from: n - 1, through: 0, by: -1) { data.append(digits[j]) }
        offsets.append(Int32(data.count))
    }
    return .bytes(offsets: offsets, data: data)
}

func generate(rows: Int, seed: UInt64 = 42) -> [RecordBatch] {
    var rng = SplitMix64(state: seed)
    var batches: [RecordBatch] = []
    var start = 0
    while start < rows {
        let n = min(batchRows, rows - start)
        let ids = (0..<n).map { Int64(start + $0) }
        var cats = [UInt8](repeating: 0, count: n)
        var values = [Double](repeating: 0, count: n)
        var ts = [Int64](repeating: 0, count: n)
        var days = [UInt8](repeating: 0, count: n)
        for i in 0..<n {
            cats[i] = UInt8(rng.next(below: 16))
            values[i] = rng.nextDouble() * 1000.0
            let off = Int64(rng.next(below: UInt64(10 * dayMicros)))
            ts[i] = baseMicros + off
            days[i] = UInt8(off / dayMicros) + 1
        }
        let category = fixedWidthStrings(n, width: 5) { i, out in
            let c = cats[i]
            out[0] = UInt8(ascii: "c"); out[1] = UInt8(ascii: "a"); out[2] = UInt8(ascii: "t")
            out[3] = 48 + c / 10; out[4] = 48 + c % 10
        }
        let date = fixedWidthStrings(n, width: 10) { i, out in
            for (j, b) in "2024-01-".utf8.enumerated() { out[j] = b }
            out[8] = 48 + days[i] / 10; out[9] = 48 + days[i] % 10
        }
        let columns = [
            Column(unchecked: .long, count: n, validity: nil, values: .int64(ids)),
            Column(unchecked: .string, count: n, validity: nil, values: keyStrings(ids[...])),
            Column(unchecked: .string, count: n, validity: nil, values: category),
            Column(unchecked: .double, count: n, validity: nil, values: .float64(values)),
            Column(unchecked: .timestamp, count: n, validity: nil, values: .int64(ts)),
            Column(unchecked: .string, count: n, validity: nil, values: date),
        ]
        batches.append(try! RecordBatch(schema: schema, columns: columns))
        start += n
    }
    return batches
}

// MARK: measurement helpers

/// Peak resident set size (VmHWM) in MB.
func peakRSSMB() -> Double {
    let fd = open("/proc/self/status", O_RDONLY)
    guard fd >= 0 else { return -1 }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 16384)
    let n = read(fd, &bytes, bytes.count)
    guard n > 0 else { return -1 }
    let text = String(decoding: bytes[0..<n], as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? -1
        return (kb / 1024 * 10).rounded() / 10
    }
    return -1
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : -1
}

func seconds(_ d: Duration) -> Double {
    let c = d.components
    return Double(c.seconds) + Double(c.attoseconds) / 1e18
}

func fmt(_ x: Double) -> String {
    let r = (x * 10000).rounded() / 10000
    return "\(r)"
}

func emit(_ fields: [(String, String)]) {
    print("{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}")
}

func fail(_ message: String) -> Never {
    var err = "parquet-bench: \(message)\n"
    err.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// Depends on the data read (every number, every string's length), so the read cannot be skipped.
func digest(_ batch: RecordBatch) -> UInt64 {
    var h: UInt64 = 0
    for c in batch.columns {
        switch c.values {
        case let .int64(a): for v in a { h &+= UInt64(bitPattern: v) }
        case let .float64(a): for v in a { h &+= v.bitPattern }
        case let .bytes(offsets, data):
            // Summing every byte would cost more than pyarrow's side does; lengths + ends suffice.
            h &+= UInt64(offsets.last ?? 0) &+ UInt64(data.first ?? 0) &+ UInt64(data.last ?? 0)
        default: h &+= UInt64(c.count)
        }
    }
    return h
}

// MARK: commands

func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

let args = Array(CommandLine.arguments.dropFirst())
let clock = ContinuousClock()
do {
    switch args.first {
    case "write":
        guard let rowsText = option("--rows", in: args), let rows = Int(rowsText), rows >= 0,
              let out = option("--out", in: args) else { fail("usage: write --rows N --out FILE [--codec C]") }
        var options = ParquetWriterOptions()
        switch option("--codec", in: args) ?? "zstd" {
        case "zstd": options.codec = .zstd
        case "snappy": options.codec = .snappy
        case "gzip": options.codec = .gzip
        case let other: fail("unknown codec \(other) (zstd, snappy, gzip)")
        }
        unlink(out)   // the writer never overwrites; an earlier round's file goes first (untimed)
        let genStart = clock.now
        let batches = generate(rows: rows)
        let genSeconds = seconds(clock.now - genStart)
        // The batches outlive the timed region: freeing ~600 MB is not the writer's cost.
        let elapsed = try withExtendedLifetime(batches) {
            let t0 = clock.now
            let writer = try ParquetFileWriter(output: try LocalFiles.createNew(out), schema: schema, options: options)
            for b in batches { try writer.write(b) }
            try writer.close()
            return seconds(clock.now - t0)
        }
        emit([("engine", "\"swift\""), ("op", "\"write\""), ("seconds", fmt(elapsed)), ("rows", "\(rows)"),
              ("peak_rss_mb", "\(peakRSSMB())"), ("file_bytes", "\(fileSize(out))"),
              ("gen_seconds", fmt(genSeconds))])
    case "scan":
        guard let file = option("--file", in: args) else { fail("usage: scan --file FILE") }
        let t0 = clock.now
        let reader = try ParquetFileReader(input: try LocalFiles.openForReading(file))
        var rows = 0
        var checksum: UInt64 = 0
        for i in 0..<reader.rowGroupCount {
            let batch = try reader.readRowGroup(i, columns: nil)
            rows += batch.rowCount
            checksum &+= digest(batch)
        }
        let elapsed = seconds(clock.now - t0)
        emit([("engine", "\"swift\""), ("op", "\"scan\""), ("seconds", fmt(elapsed)), ("rows", "\(rows)"),
              ("peak_rss_mb", "\(peakRSSMB())"), ("checksum", "\"\(String(checksum, radix: 16))\"")])
    default:
        fail("usage: parquet-bench write --rows N --out FILE [--codec zstd] | scan --file FILE")
    }
} catch {
    fail("\(error)")
}
