/// The error every Columnar operation throws: a matchable code and a message that says what to do.
public struct ColumnarError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalidSchema
        case lengthMismatch
        case typeMismatch
        case outOfRange
        case overflow
        case invalidValue
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
