import Testing
import Columnar
@testable import DeltaCLI

@Suite struct SchemaDDLTests {
    @Test func parsesEveryType() throws {
        let s = try SchemaDDL.parse("""
            id long not null, name string, price decimal(10,2), tags array<string>, \
            attrs map<string,int>, s struct<a:int,b:string>
            """)
        #expect(s.fields.map(\.name) == ["id", "name", "price", "tags", "attrs", "s"])
        #expect(s.fields[0] == Field("id", .long, nullable: false))
        #expect(s.fields[2].type == .decimal(precision: 10, scale: 2))
        #expect(s.fields[3].type == .array(element: Field("element", .string)))
        #expect(s.fields[4].type == .map(key: Field("key", .string, nullable: false), value: Field("value", .integer)))
        #expect(s.fields[5].type == .struct([Field("a", .integer), Field("b", .string)]))
    }

    @Test func aliasesAndCase() throws {
        let s = try SchemaDDL.parse("a BOOLEAN, b TinyInt, c smallint, d INTEGER, e bigint, f real, g Double, h DECIMAL, i binary, j date, k TIMESTAMP, l timestamp_ntz, m byte, n short")
        #expect(s.fields.map(\.type) == [.boolean, .byte, .short, .integer, .long, .float, .double,
                                         .decimal(precision: 10, scale: 0), .binary, .date, .timestamp, .timestampNtz, .byte, .short])
    }

    @Test func nestedAndQuoted() throws {
        let text = "`a b` array<map<string,array<struct<x:int not null,`y``z`:decimal(38,18)>>>>, c map<int,struct<d:date>> not null"
        let s = try SchemaDDL.parse(text)
        #expect(s.fields[0].name == "a b")
        #expect(!s.fields[1].nullable)
        #expect(SchemaDDL.format(s) == text)
        #expect(try SchemaDDL.parse(SchemaDDL.format(s)) == s)
    }

    @Test func roundTrip() throws {
        let text = "id long not null, name string, price decimal(10,2), tags array<string>, attrs map<string,int>, s struct<a:int,b:string>"
        #expect(SchemaDDL.format(try SchemaDDL.parse(text)) == text)
    }

    @Test(arguments: [
        ("id lng", "schema: unknown type 'lng' at character 4"),
        ("", "schema: empty schema"),
        ("id long,", "schema: expected a column name but found end of input at character 9"),
        ("a array<int", "schema: expected '>' but found end of input at character 12"),
        ("a decimal(39,2)", "schema: decimal(39,2) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision at character 11"),
        ("a int not", "schema: expected 'null' after 'not' at character 10"),
        ("a int, a long", "schema: duplicate column name 'a'"),
        ("a int b", "schema: unexpected 'b' at character 7"),
        ("a map<int>", "schema: expected ',' but found '>' at character 10"),
        ("a struct<x:int,x:int>", "schema: duplicate field name 'x' at character 21"),
    ])
    func errors(_ text: String, _ message: String) {
        #expect(throws: TextError(message)) { try SchemaDDL.parse(text) }
    }
}
