/// Builds a column of any type value by value. Storage grows in contiguous typed buffers;
/// the validity bitmap is only materialised once the first null arrives.
///
/// Typed `append` overloads are the fast path; `append(_: Scalar)` is for literals, CSV/JSON
/// input and tests.
public struct ColumnBuilder: Sendable {
    public let type: DataType
    public private(set) var count = 0
    private var validity: Bitmap?
    private var storage: Storage

    /// Only the cases that hold a builder by value are boxed: a boxed case costs a heap
    /// allocation each time the payload is put back, which the per-value appends do.
    private enum Storage: Sendable {
        case bits(Bitmap)
        case int8([Int8])
        case int16([Int16])
        case int32([Int32])
        case int64([Int64])
        case float32([Float])
        case float64([Double])
        case int128([Int128])
        case bytes(offsets: [Int32], data: [UInt8])
        case structure([ColumnBuilder])
        indirect case list(offsets: [Int32], child: ColumnBuilder)
        indirect case map(offsets: [Int32], keys: ColumnBuilder, items: ColumnBuilder)
    }

    public init(_ type: DataType, capacity: Int = 0) {
        self.type = type
        switch type.layout {
        case .bits: var b = Bitmap(); b.reserveCapacity(capacity); storage = .bits(b)
        case .int8: storage = .int8(Self.reserved(capacity))
        case .int16: storage = .int16(Self.reserved(capacity))
        case .int32: storage = .int32(Self.reserved(capacity))
        case .int64: storage = .int64(Self.reserved(capacity))
        case .float32: storage = .float32(Self.reserved(capacity))
        case .float64: storage = .float64(Self.reserved(capacity))
        case .int128: storage = .int128(Self.reserved(capacity))
        case .bytes:
            var o: [Int32] = Self.reserved(capacity + 1)
            o.append(0)
            storage = .bytes(offsets: o, data: [])
        case .structure:
            guard case let .struct(fields) = type else { preconditionFailure() }
            storage = .structure(fields.map { ColumnBuilder($0.type, capacity: capacity) })
        case .list:
            guard case let .array(element) = type else { preconditionFailure() }
            storage = .list(offsets: [0], child: ColumnBuilder(element.type))
        case .map:
            guard case let .map(k, v) = type else { preconditionFailure() }
            storage = .map(offsets: [0], keys: ColumnBuilder(k.type), items: ColumnBuilder(v.type))
        }
    }

    private static func reserved<T>(_ n: Int) -> [T] {
        var a = [T]()
        a.reserveCapacity(n)
        return a
    }

    private mutating func markValid() {
        validity?.append(true)
        count += 1
    }

    // MARK: typed appends

    public mutating func append(_ v: Bool) {
        guard case var .bits(b) = storage else { typeError("boolean") }
        storage = .int8([]); b.append(v); storage = .bits(b)
        markValid()
    }

    public mutating func append(_ v: Int8) {
        guard case var .int8(a) = storage else { typeError("Int8") }
        storage = .int8([]); a.append(v); storage = .int8(a)
        markValid()
    }

    public mutating func append(_ v: Int16) {
        guard case var .int16(a) = storage else { typeError("Int16") }
        storage = .int8([]); a.append(v); storage = .int16(a)
        markValid()
    }

    public mutating func append(_ v: Int32) {
        guard case var .int32(a) = storage else { typeError("Int32") }
        storage = .int8([]); a.append(v); storage = .int32(a)
        markValid()
    }

    public mutating func append(_ v: Int64) {
        guard case var .int64(a) = storage else { typeError("Int64") }
        storage = .int8([]); a.append(v); storage = .int64(a)
        markValid()
    }

    public mutating func append(_ v: Float) {
        guard case var .float32(a) = storage else { typeError("Float") }
        storage = .int8([]); a.append(v); storage = .float32(a)
        markValid()
    }

    public mutating func append(_ v: Double) {
        guard case var .float64(a) = storage else { typeError("Double") }
        storage = .int8([]); a.append(v); storage = .float64(a)
        markValid()
    }

    public mutating func append(_ v: Int128) {
        guard case var .int128(a) = storage else { typeError("Int128") }
        storage = .int8([]); a.append(v); storage = .int128(a)
        markValid()
    }

