import Columnar

/// Accumulates statistics over the batches written to one data file, the way Spark and delta-rs
/// do, so that each side skips files correctly with the other's statistics:
///
/// - min/max for booleans, integers, floats, decimals, dates, timestamps and strings; not for
///   binary, arrays or maps. Null counts for every indexed leaf. (delta-rs writes boolean bounds
///   and its pyarrow dataset path skips a file whose bounds are missing for a filtered column.)
/// - NaN never becomes a float bound; an infinite bound is omitted (JSON has no infinity). A
///   zero bound is signed the way Parquet's rule says: a min of zero is `-0.0` and a max of zero
///   `0.0`, whichever zeros the file holds (so `x = 0.0` matches a file of `-0.0`s and `0.0`s).
/// - Timestamps are written with milliseconds, both bounds truncated down (readers widen max).
/// - Strings are cut to 32 Unicode scalars: min is the prefix; a truncated max is the prefix
///   followed by U+10FFFF (greater than every string with that prefix whose next scalar is
///   below U+10FFFF); when the next scalar is U+10FFFF itself, the last scalar of the prefix that
///   can be incremented is incremented and the rest dropped; if none can, max is the whole
///   string, untruncated (never omitted: some readers skip a file whose bound is missing).
/// - A leaf inside a null struct counts as null.
public struct FileStatisticsBuilder {
    static let stringPrefixLength = 32

    enum Bound: Equatable {
        case bool(Bool), int(Int64), real(Double), decimal(Int128), bytes([UInt8])

        static func < (a: Bound, b: Bound) -> Bool {
            switch (a, b) {
            case let (.bool(x), .bool(y)): return !x && y
            case let (.int(x), .int(y)): return x < y
            case let (.real(x), .real(y)): return x < y
            case let (.decimal(x), .decimal(y)): return x < y
            case let (.bytes(x), .bytes(y)): return x.lexicographicallyPrecedes(y)
            default: return false
            }
        }
    }

    struct Accumulator {
        var leaf: StatsLeaf
        var hasBounds: Bool
        var nullCount = 0
        var min: Bound?
        var max: Bound?
    }

    private var accumulators: [Accumulator]
    private var rows: Int64 = 0

    /// `numIndexedCols`: the first N leaves in schema order get statistics (negative: all);
    /// `statsColumns` (`delta.dataSkippingStatsColumns`), when set, names exactly the columns
    /// (a struct name selects all its leaves). Pass the data schema (no partition columns).
    public init(schema: Schema, numIndexedCols: Int = 32, statsColumns: [String]? = nil) {
        var leaves = StatsLeaf.leaves(of: schema)
        if let statsColumns {
            leaves = leaves.filter { leaf in
                statsColumns.contains { c in leaf.name == c || leaf.name.hasPrefix(c + ".") }
            }
        } else if numIndexedCols >= 0 {
            leaves = Array(leaves.prefix(numIndexedCols))
        }
        accumulators = leaves.map { leaf in
            let bounded: Bool
            switch leaf.type {
            case .boolean, .byte, .short, .integer, .long, .float, .double, .decimal, .date, .timestamp, .timestampNtz, .string:
                bounded = true
            default:
                bounded = false
            }
            return Accumulator(leaf: leaf, hasBounds: bounded)
        }
    }

    public mutating func add(_ batch: RecordBatch) {
        rows += Int64(batch.rowCount)
        for k in accumulators.indices {
            let leaf = accumulators[k].leaf
            // Walk down through structs, AND-ing the validity of every level.
            guard leaf.indexPath[0] < batch.columns.count else { continue }
            var column = batch.columns[leaf.indexPath[0]]
            var validity = column.validity
            for i in leaf.indexPath.dropFirst() {
                guard case let .structure(children) = column.values, i < children.count else { break }
                column = children[i]
                validity = Self.and(validity, column.validity)
            }
            let count = column.count
            accumulators[k].nullCount += validity.map { count - $0.setCount } ?? 0
            guard accumulators[k].hasBounds, let (lo, hi) = Self.bounds(column, validity) else { continue }
            if accumulators[k].min.map({ lo < $0 }) ?? true { accumulators[k].min = lo }
            if accumulators[k].max.map({ $0 < hi }) ?? true { accumulators[k].max = hi }
        }
    }

