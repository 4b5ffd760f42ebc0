import Columnar

/// Partition values as the protocol serializes them in `add.partitionValues` (PROTOCOL.md,
/// "Partition Value Serialization"): strings, `nil` for null.
public enum PartitionValue {
    /// Protocol serialization: nil for null; strings as is; integers and decimals as plain decimal
    /// text; booleans "true"/"false"; floats as their shortest text ("NaN", "Infinity",
    /// "-Infinity" as Java writes them); date "YYYY-MM-DD"; timestamp "YYYY-MM-DD HH:MM:SS[.f…]"
    /// as Spark writes it (UTC; the fraction only when non-zero, trailing zeros dropped:
    /// `CivilTime.Style.partitionValue`); timestamp_ntz the same; binary as the bytes mapped to
    /// code points U+0000–U+00FF. Nested values have no serialization (nil).
    public static func serialize(_ value: Scalar) -> String? {
        switch value {
        case .null: return nil
        case let .boolean(b): return b ? "true" : "false"
        case let .byte(v): return String(v)
        case let .short(v): return String(v)
        case let .integer(v): return String(v)
        case let .long(v): return String(v)
        case let .float(v): return floatText(Double(v), v.description)
        case let .double(v): return floatText(v, v.description)
        case let .decimal(v, _, s): return Decimal128.format(v, scale: s)
        case let .string(s): return s
        case let .binary(bytes):
            var scalars = String.UnicodeScalarView()
            for b in bytes { scalars.append(Unicode.Scalar(b)) }
            return String(scalars)
        case let .date(d): return CivilTime.formatDate(days: Int64(d))
        case let .timestamp(t), let .timestampNtz(t):
            return CivilTime.formatTimestamp(micros: t, .partitionValue, utc: false)
        case .struct, .array, .map: return nil
        }
    }

    private static func floatText(_ v: Double, _ description: String) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        return description
    }

    /// Parses a serialized value as `type`. Accepts what other writers produce: dates and
    /// timestamps as Spark reads them (`CivilTime.Dialect.partitionValue`: "YYYY-MM-DD
    /// HH:MM:SS[.f…]" or ISO-8601 with 'T' and 'Z' or an offset, converted to UTC; zone-less text
    /// is read as UTC; a timestamp_ntz drops a zone), decimals with fewer fraction digits or an
    /// exponent, "" for a string. `nil` → `.null`. Throws `DeltaError(.invalidValue)` naming the
    /// column and the text.
    public static func parse(_ text: String?, as type: DataType, column: String) throws -> Scalar {
        guard let text else { return .null }
        func bad(_ why: String = "") -> DeltaError {
            DeltaError(.invalidValue, "partition column '\(column)' of type \(type) has value '\(text)' that is not a valid \(type)\(why)")
        }
        let trimmed = type == .string || type == .binary ? Substring(text) : Substring(text).trimmingSpaces
        switch type {
        case .string: return .string(text)
        case .boolean:
            switch trimmed.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: throw bad()
            }
        case .byte: guard let v = Int8(trimmed) else { throw bad() }; return .byte(v)
        case .short: guard let v = Int16(trimmed) else { throw bad() }; return .short(v)
        case .integer: guard let v = Int32(trimmed) else { throw bad() }; return .integer(v)
        case .long: guard let v = Int64(trimmed) else { throw bad() }; return .long(v)
        case .float: guard let v = Float(javaFloatText(trimmed)) else { throw bad() }; return .float(v)
        case .double: guard let v = Double(javaFloatText(trimmed)) else { throw bad() }; return .double(v)
        case let .decimal(p, s):
            guard let v = DecimalText.parse(trimmed, precision: p, scale: s) else {
                throw bad(" (it must be a number that fits decimal(\(p),\(s)) without rounding)")
            }
            return .decimal(v, precision: p, scale: s)
        case .date:
            var t = trimmed
            guard let d = t.withUTF8({ CivilTime.parseDate($0, .partitionValue) }) else {
                throw bad(" (expected YYYY-MM-DD)")
            }
            return .date(d)
        case .timestamp, .timestampNtz:
            var t = trimmed
            let micros = t.withUTF8 { p in
                type == .timestamp ? CivilTime.parseTimestamp(p, .partitionValue) : CivilTime.parseTimestampNtz(p, .partitionValue)
            }
            guard let micros else {
                throw bad(" (expected YYYY-MM-DD HH:MM:SS[.ffffff] or ISO-8601)")
            }
            return type == .timestamp ? .timestamp(micros) : .timestampNtz(micros)
        case .binary:
            var bytes: [UInt8] = []
            for u in text.unicodeScalars {
                guard u.value <= 0xFF else { throw bad(" (binary values map each byte to U+0000–U+00FF)") }
                bytes.append(UInt8(u.value))
            }
            return .binary(bytes)
        case .struct, .array, .map:
            throw DeltaError(.invalidValue, "partition column '\(column)' has nested type \(type), which cannot be a partition column")
        }
    }

    /// Java's spellings of the special values in Swift's.
    private static func javaFloatText(_ s: Substring) -> Substring {
        switch s {
        case "Infinity", "+Infinity": return "inf"
        case "-Infinity": return "-inf"
        case "NaN": return "nan"
        default: return s
        }
    }
}
