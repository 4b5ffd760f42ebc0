/// Hashing for joins and aggregation: one 64-bit hash per row, computed column by column.
///
/// Consistent with `Column.rowsEqual`: equal rows hash equal. Nulls hash to a fixed value;
/// -0.0 and 0.0 hash equal, as do all NaNs; strings and binary hash their bytes.
/// Hashes are stable within a process but not a persistent format.
public func hashRows(_ columns: [Column]) -> [UInt64] {
    guard let first = columns.first else { return [] }
    let n = first.count
    for c in columns { precondition(c.count == n, "hashRows: columns of \(n) and \(c.count) rows") }
    var hashes = [UInt64](repeating: RowHash.seed, count: n)
    hashes.withUnsafeMutableBufferPointer { h in
        for c in columns { c.combineHashes(into: h) }
    }
    return hashes
}

enum RowHash {
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3
    static let null: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let p0: UInt64 = 0xa076_1d64_78bd_642f
    static let p1: UInt64 = 0xe703_7ed1_a0b4_28db
    static let p2: UInt64 = 0x8ebc_6af0_9c88_c6e3
    static let p3: UInt64 = 0x5899_65cc_7537_4cc3

    /// Murmur3's 64-bit finaliser (a bijection).
    @inline(__always) static func fmix(_ x: UInt64) -> UInt64 {
        var k = x
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// Folds value hash `v` into running row hash `h`.
    @inline(__always) static func combine(_ h: UInt64, _ v: UInt64) -> UInt64 {
        fmix(h &+ v &* 0x9E37_79B9_7F4A_7C15)
    }

    @inline(__always) static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    @inline(__always) static func value(_ v: Float) -> UInt64 {
        UInt64(v.isNaN ? 0x7FC0_0000 : (v == 0 ? 0 : v.bitPattern))
    }

    @inline(__always) static func value(_ v: Double) -> UInt64 {
        v.isNaN ? 0x7FF8_0000_0000_0000 : (v == 0 ? 0 : v.bitPattern)
    }

    @inline(__always) static func value(_ v: Int128) -> UInt64 {
        let u = UInt128(bitPattern: v)
        return UInt64(truncatingIfNeeded: u) ^ fmix(UInt64(truncatingIfNeeded: u >> 64) &+ p2)
    }

    @inline(__always) private static func r8(_ p: UnsafeRawPointer, _ i: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt64.self))
    }

    @inline(__always) private static func r4(_ p: UnsafeRawPointer, _ i: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
    }

    /// A wyhash-style hash of `n` bytes at `p`.
    static func bytes(_ p: UnsafeRawPointer?, _ n: Int) -> UInt64 {
        var seed = p0 ^ mum(p0 ^ p1, p1)
        var a: UInt64 = 0, b: UInt64 = 0
        if n > 0, let p {
            if n <= 16 {
                if n >= 4 {
                    let q = (n >> 3) << 2
                    a = (r4(p, 0) << 32) | r4(p, q)
                    b = (r4(p, n - 4) << 32) | r4(p, n - 4 - q)
                } else {
                    a = (UInt64(p.load(fromByteOffset: 0, as: UInt8.self)) << 16)
                        | (UInt64(p.load(fromByteOffset: n >> 1, as: UInt8.self)) << 8)
                        | UInt64(p.load(fromByteOffset: n - 1, as: UInt8.self))
                }
            } else {
                var i = n
                var off = 0
                if i > 48 {
                    var s1 = seed, s2 = seed
                    repeat {
                        seed = mum(r8(p, off) ^ p1, r8(p, off + 8) ^ seed)
                        s1 = mum(r8(p, off + 16) ^ p2, r8(p, off + 24) ^ s1)
                        s2 = mum(r8(p, off + 32) ^ p3, r8(p, off + 40) ^ s2)
                        off += 48
                        i -= 48
                    } while i > 48
                    seed ^= s1 ^ s2
                }
                while i > 16 {
                    seed = mum(r8(p, off) ^ p1, r8(p, off + 8) ^ seed)
                    off += 16
                    i -= 16
                }
                a = r8(p, off + i - 16)
                b = r8(p, off + i - 8)
            }
        }
        a ^= p1
        b ^= seed
        let r = a.multipliedFullWidth(by: b)
        return mum(r.low ^ p0 ^ UInt64(n), r.high ^ p1)
    }
}