    static func and(_ a: Bitmap?, _ b: Bitmap?) -> Bitmap? {
        guard let a else { return b }
        guard let b else { return a }
        return Bitmap(words: zip(a.words, b.words).map { $0 & $1 }, count: a.count)
    }

    /// Typed min/max loops over the column's buffer.
    static func bounds(_ column: Column, _ validity: Bitmap?) -> (Bound, Bound)? {
        switch column.values {
        case let .bits(bits): return minMaxBits(bits, count: column.count, validity).map { (.bool($0.0), .bool($0.1)) }
        case let .int8(a): return minMax(a, validity).map { (.int(Int64($0.0)), .int(Int64($0.1))) }
        case let .int16(a): return minMax(a, validity).map { (.int(Int64($0.0)), .int(Int64($0.1))) }
        case let .int32(a): return minMax(a, validity).map { (.int(Int64($0.0)), .int(Int64($0.1))) }
        case let .int64(a): return minMax(a, validity).map { (.int($0.0), .int($0.1)) }
        case let .int128(a): return minMax(a, validity).map { (.decimal($0.0), .decimal($0.1)) }
        case let .float32(a): return minMaxFloat(a, validity).map { (.real(Double($0.0)), .real(Double($0.1))) }
        case let .float64(a): return minMaxFloat(a, validity).map { (.real($0.0), .real($0.1)) }
        case let .bytes(offsets, data): return minMaxBytes(offsets, data, validity).map { (.bytes($0.0), .bytes($0.1)) }
        default: return nil
        }
    }

