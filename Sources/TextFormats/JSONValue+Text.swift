import DeltaLog

/// JSON input uses DeltaLog's `JSONValue` and strict parser (numbers keep their text, objects
/// their key order); this adds the text-error wrapping and the compact text for messages.
extension JSONValue {
    /// Parses one JSON document that is one line of a file (surrounding whitespace allowed);
    /// a syntax error carries its character column in the line.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, path: String? = nil, line: Int? = nil) throws(TextError) -> JSONValue {
        do {
            return try JSONParser.parse(UnsafeRawBufferPointer(p))
        } catch let e as DeltaError {
            throw Self.textError(e, path: path, line: line)
        } catch {
            throw TextError("\(error)", path: path, line: line)
        }
    }

    static func parse(_ text: String) throws(TextError) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (p) throws(TextError) -> JSONValue in try parse(p) }
    }

    /// The parser's message ends in `at line 1, column C` (the document is one line): the column
    /// becomes a field of the error.
    private static func textError(_ e: DeltaError, path: String?, line: Int?) -> TextError {
        let marker = " at line 1, column "
        if let r = e.message.firstRange(of: marker), let column = Int(e.message[r.upperBound...]) {
            return TextError(String(e.message[..<r.lowerBound]), path: path, line: line, column: column)
        }
        return TextError(e.message, path: path, line: line)
    }

    /// Compact JSON text of the value (`JSONWriter`).
    var text: String { JSONWriter.string(self) }
}
