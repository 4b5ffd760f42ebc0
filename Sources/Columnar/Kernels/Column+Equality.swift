extension Column: Equatable {
    /// Logical equality: same type, same length, nulls at the same rows and equal values at the
    /// other rows. Placeholders under nulls and whether a validity bitmap is materialised do not
    /// matter. Floats compare by bit pattern (NaN == NaN, -0.0 != 0.0), as stored values.
    public static func == (l: Column, r: Column) -> Bool {
        guard l.type == r.type, l.count == r.count else { return false }
        guard sameNulls(l.validity, r.validity, l.count) else { return false }
        let v = l.validity
        switch (l.values, r.values) {
        case let (.bits(x), .bits(y)):
            if v == nil { return x == y }
            return (0..<l.count).allSatisfy { i in l.isNull(i) || x[i] == y[i] }
        case let (.int8(x), .int8(y)): return identical(x, y, v) { $0 == $1 }
        case let (.int16(x), .int16(y)): return identical(x, y, v) { $0 == $1 }
        case let (.int32(x), .int32(y)): return identical(x, y, v) { $0 == $1 }
        case let (.int64(x), .int64(y)): return identical(x, y, v) { $0 == $1 }
        case let (.float32(x), .float32(y)): return identical(x, y, v) { $0.bitPattern == $1.bitPattern }
        case let (.float64(x), .float64(y)): return identical(x, y, v) { $0.bitPattern == $1.bitPattern }
        case let (.int128(x), .int128(y)): return identical(x, y, v) { $0 == $1 }
        case (.structure(let xc), .structure(let yc)) where v == nil:
            return xc == yc
        default:
            // Bytes and nested values: row by row over the valid rows.
            for i in 0..<l.count where !l.isNull(i) {
                if !l.identicalRow(i, r, i) { return false }
            }
            return true
        }
    }

    private static func sameNulls(_ a: Bitmap?, _ b: Bitmap?, _ count: Int) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return x == y
        case let (x?, nil), let (nil, x?): return x.allSet
        }
    }

    private static func identical<T>(_ x: [T], _ y: [T], _ v: Bitmap?, _ eq: (T, T) -> Bool) -> Bool {
        x.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { b in
                if let v {
                    for i in 0..<a.count where v[i] && !eq(a[i], b[i]) { return false }
                } else {
                    for i in 0..<a.count where !eq(a[i], b[i]) { return false }
                }
                return true
            }
        }
    }

    /// Row `a` here and row `b` of `other` hold the same stored value (null == null, floats by bits).
    func identicalRow(_ a: Int, _ other: Column, _ b: Int) -> Bool {
        let an = isNull(a), bn = other.isNull(b)
        if an || bn { return an && bn }
        switch (values, other.values) {
        case let (.bits(x), .bits(y)): return x[a] == y[b]
        case let (.int8(x), .int8(y)): return x[a] == y[b]
        case let (.int16(x), .int16(y)): return x[a] == y[b]
        case let (.int32(x), .int32(y)): return x[a] == y[b]
        case let (.int64(x), .int64(y)): return x[a] == y[b]
        case let (.float32(x), .float32(y)): return x[a].bitPattern == y[b].bitPattern
        case let (.float64(x), .float64(y)): return x[a].bitPattern == y[b].bitPattern
        case let (.int128(x), .int128(y)): return x[a] == y[b]
        case let (.bytes(xo, xd), .bytes(yo, yd)):
            return Column.bytesEqual(xo, xd, a, yo, yd, b)
        case let (.structure(xc), .structure(yc)):
            return xc.count == yc.count && xc.indices.allSatisfy { xc[$0].identicalRow(a, yc[$0], b) }
        case let (.list(xo, xv), .list(yo, yv)):
            let xs = Int(xo[a]), n = Int(xo[a + 1]) - xs, ys = Int(yo[b])
            guard n == Int(yo[b + 1]) - ys else { return false }
            return (0..<n).allSatisfy { xv.identicalRow(xs + $0, yv, ys + $0) }
        case let (.map(xo, xk, xv), .map(yo, yk, yv)):
            let xs = Int(xo[a]), n = Int(xo[a + 1]) - xs, ys = Int(yo[b])
            guard n == Int(yo[b + 1]) - ys else { return false }
            return (0..<n).allSatisfy {
                xk.identicalRow(xs + $0, yk, ys + $0) && xv.identicalRow(xs + $0, yv, ys + $0)
            }
        default:
            return false
        }
    }

    static func bytesEqual(_ xo: [Int32], _ xd: [UInt8], _ a: Int, _ yo: [Int32], _ yd: [UInt8], _ b: Int) -> Bool {
        let xs = Int(xo[a]), xn = Int(xo[a + 1]) - xs
        let ys = Int(yo[b]), yn = Int(yo[b + 1]) - ys
        guard xn == yn else { return false }
        return xd.withUnsafeBufferPointer { p in
            yd.withUnsafeBufferPointer { q in
                ByteKernels.equal(p.baseAddress.map { $0 + xs }, xn, q.baseAddress.map { $0 + ys }, yn)
            }
        }
    }
}
