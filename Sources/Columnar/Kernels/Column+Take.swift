extension Column {
    /// Row `indices[k]` for each k, in that order (indices may repeat). An index of -1 produces a
    /// null row (for outer joins). Every index must lie in `-1..<count`.
    public func take(_ indices: UnsafeBufferPointer<Int32>) -> Column {
        var missing = false
        let bound = Int32(truncatingIfNeeded: count)
        for ix in indices {
            precondition(ix >= -1 && ix < bound, "take index \(ix) out of range -1..<\(count)")
            if ix < 0 { missing = true }
        }
        let n = indices.count
        var newValidity: Bitmap?
        if let v = validity {
            newValidity = v.gather(indices)
        } else if missing {
            newValidity = Bitmap(count: count, value: true).gather(indices)
        }
        let newValues: ColumnValues
        switch values {
        case let .bits(b): newValues = .bits(b.gather(indices))
        case let .int8(a): newValues = .int8(Column.gathered(a, indices, 0))
        case let .int16(a): newValues = .int16(Column.gathered(a, indices, 0))
        case let .int32(a): newValues = .int32(Column.gathered(a, indices, 0))
        case let .int64(a): newValues = .int64(Column.gathered(a, indices, 0))
        case let .float32(a): newValues = .float32(Column.gathered(a, indices, 0))
        case let .float64(a): newValues = .float64(Column.gathered(a, indices, 0))
        case let .int128(a): newValues = .int128(Column.gathered(a, indices, 0))
        case let .bytes(o, d):
            var size = 0
            o.withUnsafeBufferPointer { ob in
                for ix in indices where ix >= 0 { size += Int(ob[Int(ix) + 1]) - Int(ob[Int(ix)]) }
            }
            precondition(size <= Int(Int32.max), "take would produce \(size) bytes of strings; split the batch")
            var offsets = [Int32]()
            offsets.reserveCapacity(n + 1)
            offsets.append(0)
            var data = [UInt8]()
            data.reserveCapacity(size)
            o.withUnsafeBufferPointer { ob in
                d.withUnsafeBufferPointer { db in
                    for ix in indices {
                        if ix >= 0 {
                            let i = Int(ix)
                            data.append(contentsOf: UnsafeBufferPointer(rebasing: db[Int(ob[i])..<Int(ob[i + 1])]))
                        }
                        offsets.append(Int32(truncatingIfNeeded: data.count))
                    }
                }
            }
            newValues = .bytes(offsets: offsets, data: data)
        case let .structure(children):
            newValues = .structure(children.map { $0.take(indices) })
        case let .list(o, child):
            let (offsets, childIndices) = Column.takenRanges(o, indices)
            newValues = .list(offsets: offsets, values: childIndices.withUnsafeBufferPointer { child.take($0) })
        case let .map(o, keys, items):
            let (offsets, childIndices) = Column.takenRanges(o, indices)
            newValues = childIndices.withUnsafeBufferPointer {
                .map(offsets: offsets, keys: keys.take($0), items: items.take($0))
            }
        }
        return Column(unchecked: type, count: n, validity: newValidity, values: newValues)
    }

    /// Convenience: `take` with `Int` indices (-1 means a null row).
    public func take(_ indices: [Int]) -> Column {
        let narrow = indices.map { ix in
            precondition(ix >= -1 && ix < count, "take index \(ix) out of range -1..<\(count)")
            return Int32(truncatingIfNeeded: ix)
        }
        return narrow.withUnsafeBufferPointer { take($0) }
    }

    /// Convenience: `take` with an `Int32` array (-1 means a null row).
    public func take(_ indices: [Int32]) -> Column {
        indices.withUnsafeBufferPointer { take($0) }
    }

    static func gathered<T>(_ a: [T], _ indices: UnsafeBufferPointer<Int32>, _ placeholder: T) -> [T] {
        let n = indices.count
        return [T](unsafeUninitializedCapacity: n) { dst, initialized in
            a.withUnsafeBufferPointer { src in
                for k in 0..<n {
                    let ix = Int(indices[k])
                    (dst.baseAddress! + k).initialize(to: ix >= 0 ? src[ix] : placeholder)
                }
            }
            initialized = n
        }
    }

    /// New offsets for taken list/map rows and the child entry indices they cover.
    static func takenRanges(_ o: [Int32], _ indices: UnsafeBufferPointer<Int32>) -> ([Int32], [Int32]) {
        var total = 0
        o.withUnsafeBufferPointer { ob in
            for ix in indices where ix >= 0 { total += Int(ob[Int(ix) + 1]) - Int(ob[Int(ix)]) }
        }
        precondition(total <= Int(Int32.max), "take would produce \(total) list entries; split the batch")
        var offsets = [Int32]()
        offsets.reserveCapacity(indices.count + 1)
        offsets.append(0)
        var child = [Int32]()
        child.reserveCapacity(total)
        o.withUnsafeBufferPointer { ob in
            for ix in indices {
                if ix >= 0 {
                    var e = ob[Int(ix)]
                    let end = ob[Int(ix) + 1]
                    while e < end { child.append(e); e += 1 }
                }
                offsets.append(Int32(truncatingIfNeeded: child.count))
            }
        }
        return (offsets, child)
    }
}