    /// Appends a variable-length value (UTF-8 bytes of a string, or binary).
    public mutating func append<C: Collection>(bytes v: C) where C.Element == UInt8 {
        guard case .bytes(var o, var d) = storage else { typeError("bytes") }
        storage = .int8([])
        d.append(contentsOf: v)
        precondition(d.count <= Int(Int32.max), "a string/binary column holds at most 2 GiB; split the batch")
        o.append(Int32(truncatingIfNeeded: d.count))
        storage = .bytes(offsets: o, data: d)
        markValid()
    }

    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append(bytes: $0) }
    }

    public mutating func appendNull() {
        if validity == nil { validity = Bitmap(count: count, value: true) }
        validity!.append(false)
        switch storage {
        case var .bits(b): storage = .int8([]); b.append(false); storage = .bits(b)
        case var .int8(a): storage = .int8([]); a.append(0); storage = .int8(a)
        case var .int16(a): storage = .int8([]); a.append(0); storage = .int16(a)
        case var .int32(a): storage = .int8([]); a.append(0); storage = .int32(a)
        case var .int64(a): storage = .int8([]); a.append(0); storage = .int64(a)
        case var .float32(a): storage = .int8([]); a.append(0); storage = .float32(a)
        case var .float64(a): storage = .int8([]); a.append(0); storage = .float64(a)
        case var .int128(a): storage = .int8([]); a.append(0); storage = .int128(a)
        case .bytes(var o, let d): storage = .int8([]); o.append(o.last!); storage = .bytes(offsets: o, data: d)
        case var .structure(children):
            storage = .int8([])
            for i in children.indices { children[i].appendNull() }
            storage = .structure(children)
        case .list(var o, let child): storage = .int8([]); o.append(o.last!); storage = .list(offsets: o, child: child)
        case .map(var o, let k, let v): storage = .int8([]); o.append(o.last!); storage = .map(offsets: o, keys: k, items: v)
        }
        count += 1
    }

    /// Appends any scalar; throws if it does not fit the builder's type.
    public mutating func append(_ s: Scalar) throws(ColumnarError) {
        switch (type, s) {
        case (_, .null): appendNull()
        case let (.boolean, .boolean(v)): append(v)
        case let (.byte, .byte(v)): append(v)
        case let (.short, .short(v)): append(v)
        case let (.integer, .integer(v)): append(v)
        case let (.date, .date(v)): append(v)
        case let (.long, .long(v)): append(v)
        case let (.timestamp, .timestamp(v)): append(v)
        case let (.timestampNtz, .timestampNtz(v)): append(v)
        case let (.float, .float(v)): append(v)
        case let (.double, .double(v)): append(v)
        case let (.decimal(p, s), .decimal(v, vp, vs)):
            guard vs == s, vp <= p || Decimal128.fits(v, precision: p) else {
                throw ColumnarError(.typeMismatch, "decimal(\(vp),\(vs)) value does not fit decimal(\(p),\(s))")
            }
            append(v)
        case let (.string, .string(v)): append(v)
        case let (.binary, .binary(v)): append(bytes: v)
        case let (.struct, .struct(values)):
            guard case var .structure(children) = storage, children.count == values.count else {
                throw ColumnarError(.typeMismatch, "struct value with \(values.count) fields for \(type)")
            }
            storage = .int8([])
            defer { storage = .structure(children) }
            for i in children.indices { try children[i].append(values[i]) }
            markValid()
        case let (.array, .array(values)):
            guard case .list(var o, var child) = storage else { preconditionFailure() }
            storage = .int8([])
            defer { storage = .list(offsets: o, child: child) }
            for v in values { try child.append(v) }
            o.append(Int32(child.count))
            markValid()
        case let (.map, .map(entries)):
            guard case .map(var o, var k, var v) = storage else { preconditionFailure() }
            storage = .int8([])
            defer { storage = .map(offsets: o, keys: k, items: v) }
            for e in entries {
                guard !e.key.isNull else { throw ColumnarError(.invalidValue, "map keys cannot be null") }
                try k.append(e.key)
                try v.append(e.value)
            }
            o.append(Int32(k.count))
            markValid()
        default:
            throw ColumnarError(.typeMismatch, "cannot append \(s) to a column of type \(type)")
        }
    }

    /// The finished column. The builder can keep being used afterwards.
    public func finish() -> Column {
        let values: ColumnValues
        switch storage {
        case let .bits(b): values = .bits(b)
        case let .int8(a): values = .int8(a)
        case let .int16(a): values = .int16(a)
        case let .int32(a): values = .int32(a)
        case let .int64(a): values = .int64(a)
        case let .float32(a): values = .float32(a)
        case let .float64(a): values = .float64(a)
        case let .int128(a): values = .int128(a)
        case let .bytes(o, d): values = .bytes(offsets: o, data: d)
        case let .structure(children): values = .structure(children.map { $0.finish() })
        case let .list(o, child): values = .list(offsets: o, values: child.finish())
        case let .map(o, k, v): values = .map(offsets: o, keys: k.finish(), items: v.finish())
        }
        return Column(unchecked: type, count: count, validity: validity, values: values)
    }

    private func typeError(_ what: String) -> Never {
        preconditionFailure("appending \(what) to a builder of type \(type)")
    }
}

extension Column {
    /// A column from scalars (tests, literals). Throws if a value does not fit `type`.
    public init(_ type: DataType, _ scalars: [Scalar]) throws(ColumnarError) {
        var b = ColumnBuilder(type, capacity: scalars.count)
        for s in scalars { try b.append(s) }
        self = b.finish()
    }
}
