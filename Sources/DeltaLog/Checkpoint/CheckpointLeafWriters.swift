import Columnar

/// Append-only writers for leaf columns: a contiguous typed buffer and a validity bitmap.
///
/// The checkpoint encoder uses these instead of `ColumnBuilder` because checkpoint columns are
/// mostly nulls, and `ColumnBuilder.appendNull` copies its buffer on every call in debug builds
/// (the `switch` over its storage keeps a second reference alive), which made a 200k-row slice
/// take minutes in tests.
struct FixedWriter<T> {
    private(set) var values: [T]
    private(set) var validity: Bitmap
    private let zero: T

    init(zero: T, capacity: Int) {
        self.zero = zero
        values = []
        values.reserveCapacity(capacity)
        validity = Bitmap()
        validity.reserveCapacity(capacity)
    }

    @inline(__always) mutating func append(_ v: T) {
        values.append(v)
        validity.append(true)
    }

    @inline(__always) mutating func appendNull() {
        values.append(zero)
        validity.append(false)
    }

    @inline(__always) mutating func append(optional v: T?) {
        if let v { append(v) } else { appendNull() }
    }

    var count: Int { values.count }
}

extension FixedWriter where T == Int64 {
    init(capacity: Int) { self.init(zero: 0, capacity: capacity) }
    /// A column of `type` (long, timestamp, timestamp_ntz).
    func finish(_ type: DataType = .long) -> Column {
        Column(unchecked: type, count: values.count, validity: validity, values: .int64(values))
    }
}

extension FixedWriter where T == Int32 {
    init(capacity: Int) { self.init(zero: 0, capacity: capacity) }
    /// A column of `type` (integer, date).
    func finish(_ type: DataType = .integer) -> Column {
        Column(unchecked: type, count: values.count, validity: validity, values: .int32(values))
    }
}

/// Booleans: values and validity as bitmaps.
struct BoolWriter {
    private var values = Bitmap()
    private var validity = Bitmap()

    init(capacity: Int) {
        values.reserveCapacity(capacity)
        validity.reserveCapacity(capacity)
    }

    mutating func append(_ v: Bool) { values.append(v); validity.append(true) }
    mutating func appendNull() { values.append(false); validity.append(false) }
    mutating func append(optional v: Bool?) { if let v { append(v) } else { appendNull() } }

    func finish() -> Column {
        Column(unchecked: .boolean, count: values.count, validity: validity, values: .bits(values))
    }
}

/// UTF-8 strings as offsets + bytes.
struct StringWriter {
    private var offsets: [Int32]
    private var data: [UInt8] = []
    private var validity = Bitmap()

    init(capacity: Int) {
        offsets = [0]
        offsets.reserveCapacity(capacity + 1)
        validity.reserveCapacity(capacity)
    }

    var count: Int { validity.count }

    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { data.append(contentsOf: $0) }
        precondition(data.count <= Int(Int32.max), "a checkpoint string column holds at most 2 GiB; write smaller slices")
        offsets.append(Int32(truncatingIfNeeded: data.count))
        validity.append(true)
    }

    mutating func appendNull() {
        offsets.append(offsets[offsets.count - 1])
        validity.append(false)
    }

    mutating func append(optional s: String?) { if let s { append(s) } else { appendNull() } }

    /// UTF-8 bytes (already valid).
    mutating func append(utf8: UnsafeRawBufferPointer) {
        data.append(contentsOf: utf8)
        precondition(data.count <= Int(Int32.max), "a checkpoint string column holds at most 2 GiB; write smaller slices")
        offsets.append(Int32(truncatingIfNeeded: data.count))
        validity.append(true)
    }

    /// Binary bytes.
    mutating func append(bytes: [UInt8]) {
        data.append(contentsOf: bytes)
        precondition(data.count <= Int(Int32.max), "a checkpoint binary column holds at most 2 GiB; write smaller slices")
        offsets.append(Int32(truncatingIfNeeded: data.count))
        validity.append(true)
    }

    func finish() -> Column {
        Column(unchecked: .string, count: validity.count, validity: validity, values: .bytes(offsets: offsets, data: data))
    }
}

/// One column of statistics or partition values per leaf, of any primitive type. Values of
/// each storage family live in one array of writers (mutated in place through the array), so
/// no enum payload is copied per append.
struct TypedLeaves {
    private enum Slot { case int(Int), real(Int), decimal(Int), bytes(Int), bool(Int), none(Int) }
    let types: [DataType]
    private var slots: [Slot] = []
    private var ints: [FixedWriter<Int64>] = []
    private var reals: [FixedWriter<Double>] = []
    private var decimals: [FixedWriter<Int128>] = []
    private var bytes: [StringWriter] = []
    private var bools: [BoolWriter] = []
    /// Leaves of types with no statistics / partition value (nested): all null.
    private var nones: [FixedWriter<Int32>] = []

