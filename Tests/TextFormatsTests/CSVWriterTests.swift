import Testing
import Columnar
@testable import TextFormats

@Suite struct CSVWriterTests {
    @Test func csvWriterQuotesAndNulls() throws {
        let b = try batch([("id", .long), ("s", .string), ("d", .double), ("arr", .array(element: Field("element", .integer)))],
                          [[.long(1), .long(2), .null],
                           [.string("a,b"), .string("say \"hi\"\nbye"), .string("")],
                           [.double(.nan), .double(1.5), .null],
                           [.array([.integer(1), .integer(2)]), .null, .array([])]])
        #expect(CSVWriter.format(b) == "id,s,d,arr\n1,\"a,b\",NaN,\"[1,2]\"\n2,\"say \"\"hi\"\"\nbye\",1.5,\n,\"\",,[]\n")
    }

    @Test func csvRoundTrip() throws {
        let b = try batch([("id", .long), ("s", .string), ("t", .timestamp), ("m", .decimal(precision: 6, scale: 2))],
                          [[.long(-1), .null], [.string("x\r\ny"), .string("")], [.timestamp(-1), .null],
                           [.decimal(-5, precision: 6, scale: 2), .null]])
        let (_, back) = try readCSV(CSVWriter.format(b), schema: "id long, s string, t timestamp, m decimal(6,2)")
        #expect(jsonLines(back) == jsonLines([b]))
    }
}
