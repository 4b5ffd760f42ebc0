import Testing
@testable import Columnar

/// slice, concat, filter and take against the scalar model, on every layout.
@Suite struct SelectionKernelTests {
    @Test(arguments: KernelFixtures.types)
    func randomSliceConcatFilterTakeAgreeWithScalarModel(type: DataType) {
        var rng = SplitMix64(seed: type.description.utf8.reduce(0xC0FFEE) { $0 &* 31 &+ UInt64($1) })
        for round in 0..<30 {
            let n = [0, 1, 2, 63, 64, 65, 130, Int.random(in: 0..<200, using: &rng)][round % 8]
            let nulls = [0.0, 0.2, 1.0][round % 3]
            let c = KernelFixtures.column(type, count: n, &rng, nulls: nulls)
            let model = c.scalars

            // slice
            let lo = Int.random(in: 0...n, using: &rng), hi = Int.random(in: lo...n, using: &rng)
            let s = c.slice(lo..<hi)
            #expect(s.scalars == Array(model[lo..<hi]))
            #expect(s.count == hi - lo)

            // concat of slices == original
            let joined = try! Column.concat([c.slice(0..<lo), c.slice(lo..<hi), c.slice(hi..<n)])
            #expect(joined == c)
            #expect(joined.scalars == model)

            // filter
            let mask = KernelFixtures.randomMask(n, &rng)
            let f = c.filter(mask)
            #expect(f.scalars == (0..<n).filter { mask[$0] }.map { model[$0] })

            // take, with repeats and -1 (null rows)
            let m = Int.random(in: 0..<(2 * n + 3), using: &rng)
            let idx = (0..<m).map { _ in n == 0 ? -1 : Int.random(in: -1..<n, using: &rng) }
            let t = c.take(idx)
            #expect(t.scalars == idx.map { $0 < 0 ? .null : model[$0] })
            #expect(t.count == m)

            // take of a filtered slice composes
            let fs = s.filter(Bitmap(count: s.count, value: true))
            #expect(fs == s)
            #expect(c.take((0..<n).map { $0 }) == c)
        }
    }

    @Test func sliceRebasesOffsets() throws {
        let c = try Column(.string, [.string("ab"), .null, .string("cde"), .string("")])
        let s = c.slice(2..<4)
        guard case let .bytes(o, d) = s.values else { Issue.record("not bytes"); return }
        #expect(o == [0, 3, 3])
        #expect(d == Array("cde".utf8))
        #expect(s.validity == nil)

        let l = try Column(.array(element: Field("element", .long)),
                           [.array([.long(1), .long(2)]), .array([.long(3)]), .array([])])
        let ls = l.slice(1..<3)
        guard case let .list(lo, child) = ls.values else { Issue.record("not a list"); return }
        #expect(lo == [0, 1, 1])
        #expect(child.scalars == [.long(3)])
    }

    @Test func concatMergesValidityAndRejectsMismatches() throws {
        let a = try Column(.long, [.long(1), .long(2)])
        let b = try Column(.long, [.null, .long(Int64.min)])
        let c = try Column.concat([a, b, Column.empty(.long)])
        #expect(c.scalars == [.long(1), .long(2), .null, .long(.min)])
        #expect(c.nullCount == 1)
        #expect(throws: ColumnarError.self) { try Column.concat([a, try Column(.integer, [.integer(1)])]) }
        #expect(throws: ColumnarError.self) { try Column.concat([]) }
        let e = try Column.concat([Column.empty(.string), Column.empty(.string)])
        #expect(e.count == 0)
        #expect(e == Column.empty(.string))
    }

    @Test func filterKeepsWholeWordsAndSparseBits() throws {
        var rng = SplitMix64(seed: 9)
        let c = KernelFixtures.column(.boolean, count: 300, &rng)
        var mask = Bitmap(count: 300, value: false)
        for i in 0..<300 where i < 128 || i % 7 == 0 { mask[i] = true }
        let f = c.filter(mask)
        #expect(f.scalars == (0..<300).filter { mask[$0] }.map { c.scalar(at: $0) })
        let v = c.filter(Bitmap(count: 300, value: true))
        #expect(v == c)
    }

    @Test func takeWithMinusOneMakesNullRowsForEveryNestedLevel() throws {
        let t = KernelFixtures.structType
        let c = try Column(t, [.struct([.integer(1), .string("x")])])
        let r = c.take([-1, 0, -1])
        #expect(r.scalars == [.null, .struct([.integer(1), .string("x")]), .null])
        #expect(r.nullCount == 2)
        let m = try Column(KernelFixtures.mapType, [.map([(key: .string("k"), value: .double(-0.0))])])
        #expect(m.take([0, -1, 0]).scalars == [m.scalar(at: 0), .null, m.scalar(at: 0)])
        let empty = Column.empty(.double).take([Int]())
        #expect(empty.count == 0)
        #expect(Column.empty(.string).take([-1, -1]).scalars == [.null, .null])
    }

    @Test func bitmapHelpers() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<100 {
            let n = Int.random(in: 0..<300, using: &rng)
            let bits = (0..<n).map { _ in Bool.random(using: &rng) }
            let b = Bitmap(bits)
            let lo = Int.random(in: 0...n, using: &rng), hi = Int.random(in: lo...n, using: &rng)
            #expect(b.slice(lo..<hi) == Bitmap(bits[lo..<hi]))
            var a = b.slice(0..<lo)
            a.append(contentsOf: b.slice(lo..<n))
            #expect(a == b)
            let mask = KernelFixtures.randomMask(n, &rng)
            #expect(b.filter(mask) == Bitmap((0..<n).filter { mask[$0] }.map { bits[$0] }))
        }
    }
}
