import Testing
@testable import Columnar

@Suite struct TypeNameTests {
    static let accepted: [(String, DataType)] = [
        ("boolean", .boolean), ("BOOL", .boolean), ("byte", .byte), ("TinyInt", .byte), ("short", .short),
        ("smallint", .short), ("int", .integer), ("INTEGER", .integer), ("long", .long), ("bigint", .long),
        ("float", .float), ("real", .float), ("double", .double), ("string", .string), ("varchar(10)", .string),
        ("CHAR ( 1 )", .string), ("binary", .binary), ("date", .date), ("timestamp", .timestamp),
        ("TIMESTAMP_NTZ", .timestampNtz), ("decimal", .decimal(precision: 10, scale: 0)),
        ("decimal(5)", .decimal(precision: 5, scale: 0)), ("dec(38,18)", .decimal(precision: 38, scale: 18)),
        ("numeric( 10 , 2 )", .decimal(precision: 10, scale: 2)),
        ("array<int>", .array(element: Field("element", .integer))),
        ("array < array<string> >", .array(element: Field("element", .array(element: Field("element", .string))))),
        ("map<string,long>", .map(key: Field("key", .string, nullable: false), value: Field("value", .long))),
        ("struct<>", .struct([])),
        ("struct<a:int, b string not null, `c d`:date>",
         .struct([Field("a", .integer), Field("b", .string, nullable: false), Field("c d", .date)])),
        ("  int  ", .integer),
    ]

    @Test func acceptsEveryNameAndAlias() throws {
        for (text, type) in Self.accepted {
            #expect(try DataType.parseTypeName(text) == type, "\(text)")
        }
    }

    static let rejected: [(String, TypeNameError.Code, Int, String)] = [
        ("lng", .unknownType, 0, "unknown type 'lng' (types: boolean, byte, short, int, long, float, double, decimal(p,s), string, varchar(n), binary, date, timestamp, timestamp_ntz, array<t>, map<k,v>, struct<name:t,…>)"),
        ("text", .unknownType, 0, "unknown type 'text'"),
        ("varchar", .syntax, 7, "varchar needs a length: varchar(n)"),
        ("char(0)", .invalidParameter, 5, "a char length must be at least 1"),
        ("", .syntax, 0, "expected a type but found end of input"),
        ("array<int", .syntax, 9, "expected '>' but found end of input"),
        ("map<int>", .syntax, 7, "expected ',' but found '>'"),
        ("decimal(39,2)", .invalidParameter, 8, "decimal(39,2) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision"),
        ("decimal(5,6)", .invalidParameter, 8, "decimal(5,6) needs 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision"),
        ("decimal(,2)", .syntax, 8, "expected a number but found ','"),
        ("struct<x:int,x:int>", .duplicateField, 18, "duplicate field name 'x'"),
        ("struct<x int not>", .syntax, 16, "expected 'null' after 'not'"),
        ("struct<x int y>", .syntax, 13, "unexpected 'y'"),
        ("struct<`x:int>", .syntax, 7, "unterminated quoted name"),
        ("struct<``:int>", .syntax, 7, "empty name"),
        ("struct<:int>", .syntax, 7, "expected a name but found ':'"),
        ("int int", .syntax, 4, "unexpected 'i' after the type"),
    ]

    @Test func rejectsWithCodeOffsetAndMessage() {
        for (text, code, offset, message) in Self.rejected {
            let e = #expect(throws: TypeNameError.self, "\(text)") { try DataType.parseTypeName(text) }
            #expect(e?.code == code, "\(text)")
            #expect(e?.offset == offset, "\(text)")
            #expect(e?.message.hasPrefix(message) == true, "\(text): \(e?.message ?? "")")
        }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "array<", count: 200) + "int" + String(repeating: ">", count: 200)
        let e = #expect(throws: TypeNameError.self) { try DataType.parseTypeName(deep) }
        #expect(e?.code == .tooDeep)
        let ok = String(repeating: "array<", count: 100) + "int" + String(repeating: ">", count: 100)
        #expect((try? DataType.parseTypeName(ok)) != nil)
    }

    @Test func parsesAtAnOffsetAndReturnsTheEnd() throws {
        var text = "CAST(x AS map<string, array<int>>) = y"
        try text.withUTF8 { p in
            let (type, end) = try DataType.parseTypeName(p, at: 9)
            #expect(type == .map(key: Field("key", .string, nullable: false),
                                 value: Field("value", .array(element: Field("element", .integer)))))
            #expect(end == 33)
        }
        var fields = "(`a b`: int not null, c long)"
        try fields.withUTF8 { p in
            let (field, end) = try DataType.parseFieldDefinition(p, at: 1)
            #expect(field == Field("a b", .integer, nullable: false))
            #expect(end == 20)
        }
    }

    @Test func canonicalNamesReadBack() throws {
        let types: [DataType] = Self.accepted.map(\.1) + [
            .struct([Field("a b", .long, nullable: false), Field("`q`", .decimal(precision: 38, scale: 0)), Field("é", .binary)]),
            .map(key: Field("key", .date, nullable: false), value: Field("value", .struct([Field("x", .timestampNtz)]))),
        ]
        for t in types {
            #expect(try DataType.parseTypeName(t.ddlName) == t, "\(t.ddlName)")
        }
        #expect(DataType.integer.ddlName == "int")
        #expect(DataType.struct([Field("a b", .long, nullable: false), Field("`q`", .string)]).ddlName
                == "struct<`a b`:long not null,```q```:string>")
        #expect(Field("id", .long, nullable: false).ddlDefinition() == "id long not null")
    }

    @Test func positionsCountCharactersNotBytes() {
        let e = TypeNameError(.unknownType, "unknown type 'x'", offset: 4)
        #expect(e.characterPosition(in: "é, x") == 4)
        #expect(e.characterPosition(in: "ab, x") == 5)
    }
}
