extension RecordBatch {
    /// A batch from parts the caller already knows to be consistent.
    init(unchecked schema: Schema, columns: [Column], rowCount: Int) {
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }

    /// Rows `range` of every column.
    public func slice(_ range: Range<Int>) -> RecordBatch {
        precondition(range.lowerBound >= 0 && range.upperBound <= rowCount, "slice \(range) out of range 0..<\(rowCount)")
        return RecordBatch(unchecked: schema, columns: columns.map { $0.slice(range) }, rowCount: range.count)
    }

    /// The rows whose bit in `mask` is set.
    public func filter(_ mask: Bitmap) -> RecordBatch {
        precondition(mask.count == rowCount, "filter mask of \(mask.count) bits for a batch of \(rowCount) rows")
        return RecordBatch(unchecked: schema, columns: columns.map { $0.filter(mask) }, rowCount: mask.setCount)
    }

    /// Rows `indices` of every column; -1 yields a null row (the schema's fields become nullable then).
    public func take(_ indices: UnsafeBufferPointer<Int32>) -> RecordBatch {
        let cols = columns.map { $0.take(indices) }
        var s = schema
        if indices.contains(-1) {
            for i in s.fields.indices { s.fields[i].nullable = true }
        }
        if columns.isEmpty {
            for ix in indices { precondition(ix >= -1 && Int(ix) < rowCount, "take index \(ix) out of range") }
        }
        return RecordBatch(unchecked: s, columns: cols, rowCount: indices.count)
    }

    public func take(_ indices: [Int32]) -> RecordBatch {
        indices.withUnsafeBufferPointer { take($0) }
    }

    public func take(_ indices: [Int]) -> RecordBatch {
        let narrow = indices.map { ix in
            precondition(ix >= -1 && ix < rowCount, "take index \(ix) out of range -1..<\(rowCount)")
            return Int32(truncatingIfNeeded: ix)
        }
        return take(narrow)
    }

    /// The rows of `batches` one after the other. Throws `.invalidValue` for an empty list,
    /// `.typeMismatch` when the schemas differ, and `.overflow` like `Column.concat`.
    public static func concat(_ batches: [RecordBatch]) throws(ColumnarError) -> RecordBatch {
        guard let first = batches.first else {
            throw ColumnarError(.invalidValue, "concat needs at least one batch to know the schema")
        }
        for b in batches where b.schema != first.schema {
            throw ColumnarError(.typeMismatch, "cannot concat batches with schemas [\(first.schema)] and [\(b.schema)]")
        }
        var cols = [Column]()
        cols.reserveCapacity(first.columns.count)
        for i in first.columns.indices {
            cols.append(try Column.concat(batches.map { $0.columns[i] }))
        }
        var rows = 0
        for b in batches { rows += b.rowCount }
        return RecordBatch(unchecked: first.schema, columns: cols, rowCount: rows)
    }

    /// The columns at `indices`, in that order (repeats allowed).
    public func project(_ indices: [Int]) -> RecordBatch {
        for i in indices { precondition(i >= 0 && i < columns.count, "column \(i) out of range 0..<\(columns.count)") }
        return RecordBatch(unchecked: Schema(indices.map { schema.fields[$0] }),
                           columns: indices.map { columns[$0] }, rowCount: rowCount)
    }

    /// The columns called `names`, in that order; throws `.invalidSchema` for an unknown name.
    public func project(names: [String]) throws(ColumnarError) -> RecordBatch {
        var indices = [Int]()
        indices.reserveCapacity(names.count)
        for name in names {
            guard let i = schema.index(of: name) else {
                throw ColumnarError(.invalidSchema, "no column named '\(name)'; the batch has [\(schema)]")
            }
            indices.append(i)
        }
        return project(indices)
    }
}

extension RecordBatch: Equatable {
    /// Same schema, row count and logically equal columns (see `Column ==`).
    public static func == (a: RecordBatch, b: RecordBatch) -> Bool {
        a.schema == b.schema && a.rowCount == b.rowCount && a.columns == b.columns
    }
}
