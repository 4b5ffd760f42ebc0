import Foundation
import Testing
@testable import Parquet

/// Rough throughput numbers for the encodings. Off by default; run in release with
/// `PARQUET_ENCODING_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter EncodingThroughputTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PARQUET_ENCODING_BENCH"] != nil))
struct EncodingThroughputTests {
    typealias S = EncodingTestSupport

    /// Best of `repeats` runs; prints MB/s over `bytes` and M values/s over `values`.
    func measure(_ name: String, bytes: Int, values: Int, repeats: Int = 5, _ body: () throws -> Void) rethrows {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try body()
            let d = ContinuousClock.now - start
            best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        let line = "BENCH \(name): \(String(format: "%.1f", Double(bytes) / best / 1e6)) MB/s, "
            + "\(String(format: "%.1f", Double(values) / best / 1e6)) M values/s (\(String(format: "%.2f", best * 1000)) ms)"
        print(line)
    }

    @Test func plainAndRLE() throws {
        let n = 10_000_000
        var rng = SplitMix64(seed: 1)
        let ints = (0..<n).map { _ in Int64.random(in: .min ... .max, using: &rng) }
        var plain: [UInt8] = []
        measure("PLAIN Int64 encode 10M", bytes: n * 8, values: n) {
            plain.removeAll(keepingCapacity: true)
            ints.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &plain) }
        }
        var back = [Int64](repeating: 0, count: n)
        try measure("PLAIN Int64 decode 10M", bytes: n * 8, values: n) {
            _ = try plain.withUnsafeBytes { raw in try back.withUnsafeMutableBufferPointer { try PlainEncoding.decode(raw, into: $0) } }
        }
        #expect(back == ints)

        for width in [1, 8] {
            let maxValue = UInt32((1 << width) - 1)
            let levels = (0..<n).map { _ in UInt32.random(in: 0...maxValue, using: &rng) }
            var enc: [UInt8] = []
            measure("RLE encode w\(width) random 10M", bytes: n * 4, values: n) {
                enc.removeAll(keepingCapacity: true)
                levels.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: width, into: &enc) }
            }
            var out = [UInt32](repeating: 0, count: n)
            try measure("RLE decode w\(width) random 10M (\(enc.count) B in)", bytes: n * 4, values: n) {
                _ = try enc.withUnsafeBytes { raw in try out.withUnsafeMutableBufferPointer { try RLEHybrid.decode(raw, bitWidth: width, into: $0) } }
            }
            #expect(out == levels)
            // Runs of 1000.
            let runs = (0..<n).map { UInt32(($0 / 1000) % Int(maxValue + 1)) }
            enc.removeAll()
            runs.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: width, into: &enc) }
            try measure("RLE decode w\(width) runs-of-1000 10M", bytes: n * 4, values: n) {
                _ = try enc.withUnsafeBytes { raw in try out.withUnsafeMutableBufferPointer { try RLEHybrid.decode(raw, bitWidth: width, into: $0) } }
            }
            #expect(out == runs)
        }
    }

    @Test func bitUnpack() {
        let n = 1_000_000
        var rng = SplitMix64(seed: 2)
        for width in [1, 2, 3, 5, 8, 12, 16, 17, 24, 32] {
            let values = (0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next()) & UInt32(truncatingIfNeeded: (UInt64(1) << width) - 1) }
            var packed = [UInt8](repeating: 0, count: n / 8 * width)
            values.withUnsafeBufferPointer { v in packed.withUnsafeMutableBytes { BitPacking.pack32(v.baseAddress!, groups: n / 8, width: width, into: $0.baseAddress!) } }
            var out = [UInt32](repeating: 0, count: n)
            measure("bit-unpack w\(width) 1M", bytes: n * 4, values: n, repeats: 20) {
                packed.withUnsafeBytes { p in
                    out.withUnsafeMutableBufferPointer { BitPacking.unpack32(p.baseAddress!, byteCount: p.count, groups: n / 8, width: width, into: $0.baseAddress!) }
                }
            }
            #expect(out == values)
            measure("bit-pack w\(width) 1M", bytes: n * 4, values: n, repeats: 20) {
                values.withUnsafeBufferPointer { v in packed.withUnsafeMutableBytes { BitPacking.pack32(v.baseAddress!, groups: n / 8, width: width, into: $0.baseAddress!) } }
            }
        }
    }

    @Test func deltaBinaryPacked() throws {
        let n = 10_000_000
        var rng = SplitMix64(seed: 3)
        var acc: Int64 = 1_700_000_000_000_000
        let timestamps = (0..<n).map { _ in acc += Int64.random(in: 0...1_000_000, using: &rng); return acc }
        var enc: [UInt8] = []
        measure("DELTA_BINARY_PACKED encode 10M timestamps", bytes: n * 8, values: n) {
            enc.removeAll(keepingCapacity: true)
            timestamps.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &enc) }
        }
        var out = [Int64](repeating: 0, count: n)
        try measure("DELTA_BINARY_PACKED decode 10M timestamps (\(enc.count) B)", bytes: n * 8, values: n) {
            _ = try enc.withUnsafeBytes { raw in try out.withUnsafeMutableBufferPointer { try DeltaBinaryPacked.decode(raw, into: $0) } }
        }
        #expect(out == timestamps)
    }

    @Test func byteArrays() throws {
        let n = 1_000_000
        let strings = (0..<n).map { i -> [UInt8] in withUnsafeBytes(of: UInt64(i) &* 0x9E37_79B9_7F4A_7C15) { Array($0) } }
        let (offsets, data) = S.layout(strings)
        var enc: [UInt8] = []
        measure("PLAIN ByteArray encode 1M x 8B", bytes: n * 12, values: n) {
            enc.removeAll(keepingCapacity: true)
            offsets.withUnsafeBufferPointer { o in data.withUnsafeBytes { PlainEncoding.encodeByteArrays(offsets: o, data: $0, rows: nil, into: &enc) } }
        }
        var offs: [Int32] = []
        var bytes: [UInt8] = []
        try measure("PLAIN ByteArray decode 1M x 8B", bytes: n * 12, values: n) {
            offs = [0]
            bytes = []
            _ = try enc.withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: n, offsets: &offs, data: &bytes) }
        }
        #expect(offs == offsets && bytes == data)
        for dba in [false, true] {
            var denc: [UInt8] = []
            offsets.withUnsafeBufferPointer { o in
                data.withUnsafeBytes { dba ? DeltaByteArray.encode(offsets: o, data: $0, into: &denc) : DeltaLengthByteArray.encode(offsets: o, data: $0, into: &denc) }
            }
            let name = dba ? "DELTA_BYTE_ARRAY" : "DELTA_LENGTH_BYTE_ARRAY"
            try measure("\(name) decode 1M x 8B", bytes: n * 8, values: n) {
                offs = [0]
                bytes = []
                _ = try denc.withUnsafeBytes {
                    dba ? try DeltaByteArray.decode($0, count: n, offsets: &offs, data: &bytes) : try DeltaLengthByteArray.decode($0, count: n, offsets: &offs, data: &bytes)
                }
            }
            #expect(offs == offsets && bytes == data)
        }
    }

    @Test func dictionaries() {
        let n = 10_000_000
        var rng = SplitMix64(seed: 4)
        let distinct16 = (0..<16).map { _ in Int64.random(in: .min ... .max, using: &rng) }
        let ints = (0..<n).map { _ in distinct16[Int(rng.next() & 15)] }
        var indices: [UInt32] = []
        indices.reserveCapacity(n)
        measure("FixedWidthDictionary<Int64> insert 10M, 16 distinct", bytes: n * 8, values: n) {
            var dict = FixedWidthDictionary<Int64>()
            indices.removeAll(keepingCapacity: true)
            let ok = ints.withUnsafeBufferPointer { dict.insert($0, indices: &indices, maxEntries: 1 << 20, maxBytes: 1 << 20) }
            precondition(ok && dict.count == 16)
        }
        let allDistinct = (0..<n).map { Int64(bitPattern: UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        measure("FixedWidthDictionary<Int64> insert 10M all distinct, unlimited", bytes: n * 8, values: n, repeats: 2) {
            var dict = FixedWidthDictionary<Int64>()
            indices.removeAll(keepingCapacity: true)
            let ok = allDistinct.withUnsafeBufferPointer { dict.insert($0, indices: &indices, maxEntries: .max, maxBytes: .max) }
            precondition(ok && dict.count == n)
        }

        let s16 = (0..<16).map { i -> [UInt8] in Array("val\(i)____".utf8.prefix(8)) }
        let strings16 = (0..<n).map { _ in s16[Int(rng.next() & 15)] }
        let (o16, d16) = S.layout(strings16)
        measure("ByteArrayDictionary insert 10M x 8B, 16 distinct", bytes: n * 8, values: n) {
            var dict = ByteArrayDictionary()
            indices.removeAll(keepingCapacity: true)
            let ok = o16.withUnsafeBufferPointer { o in d16.withUnsafeBytes { dict.insert(offsets: o, data: $0, rows: nil, indices: &indices, maxEntries: 1 << 20, maxBytes: 1 << 20) } }
            precondition(ok && dict.count == 16)
        }
        let unique = (0..<n).map { i -> [UInt8] in withUnsafeBytes(of: UInt64(i) &* 0x9E37_79B9_7F4A_7C15) { Array($0) } }
        let (ou, du) = S.layout(unique)
        var taken = 0
        measure("ByteArrayDictionary insert 10M x 8B all distinct, maxBytes 1 MiB (stops early)", bytes: n * 8, values: n) {
            var dict = ByteArrayDictionary()
            indices.removeAll(keepingCapacity: true)
            let ok = ou.withUnsafeBufferPointer { o in du.withUnsafeBytes { dict.insert(offsets: o, data: $0, rows: nil, indices: &indices, maxEntries: 1 << 20, maxBytes: 1 << 20) } }
            precondition(!ok)
            taken = indices.count
        }
        print("BENCH   (stopped after \(taken) values, the 1 MiB PLAIN dictionary limit)")
        measure("ByteArrayDictionary insert 10M x 8B all distinct, unlimited", bytes: n * 8, values: n, repeats: 2) {
            var dict = ByteArrayDictionary()
            indices.removeAll(keepingCapacity: true)
            let ok = ou.withUnsafeBufferPointer { o in du.withUnsafeBytes { dict.insert(offsets: o, data: $0, rows: nil, indices: &indices, maxEntries: .max, maxBytes: .max) } }
            precondition(ok && dict.count == n)
        }
    }
}
