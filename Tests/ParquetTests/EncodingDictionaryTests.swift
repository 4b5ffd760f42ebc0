import Testing
@testable import Parquet

@Suite struct EncodingDictionaryTests {
    typealias S = EncodingTestSupport

    @Test func fixedWidthIndicesMapBack() {
        var rng = SplitMix64(seed: 21)
        let distinct: [Int64] = [.min, .max, 0, -1] + (0..<12).map { _ in Int64.random(in: .min ... .max, using: &rng) }
        let values = (0..<10_000).map { _ in distinct[Int.random(in: 0..<distinct.count, using: &rng)] }
        var dict = FixedWidthDictionary<Int64>(capacity: 4)
        var indices: [UInt32] = [77]
        for chunk in stride(from: 0, to: values.count, by: 999) {
            let ok = Array(values[chunk..<min(chunk + 999, values.count)]).withUnsafeBufferPointer {
                dict.insert($0, indices: &indices, maxEntries: 1000, maxBytes: 1 << 20)
            }
            #expect(ok)
        }
        #expect(indices.count == values.count + 1 && indices[0] == 77)
        #expect(dict.count == Set(values).count && dict.values.count == dict.count)
        #expect(indices.dropFirst().map { dict.values[Int($0)] } == values)
        // Indices are dense and assigned in first-seen order.
        var seen: [Int64] = []
        for v in values where !seen.contains(v) { seen.append(v) }
        #expect(dict.values == seen)
    }

    @Test func fixedWidthGrowsPastInitialCapacity() {
        var dict = FixedWidthDictionary<Int32>(capacity: 1)
        let values = (0..<50_000).map { Int32(truncatingIfNeeded: $0 &* 2_654_435_761) } + (0..<50_000).map { Int32($0) }
        var indices: [UInt32] = []
        let ok = values.withUnsafeBufferPointer { dict.insert($0, indices: &indices, maxEntries: .max, maxBytes: .max) }
        #expect(ok)
        #expect(dict.count == Set(values).count)
        #expect(indices.map { dict.values[Int($0)] } == values)
    }

    @Test func floatBitPatternsAreDistinct() {
        let doubles: [Double] = [0.0, -0.0, .nan, -.nan, Double(bitPattern: 0x7FF8_0000_0000_0001), 0.0, .nan, 1.0]
        var dict = FixedWidthDictionary<UInt64>()
        var indices: [UInt32] = []
        _ = doubles.map(\.bitPattern).withUnsafeBufferPointer { dict.insert($0, indices: &indices, maxEntries: 100, maxBytes: 1000) }
        #expect(dict.count == 6)
        #expect(indices == [0, 1, 2, 3, 4, 0, 2, 5])
        #expect(indices.map { dict.values[Int($0)] } == doubles.map(\.bitPattern))
    }

    @Test func fixedWidthLimitsStopInsert() {
        let values: [Int64] = [1, 2, 1, 3, 4, 5, 1, 6, 7]
        var dict = FixedWidthDictionary<Int64>()
        var indices: [UInt32] = []
        var ok = values.withUnsafeBufferPointer { dict.insert($0, indices: &indices, maxEntries: 4, maxBytes: 1 << 20) }
        #expect(!ok)
        #expect(dict.count == 4 && dict.values == [1, 2, 3, 4])
        #expect(indices == [0, 1, 0, 2, 3])  // stopped at the fifth distinct value (5)
        // maxBytes: 3 entries of 8 bytes fit in 24 bytes, the fourth does not.
        var d2 = FixedWidthDictionary<Int64>()
        var i2: [UInt32] = []
        ok = values.withUnsafeBufferPointer { d2.insert($0, indices: &i2, maxEntries: 100, maxBytes: 24) }
        #expect(!ok && d2.count == 3 && i2 == [0, 1, 0, 2])
        // The dictionary stays usable: values already present still insert.
        ok = [Int64(2), 3, 1].withUnsafeBufferPointer { d2.insert($0, indices: &i2, maxEntries: 100, maxBytes: 24) }
        #expect(ok && i2.suffix(3) == [1, 2, 0])
        // Empty input is fine.
        ok = [Int64]().withUnsafeBufferPointer { d2.insert($0, indices: &i2, maxEntries: 0, maxBytes: 0) }
        #expect(ok)
    }

