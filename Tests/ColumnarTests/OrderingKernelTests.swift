import Testing
@testable import Columnar

/// compareRows, sortIndices, hashRows, rowsEqual and Column/RecordBatch equality.
@Suite struct OrderingKernelTests {
    static func seed(_ t: DataType) -> UInt64 { t.description.utf8.reduce(0x5EED) { $0 &* 31 &+ UInt64($1) } }

    /// Stable reference sort on scalars.
    static func modelOrder(_ cols: [[Scalar]], _ keys: [SortKey], _ n: Int) -> [Int32] {
        (0..<n).sorted { x, y in
            for k in keys {
                var c = modelCompare(cols[k.column][x], cols[k.column][y], nullsFirst: k.nullsFirst)
                // Direction flips value order only; null placement stays as asked.
                if !k.ascending && !cols[k.column][x].isNull && !cols[k.column][y].isNull { c = -c }
                if c != 0 { return c < 0 }
            }
            return x < y
        }.map { Int32($0) }
    }

    @Test(arguments: KernelFixtures.types)
    func compareRowsAgreesWithModelAndEqualityAgreesWithHash(type: DataType) {
        var rng = SplitMix64(seed: Self.seed(type))
        for round in 0..<8 {
            let c = KernelFixtures.column(type, count: 40, &rng, nulls: [0.0, 0.2, 1.0][round % 3])
            let d = KernelFixtures.column(type, count: 40, &rng, nulls: 0.2)
            let h = hashRows([c])
            for i in 0..<c.count {
                for j in 0..<c.count {
                    for nf in [true, false] {
                        #expect(c.compareRows(i, c, j, nullsFirst: nf) ==
                                modelCompare(c.scalar(at: i), c.scalar(at: j), nullsFirst: nf))
                    }
                    let eq = c.rowsEqual(i, c, j, nullsEqual: true)
                    #expect(eq == (c.compareRows(i, c, j) == 0))
                    if eq { #expect(h[i] == h[j]) }
                    if c.rowsEqual(i, c, j) { #expect(!c.isNull(i)) }
                }
                #expect(c.compareRows(i, d, i) == modelCompare(c.scalar(at: i), d.scalar(at: i), nullsFirst: true))
            }
        }
    }

    @Test(arguments: KernelFixtures.types)
    func sortIndicesMatchesStableModel(type: DataType) throws {
        var rng = SplitMix64(seed: Self.seed(type) ^ 0xABCD)
        for round in 0..<12 {
            let n = [0, 1, 5, 70, 150][round % 5]
            let c = KernelFixtures.column(type, count: n, &rng, nulls: [0.0, 0.3, 1.0][round % 3])
            let other = KernelFixtures.column(.integer, count: n, &rng, nulls: 0.1)
            let batch = try RecordBatch(schema: Schema([Field("k", type), Field("i", .integer)]), columns: [c, other])
            let cols = [c.scalars, other.scalars]
            for asc in [true, false] {
                for nf in [true, false] {
                    let keys = [SortKey(column: 0, ascending: asc, nullsFirst: nf)]
                    #expect(try sortIndices(batch, by: keys) == Self.modelOrder(cols, keys, n))
                    let two = [SortKey(column: 1, ascending: !asc, nullsFirst: nf), SortKey(column: 0, ascending: asc)]
                    #expect(try sortIndices(batch, by: two) == Self.modelOrder(cols, two, n))
                    let three = [SortKey(column: 0, ascending: asc, nullsFirst: nf), SortKey(column: 1), SortKey(column: 0)]
                    #expect(try sortIndices(batch, by: three) == Self.modelOrder(cols, three, n))
                }
            }
        }
    }

    @Test func sortIsStableAndPlacesNullsAndSpecialFloats() throws {
        let c = try Column(.double, [.double(1), .null, .double(.nan), .double(-0.0), .double(0.0),
                                     .double(-.infinity), .double(.infinity), .null, .double(-.nan)])
        let b = try RecordBatch(schema: Schema([Field("d", .double)]), columns: [c])
        // -0.0 and 0.0 tie, so they keep their order; NaNs tie and sort above +inf.
        #expect(try sortIndices(b, by: [SortKey(column: 0)]) == [1, 7, 5, 3, 4, 0, 6, 2, 8])
        #expect(try sortIndices(b, by: [SortKey(column: 0, ascending: false)]) == [2, 8, 6, 0, 3, 4, 5, 1, 7])
        #expect(try sortIndices(b, by: [SortKey(column: 0, nullsFirst: false)]) == [5, 3, 4, 0, 6, 2, 8, 1, 7])
        #expect(try sortIndices(b, by: [try SortKey("d", in: b.schema, ascending: false, nullsFirst: true)])
                == [1, 7, 2, 8, 6, 0, 3, 4, 5])
        #expect(throws: ColumnarError.self) { try sortIndices(b, by: [SortKey(column: 3)]) }
        #expect(throws: ColumnarError.self) { try SortKey("nope", in: b.schema) }
        let s = try b.sorted(by: [SortKey(column: 0)])
        #expect(s.columns[0].scalar(at: 2) == .double(-.infinity))

        let strs = try Column(.string, [.string("b"), .string(""), .string("a"), .string("é"), .string("ab"), .string("a")])
        #expect(strs.sortIndices() == [1, 2, 5, 4, 0, 3])
        let longs = try Column(.long, [.long(.max), .long(.min), .long(0), .long(.min)])
        #expect(longs.sortIndices() == [1, 3, 2, 0])
        #expect(longs.sortIndices(ascending: false) == [0, 2, 1, 3])
    }

