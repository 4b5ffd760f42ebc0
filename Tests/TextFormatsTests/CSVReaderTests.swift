import Testing
import Foundation
import Columnar
@testable import TextFormats
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
        ("id,price\n1,1.0\n2,abc\n", "id int, price decimal(10,2)",
         TextError("'abc' is not a decimal(10,2)", path: "input.csv", line: 3, field: "price"),
         "input.csv line 3, column 'price': 'abc' is not a decimal(10,2)"),
        ("x\n1\n\"\n", "x int", TextError("unterminated quoted field", path: "input.csv", line: 3),
         "input.csv line 3: unterminated quoted field"),
        ("a,b\n1,2\n3\n", "a int, b int", TextError("expected 2 fields but found 1", path: "input.csv", line: 3),
         "input.csv line 3: expected 2 fields but found 1"),
        ("a\n300\n", "a byte", TextError("'300' is not a byte", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '300' is not a byte"),
        ("a\n99999999999\n", "a int", TextError("'99999999999' is not an int", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '99999999999' is not an int"),
        ("a\nyes\n", "a boolean", TextError("'yes' is not a boolean", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': 'yes' is not a boolean"),
        ("a\n2023-02-29\n", "a date", TextError("'2023-02-29' is not a date", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '2023-02-29' is not a date"),
        ("a\n2023-01-01T00:00:00Z\n", "a timestamp_ntz",
         TextError("'2023-01-01T00:00:00Z' is not a timestamp_ntz", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '2023-01-01T00:00:00Z' is not a timestamp_ntz"),
        ("a\n12:00\n", "a timestamp", TextError("'12:00' is not a timestamp", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '12:00' is not a timestamp"),
        ("a\n2023-01-01Z\n", "a timestamp", TextError("'2023-01-01Z' is not a timestamp", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '2023-01-01Z' is not a timestamp"),
        ("a\n!!\n", "a binary", TextError("'!!' is not a binary", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '!!' is not a binary"),
        ("a\n1.2.3\n", "a double", TextError("'1.2.3' is not a double", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '1.2.3' is not a double"),
        ("a\n0x10\n", "a double", TextError("'0x10' is not a double", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '0x10' is not a double"),
        ("a\n1.234\n", "a decimal(10,2)", TextError("'1.234' is not a decimal(10,2)", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': '1.234' is not a decimal(10,2)"),
        ("a\n\n", "a int not null", TextError("empty value in a non-nullable column", path: "input.csv", line: 2, field: "a"),
         "input.csv line 2, column 'a': empty value in a non-nullable column"),
        ("a\n1\n", "b int", TextError("column 'b' of the schema is not in the header (columns: a)", path: "input.csv"),
         "input.csv: column 'b' of the schema is not in the header (columns: a)"),
        ("a\n\"x\"y\n", "a string", TextError("unexpected character after a closing quote", path: "input.csv", line: 2),
         "input.csv line 2: unexpected character after a closing quote"),
        ("", "a string", TextError("empty file (a header row is required)", path: "input.csv"),
         "input.csv: empty file (a header row is required)"),
    ])
    func errors(_ text: String, _ schema: String, _ expected: TextError, _ message: String) {
        expectTextError(expected, message: message) { _ = try readCSV(text, schema: schema) }
    }

    @Test func lineNumbersCountEmbeddedNewlines() {
        expectTextError(TextError("'x' is not a long", path: "input.csv", line: 4, field: "n"),
                        message: "input.csv line 4, column 'n': 'x' is not a long") {
            _ = try readCSV("s,n\n\"a\nb\",1\nc,x\n", schema: "s string, n long")
        }
    }

    @Test func datesAndTimestampsAreISOText() throws {
        let text = "d,t,n\n2024-01-05,2024-01-05t10:00:00z,2024-01-05 10:00\n2024-01-06,2024-01-05T10:00:00.1234560+01:00,2024-01-05T10:00:00.5\n"
        let (schema, batches) = try readCSV(text)
        #expect(schema.fields.map(\.type) == [.date, .timestamp, .timestampNtz])
        #expect(jsonLines(batches) == [
            #"{"d":"2024-01-05","t":"2024-01-05T10:00:00.000000Z","n":"2024-01-05T10:00:00.000000"}"#,
            #"{"d":"2024-01-06","t":"2024-01-05T09:00:00.123456Z","n":"2024-01-05T10:00:00.500000"}"#,
        ])
        // Spark-only forms (one-digit fields, 'UTC') are not ISO text: the column stays a string.
        let (loose, _) = try readCSV("d,t\n2024-1-5,2024-01-05 10:00:00UTC\n")
        #expect(loose.fields.map(\.type) == [.string, .string])
    }

    @Test func blankLinesAndBOM() throws {
        let (_, batches) = try readCSV("\u{FEFF}a,b\n1,2\n\n3,4\n", schema: "a int, b int")
        #expect(jsonLines(batches) == [#"{"a":1,"b":2}"#, #"{"a":3,"b":4}"#])
        let (_, single) = try readCSV("a\n1\n\n2\n", schema: "a int")
        #expect(jsonLines(single) == [#"{"a":1}"#, #"{"a":null}"#, #"{"a":2}"#])
    }
}
