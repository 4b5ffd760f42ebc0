import Testing
import Columnar
@testable import TextFormats

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
        let s = try SchemaDDL.parse("a BOOLEAN, b TinyInt, c smallint, d INTEGER, e bigint, f real, g Double, h DECIMAL, i binary, j date, k TIMESTAMP, l timestamp_ntz, m byte, n short, o VARCHAR(20), p char(1), q numeric(5,1)")
        #expect(s.fields.map(\.type) == [.boolean, .byte, .short, .integer, .long, .float, .double,
                                         .decimal(precision: 10, scale: 0), .binary, .date, .timestamp, .timestampNtz, .byte, .short,
                                         .string, .string, .decimal(precision: 5, scale: 1)])
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

    static let typeList = "(types: boolean, byte, short, int, long, float, double, decimal(p,s), string, varchar(n), binary, date, timestamp, timestamp_ntz, array<t>, map<k,v>, struct<name:t,…>)"

    @Test(arguments: [
        ("id lng", "unknown type 'lng' \(typeList)", 4),
        ("a text", "unknown type 'text' \(typeList)", 3),
        ("a varchar", "varchar needs a length: varchar(n)", 10),
        ("", "empty schema", nil),
        (" \t", "empty schema", nil),
        ("id long,", "expected a name but found end of input", 9),
        ("a array<int", "expected '>' but found end of input", 12),
        ("a decimal(39,2)", "decimal(39,2) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision", 11),
        ("a int not", "expected 'null' after 'not'", 10),
        ("a int, a long", "duplicate column name 'a'", nil),
        ("a int b", "unexpected 'b'", 7),
        ("a int)", "expected ',' but found ')'", 6),
        ("a map<int>", "expected ',' but found '>'", 10),
        ("a struct<x:int,x:int>", "duplicate field name 'x'", 21),
        ("é int, b lng", "unknown type 'lng' \(typeList)", 10),
    ] as [(String, String, Int?)])
    func errors(_ text: String, _ reason: String, _ character: Int?) {
        let message = "schema: " + reason + (character.map { " at character \($0)" } ?? "")
        expectTextError(TextError(message: message, reason: reason, column: character), message: message) {
            _ = try SchemaDDL.parse(text)
        }
    }
}
