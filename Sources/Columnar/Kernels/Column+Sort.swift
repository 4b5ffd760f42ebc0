/// One sort key: a top-level column of a batch, the direction and where nulls go.
public struct SortKey: Sendable, Hashable {
    /// Index of the column in the batch.
    public var column: Int
    public var ascending: Bool
    public var nullsFirst: Bool

    /// `nullsFirst` defaults to Spark's rule: nulls first when ascending, last when descending.
    public init(column: Int, ascending: Bool = true, nullsFirst: Bool? = nil) {
        self.column = column
        self.ascending = ascending
        self.nullsFirst = nullsFirst ?? ascending
    }

    /// A key on the column called `name` in `schema`; throws `.invalidSchema` if there is none.
    public init(_ name: String, in schema: Schema, ascending: Bool = true, nullsFirst: Bool? = nil) throws(ColumnarError) {
        guard let i = schema.index(of: name) else {
            throw ColumnarError(.invalidSchema, "no column named '\(name)' to sort by")
        }
        self.init(column: i, ascending: ascending, nullsFirst: nullsFirst)
    }
}

/// The row order that sorts `batch` by `keys` (first key most significant), as row indices.
/// The sort is stable: rows that tie on every key keep their original order.
/// Throws `.outOfRange` for a key naming a column the batch does not have.
public func sortIndices(_ batch: RecordBatch, by keys: [SortKey]) throws(ColumnarError) -> [Int32] {
    let n = batch.rowCount
    guard n <= Int(Int32.max) else { throw ColumnarError(.overflow, "cannot sort more than 2^31-1 rows") }
    for k in keys where k.column < 0 || k.column >= batch.columns.count {
        throw ColumnarError(.outOfRange, "sort key column \(k.column) out of range 0..<\(batch.columns.count)")
    }
    if keys.isEmpty || n <= 1 { return (0..<Int32(n)).map { $0 } }
    if keys.count == 1 {
        let k = keys[0]
        return batch.columns[k.column].sortRun(ascending: k.ascending, nullsFirst: k.nullsFirst, ranks: false).order
    }
    // Several keys: turn each key into dense ranks (0 ..< cardinality) with the typed single-key
    // sort, then sort rows by the rank tuple.
    var ranks = [[UInt32]]()
    var cards = [Int]()
    for k in keys {
        let run = batch.columns[k.column].sortRun(ascending: k.ascending, nullsFirst: k.nullsFirst, ranks: true)
        ranks.append(run.ranks)
        cards.append(run.cardinality)
    }
    // Mixed-radix composite of all ranks if it fits 96 bits: one packed UInt128 per row.
    var product: UInt128 = 1
    var fits = true
    for c in cards {
        let (p, o) = product.multipliedReportingOverflow(by: UInt128(max(c, 1)))
        if o || p > (UInt128(1) << 96) { fits = false; break }
        product = p
    }
    if fits {
        var packed = [UInt128](repeating: 0, count: n)
        packed.withUnsafeMutableBufferPointer { p in
            for (j, r) in ranks.enumerated() {
                let card = UInt128(max(cards[j], 1))
                r.withUnsafeBufferPointer { rb in
                    for i in 0..<n { p[i] = p[i] &* card &+ UInt128(rb[i]) }
                }
            }
            for i in 0..<n { p[i] = (p[i] << 32) | UInt128(i) }
        }
        packed.sort()
        return packed.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
    }
    let k = keys.count
    var flat = [UInt32](repeating: 0, count: n * k)
    for j in 0..<k { for i in 0..<n { flat[i * k + j] = ranks[j][i] } }
    var order = (0..<Int32(n)).map { $0 }
    flat.withUnsafeBufferPointer { f in
        order.sort { x, y in
            let xb = Int(x) * k, yb = Int(y) * k
            for j in 0..<k where f[xb + j] != f[yb + j] { return f[xb + j] < f[yb + j] }
            return x < y
        }
    }
    return order
}

extension RecordBatch {
    /// See `sortIndices(_:by:)`.
    public func sortIndices(by keys: [SortKey]) throws(ColumnarError) -> [Int32] {
        try Columnar.sortIndices(self, by: keys)
    }

    /// The batch with its rows sorted by `keys` (stable).
    public func sorted(by keys: [SortKey]) throws(ColumnarError) -> RecordBatch {
        take(try Columnar.sortIndices(self, by: keys))
    }
}

extension Column {
    /// The stable sorting order of this column's rows.
    public func sortIndices(ascending: Bool = true, nullsFirst: Bool? = nil) -> [Int32] {
        precondition(count <= Int(Int32.max), "cannot sort more than 2^31-1 rows")
        return sortRun(ascending: ascending, nullsFirst: nullsFirst ?? ascending, ranks: false).order
    }

    struct SortRun {
        var order: [Int32]
        /// Dense rank of each row (only when requested): equal values share a rank.
        var ranks: [UInt32]
        var cardinality: Int
    }

