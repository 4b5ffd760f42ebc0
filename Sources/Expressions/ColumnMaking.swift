import Columnar

/// Small constructors and views the kernels share. Everything here works on whole buffers.
enum ColumnMaking {
    /// A boolean column from value words (bit i = row i) and a validity bitmap.
    static func booleans(_ words: [UInt64], count: Int, validity: Bitmap?) -> Column {
        Column(unchecked: .boolean, count: count, validity: validity, values: .bits(Bitmap(words: words, count: count)))
    }

    /// Rows valid in both (nil = all valid).
    static func and(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        guard let a else { return b }
        guard let b else { return a }
        var w = a.words
        for k in w.indices { w[k] &= b.words[k] }
        return Bitmap(words: w, count: a.count)
    }

    /// `count` nulls of `type` (for results that are NULL whatever the input).
    static func nulls(_ type: DataType, count n: Int) -> Column {
        // Safe: a null constant has no bytes that could overflow 32-bit offsets.
        try! Column.constant(.null, type: type, count: n)
    }

    /// Integer-like storage (booleans, 8…64-bit integers, dates, timestamps) widened to Int64.
    static func int64s(_ c: Column) -> [Int64]? {
        switch c.values {
        case let .bits(b): return (0..<c.count).map { b[$0] ? 1 : 0 }
        case let .int8(a): return a.map(Int64.init)
        case let .int16(a): return a.map(Int64.init)
        case let .int32(a): return a.map(Int64.init)
        case let .int64(a): return a
        default: return nil
        }
    }

    /// Any numeric storage as Double (decimals divided by 10^scale).
    static func doubles(_ c: Column) -> [Double]? {
        switch c.values {
        case let .float32(a): return a.map(Double.init)
        case let .float64(a): return a
        case let .int128(a):
            guard case let .decimal(_, s) = c.type else { return nil }
            let scale = pow10(s)
            return a.map { Double($0) / scale }
        default: return int64s(c)?.map(Double.init)
        }
    }

    static func pow10(_ s: Int) -> Double {
        var r = 1.0
        for _ in 0..<s { r *= 10 }
        return r
    }

    /// Calls `body(i, bytes)` for each valid row of a string/binary column.
    static func forEachBytes(_ c: Column, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        guard case let .bytes(o, d) = c.values else { return }
        d.withUnsafeBufferPointer { buf in
            for i in 0..<c.count where !c.isNull(i) {
                let s = Int(o[i]), e = Int(o[i + 1])
                body(i, UnsafeBufferPointer(rebasing: buf[s..<e]))
            }
        }
    }
}

/// Accumulates a string/binary column.
struct BytesBuilder {
    var offsets: [Int32]
    var data: [UInt8] = []

    init(capacity: Int) {
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
    }

    mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        data.append(contentsOf: bytes)
        offsets.append(Int32(truncatingIfNeeded: data.count))
    }

    mutating func appendEmpty() { offsets.append(Int32(truncatingIfNeeded: data.count)) }

    func finish(_ type: DataType, validity: Bitmap?) -> Column {
        Column(unchecked: type, count: offsets.count - 1, validity: validity, values: .bytes(offsets: offsets, data: data))
    }
}
