import Columnar

/// A value that does not fit its column: `path` is the column (with `.field` / `[i]` for nested
/// values), `message` says why (`'abc' is not a decimal(10,2)`). Readers add file and line.
struct ValueError: Error {
    var path: String
    var message: String

    /// `a decimal(10,2)`, `an int`, …
    static func aType(_ type: DataType) -> String {
        let name = type.ddlName
        return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }

    static func notA(_ shown: String, _ type: DataType, path: String) -> ValueError {
        let s = shown.count > 40 ? String(shown.prefix(39)) + "…" : shown
        return ValueError(path: path, message: "'\(s)' is not \(aType(type))")
    }
}
