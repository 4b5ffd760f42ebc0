/// An error reading or parsing text input (schema DDL, CSV, JSON Lines). `message` is one line
/// that names where the problem is (position, file, line, column).
public struct TextError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
