import Columnar

extension ChunkInput {
    /// The input of one leaf of a nested column: each segment's rows shredded into levels
    /// (`LevelShredder`), and the non-null leaf values gathered by position into dense values.
    init(nestedSegments segments: [(column: Column, range: Range<Int>)], leaf: WriteLeaf) throws {
        let rows = segments.reduce(0) { $0 + $1.range.count }
        var repetition = [UInt8](), definition = [UInt8]()
        repetition.reserveCapacity(rows)
        definition.reserveCapacity(rows)
        var parts: [LevelShredder.Segment] = []
        parts.reserveCapacity(segments.count)
        for s in segments {
            parts.append(try LevelShredder.shred(s.column, rows: s.range, leaf: leaf,
                                                 repetition: &repetition, definition: &definition))
        }
        rowCount = rows
        validity = nil
        levels = Levels(repetition: repetition, definition: definition)
        values = try Self.gather(parts, leaf: leaf)
    }

    /// The values at `valueIndices` of each part's leaf column, in physical form.
    private static func gather(_ parts: [LevelShredder.Segment], leaf: WriteLeaf) throws -> DenseValues {
        let total = parts.reduce(0) { $0 + $1.valueIndices.count }
        let leafType = leaf.field.type
        switch leaf.physical {
        case .boolean:
            var b = Bitmap()
            b.reserveCapacity(total)
            for p in parts {
                guard case let .bits(src) = p.leafColumn.values else { throw mismatch(leaf, p.leafColumn) }
                for i in p.valueIndices { b.append(src[Int(i)]) }
            }
            return .booleans(b)
        case .int32:
            var out = [Int32]()
            out.reserveCapacity(total)
            for p in parts {
                switch (leafType, p.leafColumn.values) {
                case let (.byte, .int8(a)): pick(a, p.valueIndices, into: &out) { Int32($0) }
                case let (.short, .int16(a)): pick(a, p.valueIndices, into: &out) { Int32($0) }
                case let (.integer, .int32(a)), let (.date, .int32(a)): pick(a, p.valueIndices, into: &out) { $0 }
                case let (.decimal, .int128(a)): pick(a, p.valueIndices, into: &out) { Int32(truncatingIfNeeded: $0) }
                default: throw mismatch(leaf, p.leafColumn)
                }
            }
            return .int32(out)
        case .int64:
            var out = [Int64]()
            out.reserveCapacity(total)
            for p in parts {
                switch (leafType, p.leafColumn.values) {
                case let (.long, .int64(a)), let (.timestamp, .int64(a)), let (.timestampNtz, .int64(a)):
                    pick(a, p.valueIndices, into: &out) { $0 }
                case let (.decimal, .int128(a)): pick(a, p.valueIndices, into: &out) { Int64(truncatingIfNeeded: $0) }
                default: throw mismatch(leaf, p.leafColumn)
                }
            }
            return .int64(out)
        case .float:
            var out = [Float]()
            out.reserveCapacity(total)
            for p in parts {
                guard case let .float32(a) = p.leafColumn.values else { throw mismatch(leaf, p.leafColumn) }
                pick(a, p.valueIndices, into: &out) { $0 }
            }
            return .float(out)
        case .double:
            var out = [Double]()
            out.reserveCapacity(total)
            for p in parts {
                guard case let .float64(a) = p.leafColumn.values else { throw mismatch(leaf, p.leafColumn) }
                pick(a, p.valueIndices, into: &out) { $0 }
            }
            return .double(out)
        case .fixedLenByteArray:
            let w = leaf.typeLength
            var data = [UInt8]()
            data.reserveCapacity(total * w)
            for p in parts {
                guard case let .int128(a) = p.leafColumn.values else { throw mismatch(leaf, p.leafColumn) }
                for i in p.valueIndices {
                    let v = a[Int(i)]
                    for k in stride(from: w - 1, through: 0, by: -1) {
                        data.append(UInt8(truncatingIfNeeded: v >> (8 * k)))
                    }
                }
            }
            return .fixed(width: w, data: data)
        default:
            var offsets = [Int32]()
            offsets.reserveCapacity(total + 1)
            offsets.append(0)
            var bytes = 0
            for p in parts {
                guard case let .bytes(o, _) = p.leafColumn.values else { throw mismatch(leaf, p.leafColumn) }
                o.withUnsafeBufferPointer { ob in
                    for i in p.valueIndices { bytes += Int(ob[Int(i) + 1] - ob[Int(i)]) }
                }
            }
            guard bytes <= Int(Int32.max) else {
                throw ParquetError(.invalidArgument, "column '\(leaf.displayName)' has more than 2 GiB of data in one row group; lower rowGroupTargetBytes")
            }
            var data = [UInt8]()
            data.reserveCapacity(bytes)
            for p in parts {
                guard case let .bytes(o, d) = p.leafColumn.values else { throw mismatch(leaf, p.leafColumn) }
                o.withUnsafeBufferPointer { ob in
                    d.withUnsafeBufferPointer { db in
                        for i in p.valueIndices {
                            data.append(contentsOf: UnsafeBufferPointer(rebasing: db[Int(ob[Int(i)])..<Int(ob[Int(i) + 1])]))
                            offsets.append(Int32(data.count))
                        }
                    }
                }
            }
            return .bytes(offsets: offsets, data: data)
        }
    }

    /// Appends `f(a[i])` for each position `i`.
    @inline(__always)
    private static func pick<S, T>(_ a: [S], _ positions: [Int32], into out: inout [T], _ f: (S) -> T) {
        a.withUnsafeBufferPointer { src in
            for i in positions { out.append(f(src[Int(i)])) }
        }
    }
}
