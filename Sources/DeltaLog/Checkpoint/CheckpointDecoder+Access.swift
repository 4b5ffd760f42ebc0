import Columnar

/// Typed, tolerant read access to the columns of a checkpoint batch. Each accessor is resolved
/// once per batch (by field name) and then read by row index straight from the typed buffers.
/// A missing column reads as null everywhere; a column whose storage cannot hold the field's
/// kind of value throws (`FieldTypeMismatch`), which the decoder turns into a `.corruptLog`
/// error naming the file, the row and the field.
struct FieldTypeMismatch: Error {
    var field: String
    var found: DataType
    var expected: String
}

/// The children of a struct column, by name.
struct StructAccess {
    let name: String
    let validity: Bitmap?
    let present: Bool
    /// The column itself (nil when absent).
    let column: Column?
    let fields: [Field]
    let children: [Column]

    /// `column` nil → absent (every row null). Throws if the column is not a struct.
    init(_ column: Column?, name: String) throws(FieldTypeMismatch) {
        self.name = name
        guard let column else {
            present = false; validity = nil; fields = []; children = []; self.column = nil
            return
        }
        guard case let .struct(fields) = column.type, case let .structure(children) = column.values else {
            throw FieldTypeMismatch(field: name, found: column.type, expected: "a struct")
        }
        present = true
        self.column = column
        validity = column.validity
        self.fields = fields
        self.children = children
    }

    @inline(__always) func isValid(_ i: Int) -> Bool {
        guard present else { return false }
        guard let validity else { return true }
        return validity.words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    func child(_ field: String) -> Column? {
        guard let k = fields.firstIndex(where: { $0.name == field }) else { return nil }
        return children[k]
    }

    func path(_ field: String) -> String { name + "." + field }

    func string(_ field: String) throws(FieldTypeMismatch) -> StringAccess { try StringAccess(child(field), name: path(field)) }
    func int(_ field: String) throws(FieldTypeMismatch) -> IntAccess { try IntAccess(child(field), name: path(field)) }
    func bool(_ field: String) throws(FieldTypeMismatch) -> BoolAccess { try BoolAccess(child(field), name: path(field)) }
    func stringMap(_ field: String) throws(FieldTypeMismatch) -> StringMapAccess { try StringMapAccess(child(field), name: path(field)) }
    func stringList(_ field: String) throws(FieldTypeMismatch) -> StringListAccess { try StringListAccess(child(field), name: path(field)) }
    func structure(_ field: String) throws(FieldTypeMismatch) -> StructAccess { try StructAccess(child(field), name: path(field)) }
}

@inline(__always) func bitIsSet(_ bitmap: Bitmap?, _ i: Int) -> Bool {
    guard let bitmap else { return true }
    return bitmap.words[i >> 6] & (1 << UInt64(i & 63)) != 0
}

/// Strings (or binary read as UTF-8).
struct StringAccess {
    private let offsets: [Int32]
    private let data: [UInt8]
    private let validity: Bitmap?
    private let present: Bool

    init(_ column: Column?, name: String) throws(FieldTypeMismatch) {
        guard let column else { present = false; offsets = []; data = []; validity = nil; return }
        guard case let .bytes(o, d) = column.values else {
            throw FieldTypeMismatch(field: name, found: column.type, expected: "string")
        }
        present = true; offsets = o; data = d; validity = column.validity
    }

    @inline(__always) func string(_ i: Int) -> String? {
        guard present, bitIsSet(validity, i) else { return nil }
        let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
        return data.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
    }
}

/// Integers of any width (byte, short, int, long), widened to Int64.
struct IntAccess {
    private let values: [Int64]
    private let validity: Bitmap?
    private let present: Bool

    init(_ column: Column?, name: String) throws(FieldTypeMismatch) {
        guard let column else { present = false; values = []; validity = nil; return }
        switch column.values {
        case let .int64(a): values = a
        case let .int32(a): values = a.map { Int64($0) }
        case let .int16(a): values = a.map { Int64($0) }
        case let .int8(a): values = a.map { Int64($0) }
        default: throw FieldTypeMismatch(field: name, found: column.type, expected: "an integer (int or long)")
        }
        present = true; validity = column.validity
    }

    @inline(__always) func value(_ i: Int) -> Int64? {
        guard present, bitIsSet(validity, i) else { return nil }
        return values[i]
    }
}

struct BoolAccess {
    private let values: Bitmap
    private let validity: Bitmap?
    private let present: Bool

    init(_ column: Column?, name: String) throws(FieldTypeMismatch) {
        guard let column else { present = false; values = Bitmap(); validity = nil; return }
        guard case let .bits(b) = column.values else {
            throw FieldTypeMismatch(field: name, found: column.type, expected: "boolean")
        }
        present = true; values = b; validity = column.validity
    }

    @inline(__always) func value(_ i: Int) -> Bool? {
        guard present, bitIsSet(validity, i) else { return nil }
        return bitIsSet(values, i)
    }
}

/// `map<string,string>`: entries of row i are `keys/items[offsets[i]..<offsets[i+1]]`.
struct StringMapAccess {
    private let offsets: [Int32]
    private let keys: StringAccess
    private let items: StringAccess
    private let validity: Bitmap?
    private let present: Bool

    init(_ column: Column?, name: String) throws(FieldTypeMismatch) {
        guard let column else {
            present = false; offsets = []; validity = nil
            keys = try StringAccess(nil, name: name); items = keys
            return
        }
        guard case let .map(o, k, v) = column.values else {
            throw FieldTypeMismatch(field: name, found: column.type, expected: "map<string,string>")
        }
        present = true; offsets = o; validity = column.validity
        keys = try StringAccess(k, name: name + ".key")
        items = try StringAccess(v, name: name + ".value")
    }

    /// Null for a null map; entries with a null key are skipped.
    func nullableValues(_ i: Int) -> [String: String?]? {
        guard present, bitIsSet(validity, i) else { return nil }
        let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
        var out = [String: String?](minimumCapacity: hi - lo)
        for e in lo..<hi { if let k = keys.string(e) { out[k] = .some(items.string(e)) } }
        return out
    }

    /// Null for a null map; entries with a null key or value are skipped.
    func values(_ i: Int) -> [String: String]? {
        guard present, bitIsSet(validity, i) else { return nil }
        let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
        var out = [String: String](minimumCapacity: hi - lo)
        for e in lo..<hi { if let k = keys.string(e), let v = items.string(e) { out[k] = v } }
        return out
    }
}

/// `array<string>`; null elements are skipped.
struct StringListAccess {
    private let offsets: [Int32]
    private let elements: StringAccess
    private let validity: Bitmap?
    private let present: Bool

    init(_ column: Column?, name: String) throws(FieldTypeMismatch) {
        guard let column else {
            present = false; offsets = []; validity = nil
            elements = try StringAccess(nil, name: name)
            return
        }
        guard case let .list(o, child) = column.values else {
            throw FieldTypeMismatch(field: name, found: column.type, expected: "array<string>")
        }
        present = true; offsets = o; validity = column.validity
        elements = try StringAccess(child, name: name + ".element")
    }

    func values(_ i: Int) -> [String]? {
        guard present, bitIsSet(validity, i) else { return nil }
        return (Int(offsets[i])..<Int(offsets[i + 1])).compactMap { elements.string($0) }
    }
}