    @Test func byteArrayIndicesMapBack() {
        var rng = SplitMix64(seed: 8)
        let distinct: [[UInt8]] = [[], [0], [0, 0], Array("a".utf8), Array("abcd".utf8), Array("abcdefg".utf8),
                                   Array("abcdefgh".utf8), Array("abcdefghijklmnopq".utf8), [UInt8](repeating: 9, count: 1000),
                                   [UInt8](repeating: 9, count: 1001)]
            + (0..<200).map { Array("key-\($0)".utf8) }
        let strings = (0..<20_000).map { _ in distinct[Int.random(in: 0..<distinct.count, using: &rng)] }
        let (offsets, data) = S.layout(strings)
        var dict = ByteArrayDictionary(capacity: 2)
        var indices: [UInt32] = []
        let ok = offsets.withUnsafeBufferPointer { o in
            data.withUnsafeBytes { dict.insert(offsets: o, data: $0, rows: nil, indices: &indices, maxEntries: .max, maxBytes: .max) }
        }
        #expect(ok)
        let entries = S.strings(offsets: dict.offsets, data: dict.data)
        #expect(dict.count == Set(strings).count && entries.count == dict.count)
        #expect(Set(entries).count == entries.count)
        #expect(indices.map { entries[Int($0)] } == strings)
        #expect(dict.plainEncodedSize == entries.reduce(0) { $0 + 4 + $1.count })
        #expect(dict.offsets.first == 0 && Int(dict.offsets.last!) == dict.data.count)

        // Selected rows only.
        let rows: [Int32] = [3, 3, 0, 19_999]
        var d2 = ByteArrayDictionary()
        var i2: [UInt32] = []
        _ = offsets.withUnsafeBufferPointer { o in
            data.withUnsafeBytes { d in rows.withUnsafeBufferPointer { d2.insert(offsets: o, data: d, rows: $0, indices: &i2, maxEntries: 10, maxBytes: 1 << 20) } }
        }
        let e2 = S.strings(offsets: d2.offsets, data: d2.data)
        #expect(i2.map { e2[Int($0)] } == rows.map { strings[Int($0)] })
    }

    @Test func byteArrayLimitsStopInsert() {
        let strings: [[UInt8]] = [Array("aa".utf8), Array("bbb".utf8), Array("aa".utf8), Array("cccc".utf8), Array("d".utf8)]
        let (offsets, data) = S.layout(strings)
        func run(maxEntries: Int, maxBytes: Int) -> (Bool, ByteArrayDictionary, [UInt32]) {
            var dict = ByteArrayDictionary()
            var indices: [UInt32] = []
            let ok = offsets.withUnsafeBufferPointer { o in
                data.withUnsafeBytes { dict.insert(offsets: o, data: $0, rows: nil, indices: &indices, maxEntries: maxEntries, maxBytes: maxBytes) }
            }
            return (ok, dict, indices)
        }
        let (ok1, d1, i1) = run(maxEntries: 2, maxBytes: 1000)
        #expect(!ok1 && d1.count == 2 && i1 == [0, 1, 0])
        #expect(S.strings(offsets: d1.offsets, data: d1.data) == [Array("aa".utf8), Array("bbb".utf8)])
        // PLAIN sizes: 6, 7, 8 → 13 bytes fit, 21 do not.
        let (ok2, d2, i2) = run(maxEntries: 100, maxBytes: 20)
        #expect(!ok2 && d2.count == 2 && i2 == [0, 1, 0] && d2.plainEncodedSize == 13)
        let (ok3, d3, i3) = run(maxEntries: 4, maxBytes: 26)
        #expect(ok3 && d3.count == 4 && i3 == [0, 1, 0, 2, 3] && d3.plainEncodedSize == 26)
    }
}
