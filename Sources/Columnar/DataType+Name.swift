/// Type names as the schema DDL and `CAST(… AS type)` write them, read and written in one place.
///
/// ```
/// type    := boolean | bool | byte | tinyint | short | smallint | int | integer | long | bigint
///          | float | real | double | string | binary | date | timestamp | timestamp_ntz
///          | (decimal | dec | numeric) [ '(' precision [ ',' scale ] ')' ]   -- decimal(10,0) alone
///          | (varchar | char) '(' length ')'                                 -- string
///          | array '<' type '>'
///          | map '<' type ',' type '>'
///          | struct '<' [ field { ',' field } ] '>'
/// field   := name [ ':' ] type [ not null ]
/// name    := identifier | '`' { any character, '``' for '`' } '`'
/// ```
///
/// Words are case-insensitive; identifiers are letters, digits and `_`; blanks may stand
/// between any two tokens. An array's elements and a map's values are nullable, its keys not.
extension DataType {
    /// How deep `array<…>`, `map<…>` and `struct<…>` may nest in one name.
    public static let maxNameDepth = 100

    /// Reads a type name from UTF-8 text, starting at `offset` (blanks before it are skipped).
    /// Returns the type and the offset just past its last character.
    public static func parseTypeName(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) throws(TypeNameError) -> (type: DataType, end: Int) {
        var p = TypeNameParser(utf8, at: offset)
        let type = try p.type()
        return (type, p.i)
    }

    /// Reads a field, `name [:] type [not null]`, from UTF-8 text at `offset`: an entry of
    /// `struct<…>`, or a column of a schema DDL.
    public static func parseFieldDefinition(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) throws(TypeNameError) -> (field: Field, end: Int) {
        var p = TypeNameParser(utf8, at: offset)
        let field = try p.field()
        return (field, p.i)
    }

    /// Reads a whole text as a list of fields, `field { ',' field }` (a schema DDL's columns).
    /// Names are not checked for duplicates here (`Schema.validate` does that).
    public static func parseFieldList(_ text: String) throws(TypeNameError) -> [Field] {
        var text = text
        let result = text.withUTF8 { p in
            Result { () throws(TypeNameError) -> [Field] in
                var parser = TypeNameParser(p, at: 0)
                var fields: [Field] = []
                repeat { fields.append(try parser.field()) } while parser.accept(UInt8(ascii: ","))
                parser.skipBlanks()
                guard parser.atEnd else {
                    throw TypeNameError(.syntax, "expected ',' but found \(parser.describeHere())", offset: parser.i)
                }
                return fields
            }
        }
        return try result.get()
    }

    /// Reads a whole text as one type name (blanks around it allowed).
    public static func parseTypeName(_ text: String) throws(TypeNameError) -> DataType {
        var text = text
        let result = text.withUTF8 { p in
            Result { () throws(TypeNameError) -> DataType in
                var parser = TypeNameParser(p, at: 0)
                let type = try parser.type()
                parser.skipBlanks()
                guard parser.atEnd else { throw parser.unexpected("after the type") }
                return type
            }
        }
        return try result.get()
    }

    /// The canonical name, which `parseTypeName` reads back: `int`, `long`, `decimal(10,2)`,
    /// `array<string>`, `map<string,int>`, `struct<a:int,`b c`:string not null>`.
    /// (`description` is the Delta schema JSON name instead: `integer`.)
    public var ddlName: String {
        switch self {
        case .boolean: return "boolean"
        case .byte: return "byte"
        case .short: return "short"
        case .integer: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case let .decimal(p, s): return "decimal(\(p),\(s))"
        case .string: return "string"
        case .binary: return "binary"
        case .date: return "date"
        case .timestamp: return "timestamp"
        case .timestampNtz: return "timestamp_ntz"
        case let .array(element): return "array<\(element.type.ddlName)>"
        case let .map(key, value): return "map<\(key.type.ddlName),\(value.type.ddlName)>"
        case let .struct(fields): return "struct<" + fields.map { $0.ddlDefinition(separator: ":") }.joined(separator: ",") + ">"
        }
    }
}

extension Field {
    /// `name type[ not null]` with the name quoted when it must be (a schema DDL puts `" "`
    /// between name and type, `struct<…>` puts `":"`).
    public func ddlDefinition(separator: String = " ") -> String {
        Field.ddlQuoted(name) + separator + type.ddlName + (nullable ? "" : " not null")
    }

    /// A field name as the DDL writes it: as is when it is an identifier, else back-quoted
    /// with inner back-quotes doubled (`` `a b` ``).
    public static func ddlQuoted(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy(TypeNameParser.isIdentifier)
        return plain ? name : "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`"
    }
}