    @Test func hashesAgreeForEqualFloatsAndDifferForDistinctValues() throws {
        let d = try Column(.double, [.double(-0.0), .double(0.0), .double(.nan), .double(-.nan),
                                     .double(Double(nan: 123, signaling: false)), .null, .null, .double(1)])
        let h = hashRows([d])
        #expect(h[0] == h[1])
        #expect(h[2] == h[3] && h[3] == h[4])
        #expect(h[5] == h[6])
        #expect(Set([h[0], h[2], h[5], h[7]]).count == 4)
        #expect(d.rowsEqual(0, d, 1) && d.rowsEqual(2, d, 4))
        #expect(!d.rowsEqual(5, d, 6) && d.rowsEqual(5, d, 6, nullsEqual: true))

        let f = try Column(.float, [.float(-0.0), .float(0.0), .float(.nan), .float(-.nan)])
        let hf = hashRows([f])
        #expect(hf[0] == hf[1] && hf[2] == hf[3] && hf[0] != hf[2])

        let longs = try Column(.long, (0..<1000).map { .long(Int64($0)) })
        #expect(Set(hashRows([longs])).count == 1000)
        let strs = try Column(.string, (0..<1000).map { .string(String(repeating: "x", count: $0 % 70) + "\($0)") })
        #expect(Set(hashRows([strs])).count == 1000)
        // Multi-column: (1, "a") vs ("a", 1)-like swaps and shifted pairs differ.
        let a = try Column(.long, [.long(1), .long(2), .long(1)])
        let s = try Column(.string, [.string("a"), .string("a"), .string("a")])
        let hm = hashRows([a, s])
        #expect(hm[0] == hm[2] && hm[0] != hm[1])
        #expect(hashRows([]).isEmpty)
        #expect(hashRows([Column.empty(.string)]).isEmpty)
    }

    @Test func equalityIgnoresPlaceholdersAndComparesFloatsByBits() throws {
        let a = Column(unchecked: .long, count: 3, validity: Bitmap([true, false, true]), values: .int64([1, 99, 3]))
        let b = Column(unchecked: .long, count: 3, validity: Bitmap([true, false, true]), values: .int64([1, 0, 3]))
        #expect(a == b)
        let c = Column(unchecked: .long, count: 3, validity: Bitmap([true, true, false]), values: .int64([1, 0, 3]))
        #expect(a != c)
        let nan1 = try Column(.double, [.double(.nan)]), nan2 = try Column(.double, [.double(.nan)])
        #expect(nan1 == nan2)
        #expect(try Column(.double, [.double(-0.0)]) != Column(.double, [.double(0.0)]))
        #expect(try Column(.integer, [.integer(1)]) != Column(.date, [.date(1)]))
        // Nested: a null struct row with different child placeholders.
        let t = KernelFixtures.structType
        let kids1 = [try Column(.integer, [.integer(1), .integer(7)]), try Column(.string, [.string("x"), .string("junk")])]
        let kids2 = [try Column(.integer, [.integer(1), .null]), try Column(.string, [.string("x"), .string("")])]
        let s1 = Column(unchecked: t, count: 2, validity: Bitmap([true, false]), values: .structure(kids1))
        let s2 = Column(unchecked: t, count: 2, validity: Bitmap([true, false]), values: .structure(kids2))
        #expect(s1 == s2)
        var rng = SplitMix64(seed: 77)
        for type in KernelFixtures.types {
            let col = KernelFixtures.column(type, count: 50, &rng)
            #expect(col == (try Column(type, col.scalars)))
            #expect(col == col.take((0..<50).map { $0 }))
            if col.count > 1 && col.scalars[0] != col.scalars[1] { #expect(col != col.take([1, 0] + (2..<50).map { $0 })) }
        }
    }

    @Test func recordBatchHelpers() throws {
        var rng = SplitMix64(seed: 4242)
        let types = KernelFixtures.types
        let schema = Schema(types.enumerated().map { Field("c\($0.offset)", $0.element) })
        let cols = types.map { KernelFixtures.column($0, count: 90, &rng) }
        let batch = try RecordBatch(schema: schema, columns: cols)
        #expect(batch == (try RecordBatch(schema: schema, columns: cols)))
        let parts = [batch.slice(0..<10), batch.slice(10..<10), batch.slice(10..<90)]
        #expect(try RecordBatch.concat(parts) == batch)
        #expect(throws: ColumnarError.self) { try RecordBatch.concat([]) }
        #expect(throws: ColumnarError.self) { try RecordBatch.concat([batch, batch.project([1, 0])]) }

        let mask = KernelFixtures.randomMask(90, &rng)
        let f = batch.filter(mask)
        #expect(f.rowCount == mask.setCount)
        for (i, c) in f.columns.enumerated() { #expect(c == cols[i].filter(mask)) }

        let t = batch.take([5, -1, 5])
        #expect(t.rowCount == 3)
        #expect(t.schema.fields.allSatisfy { $0.nullable })
        for (i, c) in t.columns.enumerated() { #expect(c.scalars == [cols[i].scalar(at: 5), .null, cols[i].scalar(at: 5)]) }

        let p = try batch.project(names: ["c3", "c0"])
        #expect(p.schema.fields.map(\.name) == ["c3", "c0"])
        #expect(p.columns[0] == cols[3] && p == batch.project([3, 0]))
        #expect(throws: ColumnarError.self) { try batch.project(names: ["missing"]) }

        let empty = RecordBatch(emptySchemaRowCount: 4)
        #expect(empty.filter(Bitmap([true, false, true, false])).rowCount == 2)
        #expect(empty.take([0, 0, 0]).rowCount == 3)
        #expect(empty.slice(1..<4).rowCount == 3)
    }
}
