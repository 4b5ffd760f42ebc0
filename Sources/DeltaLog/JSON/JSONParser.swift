/// Parses JSON text (RFC 8259, strictly) into a `JSONValue`. See `JSONReader` for the grammar.
public enum JSONParser {
    /// Parses a buffer holding exactly one JSON value (whitespace around it is allowed).
    /// Throws `DeltaError(.corruptLog, "… at line L, column C")`.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
        var reader = JSONReader(bytes)
        do throws(JSONSyntaxError) {
            let value = try reader.readValue()
            reader.skipWhitespace()
            guard reader.atEnd else { throw reader.fail("unexpected \(reader.describeNext()) after the JSON value") }
            return value
        } catch {
            let (line, column) = JSONSyntaxError.lineColumn(of: error.offset, in: bytes)
            throw DeltaError(.corruptLog, "invalid JSON: \(error.message) at line \(line), column \(column)", line: line, cause: error)
        }
    }

    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0)) }
    }

    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBytes { try parse($0) }
    }
}
