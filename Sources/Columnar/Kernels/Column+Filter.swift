extension Column {
    /// The rows whose bit in `mask` is set, in order. `mask.count` must equal `count`.
    public func filter(_ mask: Bitmap) -> Column {
        precondition(mask.count == count, "filter mask of \(mask.count) bits for a column of \(count) rows")
        let n = mask.setCount
        if n == count { return slice(0..<count) }
        if n == 0 { return Column.empty(type) }
        let newValues: ColumnValues
        switch values {
        case let .bits(b): newValues = .bits(b.filter(mask))
        case let .int8(a): newValues = .int8(Column.filtered(a, mask, n))
        case let .int16(a): newValues = .int16(Column.filtered(a, mask, n))
        case let .int32(a): newValues = .int32(Column.filtered(a, mask, n))
        case let .int64(a): newValues = .int64(Column.filtered(a, mask, n))
        case let .float32(a): newValues = .float32(Column.filtered(a, mask, n))
        case let .float64(a): newValues = .float64(Column.filtered(a, mask, n))
        case let .int128(a): newValues = .int128(Column.filtered(a, mask, n))
        case let .bytes(o, d):
            // First the total size, then one allocation and block copies.
            var size = 0
            mask.forEachSetBit { i in size += Int(o[i + 1]) - Int(o[i]) }
            var offsets = [Int32]()
            offsets.reserveCapacity(n + 1)
            offsets.append(0)
            var data = [UInt8]()
            data.reserveCapacity(size)
            o.withUnsafeBufferPointer { ob in
                d.withUnsafeBufferPointer { db in
                    mask.forEachSetBit { i in
                        data.append(contentsOf: UnsafeBufferPointer(rebasing: db[Int(ob[i])..<Int(ob[i + 1])]))
                        offsets.append(Int32(truncatingIfNeeded: data.count))
                    }
                }
            }
            newValues = .bytes(offsets: offsets, data: data)
        case let .structure(children):
            newValues = .structure(children.map { $0.filter(mask) })
        case let .list(o, child):
            let (offsets, childMask) = Column.filteredRanges(o, mask, n, childCount: child.count)
            newValues = .list(offsets: offsets, values: child.filter(childMask))
        case let .map(o, keys, items):
            let (offsets, childMask) = Column.filteredRanges(o, mask, n, childCount: keys.count)
            newValues = .map(offsets: offsets, keys: keys.filter(childMask), items: items.filter(childMask))
        }
        return Column(unchecked: type, count: n, validity: validity.map { $0.filter(mask) }, values: newValues)
    }

    static func filtered<T>(_ a: [T], _ mask: Bitmap, _ n: Int) -> [T] {
        [T](unsafeUninitializedCapacity: n) { dst, initialized in
            a.withUnsafeBufferPointer { src in
                var j = 0
                mask.words.withUnsafeBufferPointer { m in
                    for k in 0..<m.count {
                        var bits = m[k]
                        if bits == ~0 {
                            let base = k << 6
                            for t in 0..<64 { (dst.baseAddress! + j + t).initialize(to: src[base + t]) }
                            j += 64
                            continue
                        }
                        while bits != 0 {
                            (dst.baseAddress! + j).initialize(to: src[(k << 6) | bits.trailingZeroBitCount])
                            j += 1
                            bits &= bits &- 1
                        }
                    }
                }
                precondition(j == n)
            }
            initialized = n
        }
    }

    /// New offsets for the kept rows of a list/map and the mask of the child entries they cover.
    static func filteredRanges(_ o: [Int32], _ mask: Bitmap, _ n: Int, childCount: Int) -> ([Int32], Bitmap) {
        var offsets = [Int32]()
        offsets.reserveCapacity(n + 1)
        offsets.append(0)
        var childMask = Bitmap(count: childCount, value: false)
        var entries: Int32 = 0
        o.withUnsafeBufferPointer { ob in
            mask.forEachSetBit { i in
                let s = Int(ob[i]), e = Int(ob[i + 1])
                childMask.setBits(in: s..<e)
                entries &+= Int32(truncatingIfNeeded: e - s)
                offsets.append(entries)
            }
        }
        return (offsets, childMask)
    }
}

extension Bitmap {
    /// Calls `body` with the index of every set bit, in increasing order.
    @inline(__always)
    func forEachSetBit(_ body: (Int) -> Void) {
        words.withUnsafeBufferPointer { w in
            for k in 0..<w.count {
                var bits = w[k]
                while bits != 0 {
                    body((k << 6) | bits.trailingZeroBitCount)
                    bits &= bits &- 1
                }
            }
        }
    }
}