    /// Stable order of the rows, and optionally their dense ranks in that order.
    func sortRun(ascending: Bool, nullsFirst: Bool, ranks wantRanks: Bool) -> SortRun {
        switch values {
        case let .bits(b):
            return sortPacked((0..<count).map { OrderKeys.key(b[$0]) }, as: UInt64.self, ascending, nullsFirst, wantRanks)
        case let .int8(a): return sortPacked(a.map(OrderKeys.key), as: UInt64.self, ascending, nullsFirst, wantRanks)
        case let .int16(a): return sortPacked(a.map(OrderKeys.key), as: UInt64.self, ascending, nullsFirst, wantRanks)
        case let .int32(a): return sortPacked(a.map(OrderKeys.key), as: UInt64.self, ascending, nullsFirst, wantRanks)
        case let .float32(a): return sortPacked(a.map(OrderKeys.key), as: UInt64.self, ascending, nullsFirst, wantRanks)
        case let .int64(a): return sortPacked(a.map(OrderKeys.key), as: UInt128.self, ascending, nullsFirst, wantRanks)
        case let .float64(a): return sortPacked(a.map(OrderKeys.key), as: UInt128.self, ascending, nullsFirst, wantRanks)
        case let .int128(a):
            let keys = a.map(OrderKeys.key)
            return keys.withUnsafeBufferPointer { k in
                sortByComparison(ascending, nullsFirst, wantRanks) { x, y in OrderKeys.compare(k[x], k[y]) }
            }
        case let .bytes(o, d):
            return o.withUnsafeBufferPointer { ob in
                d.withUnsafeBufferPointer { db in
                    sortByComparison(ascending, nullsFirst, wantRanks) { x, y in
                        let xs = Int(ob[x]), ys = Int(ob[y])
                        return ByteKernels.compare(db.baseAddress.map { $0 + xs }, Int(ob[x + 1]) - xs,
                                                   db.baseAddress.map { $0 + ys }, Int(ob[y + 1]) - ys)
                    }
                }
            }
        case .structure, .list, .map:
            return sortByComparison(ascending, nullsFirst, wantRanks) { x, y in
                compareRows(x, self, y, nullsFirst: nullsFirst)
            }
        }
    }

    /// Fast path for fixed-width keys: packs (order key, row) into one integer per non-null row,
    /// so the sort compares plain integers and is stable by construction.
    /// `P` is UInt64 for keys of at most 32 bits and UInt128 for 64-bit keys.
    private func sortPacked<P: FixedWidthInteger & UnsignedInteger>(
        _ keys: [UInt64], as: P.Type, _ ascending: Bool, _ nullsFirst: Bool, _ wantRanks: Bool
    ) -> SortRun {
        let n = count
        let keyMask: UInt64 = P.bitWidth == 64 ? 0xFFFF_FFFF : ~0
        var packed = [P]()
        packed.reserveCapacity(n - nullCount)
        keys.withUnsafeBufferPointer { k in
            for i in 0..<n where isValid(i) {
                let key = ascending ? k[i] : ~k[i] & keyMask
                packed.append(P(truncatingIfNeeded: key) << 32 | P(truncatingIfNeeded: i))
            }
        }
        packed.sort()
        var run = SortRun(order: [], ranks: wantRanks ? [UInt32](repeating: 0, count: n) : [], cardinality: 0)
        run.order.reserveCapacity(n)
        let nulls = nullCount
        var rank: UInt32 = 0
        if nulls > 0 && nullsFirst { appendNulls(&run, rank: rank, wantRanks); rank += 1 }
        if !packed.isEmpty {
            var prev = packed[0] >> 32
            for p in packed {
                let key = p >> 32
                if key != prev { rank += 1; prev = key }
                let row = Int32(truncatingIfNeeded: p & 0xFFFF_FFFF)
                run.order.append(row)
                if wantRanks { run.ranks[Int(row)] = rank }
            }
            rank += 1
        }
        if nulls > 0 && !nullsFirst { appendNulls(&run, rank: rank, wantRanks); rank += 1 }
        run.cardinality = Int(rank)
        return run
    }

    /// General path: sorts the non-null rows with `compare` (ties broken by row index).
    private func sortByComparison(_ ascending: Bool, _ nullsFirst: Bool, _ wantRanks: Bool,
                                  _ compare: (Int, Int) -> Int) -> SortRun {
        let n = count
        var rows = [Int32]()
        rows.reserveCapacity(n - nullCount)
        for i in 0..<n where isValid(i) { rows.append(Int32(truncatingIfNeeded: i)) }
        rows.sort { x, y in
            var c = compare(Int(x), Int(y))
            if !ascending { c = -c }
            return c != 0 ? c < 0 : x < y
        }
        var run = SortRun(order: [], ranks: wantRanks ? [UInt32](repeating: 0, count: n) : [], cardinality: 0)
        run.order.reserveCapacity(n)
        let nulls = nullCount
        var rank: UInt32 = 0
        if nulls > 0 && nullsFirst { appendNulls(&run, rank: rank, wantRanks); rank += 1 }
        if !rows.isEmpty {
            for (k, row) in rows.enumerated() {
                if k > 0 && compare(Int(rows[k - 1]), Int(row)) != 0 { rank += 1 }
                run.order.append(row)
                if wantRanks { run.ranks[Int(row)] = rank }
            }
            rank += 1
        }
        if nulls > 0 && !nullsFirst { appendNulls(&run, rank: rank, wantRanks); rank += 1 }
        run.cardinality = Int(rank)
        return run
    }

    private func appendNulls(_ run: inout SortRun, rank: UInt32, _ wantRanks: Bool) {
        guard let v = validity else { return }
        for i in 0..<count where !v[i] {
            run.order.append(Int32(truncatingIfNeeded: i))
            if wantRanks { run.ranks[i] = rank }
        }
    }
}
