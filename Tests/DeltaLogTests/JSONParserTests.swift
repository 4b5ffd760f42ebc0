import Testing
import DeltaLog

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValueKeepingNumberTextAndKeyOrder() throws {
        let v = try JSONParser.parse(#" {"b":[1,-2.5e3,0.0],"a":{"x":null,"y":true,"z":false},"s":"q\"\\\/\b\f\n\r\t"} "#)
        #expect(v == .object([
            (key: "b", value: .array([.number("1"), .number("-2.5e3"), .number("0.0")])),
            (key: "a", value: .object([(key: "x", value: .null), (key: "y", value: .bool(true)), (key: "z", value: .bool(false))])),
            (key: "s", value: .string("q\"\\/\u{8}\u{C}\n\r\t")),
        ]))
    }

    @Test func keepsHugeNumbersExactly() throws {
        let text = "123456789012345678901234567890.000000000000000000001"
        #expect(try JSONParser.parse(text) == .number(text))
        #expect(try JSONParser.parse("-9223372036854775809") == .number("-9223372036854775809"))
    }

    @Test func decodesUnicodeEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\u00e9\u4E2D\uD83D\uDE00""#) == .string("é中😀"))
        #expect(try JSONParser.parse("\"é中😀\"") == .string("é中😀"))
    }

    @Test func rejectsWhatRFC8259Rejects() {
        let invalid = [
            "[1,]", "{\"a\":1,}", "{,}", "[01]", "[1.]", "[.5]", "[1e]", "[+1]", "[-]", "\"\\x\"", "\"\\u12G4\"",
            "\"\u{01}\"", "\"tab\there\"", "\"\\uD83D\"", "\"\\uDE00\"", "\"\\uD83D\\u0041\"", "tru", "nul", "[1 2]",
            "{\"a\" 1}", "{1:2}", "'a'", "", "   ", "[1] [2]", "\"unterminated", "[", "{\"a\":", "NaN", "Infinity",
        ]
        for text in invalid {
            #expect(throws: DeltaError.self, "\(text.debugDescription) must be rejected") { try JSONParser.parse(text) }
        }
    }

    @Test func rejectsInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22]] {
            #expect(throws: DeltaError.self) { try JSONParser.parse(bytes) }
        }
    }

    @Test func limitsNestingTo512Levels() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        _ = try JSONParser.parse(ok)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: DeltaError.self) { try JSONParser.parse(deep) }
        let veryDeep = String(repeating: "{\"a\":", count: 100_000)
        #expect(throws: DeltaError.self) { try JSONParser.parse(veryDeep) }
    }

    @Test func errorsGiveLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"é\": tru\n}")
            Issue.record("expected an error")
        } catch let error as DeltaError {
            #expect(error.code == .corruptLog)
            #expect(error.message.hasSuffix("at line 3, column 8"), "\(error.message)")
            #expect(error.line == 3)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let v: JSONValue = .object([(key: "k\"\\", value: .array([.string("a\u{1}\n\u{1F}é😀"), .number("1.50"), .null, .bool(false)]))])
        let text = JSONWriter.string(v)
        #expect(text == #"{"k\"\\":["a\u0001\n\u001fé😀",1.50,null,false]}"#)
        #expect(try JSONParser.parse(text) == v)
    }
}
