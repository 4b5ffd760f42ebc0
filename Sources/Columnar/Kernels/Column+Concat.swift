extension Column {
    /// The rows of `columns` one after the other. All columns must have the same type.
    /// Throws `.invalidValue` for an empty list, `.typeMismatch` for differing types and
    /// `.overflow` when string/binary bytes or list/map entries would not fit 32-bit offsets.
    public static func concat(_ columns: [Column]) throws(ColumnarError) -> Column {
        guard let first = columns.first else {
            throw ColumnarError(.invalidValue, "concat needs at least one column to know the type")
        }
        for c in columns where c.type != first.type {
            throw ColumnarError(.typeMismatch, "cannot concat a \(c.type) column to a \(first.type) column")
        }
        if columns.count == 1 { return first.slice(0..<first.count) }
        var total = 0
        for c in columns { total += c.count }

        var validity: Bitmap?
        if columns.contains(where: { $0.validity != nil }) {
            var v = Bitmap()
            v.reserveCapacity(total)
            for c in columns {
                if let cv = c.validity { v.append(contentsOf: cv) } else { v.append(repeating: true, count: c.count) }
            }
            validity = v
        }

        let values: ColumnValues
        switch first.values {
        case .bits:
            var b = Bitmap()
            b.reserveCapacity(total)
            for c in columns {
                guard case let .bits(x) = c.values else { layoutMismatch(c) }
                b.append(contentsOf: x)
            }
            values = .bits(b)
        case .int8: values = .int8(joined(columns, total) { if case let .int8(a) = $0 { a } else { nil } })
        case .int16: values = .int16(joined(columns, total) { if case let .int16(a) = $0 { a } else { nil } })
        case .int32: values = .int32(joined(columns, total) { if case let .int32(a) = $0 { a } else { nil } })
        case .int64: values = .int64(joined(columns, total) { if case let .int64(a) = $0 { a } else { nil } })
        case .float32: values = .float32(joined(columns, total) { if case let .float32(a) = $0 { a } else { nil } })
        case .float64: values = .float64(joined(columns, total) { if case let .float64(a) = $0 { a } else { nil } })
        case .int128: values = .int128(joined(columns, total) { if case let .int128(a) = $0 { a } else { nil } })
        case .bytes:
            var size = 0
            for c in columns {
                guard case let .bytes(o, _) = c.values else { layoutMismatch(c) }
                size += Int(o[c.count]) - Int(o[0])
            }
            guard size <= Int(Int32.max) else {
                throw ColumnarError(.overflow, "concatenated string/binary data of \(size) bytes exceeds 2 GiB; split the batch")
            }
            var offsets = [Int32]()
            offsets.reserveCapacity(total + 1)
            offsets.append(0)
            var data = [UInt8]()
            data.reserveCapacity(size)
            for c in columns {
                guard case let .bytes(o, d) = c.values else { layoutMismatch(c) }
                appendOffsets(o, count: c.count, shift: Int32(data.count), to: &offsets)
                data.append(contentsOf: d[Int(o[0])..<Int(o[c.count])])
            }
            values = .bytes(offsets: offsets, data: data)
        case let .structure(firstChildren):
            var children = [Column]()
            children.reserveCapacity(firstChildren.count)
            for f in firstChildren.indices {
                var parts = [Column]()
                parts.reserveCapacity(columns.count)
                for c in columns {
                    guard case let .structure(ch) = c.values else { layoutMismatch(c) }
                    parts.append(ch[f])
                }
                children.append(try concat(parts))
            }
            values = .structure(children)
        case .list:
            var parts = [Column]()
            let offsets = try listOffsets(columns, total) { c in
                guard case let .list(o, child) = c.values else { layoutMismatch(c) }
                parts.append(child.slice(Int(o[0])..<Int(o[c.count])))
                return o
            }
            values = .list(offsets: offsets, values: try concat(parts))
        case .map:
            var keyParts = [Column](), itemParts = [Column]()
            let offsets = try listOffsets(columns, total) { c in
                guard case let .map(o, k, v) = c.values else { layoutMismatch(c) }
                let r = Int(o[0])..<Int(o[c.count])
                keyParts.append(k.slice(r))
                itemParts.append(v.slice(r))
                return o
            }
            values = .map(offsets: offsets, keys: try concat(keyParts), items: try concat(itemParts))
        }
        return Column(unchecked: first.type, count: total, validity: validity, values: values)
    }

    private static func joined<T>(_ columns: [Column], _ total: Int, _ extract: (ColumnValues) -> [T]?) -> [T] {
        var out = [T]()
        out.reserveCapacity(total)
        for c in columns {
            guard let a = extract(c.values) else { layoutMismatch(c) }
            out.append(contentsOf: a)
        }
        return out
    }

    /// Appends `o[1...count]` rebased to `o[0]` and shifted by `shift`.
    private static func appendOffsets(_ o: [Int32], count: Int, shift: Int32, to offsets: inout [Int32]) {
        let base = o[0]
        let delta = shift &- base
        o.withUnsafeBufferPointer { src in
            var k = 1
            while k <= count { offsets.append(src[k] &+ delta); k += 1 }
        }
    }

    /// Offsets of concatenated list/map columns; `visit` returns each column's offsets (and collects children).
    private static func listOffsets(_ columns: [Column], _ total: Int,
                                    _ visit: (Column) -> [Int32]) throws(ColumnarError) -> [Int32] {
        var offsets = [Int32]()
        offsets.reserveCapacity(total + 1)
        offsets.append(0)
        var entries = 0
        for c in columns {
            let o = visit(c)
            let n = Int(o[c.count]) - Int(o[0])
            guard entries + n <= Int(Int32.max) else {
                throw ColumnarError(.overflow, "concatenated \(c.type) column would hold more than 2^31 entries; split the batch")
            }
            appendOffsets(o, count: c.count, shift: Int32(entries), to: &offsets)
            entries += n
        }
        return offsets
    }

    static func layoutMismatch(_ c: Column) -> Never {
        preconditionFailure("column of type \(c.type) holds storage \(c.values.layout)")
    }
}
