import Testing
@testable import Parquet

@Suite struct EncodingRLEHybridTests {
    typealias S = EncodingTestSupport

    @Test func specBitPackedExample() throws {
        // Encodings.md: values 0...7 at bit width 3 bit-pack to 10001000 11000110 11111010.
        let encoded = S.rleEncode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3)
        #expect(encoded == [0x03, 0x88, 0xC6, 0xFA])
        let (values, consumed) = try S.rleDecode([0x03, 0x88, 0xC6, 0xFA], bitWidth: 3, count: 8)
        #expect(values == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(consumed == 4)
    }

    @Test func rleRunBytes() throws {
        var out: [UInt8] = []
        RLEHybrid.encodeRun(value: 5, count: 10, bitWidth: 3, into: &out)
        #expect(out == [0x14, 0x05])
        out = []
        RLEHybrid.encodeRun(value: 0x0102_0304, count: 300, bitWidth: 32, into: &out)
        #expect(out == [0xD8, 0x04, 0x04, 0x03, 0x02, 0x01])
        out = []
        RLEHybrid.encodeRun(value: 0, count: 7, bitWidth: 0, into: &out)
        #expect(out == [0x0E])
        let (values, consumed) = try S.rleDecode([0xD8, 0x04, 0x04, 0x03, 0x02, 0x01], bitWidth: 32, count: 300)
        #expect(values == [UInt32](repeating: 0x0102_0304, count: 300))
        #expect(consumed == 6)
    }

    @Test func repeatsBecomeRuns() {
        // 8 distinct values then 100 repeats: one bit-packed group, then one RLE run.
        let values: [UInt32] = [1, 2, 3, 1, 2, 3, 1, 2] + [UInt32](repeating: 3, count: 100)
        let encoded = S.rleEncode(values, bitWidth: 2)
        #expect(encoded.count == 1 + 2 + 2 + 1)
        #expect(encoded[3] == 200 & 0x7F | 0x80 && encoded[4] == 1 && encoded[5] == 3)
    }

    @Test func emptyAndSingle() throws {
        #expect(S.rleEncode([], bitWidth: 5).isEmpty)
        #expect(try S.rleDecode([], bitWidth: 5, count: 0).consumed == 0)
        let one = S.rleEncode([17], bitWidth: 5)
        #expect(try S.rleDecode(one, bitWidth: 5, count: 1).values == [17])
        #expect(bitWidth(forMax: 0) == 0)
        #expect(bitWidth(forMax: 1) == 1)
        #expect(bitWidth(forMax: 255) == 8)
        #expect(bitWidth(forMax: 256) == 9)
        #expect(bitWidth(forMax: .max) == 32)
    }

    @Test(arguments: 0...32)
    func roundTripEveryWidth(width: Int) throws {
        var rng = SplitMix64(seed: UInt64(width) &* 7919)
        let maxValue: UInt32 = width == 0 ? 0 : UInt32(truncatingIfNeeded: (UInt64(1) << width) - 1)
        for n in [1, 2, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4099] {
            // Random values.
            let random = (0..<n).map { _ in UInt32.random(in: 0...maxValue, using: &rng) }
            let e1 = S.rleEncode(random, bitWidth: width)
            let d1 = try S.rleDecode(e1, bitWidth: width, count: n)
            #expect(d1.values == random, "width \(width) n \(n)")
            #expect(d1.consumed == e1.count)
            // Runs of random lengths mixed with noise.
            var mixed: [UInt32] = []
            while mixed.count < n {
                let v = UInt32.random(in: 0...maxValue, using: &rng)
                let len = Bool.random(using: &rng) ? Int.random(in: 1...3, using: &rng) : Int.random(in: 5...40, using: &rng)
                mixed += [UInt32](repeating: v, count: min(len, n - mixed.count))
            }
            let e2 = S.rleEncode(mixed, bitWidth: width)
            let d2 = try S.rleDecode(e2, bitWidth: width, count: n)
            #expect(d2.values == mixed, "width \(width) n \(n) mixed")
            #expect(d2.consumed == e2.count)
        }
        // One long run.
        let run = [UInt32](repeating: maxValue, count: 100_003)
        let e3 = S.rleEncode(run, bitWidth: width)
        #expect(e3.count <= 5 + 4)
        #expect(try S.rleDecode(e3, bitWidth: width, count: run.count).values == run)
    }

    @Test func decodeFewerThanEncoded() throws {
        // The decoder may stop inside a bit-packed group or an RLE run; it still reports the
        // whole run as consumed.
        let values: [UInt32] = (0..<20).map { UInt32($0 % 5) }
        let encoded = S.rleEncode(values, bitWidth: 3)
        let (decoded, consumed) = try S.rleDecode(encoded, bitWidth: 3, count: 13)
        #expect(decoded == Array(values[0..<13]))
        #expect(consumed == encoded.count)
        var runs: [UInt8] = []
        RLEHybrid.encodeRun(value: 4, count: 50, bitWidth: 3, into: &runs)
        RLEHybrid.encodeRun(value: 1, count: 50, bitWidth: 3, into: &runs)
        let (r, c) = try S.rleDecode(runs + [0xFF, 0xFF], bitWidth: 3, count: 60)
        #expect(r == [UInt32](repeating: 4, count: 50) + [UInt32](repeating: 1, count: 10))
        #expect(c == runs.count)
    }

    @Test func malformedInputThrows() {
        // Ends before enough values.
        #expect(throws: ParquetError.self) { try S.rleDecode([0x14, 0x05], bitWidth: 3, count: 11) }
        // RLE value wider than the bit width.
        #expect(throws: ParquetError.self) { try S.rleDecode([0x14, 0x09], bitWidth: 3, count: 2) }
        // Header varint never ends.
        #expect(throws: ParquetError.self) { try S.rleDecode([0x80, 0x80, 0x80], bitWidth: 3, count: 2) }
        // Bit-packed run claims more groups than there are bytes.
        #expect(throws: ParquetError.self) { try S.rleDecode([0x05, 0x88, 0xC6, 0xFA], bitWidth: 3, count: 16) }
        #expect(throws: ParquetError.self) { try S.rleDecode([0x02, 0x00], bitWidth: 33, count: 1) }
    }

    @Test func truncationAtEveryPrefix() {
        var rng = SplitMix64(seed: 42)
        for width in [1, 3, 8, 13, 32] {
            let maxValue = UInt32(truncatingIfNeeded: (UInt64(1) << width) - 1)
            var values: [UInt32] = (0..<37).map { _ in UInt32.random(in: 0...maxValue, using: &rng) }
            values += [UInt32](repeating: 1, count: 20)
            values += (0..<11).map { _ in UInt32.random(in: 0...maxValue, using: &rng) }
            let encoded = S.rleEncode(values, bitWidth: width)
            for cut in 0..<encoded.count {
                S.expectCorruptOrSuccess {
                    let (decoded, consumed) = try S.rleDecode(Array(encoded[0..<cut]), bitWidth: width, count: values.count)
                    // Only padding of the last group may be missing.
                    #expect(decoded == values)
                    #expect(consumed <= cut)
                }
            }
        }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<3000 {
            let bytes = S.randomBytes(Int.random(in: 0...64, using: &rng), &rng)
            let width = trial % 34
            let count = Int.random(in: 0...300, using: &rng)
            S.expectCorruptOrSuccess {
                let (_, consumed) = try S.rleDecode(bytes, bitWidth: width, count: count)
                #expect(consumed <= bytes.count)
            }
        }
    }
}
