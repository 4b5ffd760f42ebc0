/// An error reading or parsing text input: a schema DDL, a CSV or JSON Lines file, a value.
///
/// `message` is one line that names where the problem is
/// (`input.csv line 12, column 'price': 'abc' is not a decimal(10,2)`); the same facts are also
/// fields, so a caller can keep the error as the cause of its own and report the place its way.
public struct TextError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The whole one-line message, place included.
    public var message: String
    /// What is wrong, without the place: `'abc' is not a decimal(10,2)`.
    public var reason: String
    /// The file the text came from (or the name the caller gave the input).
    public var path: String?
    /// The 1-based line in the file.
    public var line: Int?
    /// The 1-based character position in the line, or in a one-line text such as a schema.
    public var column: Int?
    /// The table column or nested field the value was for: `price`, `a.x`, `a[1]`.
    public var field: String?

    /// An error whose message is `reason` with the place in front:
    /// `path[ line L][, column 'field']: reason[ at column C]`.
    public init(_ reason: String, path: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        var place = path ?? ""
        if let line { place += place.isEmpty ? "line \(line)" : " line \(line)" }
        if let field { place += place.isEmpty ? "column '\(field)'" : ", column '\(field)'" }
        var message = place.isEmpty ? reason : place + ": " + reason
        if let column { message += " at column \(column)" }
        self.init(message: message, reason: reason, path: path, line: line, column: column, field: field)
    }

    /// An error with its message written out in full.
    public init(message: String, reason: String, path: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil) {
        self.message = message
        self.reason = reason
        self.path = path
        self.line = line
        self.column = column
        self.field = field
    }

    /// An error in a schema DDL text: `schema: reason[ at character C]`.
    static func schema(_ reason: String, character: Int? = nil) -> TextError {
        TextError(message: "schema: " + reason + (character.map { " at character \($0)" } ?? ""),
                  reason: reason, column: character)
    }

    public var description: String { message }
}
