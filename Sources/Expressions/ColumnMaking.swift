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

    /// A column of `count` copies of `value` (which must already have `type`'s kind; `.null` gives all nulls).
    static func constant(_ value: Scalar, type: DataType, count n: Int) -> Column {
        if value.isNull {
            return Column(unchecked: type, count: n, validity: Bitmap(count: n, value: false), values: zeros(type, n))
        }
        let values: ColumnValues
        switch value {
        case let .boolean(v): values = .bits(Bitmap(count: n, value: v))
        case let .byte(v): values = .int8(.init(repeating: v, count: n))
        case let .short(v): values = .int16(.init(repeating: v, count: n))
        case let .integer(v), let .date(v): values = .int32(.init(repeating: v, count: n))
        case let .long(v), let .timestamp(v), let .timestampNtz(v): values = .int64(.init(repeating: v, count: n))
        case let .float(v): values = .float32(.init(repeating: v, count: n))
        case let .double(v): values = .float64(.init(repeating: v, count: n))
        case let .decimal(v, _, _): values = .int128(.init(repeating: v, count: n))
        case let .string(s): values = repeatedBytes(Array(s.utf8), n)
        case let .binary(b): values = repeatedBytes(b, n)
        default:
            // Nested literals are rare: build them value by value.
            var b = ColumnBuilder(type, capacity: n)
            for _ in 0..<n { try? b.append(value) }
            return b.finish()
        }
        return Column(unchecked: type, count: n, validity: nil, values: values)
    }

    private static func repeatedBytes(_ bytes: [UInt8], _ n: Int) -> ColumnValues {
        var offsets = [Int32](repeating: 0, count: n + 1)
        var data = [UInt8]()
        data.reserveCapacity(bytes.count * n)
        for i in 0..<n {
            data.append(contentsOf: bytes)
            offsets[i + 1] = Int32(truncatingIfNeeded: data.count)
        }
        return .bytes(offsets: offsets, data: data)
    }

    /// Placeholder storage of `n` zero values for `type`.
    static func zeros(_ type: DataType, _ n: Int) -> ColumnValues {
        switch type.layout {
        case .bits: return .bits(Bitmap(count: n, value: false))
        case .int8: return .int8(.init(repeating: 0, count: n))
        case .int16: return .int16(.init(repeating: 0, count: n))
        case .int32: return .int32(.init(repeating: 0, count: n))
        case .int64: return .int64(.init(repeating: 0, count: n))
        case .float32: return .float32(.init(repeating: 0, count: n))
        case .float64: return .float64(.init(repeating: 0, count: n))
        case .int128: return .int128(.init(repeating: 0, count: n))
        case .bytes: return .bytes(offsets: .init(repeating: 0, count: n + 1), data: [])
        default:
            var b = ColumnBuilder(type, capacity: n)
            for _ in 0..<n { b.appendNull() }
            return b.finish().values
        }
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
