import Testing
import Foundation
import Columnar
@testable import TextFormats
import DeltaLog

@Suite struct JSONLinesReaderTests {
    @Test func withSchemaEveryType() throws {
        let text = """
            {"a":true,"b":1,"c":2,"d":3,"e":4,"f":1.5,"g":"NaN","h":"12.3","i":"héllo\\n","j":"AQE=","k":"1970-01-01","l":"1970-01-01T00:00:00Z","m":"1970-01-01T00:00:00.000001","n":{"x":1},"o":[1,null],"p":{"10":"a","9":"b"},"extra":1}
            {"h":-0.5,"p":[{"key":1,"value":null}],"g":1e300}

            """
        let (_, batches) = try readJSONL(text, schema: "a boolean, b byte, c short, d int, e long, f float, g double, h decimal(5,2), i string, j binary, k date, l timestamp, m timestamp_ntz, n struct<x:int,y:string>, o array<int>, p map<int,string>")
        #expect(jsonLines(batches) == [
            #"{"a":true,"b":1,"c":2,"d":3,"e":4,"f":1.5,"g":"NaN","h":"12.30","i":"héllo\n","j":"AQE=","k":"1970-01-01","l":"1970-01-01T00:00:00.000000Z","m":"1970-01-01T00:00:00.000001","n":{"x":1,"y":null},"o":[1,null],"p":[{"key":10,"value":"a"},{"key":9,"value":"b"}]}"#,
            #"{"a":null,"b":null,"c":null,"d":null,"e":null,"f":null,"g":1e+300,"h":"-0.50","i":null,"j":null,"k":null,"l":null,"m":null,"n":null,"o":null,"p":[{"key":1,"value":null}]}"#,
        ])
    }

    @Test func inference() throws {
        let text = """
            {"id":1,"x":1,"s":"a","b":true,"n":null,"o":{"p":1},"arr":[1,2]}
            {"id":2,"x":2.5,"s":"b","b":false,"o":{"q":"z"},"arr":[],"late":"v"}
            """
        let (schema, batches) = try readJSONL(text)
        #expect(SchemaDDL.format(schema) == "id long, x double, s string, b boolean, n string, o struct<p:long,q:string>, arr array<long>, late string")
        #expect(jsonLines(batches) == [
            #"{"id":1,"x":1.0,"s":"a","b":true,"n":null,"o":{"p":1,"q":null},"arr":[1,2],"late":null}"#,
            #"{"id":2,"x":2.5,"s":"b","b":false,"n":null,"o":{"p":null,"q":"z"},"arr":[],"late":"v"}"#,
        ])
    }

    @Test func conflictingTypesBecomeString() throws {
        let (schema, batches) = try readJSONL("{\"v\":1}\n{\"v\":\"x\"}\n{\"v\":[1]}\n")
        #expect(schema.fields[0].type == .string)
        #expect(jsonLines(batches) == [#"{"v":"1"}"#, #"{"v":"x"}"#, #"{"v":"[1]"}"#])
    }

    @Test(arguments: [
        ("{\"a\":1}\n{\"a\":\"abc\"}\n", "a decimal(10,2)",
         TextError("'abc' is not a decimal(10,2)", path: "input.jsonl", line: 2, field: "a"),
         "input.jsonl line 2, column 'a': 'abc' is not a decimal(10,2)"),
        ("{\"a\":1}\n\n{\"a\":1,}\n", "a int",
         TextError("invalid JSON: expected a string key but found '}'", path: "input.jsonl", line: 3, column: 8),
         "input.jsonl line 3: invalid JSON: expected a string key but found '}' at column 8"),
        ("[1]\n", "a int", TextError("expected a JSON object, found [1]", path: "input.jsonl", line: 1),
         "input.jsonl line 1: expected a JSON object, found [1]"),
        ("{\"a\":{\"x\":\"q\"}}\n", "a struct<x:int>", TextError("'q' is not an int", path: "input.jsonl", line: 1, field: "a.x"),
         "input.jsonl line 1, column 'a.x': 'q' is not an int"),
        ("{\"a\":[1,\"q\"]}\n", "a array<int>", TextError("'q' is not an int", path: "input.jsonl", line: 1, field: "a[1]"),
         "input.jsonl line 1, column 'a[1]': 'q' is not an int"),
        ("{\"a\":1.5}\n", "a long", TextError("'1.5' is not a long", path: "input.jsonl", line: 1, field: "a"),
         "input.jsonl line 1, column 'a': '1.5' is not a long"),
        ("{\"b\":1}\n", "a long not null", TextError("null in a non-nullable column", path: "input.jsonl", line: 1, field: "a"),
         "input.jsonl line 1, column 'a': null in a non-nullable column"),
        ("{\"a\":true}\n", "a date", TextError("'true' is not a date", path: "input.jsonl", line: 1, field: "a"),
         "input.jsonl line 1, column 'a': 'true' is not a date"),
    ])
    func errors(_ text: String, _ schema: String, _ expected: TextError, _ message: String) {
        expectTextError(expected, message: message) { _ = try readJSONL(text, schema: schema) }
    }

    @Test func jsonParserEscapes() throws {
        let v = try JSONValue.parse(#"{"s":"a\u00e9\ud83d\ude00\"\/\t","n":-1.5e3,"z":[true,false,null]}"#)
        #expect(v == .object([("s", .string("aé😀\"/\t")), ("n", .number("-1.5e3")),
                              ("z", .array([.bool(true), .bool(false), .null]))]))
    }
}
