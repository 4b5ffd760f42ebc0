import Columnar

/// Spark's order for one physical type: 0 (less), 1 (equal) or 2 (greater).
/// Floats: -0.0 equals 0.0, NaN equals NaN and is greater than every other value.
protocol SparkOrdered {
    static func order(_ a: Self, _ b: Self) -> Int
}

extension SparkOrdered where Self: BinaryInteger {
    @inline(__always) static func order(_ a: Self, _ b: Self) -> Int { a < b ? 0 : (a == b ? 1 : 2) }
}

extension Int8: SparkOrdered {}
extension Int16: SparkOrdered {}
extension Int32: SparkOrdered {}
extension Int64: SparkOrdered {}
extension Int128: SparkOrdered {}

extension Float: SparkOrdered {
    @inline(__always) static func order(_ a: Float, _ b: Float) -> Int {
        if a.isNaN || b.isNaN { return a.isNaN ? (b.isNaN ? 1 : 2) : 0 }
        return a < b ? 0 : (a == b ? 1 : 2)
    }
}

extension Double: SparkOrdered {
    @inline(__always) static func order(_ a: Double, _ b: Double) -> Int {
        if a.isNaN || b.isNaN { return a.isNaN ? (b.isNaN ? 1 : 2) : 0 }
        return a < b ? 0 : (a == b ? 1 : 2)
    }
}

/// Comparison of two columns of one type, one typed loop per physical layout.
enum ComparisonKernel {
    /// Bit k of the mask is set when order k (0 less, 1 equal, 2 greater) satisfies the operator.
    static func acceptMask(_ op: ComparisonOperator) -> UInt64 {
        switch op {
        case .equal, .nullSafeEqual: return 0b010
        case .notEqual: return 0b101
        case .less: return 0b001
        case .lessOrEqual: return 0b011
        case .greater: return 0b100
        case .greaterOrEqual: return 0b110
        }
    }

    static func compare(_ op: ComparisonOperator, _ l: Column, _ r: Column) -> Column {
        precondition(l.count == r.count && l.type.layout == r.type.layout, "comparison operands were not bound to one type")
        let n = l.count
        let accept = acceptMask(op)
        var words: [UInt64]
        switch (l.values, r.values) {
        case let (.bits(a), .bits(b)):
            // Booleans: false < true; order = 1 + b(a) - b(b) per bit, done word-wise.
            words = [UInt64](repeating: 0, count: a.words.count)
            for k in words.indices {
                let x = a.words[k], y = b.words[k]
                let less = ~x & y, equal = ~(x ^ y), greater = x & ~y
                var w: UInt64 = 0
                if accept & 1 != 0 { w |= less }
                if accept & 2 != 0 { w |= equal }
                if accept & 4 != 0 { w |= greater }
                words[k] = w
            }
            words = Bitmap(words: words, count: n).words
        case let (.int8(a), .int8(b)): words = loop(a, b, accept, n)
        case let (.int16(a), .int16(b)): words = loop(a, b, accept, n)
        case let (.int32(a), .int32(b)): words = loop(a, b, accept, n)
        case let (.int64(a), .int64(b)): words = loop(a, b, accept, n)
        case let (.int128(a), .int128(b)): words = loop(a, b, accept, n)
        case let (.float32(a), .float32(b)): words = loop(a, b, accept, n)
        case let (.float64(a), .float64(b)): words = loop(a, b, accept, n)
        case let (.bytes(ao, ad), .bytes(bo, bd)): words = bytesLoop(ao, ad, bo, bd, accept, n)
        default:
            preconditionFailure("cannot compare \(l.type) columns")
        }
        if op == .nullSafeEqual {
            // Both valid and equal, or both null.
            let lv = l.validity ?? Bitmap(count: n, value: true), rv = r.validity ?? Bitmap(count: n, value: true)
            for k in words.indices {
                let both = lv.words[k] & rv.words[k]
                let neither = ~lv.words[k] & ~rv.words[k]
                words[k] = (words[k] & both) | neither
            }
            return ColumnMaking.booleans(words, count: n, validity: nil)
        }
        return ColumnMaking.booleans(words, count: n, validity: ColumnMaking.and(l.validity, r.validity))
    }

