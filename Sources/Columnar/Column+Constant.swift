extension Column {
    /// A column of `count` copies of `value`, built directly in typed buffers (`.null` gives
    /// `count` nulls of `type`).
    ///
    /// Throws `.typeMismatch` when a primitive `value` is stored differently from `type` (an
    /// integer for a string column), and `.overflow` when `count` copies of a string or binary
    /// value would pass the 2 GiB that 32-bit offsets address (use fewer rows per batch).
    public static func constant(_ value: Scalar, type: DataType, count: Int) throws(ColumnarError) -> Column {
        precondition(count >= 0, "a column cannot have \(count) rows")
        if type.isNested || (!value.isNull && value.dataType == nil) {
            // Nested columns (and nested values) are rare as constants: build them value by value.
            var b = ColumnBuilder(type, capacity: count)
            for _ in 0..<count { try b.append(value) }
            return b.finish()
        }
        guard let valueType = value.dataType else {
            return try Column(type: type, count: count, validity: Bitmap(count: count, value: false),
                              values: zeros(type, count))
        }
        guard valueType.layout == type.layout else {
            throw ColumnarError(.typeMismatch, "a constant \(valueType) value cannot fill a column of type \(type)")
        }
        let values: ColumnValues
        switch value {
        case let .boolean(v): values = .bits(Bitmap(count: count, value: v))
        case let .byte(v): values = .int8(Array(repeating: v, count: count))
        case let .short(v): values = .int16(Array(repeating: v, count: count))
        case let .integer(v), let .date(v): values = .int32(Array(repeating: v, count: count))
        case let .long(v), let .timestamp(v), let .timestampNtz(v): values = .int64(Array(repeating: v, count: count))
        case let .float(v): values = .float32(Array(repeating: v, count: count))
        case let .double(v): values = .float64(Array(repeating: v, count: count))
        case let .decimal(v, _, _): values = .int128(Array(repeating: v, count: count))
        case let .string(s): values = try repeatedBytes(Array(s.utf8), count)
        case let .binary(b): values = try repeatedBytes(b, count)
        case .null, .struct, .array, .map: preconditionFailure("handled above")
        }
        return try Column(type: type, count: count, validity: nil, values: values)
    }

    private static func repeatedBytes(_ bytes: [UInt8], _ count: Int) throws(ColumnarError) -> ColumnValues {
        let (total, overflow) = bytes.count.multipliedReportingOverflow(by: count)
        guard !overflow, total <= Int(Int32.max) else {
            throw ColumnarError(.overflow,
                "\(count) copies of a \(bytes.count)-byte value would hold more than 2 GiB in one column; use fewer rows per batch")
        }
        var data = [UInt8]()
        data.reserveCapacity(total)
        var offsets = [Int32]()
        offsets.reserveCapacity(count + 1)
        offsets.append(0)
        for _ in 0..<count {
            data.append(contentsOf: bytes)
            // Safe: data.count <= total <= Int32.max.
            offsets.append(Int32(truncatingIfNeeded: data.count))
        }
        return .bytes(offsets: offsets, data: data)
    }

    /// Storage of `count` zero values of `type` (under an all-null validity).
    private static func zeros(_ type: DataType, _ count: Int) -> ColumnValues {
        switch type.layout {
        case .bits: return .bits(Bitmap(count: count, value: false))
        case .int8: return .int8(Array(repeating: 0, count: count))
        case .int16: return .int16(Array(repeating: 0, count: count))
        case .int32: return .int32(Array(repeating: 0, count: count))
        case .int64: return .int64(Array(repeating: 0, count: count))
        case .float32: return .float32(Array(repeating: 0, count: count))
        case .float64: return .float64(Array(repeating: 0, count: count))
        case .int128: return .int128(Array(repeating: 0, count: count))
        case .bytes: return .bytes(offsets: Array(repeating: 0, count: count + 1), data: [])
        case .structure, .list, .map: preconditionFailure("nested columns are built by ColumnBuilder")
        }
    }
}
