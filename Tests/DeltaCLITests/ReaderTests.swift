import Testing
import Foundation
import Columnar
@testable import DeltaCLI
import DeltaLog

@Suite struct CSVReaderTests {
    @Test func quotingCRLFAndEmbeddedNewlines() throws {
        let text = "id,name,note\r\n1,\"a,b\",\"say \"\"hi\"\"\"\r\n2,,\"line1\nline2\"\r\n3,\"\",x"
        let (schema, batches) = try readCSV(text, schema: "id long, name string, note string")
        #expect(schema.count == 3)
        #expect(jsonLines(batches) == [
            #"{"id":1,"name":"a,b","note":"say \"hi\""}"#,
            #"{"id":2,"name":null,"note":"line1\nline2"}"#,
            #"{"id":3,"name":"","note":"x"}"#,
        ])
    }

    @Test func inference() throws {
        let text = """
            l,d,b,dt,ts,tsn,s,e,nan,mixed
            1,1.5,true,2024-01-31,2024-01-01T10:00:00Z,2024-01-01 10:00:00.5,x,,NaN,1
            -9223372036854775808,2,FALSE,1969-12-31,2024-01-01T10:00:00+02:00,2024-01-01T00:00:00,y,,Infinity,a

            """
        let (schema, batches) = try readCSV(text)
        #expect(schema.fields.map(\.type) == [.long, .double, .boolean, .date, .timestamp, .timestampNtz, .string,
                                               .string, .double, .string])
        #expect(jsonLines(batches) == [
            #"{"l":1,"d":1.5,"b":true,"dt":"2024-01-31","ts":"2024-01-01T10:00:00.000000Z","tsn":"2024-01-01T10:00:00.500000","s":"x","e":null,"nan":"NaN","mixed":"1"}"#,
            #"{"l":-9223372036854775808,"d":2.0,"b":false,"dt":"1969-12-31","ts":"2024-01-01T08:00:00.000000Z","tsn":"2024-01-01T00:00:00.000000","s":"y","e":null,"nan":"Infinity","mixed":"a"}"#,
        ])
    }

    @Test func explicitTypes() throws {
        let text = """
            a,b,c,d,e,f,g,h,i,j,k,l,m
            1,2,3,4,1.5,-Infinity,12.3,true,AQE=,0001-01-01,1969-12-31T23:59:59.999999Z,2000-02-29 12:00:00,"{""x"":1,""y"":[1,2]}"

            """
        let (_, batches) = try readCSV(text, schema: "a byte, b short, c int, d long, e float, f double, g decimal(5,2), h boolean, i binary, j date, k timestamp, l timestamp_ntz, m struct<x:int,y:array<long>>")
        #expect(jsonLines(batches) == [
            #"{"a":1,"b":2,"c":3,"d":4,"e":1.5,"f":"-Infinity","g":"12.30","h":true,"i":"AQE=","j":"0001-01-01","k":"1969-12-31T23:59:59.999999Z","l":"2000-02-29T12:00:00.000000","m":{"x":1,"y":[1,2]}}"#,
        ])
    }

    @Test func schemaColumnsMatchedByName() throws {
        let (_, batches) = try readCSV("b,extra,a\n2,zz,1\n", schema: "a int, b int")
        #expect(jsonLines(batches) == [#"{"a":1,"b":2}"#])
    }

    @Test func batching() throws {
        var text = "n\n"
        for i in 0..<10 { text += "\(i)\n" }
        let (_, batches) = try readCSV(text, schema: "n long", batchRows: 4)
        #expect(batches.map(\.rowCount) == [4, 4, 2])
        let (_, inferred) = try readCSV(text, batchRows: 3)
        #expect(inferred.map(\.rowCount) == [3, 3, 3, 1])
    }

    @Test(arguments: [
        ("id,price\n1,1.0\n2,abc\n", "id int, price decimal(10,2)", "input.csv line 3, column 'price': 'abc' is not a decimal(10,2)"),
        ("x\n1\n\"\n", "x int", "input.csv line 3: unterminated quoted field"),
        ("a,b\n1,2\n3\n", "a int, b int", "input.csv line 3: expected 2 fields but found 1"),
        ("a\n300\n", "a byte", "input.csv line 2, column 'a': '300' is not a byte"),
        ("a\n99999999999\n", "a int", "input.csv line 2, column 'a': '99999999999' is not an int"),
        ("a\nyes\n", "a boolean", "input.csv line 2, column 'a': 'yes' is not a boolean"),
        ("a\n2023-02-29\n", "a date", "input.csv line 2, column 'a': '2023-02-29' is not a date"),
        ("a\n2023-01-01T00:00:00Z\n", "a timestamp_ntz", "input.csv line 2, column 'a': '2023-01-01T00:00:00Z' is not a timestamp_ntz"),
        ("a\n12:00\n", "a timestamp", "input.csv line 2, column 'a': '12:00' is not a timestamp"),
        ("a\n!!\n", "a binary", "input.csv line 2, column 'a': '!!' is not a binary"),
        ("a\n1.2.3\n", "a double", "input.csv line 2, column 'a': '1.2.3' is not a double"),
        ("a\n0x10\n", "a double", "input.csv line 2, column 'a': '0x10' is not a double"),
        ("a\n1.234\n", "a decimal(10,2)", "input.csv line 2, column 'a': '1.234' is not a decimal(10,2)"),
        ("a\n\n", "a int not null", "input.csv line 2, column 'a': empty value in a non-nullable column"),
        ("a\n1\n", "b int", "input.csv: column 'b' of the schema is not in the header (columns: a)"),
        ("a\n\"x\"y\n", "a string", "input.csv line 2: unexpected character after a closing quote"),
        ("", "a string", "input.csv: empty file (a header row is required)"),
    ])
    func errors(_ text: String, _ schema: String, _ message: String) {
        #expect(throws: TextError(message)) { try readCSV(text, schema: schema) }
    }

    @Test func lineNumbersCountEmbeddedNewlines() {
        #expect(throws: TextError("input.csv line 4, column 'n': 'x' is not a long")) {
            try readCSV("s,n\n\"a\nb\",1\nc,x\n", schema: "s string, n long")
        }
    }

    @Test func blankLinesAndBOM() throws {
        let (_, batches) = try readCSV("\u{FEFF}a,b\n1,2\n\n3,4\n", schema: "a int, b int")
        #expect(jsonLines(batches) == [#"{"a":1,"b":2}"#, #"{"a":3,"b":4}"#])
        let (_, single) = try readCSV("a\n1\n\n2\n", schema: "a int")
        #expect(jsonLines(single) == [#"{"a":1}"#, #"{"a":null}"#, #"{"a":2}"#])
    }
}

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
        ("{\"a\":1}\n{\"a\":\"abc\"}\n", "a decimal(10,2)", "input.jsonl line 2, column 'a': 'abc' is not a decimal(10,2)"),
        ("{\"a\":1}\n\n{\"a\":1,}\n", "a int", "input.jsonl line 3: invalid JSON: expected a string key but found '}' at column 8"),
        ("[1]\n", "a int", "input.jsonl line 1: expected a JSON object, found [1]"),
        ("{\"a\":{\"x\":\"q\"}}\n", "a struct<x:int>", "input.jsonl line 1, column 'a.x': 'q' is not an int"),
        ("{\"a\":[1,\"q\"]}\n", "a array<int>", "input.jsonl line 1, column 'a[1]': 'q' is not an int"),
        ("{\"a\":1.5}\n", "a long", "input.jsonl line 1, column 'a': '1.5' is not a long"),
        ("{\"b\":1}\n", "a long not null", "input.jsonl line 1, column 'a': null in a non-nullable column"),
        ("{\"a\":true}\n", "a date", "input.jsonl line 1, column 'a': 'true' is not a date"),
    ])
    func errors(_ text: String, _ schema: String, _ message: String) {
        #expect(throws: TextError(message)) { try readJSONL(text, schema: schema) }
    }

    @Test func jsonParserEscapes() throws {
        let v = try JSONValue.parse(#"{"s":"a\u00e9\ud83d\ude00\"\/\t","n":-1.5e3,"z":[true,false,null]}"#)
        #expect(v == .object([("s", .string("aé😀\"/\t")), ("n", .number("-1.5e3")),
                              ("z", .array([.bool(true), .bool(false), .null]))]))
    }
}
