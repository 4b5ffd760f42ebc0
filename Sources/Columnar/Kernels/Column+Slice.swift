extension Column {
    /// Rows `range` as a new column. Values are copied; offsets start again at 0.
    public func slice(_ range: Range<Int>) -> Column {
        precondition(range.lowerBound >= 0 && range.upperBound <= count,
                     "slice \(range) out of range 0..<\(count)")
        if range.lowerBound == 0 && range.upperBound == count {
            switch values {
            case let .list(o, _) where o.first != 0: break
            case let .map(o, _, _) where o.first != 0: break
            case let .bytes(o, _) where o.first != 0: break
            default: return self
            }
        }
        let lo = range.lowerBound, hi = range.upperBound
        let newValues: ColumnValues
        switch values {
        case let .bits(b): newValues = .bits(b.slice(range))
        case let .int8(a): newValues = .int8(Array(a[range]))
        case let .int16(a): newValues = .int16(Array(a[range]))
        case let .int32(a): newValues = .int32(Array(a[range]))
        case let .int64(a): newValues = .int64(Array(a[range]))
        case let .float32(a): newValues = .float32(Array(a[range]))
        case let .float64(a): newValues = .float64(Array(a[range]))
        case let .int128(a): newValues = .int128(Array(a[range]))
        case let .bytes(o, d):
            newValues = .bytes(offsets: Column.rebased(o[lo...hi]), data: Array(d[Int(o[lo])..<Int(o[hi])]))
        case let .structure(children):
            newValues = .structure(children.map { $0.slice(range) })
        case let .list(o, child):
            newValues = .list(offsets: Column.rebased(o[lo...hi]), values: child.slice(Int(o[lo])..<Int(o[hi])))
        case let .map(o, keys, items):
            let r = Int(o[lo])..<Int(o[hi])
            newValues = .map(offsets: Column.rebased(o[lo...hi]), keys: keys.slice(r), items: items.slice(r))
        }
        return Column(unchecked: type, count: range.count, validity: validity.map { $0.slice(range) },
                      values: newValues)
    }

    /// Offsets shifted so that the first one is 0.
    static func rebased(_ o: ArraySlice<Int32>) -> [Int32] {
        let base = o.first ?? 0
        if base == 0 { return Array(o) }
        return o.map { $0 &- base }
    }

    /// An empty column of `type`.
    public static func empty(_ type: DataType) -> Column {
        ColumnBuilder(type).finish()
    }
}
