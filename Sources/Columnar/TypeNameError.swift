/// A type name that cannot be read (`DataType.parseTypeName`): what is wrong and where.
public struct TypeNameError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A word that names no type (`lng`, `text`).
        case unknownType
        /// A character or the end where something else must come (`array<int`).
        case syntax
        /// A decimal precision or scale, or a `varchar(n)` length, out of range.
        case invalidParameter
        /// Two fields of one struct with the same name.
        case duplicateField
        /// Types nested deeper than `DataType.maxNameDepth`.
        case tooDeep
    }

    public var code: Code
    /// What is wrong, without the position (`unknown type 'lng'`).
    public var message: String
    /// Byte offset into the UTF-8 text where the problem is (0-based).
    public var offset: Int

    public init(_ code: Code, _ message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }

    /// The 1-based character (Unicode scalar) position of `offset` in `text`, the way the
    /// schema DDL and the expression parser report positions.
    public func characterPosition(in text: String) -> Int {
        var utf8 = 0
        var characters = 0
        for scalar in text.unicodeScalars {
            if utf8 >= offset { break }
            utf8 += UTF8.width(scalar)
            characters += 1
        }
        return characters + 1
    }
}