extension Column {
    /// Folds this column's value hashes into `h` (one running hash per row).
    func combineHashes(into h: UnsafeMutableBufferPointer<UInt64>) {
        precondition(h.count == count)
        let n = count
        let v = validity
        @inline(__always) func fold<T>(_ a: [T], _ value: (T) -> UInt64) {
            a.withUnsafeBufferPointer { src in
                if let v {
                    for i in 0..<n { h[i] = RowHash.combine(h[i], v[i] ? value(src[i]) : RowHash.null) }
                } else {
                    for i in 0..<n { h[i] = RowHash.combine(h[i], value(src[i])) }
                }
            }
        }
        switch values {
        case let .bits(b):
            for i in 0..<n { h[i] = RowHash.combine(h[i], isNull(i) ? RowHash.null : (b[i] ? 1 : 0)) }
        case let .int8(a): fold(a) { UInt64(bitPattern: Int64($0)) }
        case let .int16(a): fold(a) { UInt64(bitPattern: Int64($0)) }
        case let .int32(a): fold(a) { UInt64(bitPattern: Int64($0)) }
        case let .int64(a): fold(a) { UInt64(bitPattern: $0) }
        case let .float32(a): fold(a) { RowHash.value($0) }
        case let .float64(a): fold(a) { RowHash.value($0) }
        case let .int128(a): fold(a) { RowHash.value($0) }
        case let .bytes(o, d):
            o.withUnsafeBufferPointer { ob in
                d.withUnsafeBytes { db in
                    for i in 0..<n {
                        var x = RowHash.null
                        if !isNull(i) {
                            let s = Int(ob[i])
                            x = RowHash.bytes(db.baseAddress.map { $0 + s }, Int(ob[i + 1]) - s)
                        }
                        h[i] = RowHash.combine(h[i], x)
                    }
                }
            }
        case let .structure(children):
            var inner = [UInt64](repeating: RowHash.seed, count: n)
            inner.withUnsafeMutableBufferPointer { t in
                for c in children { c.combineHashes(into: t) }
                for i in 0..<n { h[i] = RowHash.combine(h[i], isNull(i) ? RowHash.null : t[i]) }
            }
        case let .list(o, child):
            var inner = [UInt64](repeating: RowHash.seed, count: child.count)
            inner.withUnsafeMutableBufferPointer { t in
                child.combineHashes(into: t)
                foldEntries(o, t, nil, into: h)
            }
        case let .map(o, keys, items):
            var kh = [UInt64](repeating: RowHash.seed, count: keys.count)
            var vh = [UInt64](repeating: RowHash.seed, count: items.count)
            kh.withUnsafeMutableBufferPointer { kt in
                vh.withUnsafeMutableBufferPointer { vt in
                    keys.combineHashes(into: kt)
                    items.combineHashes(into: vt)
                    foldEntries(o, kt, vt, into: h)
                }
            }
        }
    }

    private func foldEntries(_ o: [Int32], _ first: UnsafeMutableBufferPointer<UInt64>,
                             _ second: UnsafeMutableBufferPointer<UInt64>?,
                             into h: UnsafeMutableBufferPointer<UInt64>) {
        o.withUnsafeBufferPointer { ob in
            for i in 0..<count {
                var x = RowHash.null
                if !isNull(i) {
                    let s = Int(ob[i]), e = Int(ob[i + 1])
                    x = RowHash.seed ^ UInt64(e - s)
                    for k in s..<e {
                        x = RowHash.combine(x, first[k])
                        if let second { x = RowHash.combine(x, second[k]) }
                    }
                }
                h[i] = RowHash.combine(h[i], x)
            }
        }
    }

    /// Join equality, consistent with `hashRows`: rows that are equal hash equal.
    /// Floats: -0.0 == 0.0 and NaN == NaN. With `nullsEqual` false (SQL `=`), a null anywhere in
    /// either value (including inside structs, arrays and maps) makes the rows unequal; with
    /// `nullsEqual` true (`<=>`), nulls equal nulls at every level.
    public func rowsEqual(_ a: Int, _ other: Column, _ b: Int, nullsEqual: Bool = false) -> Bool {
        let an = isNull(a), bn = other.isNull(b)
        if an || bn { return an && bn && nullsEqual }
        switch (values, other.values) {
        case let (.bits(x), .bits(y)): return x[a] == y[b]
        case let (.int8(x), .int8(y)): return x[a] == y[b]
        case let (.int16(x), .int16(y)): return x[a] == y[b]
        case let (.int32(x), .int32(y)): return x[a] == y[b]
        case let (.int64(x), .int64(y)): return x[a] == y[b]
        case let (.float32(x), .float32(y)): return RowHash.value(x[a]) == RowHash.value(y[b])
        case let (.float64(x), .float64(y)): return RowHash.value(x[a]) == RowHash.value(y[b])
        case let (.int128(x), .int128(y)): return x[a] == y[b]
        case let (.bytes(xo, xd), .bytes(yo, yd)): return Column.bytesEqual(xo, xd, a, yo, yd, b)
        case let (.structure(xc), .structure(yc)):
            precondition(xc.count == yc.count, "comparing structs with different field counts")
            for f in xc.indices where !xc[f].rowsEqual(a, yc[f], b, nullsEqual: nullsEqual) { return false }
            return true
        case let (.list(xo, xv), .list(yo, yv)):
            let xs = Int(xo[a]), n = Int(xo[a + 1]) - xs, ys = Int(yo[b])
            guard n == Int(yo[b + 1]) - ys else { return false }
            for k in 0..<n where !xv.rowsEqual(xs + k, yv, ys + k, nullsEqual: nullsEqual) { return false }
            return true
        case let (.map(xo, xk, xv), .map(yo, yk, yv)):
            let xs = Int(xo[a]), n = Int(xo[a + 1]) - xs, ys = Int(yo[b])
            guard n == Int(yo[b + 1]) - ys else { return false }
            for k in 0..<n {
                guard xk.rowsEqual(xs + k, yk, ys + k, nullsEqual: nullsEqual),
                      xv.rowsEqual(xs + k, yv, ys + k, nullsEqual: nullsEqual) else { return false }
            }
            return true
        default:
            preconditionFailure("comparing a \(type) column with a \(other.type) column")
        }
    }
}
