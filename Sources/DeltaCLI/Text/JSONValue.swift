import DeltaLog
import Foundation

/// JSON input uses DeltaLog's `JSONValue` and strict parser (numbers keep their text, objects
/// their key order); this adds the CLI's text-error wrapping and canonical output.
extension JSONValue {
    /// Parses one JSON document (surrounding whitespace allowed); errors carry line and column.
    static func parse(_ p: UnsafeBufferPointer<UInt8>) throws(TextError) -> JSONValue {
        do {
            return try JSONParser.parse(UnsafeRawBufferPointer(p))
        } catch let e as DeltaError {
            // The document is one line of the input: its position is just a column.
            throw TextError(e.message.replacingOccurrences(of: " at line 1, column ", with: " at column "))
        } catch {
            throw TextError("\(error)")
        }
    }

    static func parse(_ text: String) throws(TextError) -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (p) throws(TextError) -> JSONValue in try parse(p) }
    }

    /// Compact JSON text of the value, strings escaped as the canonical row format does.
    var text: String {
        var out: [UInt8] = []
        append(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func append(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .number(t): out.append(contentsOf: t.utf8)
        case let .string(s): CanonicalJSON.appendString(s, to: &out)
        case let .array(a):
            out.append(UInt8(ascii: "["))
            for (n, v) in a.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                v.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(o):
            out.append(UInt8(ascii: "{"))
            for (n, e) in o.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                CanonicalJSON.appendString(e.key, to: &out)
                out.append(UInt8(ascii: ":"))
                e.value.append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
