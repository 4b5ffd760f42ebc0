import Columnar

/// The text of single values, in the forms the readers and writers of this module use.
public enum ScalarText {
    /// Canonical JSON of a primitive scalar (`null` for null or nested ones):
    /// `12`, `"12.50"`, `"2024-01-05T10:00:00.000000Z"`.
    public static func json(_ s: Scalar) -> String {
        guard let t = s.dataType, let c = try? Column(t, [s]) else { return "null" }
        return CanonicalJSON.text(c, 0)
    }

    /// Unquoted text (the CSV / table cell form): `12.50`, `2024-01-05T10:00:00.000000Z`, base64
    /// for binary; nil for null or nested scalars.
    public static func plain(_ s: Scalar) -> String? {
        guard let t = s.dataType, let c = try? Column(t, [s]) else { return nil }
        var out: [UInt8] = []
        CanonicalJSON.appendPlain(c, 0, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads the text of one value of a primitive `type` as a CSV cell is read (blanks around
    /// non-string values ignored; dates and timestamps in `CivilTime.Dialect.isoText`; binary
    /// as base64); nil when it is not one.
    public static func parse(_ text: String, as type: DataType) -> Scalar? {
        var text = text
        return text.withUTF8 { TextValueParser.scalar($0, as: type) }
    }
}