    private static func loop<T: SparkOrdered>(_ a: [T], _ b: [T], _ accept: UInt64, _ n: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (n + 63) >> 6)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                words.withUnsafeMutableBufferPointer { w in
                    for i in 0..<n {
                        let bit = (accept >> UInt64(T.order(pa[i], pb[i]))) & 1
                        w[i >> 6] |= bit << UInt64(i & 63)
                    }
                }
            }
        }
        return words
    }

    private static func bytesLoop(_ ao: [Int32], _ ad: [UInt8], _ bo: [Int32], _ bd: [UInt8], _ accept: UInt64, _ n: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (n + 63) >> 6)
        ad.withUnsafeBufferPointer { pa in
            bd.withUnsafeBufferPointer { pb in
                for i in 0..<n {
                    let o = orderBytes(pa, Int(ao[i]), Int(ao[i + 1]), pb, Int(bo[i]), Int(bo[i + 1]))
                    words[i >> 6] |= ((accept >> UInt64(o)) & 1) << UInt64(i & 63)
                }
            }
        }
        return words
    }

    /// Unsigned byte order of `a[as..<ae]` and `b[bs..<be]` (a prefix is smaller): 0, 1 or 2.
    @inline(__always)
    static func orderBytes(_ a: UnsafeBufferPointer<UInt8>, _ aStart: Int, _ ae: Int,
                           _ b: UnsafeBufferPointer<UInt8>, _ bs: Int, _ be: Int) -> Int {
        let n = ae - aStart, m = be - bs
        var i = 0
        while i < min(n, m) {
            let x = a[aStart + i], y = b[bs + i]
            if x != y { return x < y ? 0 : 2 }
            i += 1
        }
        return n == m ? 1 : (n < m ? 0 : 2)
    }
}

/// SQL three-valued logic on boolean columns, a 64-bit word at a time.
enum BooleanKernel {
    private static func parts(_ c: Column) -> (isTrue: [UInt64], isFalse: [UInt64]) {
        guard case let .bits(v) = c.values else { preconditionFailure("boolean operand expected, got \(c.type)") }
        let valid = c.validity ?? Bitmap(count: c.count, value: true)
        var t = v.words, f = v.words
        for k in t.indices {
            t[k] = v.words[k] & valid.words[k]
            f[k] = ~v.words[k] & valid.words[k]
        }
        return (t, f)
    }

    /// FALSE if either is FALSE, TRUE if both are TRUE, else NULL.
    static func and(_ l: Column, _ r: Column) -> Column {
        let a = parts(l), b = parts(r)
        var t = a.isTrue, valid = a.isTrue
        for k in t.indices {
            t[k] = a.isTrue[k] & b.isTrue[k]
            valid[k] = t[k] | a.isFalse[k] | b.isFalse[k]
        }
        return ColumnMaking.booleans(t, count: l.count, validity: Bitmap(words: valid, count: l.count))
    }

    /// TRUE if either is TRUE, FALSE if both are FALSE, else NULL.
    static func or(_ l: Column, _ r: Column) -> Column {
        let a = parts(l), b = parts(r)
        var t = a.isTrue, valid = a.isTrue
        for k in t.indices {
            t[k] = a.isTrue[k] | b.isTrue[k]
            valid[k] = t[k] | (a.isFalse[k] & b.isFalse[k])
        }
        return ColumnMaking.booleans(t, count: l.count, validity: Bitmap(words: valid, count: l.count))
    }

    static func not(_ c: Column) -> Column {
        let (_, f) = parts(c)
        return ColumnMaking.booleans(f, count: c.count, validity: c.validity)
    }

    /// TRUE where the row is null (`wantNull`) or not null; never NULL.
    static func nullTest(_ c: Column, wantNull: Bool) -> Column {
        let valid = c.validity ?? Bitmap(count: c.count, value: true)
        let words = wantNull ? valid.words.map { ~$0 } : valid.words
        return ColumnMaking.booleans(words, count: c.count, validity: nil)
    }

    /// Rows that are TRUE (not FALSE, not NULL).
    static func trueMask(_ c: Column) -> Bitmap {
        Bitmap(words: parts(c).isTrue, count: c.count)
    }
}
