import Testing
import Columnar
@testable import DeltaCLI

@Suite struct TableFormatterTests {
    @Test func alignsNumbersRightAndEscapesControlCharacters() throws {
        let b = try batch([("id", .long), ("name", .string), ("price", .decimal(precision: 6, scale: 2))],
                          [[.long(1), .long(100)], [.string("a\tb"), .null],
                           [.decimal(5, precision: 6, scale: 2), .decimal(-12345, precision: 6, scale: 2)]])
        var t = TableFormatter(schema: b.schema)
        t.add(b)
        #expect(t.render() == """
             id  name    price
            ---  ----  -------
              1  a\\tb     0.05
            100  null  -123.45

            """)
        let long = try batch([("s", .string)], [[.string(String(repeating: "x", count: 100))]])
        var t2 = TableFormatter(schema: long.schema, maxCellWidth: 10)
        t2.add(long)
        #expect(t2.render().split(separator: "\n")[2] == "xxxxxxxxx…")
    }
}
