import Testing
@testable import Parquet

@Suite struct EncodingDeltaTests {
    typealias S = EncodingTestSupport

    // MARK: DELTA_BINARY_PACKED

    @Test func specExampleOneToFive() throws {
        // Encodings.md example 1: block size 8, 1 miniblock, 5 values, first 1, min delta 1, width 0.
        let bytes: [UInt8] = [8, 1, 5, 2, 2, 0]
        let (values, consumed) = try S.dbpDecode64(bytes, count: 5)
        #expect(values == [1, 2, 3, 4, 5] && consumed == 6)
        let all = try bytes.withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) }
        #expect(all.values == [1, 2, 3, 4, 5] && all.consumed == 6)
    }

    @Test func specExampleSevenFiveThree() throws {
        // Example 2: 7,5,3,1,2,3,4,5: min delta -2, relative deltas 0,0,0,3,3,3,3 at width 2.
        let bytes: [UInt8] = [8, 1, 8, 14, 3, 2, 0xC0, 0x3F]
        let (values, consumed) = try S.dbpDecode32(bytes, count: 8)
        #expect(values == [7, 5, 3, 1, 2, 3, 4, 5] && consumed == 8)
        // Our encoder (block 128, 4 miniblocks) writes one padded 32-value miniblock.
        let encoded = S.dbpEncode([7, 5, 3, 1, 2, 3, 4, 5] as [Int64])
        #expect(Array(encoded[0..<10]) == [0x80, 0x01, 4, 8, 14, 3, 2, 0, 0, 0])
        #expect(encoded.count == 10 + 8)
        #expect(Array(encoded[10..<12]) == [0xC0, 0x3F])
    }

    @Test func emptyAndSingle() throws {
        let empty = S.dbpEncode([Int64]())
        #expect(empty == [0x80, 0x01, 4, 0, 0])
        #expect(try S.dbpDecode64(empty, count: 0).consumed == 5)
        #expect(try empty.withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) }.values.isEmpty)
        let one = S.dbpEncode([Int64.min])
        #expect(try S.dbpDecode64(one, count: 1).values == [Int64.min])
        #expect(try S.dbpDecode64(one, count: 1).consumed == one.count)
        #expect(throws: ParquetError.self) { try S.dbpDecode64(one, count: 2) }
    }

    @Test func roundTripInt64WithExtremes() throws {
        var rng = SplitMix64(seed: 99)
        for n in [2, 3, 31, 32, 33, 127, 128, 129, 130, 257, 1000, 5000] {
            let small = (0..<n).map { _ in Int64.random(in: -1000...1000, using: &rng) }
            let sorted = small.sorted()
            let wild = (0..<n).map { i -> Int64 in
                switch i % 4 {
                case 0: return .min
                case 1: return .max
                case 2: return Int64.random(in: .min ... .max, using: &rng)
                default: return 0
                }
            }
            for values in [small, sorted, wild] {
                let encoded = S.dbpEncode(values)
                let (decoded, consumed) = try S.dbpDecode64(encoded, count: n)
                #expect(decoded == values, "n \(n)")
                #expect(consumed == encoded.count)
                let all = try encoded.withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) }
                #expect(all.values == values && all.consumed == encoded.count)
                // Fewer values than the stream holds: still consumes the whole stream.
                let (prefix, used) = try S.dbpDecode64(encoded, count: n / 2)
                #expect(prefix == Array(values[0..<(n / 2)]) && used == encoded.count)
            }
        }
    }

    @Test func roundTripInt32WithExtremes() throws {
        var rng = SplitMix64(seed: 5)
        for n in [1, 2, 9, 128, 129, 777] {
            let values = (0..<n).map { i -> Int32 in
                i % 3 == 0 ? (i % 2 == 0 ? .min : .max) : Int32.random(in: .min ... .max, using: &rng)
            }
            let encoded = S.dbpEncode(values)
            let (decoded, consumed) = try S.dbpDecode32(encoded, count: n)
            #expect(decoded == values && consumed == encoded.count)
            // 32-bit deltas keep every miniblock width ≤ 32.
            let monotone = (0..<Int32(n)).map { $0 * 3 }
            #expect(try S.dbpDecode32(S.dbpEncode(monotone), count: n).values == monotone)
        }
    }

    @Test func rejectsBadHeaders() {
        // Block size not a multiple of 8 per miniblock.
        #expect(throws: ParquetError.self) { try S.dbpDecode64([12, 1, 5, 2, 2, 0], count: 5) }
        // Zero miniblocks.
        #expect(throws: ParquetError.self) { try S.dbpDecode64([8, 0, 5, 2, 2, 0], count: 5) }
        // Miniblock width above 64.
        #expect(throws: ParquetError.self) { try S.dbpDecode64([8, 1, 5, 2, 2, 65], count: 5) }
        // Count that the remaining bytes cannot hold.
        #expect(throws: ParquetError.self) { try [8, 1, 0xFF, 0xFF, 0x7F, 2].withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) } }
    }

    @Test func truncationAndRandomBytes() {
        var rng = SplitMix64(seed: 1234)
        let values = (0..<300).map { _ in Int64.random(in: -100_000...100_000, using: &rng) }
        let encoded = S.dbpEncode(values)
        for cut in 0..<encoded.count {
            let prefix = Array(encoded[0..<cut])
            S.expectCorruptOrSuccess {
                let (decoded, _) = try S.dbpDecode64(prefix, count: values.count)
                #expect(decoded == values)
            }
            S.expectCorruptOrSuccess { _ = try prefix.withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) } }
        }
        for _ in 0..<3000 {
            var bytes = S.randomBytes(Int.random(in: 0...80, using: &rng), &rng)
            if bytes.count > 3 && Bool.random(using: &rng) { bytes[0] = 0x80; bytes[1] = 1; bytes[2] = 4 }  // plausible header
            S.expectCorruptOrSuccess { _ = try S.dbpDecode32(bytes, count: Int.random(in: 0...200, using: &rng)) }
            S.expectCorruptOrSuccess { _ = try bytes.withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) } }
        }
    }

    // MARK: DELTA_LENGTH_BYTE_ARRAY / DELTA_BYTE_ARRAY

    static let samples: [[[UInt8]]] = [
        [],
        [[]],
        [Array("Hello".utf8), Array("World".utf8), Array("Foobar".utf8), Array("ABCDEF".utf8)],
        [Array("axis".utf8), Array("axle".utf8), Array("babble".utf8), Array("babyhood".utf8)],
        [[], [], Array("a".utf8), [], Array("abcdefghijklmnopq".utf8), Array("abcdefghijklmnopqrstu".utf8), Array("abcdefghij".utf8)],
        (0..<300).map { Array("prefix/\($0 % 17)/key-\($0)".utf8) },
        [[UInt8](repeating: 7, count: 70_000), [UInt8](repeating: 7, count: 70_001), []],
    ]

    @Test func deltaLengthSpecExample() throws {
        let (offsets, data) = S.layout(Self.samples[2])
        var out: [UInt8] = []
        offsets.withUnsafeBufferPointer { o in data.withUnsafeBytes { DeltaLengthByteArray.encode(offsets: o, data: $0, into: &out) } }
        let lengths = try out.withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) }
        #expect(lengths.values == [5, 5, 6, 6])
        #expect(Array(out[lengths.consumed...]) == Array("HelloWorldFoobarABCDEF".utf8))
    }

    @Test func deltaByteArraySpecExample() throws {
        let (offsets, data) = S.layout(Self.samples[3])
        var out: [UInt8] = []
        offsets.withUnsafeBufferPointer { o in data.withUnsafeBytes { DeltaByteArray.encode(offsets: o, data: $0, into: &out) } }
        let prefixes = try out.withUnsafeBytes { try DeltaBinaryPacked.decodeAll($0) }
        #expect(prefixes.values == [0, 2, 0, 3])
        let suffixLengths = try out.withUnsafeBytes { try DeltaBinaryPacked.decodeAll(UnsafeRawBufferPointer(rebasing: $0[prefixes.consumed...])) }
        #expect(suffixLengths.values == [4, 2, 6, 5])
        #expect(Array(out[(prefixes.consumed + suffixLengths.consumed)...]) == Array("axislebabbleyhood".utf8))
    }

    @Test(arguments: 0..<7)
    func byteArrayDeltasRoundTrip(sample: Int) throws {
        let strings = Self.samples[sample]
        let (offsets, data) = S.layout(strings)
        for dba in [false, true] {
            var out: [UInt8] = []
            offsets.withUnsafeBufferPointer { o in
                data.withUnsafeBytes {
                    if dba { DeltaByteArray.encode(offsets: o, data: $0, into: &out) } else { DeltaLengthByteArray.encode(offsets: o, data: $0, into: &out) }
                }
            }
            // Decode after existing content, with trailing bytes that must not be consumed.
            var offs: [Int32] = [0, 3]
            var bytes: [UInt8] = [1, 2, 3]
            let input = out + [0xEE, 0xEE]
            let used = try input.withUnsafeBytes {
                dba ? try DeltaByteArray.decode($0, count: strings.count, offsets: &offs, data: &bytes)
                    : try DeltaLengthByteArray.decode($0, count: strings.count, offsets: &offs, data: &bytes)
            }
            #expect(used == (strings.isEmpty ? 0 : out.count))
            #expect(S.strings(offsets: offs, data: bytes) == [[1, 2, 3]] + strings)
            // Every truncation throws or decodes correctly; random corruption never crashes.
            guard !strings.isEmpty, out.count < 2000 else { continue }
            for cut in 0..<out.count {
                var o2: [Int32] = [0]
                var d2: [UInt8] = []
                S.expectCorruptOrSuccess {
                    _ = try Array(out[0..<cut]).withUnsafeBytes {
                        dba ? try DeltaByteArray.decode($0, count: strings.count, offsets: &o2, data: &d2)
                            : try DeltaLengthByteArray.decode($0, count: strings.count, offsets: &o2, data: &d2)
                    }
                    #expect(S.strings(offsets: o2, data: d2) == strings)
                }
            }
            var rng = SplitMix64(seed: UInt64(sample))
            for _ in 0..<300 {
                var bad = out
                bad[Int.random(in: 0..<bad.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                var o2: [Int32] = [0]
                var d2: [UInt8] = []
                S.expectCorruptOrSuccess {
                    _ = try bad.withUnsafeBytes {
                        dba ? try DeltaByteArray.decode($0, count: strings.count, offsets: &o2, data: &d2)
                            : try DeltaLengthByteArray.decode($0, count: strings.count, offsets: &o2, data: &d2)
                    }
                }
                #expect(Int(o2.last!) == d2.count)
            }
        }
    }

    @Test func deltaByteArrayRejectsBadPrefix() {
        // Prefix lengths [3] for the first value (nothing to share) must throw.
        var out: [UInt8] = []
        [Int32(3)].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        [Int32(1)].withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        out.append(0x41)
        var offs: [Int32] = [0]
        var data: [UInt8] = []
        #expect(throws: ParquetError.self) { try out.withUnsafeBytes { try DeltaByteArray.decode($0, count: 1, offsets: &offs, data: &data) } }
    }

    // MARK: BYTE_STREAM_SPLIT

    @Test func byteStreamSplitKnownBytesAndRoundTrip() throws {
        let words: [UInt32] = [0x0403_0201, 0x0807_0605]
        var out: [UInt8] = []
        words.withUnsafeBytes { ByteStreamSplit.encode($0, count: 2, width: 4, into: &out) }
        #expect(out == [1, 5, 2, 6, 3, 7, 4, 8])
        var rng = SplitMix64(seed: 17)
        for width in [1, 2, 3, 4, 8, 12, 16] {
            for count in [0, 1, 7, 100] {
                let input = S.randomBytes(width * count, &rng)
                var enc: [UInt8] = []
                input.withUnsafeBytes { ByteStreamSplit.encode($0, count: count, width: width, into: &enc) }
                var back = [UInt8](repeating: 0, count: width * count)
                let used = try enc.withUnsafeBytes { src in
                    try back.withUnsafeMutableBytes { try ByteStreamSplit.decode(src, count: count, width: width, into: $0) }
                }
                #expect(back == input && used == enc.count)
                if count > 0 {
                    #expect(throws: ParquetError.self) {
                        try Array(enc.dropLast()).withUnsafeBytes { src in
                            try back.withUnsafeMutableBytes { try ByteStreamSplit.decode(src, count: count, width: width, into: $0) }
                        }
                    }
                }
            }
        }
        let doubles: [Double] = [-0.0, .nan, 1.25]
        var enc: [UInt8] = []
        doubles.withUnsafeBytes { ByteStreamSplit.encode($0, count: 3, width: 8, into: &enc) }
        var back = [Double](repeating: 0, count: 3)
        _ = try enc.withUnsafeBytes { src in try back.withUnsafeMutableBytes { try ByteStreamSplit.decode(src, count: 3, width: 8, into: $0) } }
        #expect(back.map(\.bitPattern) == doubles.map(\.bitPattern))
    }
}
