/// Byte-string helpers shared by comparison, equality and hashing.
enum ByteKernels {
    /// Unsigned byte-wise comparison of `p[0..<n]` and `q[0..<m]`: -1, 0 or 1 (a prefix sorts first).
    @inline(__always)
    static func compare(_ p: UnsafePointer<UInt8>?, _ n: Int, _ q: UnsafePointer<UInt8>?, _ m: Int) -> Int {
        let common = min(n, m)
        if common > 0, let p, let q {
            var i = 0
            while i + 8 <= common {
                let a = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                let b = UnsafeRawPointer(q + i).loadUnaligned(as: UInt64.self)
                if a != b {
                    // Big-endian order of the words is the byte-wise order.
                    return a.bigEndian < b.bigEndian ? -1 : 1
                }
                i += 8
            }
            while i < common {
                if p[i] != q[i] { return p[i] < q[i] ? -1 : 1 }
                i += 1
            }
        }
        return n == m ? 0 : (n < m ? -1 : 1)
    }

    @inline(__always)
    static func equal(_ p: UnsafePointer<UInt8>?, _ n: Int, _ q: UnsafePointer<UInt8>?, _ m: Int) -> Bool {
        n == m && compare(p, n, q, m) == 0
    }
}

/// Order-preserving unsigned keys: `a < b` (Spark order) iff `key(a) < key(b)`.
enum OrderKeys {
    @inline(__always) static func key(_ v: Bool) -> UInt64 { v ? 1 : 0 }
    @inline(__always) static func key(_ v: Int8) -> UInt64 { UInt64(UInt8(bitPattern: v) ^ 0x80) }
    @inline(__always) static func key(_ v: Int16) -> UInt64 { UInt64(UInt16(bitPattern: v) ^ 0x8000) }
    @inline(__always) static func key(_ v: Int32) -> UInt64 { UInt64(UInt32(bitPattern: v) ^ 0x8000_0000) }
    @inline(__always) static func key(_ v: Int64) -> UInt64 { UInt64(bitPattern: v) ^ (1 << 63) }
    @inline(__always) static func key(_ v: Int128) -> UInt128 { UInt128(bitPattern: v) ^ (1 << 127) }
    /// NaN is the largest value (all NaNs equal); -0.0 equals 0.0.
    @inline(__always) static func key(_ v: Float) -> UInt64 {
        let bits: UInt32 = v.isNaN ? 0x7FC0_0000 : (v == 0 ? 0 : v.bitPattern)
        return UInt64(bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000)
    }
    @inline(__always) static func key(_ v: Double) -> UInt64 {
        let bits: UInt64 = v.isNaN ? 0x7FF8_0000_0000_0000 : (v == 0 ? 0 : v.bitPattern)
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
}

extension Column {
    /// Compares row `a` of this column with row `b` of `other` (same type): -1, 0 or 1.
    ///
    /// Total order: nulls first or last per `nullsFirst` (also inside nested values); booleans
    /// false < true; floats with -0.0 == 0.0 and NaN equal to NaN and greater than +infinity
    /// (Spark); strings/binary by unsigned bytes; decimals by unscaled value; structs field by
    /// field; arrays lexicographically (a prefix sorts first); maps entry by entry (key, then value).
    public func compareRows(_ a: Int, _ other: Column, _ b: Int, nullsFirst: Bool = true) -> Int {
        let an = isNull(a), bn = other.isNull(b)
        if an || bn {
            if an && bn { return 0 }
            return an == nullsFirst ? -1 : 1
        }
        switch (values, other.values) {
        case let (.bits(x), .bits(y)): return OrderKeys.compare(OrderKeys.key(x[a]), OrderKeys.key(y[b]))
        case let (.int8(x), .int8(y)): return OrderKeys.compare(x[a], y[b])
        case let (.int16(x), .int16(y)): return OrderKeys.compare(x[a], y[b])
        case let (.int32(x), .int32(y)): return OrderKeys.compare(x[a], y[b])
        case let (.int64(x), .int64(y)): return OrderKeys.compare(x[a], y[b])
        case let (.float32(x), .float32(y)): return OrderKeys.compare(OrderKeys.key(x[a]), OrderKeys.key(y[b]))
        case let (.float64(x), .float64(y)): return OrderKeys.compare(OrderKeys.key(x[a]), OrderKeys.key(y[b]))
        case let (.int128(x), .int128(y)): return OrderKeys.compare(x[a], y[b])
        case let (.bytes(xo, xd), .bytes(yo, yd)):
            return xd.withUnsafeBufferPointer { p in
                yd.withUnsafeBufferPointer { q in
                    let xs = Int(xo[a]), ys = Int(yo[b])
                    return ByteKernels.compare(p.baseAddress.map { $0 + xs }, Int(xo[a + 1]) - xs,
                                               q.baseAddress.map { $0 + ys }, Int(yo[b + 1]) - ys)
                }
            }
        case let (.structure(xc), .structure(yc)):
            precondition(xc.count == yc.count, "comparing structs with different field counts")
            for f in xc.indices {
                let c = xc[f].compareRows(a, yc[f], b, nullsFirst: nullsFirst)
                if c != 0 { return c }
            }
            return 0
        case let (.list(xo, xv), .list(yo, yv)):
            let xs = Int(xo[a]), xn = Int(xo[a + 1]) - xs
            let ys = Int(yo[b]), yn = Int(yo[b + 1]) - ys
            for k in 0..<min(xn, yn) {
                let c = xv.compareRows(xs + k, yv, ys + k, nullsFirst: nullsFirst)
                if c != 0 { return c }
            }
            return OrderKeys.compare(xn, yn)
        case let (.map(xo, xk, xv), .map(yo, yk, yv)):
            let xs = Int(xo[a]), xn = Int(xo[a + 1]) - xs
            let ys = Int(yo[b]), yn = Int(yo[b + 1]) - ys
            for k in 0..<min(xn, yn) {
                var c = xk.compareRows(xs + k, yk, ys + k, nullsFirst: nullsFirst)
                if c != 0 { return c }
                c = xv.compareRows(xs + k, yv, ys + k, nullsFirst: nullsFirst)
                if c != 0 { return c }
            }
            return OrderKeys.compare(xn, yn)
        default:
            preconditionFailure("comparing a \(type) column with a \(other.type) column")
        }
    }
}