    init(types: [DataType], capacity: Int) {
        self.types = types
        for t in types {
            switch t {
            case .byte, .short, .integer, .long, .date, .timestamp, .timestampNtz:
                slots.append(.int(ints.count)); ints.append(FixedWriter(capacity: capacity))
            case .float, .double:
                slots.append(.real(reals.count)); reals.append(FixedWriter(zero: 0, capacity: capacity))
            case .decimal:
                slots.append(.decimal(decimals.count)); decimals.append(FixedWriter(zero: 0, capacity: capacity))
            case .string, .binary:
                slots.append(.bytes(bytes.count)); bytes.append(StringWriter(capacity: capacity))
            case .boolean:
                slots.append(.bool(bools.count)); bools.append(BoolWriter(capacity: capacity))
            case .struct, .array, .map:
                slots.append(.none(nones.count)); nones.append(FixedWriter(capacity: capacity))
            }
        }
    }

    mutating func appendNull(_ k: Int) {
        switch slots[k] {
        case let .int(i): ints[i].appendNull()
        case let .real(i): reals[i].appendNull()
        case let .decimal(i): decimals[i].appendNull()
        case let .bytes(i): bytes[i].appendNull()
        case let .bool(i): bools[i].appendNull()
        case let .none(i): nones[i].appendNull()
        }
    }

    mutating func appendNullRow() {
        for k in slots.indices { appendNull(k) }
    }

    /// Appends a value read by `CheckpointStatsScanner` (whose kinds match the leaf types):
    /// `text` holds `.text` ranges, `arena` `.decoded` ones.
    @inline(__always)
    mutating func append(pending: CheckpointStatsScanner.Pending, _ k: Int, text: UnsafeRawBufferPointer, arena: UnsafeRawBufferPointer) {
        switch (slots[k], pending) {
        case let (.int(i), .int(x)): ints[i].append(x)
        case let (.real(i), .real(x)): reals[i].append(x)
        case let (.decimal(i), .decimal(x)): decimals[i].append(x)
        case let (.bool(i), .bool(x)): bools[i].append(x)
        case let (.bytes(i), .text(lo, hi)): bytes[i].append(utf8: UnsafeRawBufferPointer(rebasing: text[lo..<hi]))
        case let (.bytes(i), .decoded(lo, hi)): bytes[i].append(utf8: UnsafeRawBufferPointer(rebasing: arena[lo..<hi]))
        default: appendNull(k)
        }
    }

    /// Appends a typed value (a parsed partition value), or null when it does not fit.
    mutating func append(scalar: Scalar, _ k: Int) {
        switch (slots[k], scalar) {
        case let (.int(i), .byte(x)): ints[i].append(Int64(x))
        case let (.int(i), .short(x)): ints[i].append(Int64(x))
        case let (.int(i), .integer(x)), let (.int(i), .date(x)): ints[i].append(Int64(x))
        case let (.int(i), .long(x)), let (.int(i), .timestamp(x)), let (.int(i), .timestampNtz(x)): ints[i].append(x)
        case let (.real(i), .float(x)): reals[i].append(Double(x))
        case let (.real(i), .double(x)): reals[i].append(x)
        case let (.decimal(i), .decimal(x, _, _)): decimals[i].append(x)
        case let (.bytes(i), .string(x)): bytes[i].append(x)
        case let (.bytes(i), .binary(x)): bytes[i].append(bytes: x)
        case let (.bool(i), .boolean(x)): bools[i].append(x)
        default: appendNull(k)
        }
    }

    /// Leaf `k` as a column of its type.
    func finish(_ k: Int) -> Column {
        let type = types[k]
        switch slots[k] {
        case let .int(i):
            let w = ints[i]
            let values: ColumnValues
            switch type.layout {
            case .int8: values = .int8(w.values.map { Int8(truncatingIfNeeded: $0) })
            case .int16: values = .int16(w.values.map { Int16(truncatingIfNeeded: $0) })
            case .int32: values = .int32(w.values.map { Int32(truncatingIfNeeded: $0) })
            default: values = .int64(w.values)
            }
            return Column(unchecked: type, count: w.count, validity: w.validity, values: values)
        case let .real(i):
            let w = reals[i]
            let values: ColumnValues = type == .float ? .float32(w.values.map { Float($0) }) : .float64(w.values)
            return Column(unchecked: type, count: w.count, validity: w.validity, values: values)
        case let .decimal(i):
            return Column(unchecked: type, count: decimals[i].count, validity: decimals[i].validity, values: .int128(decimals[i].values))
        case let .bytes(i):
            let c = bytes[i].finish()
            return Column(unchecked: type, count: c.count, validity: c.validity, values: c.values)
        case let .bool(i):
            return bools[i].finish()
        case let .none(i):
            return CheckpointColumns.nulls(type, count: nones[i].count)
        }
    }
}
