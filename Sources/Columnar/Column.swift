/// One column of values: a logical type, a length, an optional validity bitmap
/// (nil means no nulls; a clear bit means null) and the values in contiguous typed storage.
///
/// Slots that are null hold an unspecified placeholder (zero / empty) in `values`.
public struct Column: Sendable {
    public let type: DataType
    public let count: Int
    public let validity: Bitmap?
    public let values: ColumnValues

    /// Builds a column; throws if the storage does not fit the type or the lengths disagree.
    public init(type: DataType, count: Int, validity: Bitmap?, values: ColumnValues) throws(ColumnarError) {
        guard values.layout == type.layout else {
            throw ColumnarError(.typeMismatch, "storage \(values.layout) cannot hold type \(type)")
        }
        if case let .structure(children) = values {
            guard children.allSatisfy({ $0.count == count }) else {
                throw ColumnarError(.lengthMismatch, "struct column of \(count) rows has children of other lengths")
            }
        } else if values.count != count {
            throw ColumnarError(.lengthMismatch, "column of \(count) rows has \(values.count) values")
        }
        if let v = validity, v.count != count {
            throw ColumnarError(.lengthMismatch, "column of \(count) rows has a validity bitmap of \(v.count)")
        }
        self.init(unchecked: type, count: count, validity: validity, values: values)
    }

    /// Builds a column without checks. The caller guarantees the invariants of `init(type:count:validity:values:)`.
    public init(unchecked type: DataType, count: Int, validity: Bitmap?, values: ColumnValues) {
        self.type = type
        self.count = count
        // A bitmap with every bit set carries no information: normalise it away.
        if let v = validity, v.allSet { self.validity = nil } else { self.validity = validity }
        self.values = values
        #if DEBUG
        checkInvariants()
        #endif
    }

    @inlinable
    public func isNull(_ i: Int) -> Bool {
        guard let v = validity else { return false }
        return !v[i]
    }

    @inlinable
    public func isValid(_ i: Int) -> Bool { !isNull(i) }

    public var nullCount: Int {
        guard let v = validity else { return 0 }
        return count - v.setCount
    }

    #if DEBUG
    func checkInvariants() {
        if case .structure = values {} else {
            precondition(values.count == count, "column length \(count) != values \(values.count)")
        }
        precondition(values.layout == type.layout, "layout mismatch")
        if let v = validity { precondition(v.count == count) }
        switch values {
        case let .bytes(offsets, data):
            precondition(offsets.count == count + 1 && offsets.first == 0 && Int(offsets.last!) == data.count,
                         "byte offsets inconsistent")
        case let .list(offsets, child):
            precondition(offsets.count == count + 1 && offsets.first == 0 && Int(offsets.last!) == child.count,
                         "list offsets inconsistent")
        case let .map(offsets, keys, items):
            precondition(offsets.count == count + 1 && Int(offsets.last!) == keys.count && keys.count == items.count,
                         "map offsets inconsistent")
        case let .structure(children):
            precondition(children.allSatisfy { $0.count == count }, "struct children lengths differ")
        default:
            break
        }
    }
    #endif
}

/// The typed storage behind a column.
public indirect enum ColumnValues: Sendable {
    case bits(Bitmap)
    case int8([Int8])
    case int16([Int16])
    case int32([Int32])
    case int64([Int64])
    case float32([Float])
    case float64([Double])
    /// Unscaled decimal values.
    case int128([Int128])
    /// Variable-length values (UTF-8 strings or binary): value i is `data[offsets[i]..<offsets[i+1]]`;
    /// `offsets.count == count + 1`, `offsets[0] == 0`.
    case bytes(offsets: [Int32], data: [UInt8])
    case structure([Column])
    /// Lists: row i is `values[offsets[i]..<offsets[i+1]]`.
    case list(offsets: [Int32], values: Column)
    /// Maps: row i is the entries `keys/items[offsets[i]..<offsets[i+1]]`.
    case map(offsets: [Int32], keys: Column, items: Column)

    public var layout: PhysicalLayout {
        switch self {
        case .bits: return .bits
        case .int8: return .int8
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        case .int128: return .int128
        case .bytes: return .bytes
        case .structure: return .structure
        case .list: return .list
        case .map: return .map
        }
    }

    /// Number of rows held (for `.structure`, the length of the first child, or 0).
    public var count: Int {
        switch self {
        case let .bits(b): return b.count
        case let .int8(a): return a.count
        case let .int16(a): return a.count
        case let .int32(a): return a.count
        case let .int64(a): return a.count
        case let .float32(a): return a.count
        case let .float64(a): return a.count
        case let .int128(a): return a.count
        case let .bytes(offsets, _): return offsets.count - 1
        case let .structure(children): return children.first?.count ?? 0
        case let .list(offsets, _): return offsets.count - 1
        case let .map(offsets, _, _): return offsets.count - 1
        }
    }
}
