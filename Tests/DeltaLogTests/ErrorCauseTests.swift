import Testing
@testable import DeltaLog

/// DeltaLog's errors keep the error they report as `cause`: the JSON syntax error with its byte
/// offset under a commit line or a schema / statistics string.
@Suite struct DeltaLogErrorCauseTests {
    @Test func commitLineErrorKeepsTheJSONSyntaxErrorAndItsOffset() throws {
        let bytes = Array("{\"txn\":{\"appId\":\"a\",\"version\":1}}\n{\"add\": {\"path\": tru}}\n".utf8)
        let e = try #require(throws: DeltaError.self) { try ActionCodec.parseCommit(bytes, path: "_delta_log/1.json") }
        #expect(e.code == .corruptLog && e.line == 2 && e.path == "_delta_log/1.json")
        let syntax = try #require(e.cause as? JSONSyntaxError, "cause: \(String(describing: e.cause))")
        // Line 2 starts at byte 34; the bad literal `tru` at column 18 of it.
        #expect(syntax.offset == 34 + 17, "\(syntax)")
        #expect(e.message.contains("(column 18)"), "\(e.message)")

        let one = try #require(throws: DeltaError.self) { try ActionCodec.parseAction("{\"txn\": [}") }
        #expect(one.code == .corruptLog)
        #expect((one.cause as? JSONSyntaxError)?.offset == 8, "the txn value starts at byte 8 and is not an object")
    }

    @Test func jsonParserErrorKeepsTheSyntaxError() throws {
        let e = try #require(throws: DeltaError.self) { try JSONParser.parse("{\"a\":\n 1,}") }
        #expect(e.code == .corruptLog && e.line == 2)
        #expect((e.cause as? JSONSyntaxError)?.offset == 9)
    }

    @Test func schemaStringThatIsNotJSONIsInvalidSchemaWithTheJSONError() throws {
        let e = try #require(throws: DeltaError.self) { try SchemaJSON.parse("{\"type\":\"struct\",") }
        #expect(e.code == .invalidSchema)
        let json = try #require(e.cause as? DeltaError)
        #expect(json.code == .corruptLog && json.line == 1)
        #expect(json.cause is JSONSyntaxError)
    }

    @Test func statisticsThatAreNotJSONAreInvalidValueWithTheJSONError() throws {
        let e = try #require(throws: DeltaError.self) { try FileStatistics.parse("{\"numRecords\": 3,,}") }
        #expect(e.code == .invalidValue)
        let json = try #require(e.cause as? DeltaError)
        #expect((json.cause as? JSONSyntaxError)?.offset == 17)
    }
}