    @inline(__always)
    static func isValid(_ v: Bitmap?, _ i: Int) -> Bool {
        guard let v else { return true }
        return v.words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    static func minMax<T: Comparable>(_ a: [T], _ validity: Bitmap?) -> (T, T)? {
        var lo: T?, hi: T?
        a.withUnsafeBufferPointer { p in
            guard let first = (0..<p.count).first(where: { isValid(validity, $0) }) else { return }
            var mn = p[first], mx = p[first]
            if validity == nil {
                for x in p[first...] { mn = Swift.min(mn, x); mx = Swift.max(mx, x) }
            } else {
                for i in first..<p.count where isValid(validity, i) { mn = Swift.min(mn, p[i]); mx = Swift.max(mx, p[i]) }
            }
            lo = mn; hi = mx
        }
        guard let lo, let hi else { return nil }
        return (lo, hi)
    }

    /// false < true: min is false when any valid value is false, max true when any is true.
    static func minMaxBits(_ bits: Bitmap, count: Int, _ validity: Bitmap?) -> (Bool, Bool)? {
        var anyTrue = false, anyFalse = false
        for w in bits.words.indices {
            let valid = validity.map { $0.words[w] } ?? ~0
            let live = w == bits.words.count - 1 && count % 64 != 0 ? valid & ((1 << UInt64(count % 64)) - 1) : valid
            if bits.words[w] & live != 0 { anyTrue = true }
            if ~bits.words[w] & live != 0 { anyFalse = true }
            if anyTrue && anyFalse { break }
        }
        guard anyTrue || anyFalse else { return nil }
        return (!anyFalse, anyTrue)
    }

    static func minMaxFloat<T: BinaryFloatingPoint>(_ a: [T], _ validity: Bitmap?) -> (T, T)? {
        var mn = T.infinity, mx = -T.infinity, seen = false
        a.withUnsafeBufferPointer { p in
            for i in 0..<p.count where isValid(validity, i) {
                let x = p[i]
                if x.isNaN { continue }
                seen = true
                if x < mn { mn = x }
                if x > mx { mx = x }
            }
        }
        guard seen else { return nil }
        // Parquet's rule for signed zeros: -0.0 and 0.0 compare equal, so whichever the loop
        // kept, a zero min becomes -0.0 and a zero max 0.0.
        if mn == 0 { mn = -0.0 }
        if mx == 0 { mx = 0.0 }
        return (mn, mx)
    }

    static func minMaxBytes(_ offsets: [Int32], _ data: [UInt8], _ validity: Bitmap?) -> ([UInt8], [UInt8])? {
        var lo: Range<Int>?, hi: Range<Int>?
        data.withUnsafeBufferPointer { d in
            func less(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
                UnsafeBufferPointer(rebasing: d[a]).lexicographicallyPrecedes(UnsafeBufferPointer(rebasing: d[b]))
            }
            for i in 0..<(offsets.count - 1) where isValid(validity, i) {
                let r = Int(offsets[i])..<Int(offsets[i + 1])
                if lo.map({ less(r, $0) }) ?? true { lo = r }
                if hi.map({ less($0, r) }) ?? true { hi = r }
            }
        }
        guard let lo, let hi else { return nil }
        return (Array(data[lo]), Array(data[hi]))
    }

    public func finish() -> FileStatistics {
        var minValues: [(key: String, value: JSONValue)] = []
        var maxValues: [(key: String, value: JSONValue)] = []
        var nullCounts: [(key: String, value: JSONValue)] = []
        for acc in accumulators {
            Self.insert(.number(String(acc.nullCount)), at: acc.leaf.path[...], into: &nullCounts)
            if let lo = acc.min, let v = Self.json(lo, acc.leaf.type, isMax: false) {
                Self.insert(v, at: acc.leaf.path[...], into: &minValues)
            }
            if let hi = acc.max, let v = Self.json(hi, acc.leaf.type, isMax: true) {
                Self.insert(v, at: acc.leaf.path[...], into: &maxValues)
            }
        }
        func dict(_ e: [(key: String, value: JSONValue)]) -> [String: JSONValue] {
            var d: [String: JSONValue] = [:]
            for x in e { d[x.key] = x.value }
            return d
        }
        return FileStatistics(numRecords: rows, minValues: dict(minValues), maxValues: dict(maxValues),
                              nullCount: dict(nullCounts))
    }

    static func insert(_ v: JSONValue, at path: ArraySlice<String>, into entries: inout [(key: String, value: JSONValue)]) {
        let key = path.first!
        if path.count == 1 { entries.append((key: key, value: v)); return }
        if let i = entries.firstIndex(where: { $0.key == key }), case var .object(inner) = entries[i].value {
            insert(v, at: path.dropFirst(), into: &inner)
            entries[i].value = .object(inner)
        } else {
            var inner: [(key: String, value: JSONValue)] = []
            insert(v, at: path.dropFirst(), into: &inner)
            entries.append((key: key, value: .object(inner)))
        }
    }

    static func json(_ b: Bound, _ type: DataType, isMax: Bool) -> JSONValue? {
        switch (b, type) {
        case let (.bool(v), _): return .bool(v)
        case let (.int(v), .date): return .string(CivilTime.formatDate(days: v))
        case let (.int(v), .timestamp):
            return .string(CivilTime.formatTimestamp(micros: floorMillis(v), .isoMillis, utc: true))
        case let (.int(v), .timestampNtz):
            return .string(CivilTime.formatTimestamp(micros: floorMillis(v), .isoMillis, utc: false))
        case let (.int(v), _): return .number(String(v))
        case let (.real(v), .float): return v.isFinite ? .number(Float(v).description) : nil
        case let (.real(v), _): return v.isFinite ? .number(v.description) : nil
        case let (.decimal(v), .decimal(_, s)): return .number(Decimal128.format(v, scale: s))
        case let (.bytes(v), _):
            let s = String(decoding: v, as: UTF8.self)
            return .string(truncated(s, isMax: isMax))
        default: return nil
        }
    }

    static func floorMillis(_ micros: Int64) -> Int64 {
        let r = micros % 1000
        return r < 0 ? micros - r - 1000 : micros - r
    }

    /// The string bound cut to `stringPrefixLength` scalars (see the type's documentation).
    static func truncated(_ s: String, isMax: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        let n = stringPrefixLength
        guard scalars.count > n else { return s }
        var prefix = String.UnicodeScalarView(scalars[..<n])
        if !isMax { return String(prefix) }
        if scalars[n].value < 0x10FFFF {
            prefix.append(Unicode.Scalar(0x10FFFF)!)
            return String(prefix)
        }
        var cut = Array(scalars[..<n])
        while let last = cut.popLast() {
            if last.value < 0x10FFFF {
                let next = last.value == 0xD7FF ? 0xE000 : last.value + 1
                // Safe: next is not a surrogate and <= 0x10FFFF.
                cut.append(Unicode.Scalar(next)!)
                prefix = String.UnicodeScalarView(cut)
                return String(prefix)
            }
        }
        return s
    }
}
