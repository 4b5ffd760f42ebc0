import Columnar

/// The rows of one column that go into one column chunk: slices of the input batches,
/// gathered into the dense physical values (non-null only) and a validity bitmap
/// (flat columns), or repetition and definition levels (leaves of nested columns, see
/// `ChunkInput+Nested.swift`).
struct ChunkInput {
    var values: DenseValues
    /// nil when every row is valid. Flat columns only.
    var validity: Bitmap?
    var rowCount: Int
    /// Leaves of nested columns only: one repetition and one definition level per entry.
    var levels: Levels?

    struct Levels {
        var repetition: [UInt8]
        var definition: [UInt8]
        var count: Int { definition.count }
    }

    init(segments: [(column: Column, range: Range<Int>)], leaf: WriteLeaf) throws {
        let rows = segments.reduce(0) { $0 + $1.range.count }
        rowCount = rows
        let anyNulls = segments.contains { s in s.column.validity != nil && Self.hasNull(s.column, s.range) }
        if anyNulls {
            var v = Bitmap()
            v.reserveCapacity(rows)
            for s in segments {
                if let cv = s.column.validity {
                    for i in s.range { v.append(cv[i]) }
                } else {
                    v.append(repeating: true, count: s.range.count)
                }
            }
            validity = v
        } else {
            validity = nil
        }
        if !leaf.field.nullable, anyNulls {
            throw ParquetError(.schemaMismatch, "column '\(leaf.displayName)' is declared not null but holds nulls")
        }
        let leafType = leaf.field.type
        switch leaf.physical {
        case .boolean:
            var b = Bitmap()
            b.reserveCapacity(rows)
            for s in segments {
                guard case let .bits(src) = s.column.values else { throw Self.mismatch(leaf, s.column) }
                for i in s.range where s.column.isValid(i) { b.append(src[i]) }
            }
            values = .booleans(b)
        case .int32:
            var out = [Int32]()
            out.reserveCapacity(rows)
            for s in segments {
                switch (leafType, s.column.values) {
                case let (.byte, .int8(a)): Self.gather(a, s.column, s.range, into: &out) { Int32($0) }
                case let (.short, .int16(a)): Self.gather(a, s.column, s.range, into: &out) { Int32($0) }
                case let (.integer, .int32(a)), let (.date, .int32(a)): Self.gatherSame(a, s.column, s.range, into: &out)
                case let (.decimal, .int128(a)): Self.gather(a, s.column, s.range, into: &out) { Int32(truncatingIfNeeded: $0) }
                default: throw Self.mismatch(leaf, s.column)
                }
            }
            values = .int32(out)
        case .int64:
            var out = [Int64]()
            out.reserveCapacity(rows)
            for s in segments {
                switch (leafType, s.column.values) {
                case let (.long, .int64(a)), let (.timestamp, .int64(a)), let (.timestampNtz, .int64(a)):
                    Self.gatherSame(a, s.column, s.range, into: &out)
                case let (.decimal, .int128(a)): Self.gather(a, s.column, s.range, into: &out) { Int64(truncatingIfNeeded: $0) }
                default: throw Self.mismatch(leaf, s.column)
                }
            }
            values = .int64(out)
        case .float:
            var out = [Float]()
            out.reserveCapacity(rows)
            for s in segments {
                guard case let .float32(a) = s.column.values else { throw Self.mismatch(leaf, s.column) }
                Self.gatherSame(a, s.column, s.range, into: &out)
            }
            values = .float(out)
        case .double:
            var out = [Double]()
            out.reserveCapacity(rows)
            for s in segments {
                guard case let .float64(a) = s.column.values else { throw Self.mismatch(leaf, s.column) }
                Self.gatherSame(a, s.column, s.range, into: &out)
            }
            values = .double(out)
        case .fixedLenByteArray:
            let w = leaf.typeLength
            var data = [UInt8]()
            data.reserveCapacity(rows * w)
            for s in segments {
                guard case let .int128(a) = s.column.values else { throw Self.mismatch(leaf, s.column) }
                for i in s.range where s.column.isValid(i) {
                    let v = a[i]
                    for k in stride(from: w - 1, through: 0, by: -1) {
                        data.append(UInt8(truncatingIfNeeded: v >> (8 * k)))
                    }
                }
            }
            values = .fixed(width: w, data: data)
        default:
            var offsets = [Int32]()
            offsets.reserveCapacity(rows + 1)
            offsets.append(0)
            var data = [UInt8]()
            var total = 0
            for s in segments {
                guard case let .bytes(o, _) = s.column.values else { throw Self.mismatch(leaf, s.column) }
                total += Int(o[s.range.upperBound] - o[s.range.lowerBound])
            }
            guard total <= Int(Int32.max) else {
                throw ParquetError(.invalidArgument, "column '\(leaf.displayName)' has more than 2 GiB of data in one row group; lower rowGroupTargetBytes")
            }
            data.reserveCapacity(total)
            for s in segments {
                guard case let .bytes(o, d) = s.column.values else { throw Self.mismatch(leaf, s.column) }
                let lo = Int(o[s.range.lowerBound]), hi = Int(o[s.range.upperBound])
                let base = Int32(data.count) - o[s.range.lowerBound]
                if !Self.hasNull(s.column, s.range) {
                    data.append(contentsOf: d[lo..<hi])
                    o.withUnsafeBufferPointer { ob in
                        for i in s.range { offsets.append(ob[i + 1] + base) }
                    }
                } else {
                    // Null slots may hold placeholder bytes: copy valid values one by one.
                    d.withUnsafeBufferPointer { db in
                        for i in s.range where s.column.isValid(i) {
                            data.append(contentsOf: UnsafeBufferPointer(rebasing: db[Int(o[i])..<Int(o[i + 1])]))
                            offsets.append(Int32(data.count))
                        }
                    }
                }
            }
            values = .bytes(offsets: offsets, data: data)
        }
    }

    static func hasNull(_ c: Column, _ r: Range<Int>) -> Bool {
        guard let v = c.validity else { return false }
        for i in r where !v[i] { return true }
        return false
    }

    static func mismatch(_ leaf: WriteLeaf, _ c: Column) -> ParquetError {
        ParquetError(.schemaMismatch, "column '\(leaf.displayName)' is declared \(leaf.field.type) but the batch holds \(c.type)")
    }

    /// Appends the valid values of `a[range]`, converted.
    @inline(__always)
    static func gather<S, T>(_ a: [S], _ c: Column, _ range: Range<Int>, into out: inout [T], _ f: (S) -> T) {
        a.withUnsafeBufferPointer { src in
            if let v = c.validity {
                for i in range where v[i] { out.append(f(src[i])) }
            } else {
                for i in range { out.append(f(src[i])) }
            }
        }
    }

    /// Appends the valid values of `a[range]` as they are (a bulk copy when there are no nulls).
    @inline(__always)
    static func gatherSame<T>(_ a: [T], _ c: Column, _ range: Range<Int>, into out: inout [T]) {
        if let v = c.validity {
            a.withUnsafeBufferPointer { src in
                for i in range where v[i] { out.append(src[i]) }
            }
        } else {
            out.append(contentsOf: a[range])
        }
    }
}
