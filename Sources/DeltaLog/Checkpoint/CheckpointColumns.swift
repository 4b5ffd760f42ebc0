import Columnar

/// Column assembly for checkpoint batches: all-null columns, padding a kind's rows to the batch,
/// and writers for the nested shapes the checkpoint schema uses (string maps, string lists,
/// deletion vectors). Everything appends to contiguous typed buffers; no `Scalar` per row.
enum CheckpointColumns {
    /// A column of `count` nulls; nested children are null too (so readers that look at a child
    /// without its parent's validity see nulls).
    static func nulls(_ type: DataType, count: Int) -> Column {
        let validity = Bitmap(count: count, value: false)
        let values: ColumnValues
        switch type.layout {
        case .bits: values = .bits(Bitmap(count: count, value: false))
        case .int8: values = .int8([Int8](repeating: 0, count: count))
        case .int16: values = .int16([Int16](repeating: 0, count: count))
        case .int32: values = .int32([Int32](repeating: 0, count: count))
        case .int64: values = .int64([Int64](repeating: 0, count: count))
        case .float32: values = .float32([Float](repeating: 0, count: count))
        case .float64: values = .float64([Double](repeating: 0, count: count))
        case .int128: values = .int128([Int128](repeating: 0, count: count))
        case .bytes: values = .bytes(offsets: [Int32](repeating: 0, count: count + 1), data: [])
        case .structure:
            guard case let .struct(fields) = type else { preconditionFailure("struct layout without struct type") }
            values = .structure(fields.map { nulls($0.type, count: count) })
        case .list:
            guard case let .array(element) = type else { preconditionFailure("list layout without array type") }
            values = .list(offsets: [Int32](repeating: 0, count: count + 1), values: Column.empty(element.type))
        case .map:
            guard case let .map(k, v) = type else { preconditionFailure("map layout without map type") }
            values = .map(offsets: [Int32](repeating: 0, count: count + 1), keys: Column.empty(k.type),
                          items: Column.empty(v.type))
        }
        return Column(unchecked: type, count: count, validity: validity, values: values)
    }

    /// `middle` with `before` null rows ahead of it and `after` behind it.
    static func padded(_ middle: Column, before: Int, after: Int) throws -> Column {
        if before == 0 && after == 0 { return middle }
        var parts: [Column] = []
        if before > 0 { parts.append(nulls(middle.type, count: before)) }
        parts.append(middle)
        if after > 0 { parts.append(nulls(middle.type, count: after)) }
        do { return try Column.concat(parts) } catch {
            throw DeltaError(.invalidArgument, "checkpoint batch cannot be assembled: \(error); write smaller slices", cause: error)
        }
    }

    /// A struct column from finished children; `validity` nil means every row is set.
    static func structure(_ type: DataType, _ children: [Column], validity: Bitmap?, count: Int) -> Column {
        Column(unchecked: type, count: count, validity: validity, values: .structure(children))
    }

    /// Builds a nested struct of `type` from leaf columns given in depth-first order; every
    /// intermediate struct gets `validity`.
    static func nested(_ type: DataType, leaves: [Column], validity: Bitmap?, count: Int) -> Column {
        var next = 0
        func build(_ type: DataType) -> Column {
            guard case let .struct(fields) = type else {
                defer { next += 1 }
                return leaves[next]
            }
            return structure(type, fields.map { build($0.type) }, validity: validity, count: count)
        }
        return build(type)
    }
}

/// Writes a `map<string,string>` column row by row.
struct StringMapWriter {
    private var offsets: [Int32]
    private var keys = StringWriter(capacity: 1)
    private var items = StringWriter(capacity: 1)
    private var validity = Bitmap()

    init(capacity: Int) {
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
        validity.reserveCapacity(capacity)
    }

    mutating func appendNull() {
        offsets.append(offsets[offsets.count - 1])
        validity.append(false)
    }

    /// One entry of the current row; call `endRow()` after the row's entries.
    mutating func appendEntry(_ key: String, _ value: String?) {
        keys.append(key)
        items.append(optional: value)
    }

    mutating func endRow() {
        offsets.append(Int32(truncatingIfNeeded: keys.count))
        validity.append(true)
    }

    /// A row from a dictionary of nullable values, keys sorted (deterministic output).
    mutating func append(_ map: [String: String?]?) {
        guard let map else { appendNull(); return }
        if map.count == 1, let only = map.first {
            appendEntry(only.key, only.value)
        } else if !map.isEmpty {
            for key in map.keys.sorted() { appendEntry(key, map[key]!) }
        }
        endRow()
    }

    /// A row from a dictionary of non-null values, keys sorted.
    mutating func append(_ map: [String: String]) {
        for key in map.keys.sorted() { appendEntry(key, map[key]!) }
        endRow()
    }

    func finish() -> Column {
        Column(unchecked: CheckpointSchema.stringMap, count: validity.count, validity: validity,
               values: .map(offsets: offsets, keys: keys.finish(), items: items.finish()))
    }
}

/// Writes an `array<string>` column row by row.
struct StringListWriter {
    private var offsets: [Int32] = [0]
    private var elements = StringWriter(capacity: 1)
    private var validity = Bitmap()

    mutating func append(_ list: [String]?) {
        if let list {
            for s in list { elements.append(s) }
            validity.append(true)
        } else {
            validity.append(false)
        }
        offsets.append(Int32(truncatingIfNeeded: elements.count))
    }

    func finish() -> Column {
        Column(unchecked: CheckpointSchema.stringList, count: validity.count, validity: validity,
               values: .list(offsets: offsets, values: elements.finish()))
    }
}

/// Writes the `deletionVector` struct column row by row.
struct DeletionVectorWriter {
    private var storageType = StringWriter(capacity: 1)
    private var pathOrInlineDv = StringWriter(capacity: 1)
    private var offset = FixedWriter<Int32>(capacity: 1)
    private var sizeInBytes = FixedWriter<Int32>(capacity: 1)
    private var cardinality = FixedWriter<Int64>(capacity: 1)
    private var maxRowIndex = FixedWriter<Int64>(capacity: 1)
    private var validity = Bitmap()

    mutating func append(_ dv: DeletionVectorDescriptor?) {
        guard let dv else {
            storageType.appendNull(); pathOrInlineDv.appendNull(); offset.appendNull()
            sizeInBytes.appendNull(); cardinality.appendNull(); maxRowIndex.appendNull()
            validity.append(false)
            return
        }
        storageType.append(dv.storageType)
        pathOrInlineDv.append(dv.pathOrInlineDv)
        offset.append(optional: dv.offset)
        sizeInBytes.append(dv.sizeInBytes)
        cardinality.append(dv.cardinality)
        maxRowIndex.append(optional: dv.maxRowIndex)
        validity.append(true)
    }

    func finish() -> Column {
        CheckpointColumns.structure(CheckpointSchema.deletionVectorType,
                                    [storageType.finish(), pathOrInlineDv.finish(), offset.finish(),
                                     sizeInBytes.finish(), cardinality.finish(), maxRowIndex.finish()],
                                    validity: validity, count: validity.count)
    }
}
