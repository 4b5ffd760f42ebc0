import Columnar
import Testing
@testable import Parquet

@Suite struct EncodingPlainTests {
    typealias S = EncodingTestSupport

    @Test func int32AndInt64RoundTrip() throws {
        for values32 in [[], [Int32.min], [Int32.min, -1, 0, 1, Int32.max, 12345, -7]] as [[Int32]] {
            var out: [UInt8] = []
            values32.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
            #expect(out.count == values32.count * 4)
            var back = [Int32](repeating: 9, count: values32.count)
            let used = try out.withUnsafeBytes { raw in try back.withUnsafeMutableBufferPointer { try PlainEncoding.decode(raw, into: $0) } }
            #expect(back == values32 && used == out.count)
        }
        let values64: [Int64] = [Int64.min, -1, 0, 1, Int64.max, 0x0102_0304_0506_0708]
        var out: [UInt8] = []
        values64.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
        #expect(Array(out[40..<48]) == [8, 7, 6, 5, 4, 3, 2, 1])
        var back = [Int64](repeating: 0, count: values64.count)
        _ = try out.withUnsafeBytes { raw in try back.withUnsafeMutableBufferPointer { try PlainEncoding.decode(raw, into: $0) } }
        #expect(back == values64)
        // Too short.
        var five = [Int64](repeating: 0, count: 7)
        #expect(throws: ParquetError.self) {
            try out.withUnsafeBytes { raw in try five.withUnsafeMutableBufferPointer { try PlainEncoding.decode(raw, into: $0) } }
        }
    }

    @Test func floatsKeepBits() throws {
        let floats: [Float] = [-0.0, 0.0, .nan, -.infinity, .greatestFiniteMagnitude, 1.5, Float(bitPattern: 0x7FC0_1234)]
        var out: [UInt8] = []
        floats.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
        var back = [Float](repeating: 0, count: floats.count)
        _ = try out.withUnsafeBytes { raw in try back.withUnsafeMutableBufferPointer { try PlainEncoding.decode(raw, into: $0) } }
        #expect(back.map(\.bitPattern) == floats.map(\.bitPattern))
        let doubles: [Double] = [-0.0, .nan, .infinity, -1e300, .leastNonzeroMagnitude]
        out = []
        doubles.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &out) }
        var backD = [Double](repeating: 0, count: doubles.count)
        let used = try out.withUnsafeBytes { raw in try backD.withUnsafeMutableBufferPointer { try PlainEncoding.decode(raw, into: $0) } }
        #expect(backD.map(\.bitPattern) == doubles.map(\.bitPattern) && used == 40)
    }

    @Test func booleansFromBitmapRanges() throws {
        var rng = SplitMix64(seed: 3)
        let bools = (0..<300).map { _ in Bool.random(using: &rng) }
        let bitmap = Bitmap(bools)
        for range in [0..<0, 0..<1, 0..<300, 5..<6, 3..<70, 63..<129, 64..<128, 1..<300, 290..<300] {
            var out: [UInt8] = []
            PlainEncoding.encodeBooleans(bitmap, range: range, into: &out)
            #expect(out.count == (range.count + 7) / 8)
            var dense: [UInt8] = []
            Array(bools[range]).withUnsafeBufferPointer { PlainEncoding.encodeBooleans($0, into: &dense) }
            #expect(dense == out, "range \(range)")
            // Decode, appending to a bitmap that already holds an unaligned number of bits.
            var decoded = Bitmap([true, false, true])
            let used = try out.withUnsafeBytes { try PlainEncoding.decodeBooleans($0, count: range.count, into: &decoded) }
            #expect(used == out.count)
            #expect(decoded == Bitmap([true, false, true] + Array(bools[range])), "range \(range)")
        }
        var out: [UInt8] = []
        [true, false, true, true, false, false, false, false, true].withUnsafeBufferPointer {
            PlainEncoding.encodeBooleans($0, into: &out)
        }
        #expect(out == [0b0000_1101, 0b0000_0001])
        var b = Bitmap()
        #expect(throws: ParquetError.self) { try out.withUnsafeBytes { try PlainEncoding.decodeBooleans($0, count: 17, into: &b) } }
        // Aligned append of many words.
        var big = Bitmap(count: 64, value: true)
        let bytes = [UInt8](repeating: 0xA5, count: 40)
        _ = try bytes.withUnsafeBytes { try PlainEncoding.decodeBooleans($0, count: 317, into: &big) }
        #expect(big.count == 381 && big[63] && big[64] && !big[65] && big[380] == false)
    }

    @Test func byteArraysRoundTrip() throws {
        let long = [UInt8](repeating: 0x61, count: 100_000)
        let strings: [[UInt8]] = [[], Array("hello".utf8), [], long, [0], Array("wörld".utf8)]
        let (offsets, data) = S.layout(strings)
        var out: [UInt8] = []
        offsets.withUnsafeBufferPointer { o in
            data.withUnsafeBytes { d in PlainEncoding.encodeByteArrays(offsets: o, data: d, rows: nil, into: &out) }
        }
        #expect(out.count == strings.count * 4 + data.count)
        #expect(Array(out[0..<9]) == [0, 0, 0, 0, 5, 0, 0, 0, 0x68])
        var offs: [Int32] = [0]
        var bytes: [UInt8] = []
        let used = try out.withUnsafeBytes {
            try PlainEncoding.decodeByteArrays($0, count: strings.count, offsets: &offs, data: &bytes)
        }
        #expect(used == out.count)
        #expect(S.strings(offsets: offs, data: bytes) == strings)

        // A subset of rows, appended after existing values.
        let rows: [Int32] = [5, 1, 1, 0]
        out = []
        offsets.withUnsafeBufferPointer { o in
            data.withUnsafeBytes { d in
                rows.withUnsafeBufferPointer { PlainEncoding.encodeByteArrays(offsets: o, data: d, rows: $0, into: &out) }
            }
        }
        offs = [0, 2]
        bytes = [9, 9]
        _ = try out.withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: 4, offsets: &offs, data: &bytes) }
        #expect(S.strings(offsets: offs, data: bytes) == [[9, 9]] + rows.map { strings[Int($0)] })
    }

    @Test func byteArraysRejectBadLengths() {
        var offs: [Int32] = [0]
        var data: [UInt8] = []
        let negative: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: ParquetError.self) {
            try negative.withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: 1, offsets: &offs, data: &data) }
        }
        let pastEnd: [UInt8] = [4, 0, 0, 0, 1, 2, 3]
        #expect(throws: ParquetError.self) {
            try pastEnd.withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: 1, offsets: &offs, data: &data) }
        }
        let huge: [UInt8] = [0, 0, 0, 0x7F]
        #expect(throws: ParquetError.self) {
            try huge.withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: 1_000_000_000, offsets: &offs, data: &data) }
        }
        #expect(offs == [0] && data.isEmpty)
    }

    @Test func fixedLenAndInt96() throws {
        let raw: [UInt8] = Array(0..<12)
        var data: [UInt8] = []
        var out: [UInt8] = []
        raw.withUnsafeBytes { PlainEncoding.encodeFixedLenByteArrays($0, into: &out) }
        #expect(out == raw)
        let used = try raw.withUnsafeBytes { try PlainEncoding.decodeFixedLenByteArrays($0, count: 3, width: 4, into: &data) }
        #expect(used == 12 && data == raw)
        #expect(throws: ParquetError.self) {
            try raw.withUnsafeBytes { try PlainEncoding.decodeFixedLenByteArrays($0, count: 4, width: 4, into: &data) }
        }
        #expect(throws: ParquetError.self) {
            try raw.withUnsafeBytes { try PlainEncoding.decodeFixedLenByteArrays($0, count: .max, width: 16, into: &data) }
        }

        func int96(nanos: Int64, day: UInt32) -> [UInt8] {
            withUnsafeBytes(of: nanos.littleEndian) { Array($0) } + withUnsafeBytes(of: day.littleEndian) { Array($0) }
        }
        let bytes = int96(nanos: 0, day: 2_440_588) + int96(nanos: 1_999, day: 2_440_589)
            + int96(nanos: 3_600_000_000_000, day: 2_440_587)
        var ts = [Int64](repeating: 0, count: 3)
        let n = try bytes.withUnsafeBytes { raw in try ts.withUnsafeMutableBufferPointer { try PlainEncoding.decodeInt96Timestamps(raw, into: $0) } }
        #expect(n == 36)
        #expect(ts == [0, 86_400_000_000 + 1, -86_400_000_000 + 3_600_000_000])
        var four = [Int64](repeating: 0, count: 4)
        #expect(throws: ParquetError.self) {
            try bytes.withUnsafeBytes { raw in try four.withUnsafeMutableBufferPointer { try PlainEncoding.decodeInt96Timestamps(raw, into: $0) } }
        }
        let overflow = int96(nanos: 0, day: .max)
        var one = [Int64](repeating: 0, count: 1)
        #expect(throws: ParquetError.self) {
            try overflow.withUnsafeBytes { raw in try one.withUnsafeMutableBufferPointer { try PlainEncoding.decodeInt96Timestamps(raw, into: $0) } }
        }
    }

    @Test func byteArrayTruncationAndRandomBytes() {
        let (offsets, data) = S.layout([Array("abc".utf8), [], Array("defgh".utf8)])
        var out: [UInt8] = []
        offsets.withUnsafeBufferPointer { o in
            data.withUnsafeBytes { d in PlainEncoding.encodeByteArrays(offsets: o, data: d, rows: nil, into: &out) }
        }
        for cut in 0..<out.count {
            var offs: [Int32] = [0]
            var bytes: [UInt8] = []
            #expect(throws: ParquetError.self) {
                try Array(out[0..<cut]).withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: 3, offsets: &offs, data: &bytes) }
            }
        }
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let input = S.randomBytes(Int.random(in: 0...40, using: &rng), &rng)
            var offs: [Int32] = [0]
            var bytes: [UInt8] = []
            var bits = Bitmap()
            S.expectCorruptOrSuccess {
                _ = try input.withUnsafeBytes { try PlainEncoding.decodeByteArrays($0, count: Int.random(in: 0...5, using: &rng), offsets: &offs, data: &bytes) }
            }
            S.expectCorruptOrSuccess {
                _ = try input.withUnsafeBytes { try PlainEncoding.decodeBooleans($0, count: Int.random(in: 0...400, using: &rng), into: &bits) }
            }
            #expect(Int(offs.last!) == bytes.count)
        }
    }
}
