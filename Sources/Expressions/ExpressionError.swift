/// The error the Expressions module throws: a matchable code, a message, and the character
/// position in the predicate text when the error comes from parsing.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The text is not a valid expression.
        case syntax
        /// A column name that the schema does not have.
        case unknownColumn
        /// Operand types that cannot be combined (after the allowed implicit casts).
        case typeMismatch
        /// A literal that cannot be read as its type (`DATE '2024-13-01'`).
        case invalidLiteral
        /// Arithmetic overflow or division by zero where the operation must fail.
        case arithmetic
    }

    public var code: Code
    public var message: String
    /// 1-based character position in the source text, when known.
    public var position: Int?

    public init(_ code: Code, _ message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    public var description: String {
        position.map { "\(code.rawValue) at character \($0): \(message)" } ?? "\(code.rawValue): \(message)"
    }
}
