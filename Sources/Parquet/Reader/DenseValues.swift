import Columnar

/// The non-null values of one column chunk in their physical form, accumulated page by page.
/// Nulls are not represented here; `ColumnAssembler` spreads these values over the rows.
enum DenseValues {
    case booleans(Bitmap)
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY: offsets (starting with 0) and the bytes.
    case bytes(offsets: [Int32], data: [UInt8])
    /// FIXED_LEN_BYTE_ARRAY (and INT96 before conversion is not kept: INT96 goes to `int64`).
    case fixed(width: Int, data: [UInt8])

    /// Empty storage for a leaf's physical type, with room for `capacity` values.
    init(for leaf: LeafColumn, capacity: Int) {
        switch leaf.physical {
        case .boolean: var b = Bitmap(); b.reserveCapacity(capacity); self = .booleans(b)
        case .int32: self = .int32(Self.reserved(capacity))
        case .int64, .int96: self = .int64(Self.reserved(capacity))
        case .float: self = .float(Self.reserved(capacity))
        case .double: self = .double(Self.reserved(capacity))
        case .fixedLenByteArray: self = .fixed(width: leaf.typeLength, data: Self.reserved(capacity * leaf.typeLength))
        default:
            var o: [Int32] = Self.reserved(capacity + 1)
            o.append(0)
            self = .bytes(offsets: o, data: [])
        }
    }

    private static func reserved<T>(_ n: Int) -> [T] {
        var a = [T]()
        a.reserveCapacity(n)
        return a
    }

    var count: Int {
        switch self {
        case let .booleans(b): return b.count
        case let .int32(a): return a.count
        case let .int64(a): return a.count
        case let .float(a): return a.count
        case let .double(a): return a.count
        case let .bytes(o, _): return o.count - 1
        case let .fixed(w, d): return w == 0 ? 0 : d.count / w
        }
    }
}

/// Appends `n` values decoded by `decode` to the end of `array`: the array is extended with
/// `zero` (one memset-speed pass) and `decode` fills the new tail in place.
@inline(__always)
func appendDecoded<T>(_ array: inout [T], count n: Int, zero: T,
                      _ decode: (UnsafeMutableBufferPointer<T>) throws -> Void) rethrows {
    let start = array.count
    array.append(contentsOf: repeatElement(zero, count: n))
    try array.withUnsafeMutableBufferPointer { buffer in
        try decode(UnsafeMutableBufferPointer(rebasing: buffer[start..<start + n]))
    }
}
