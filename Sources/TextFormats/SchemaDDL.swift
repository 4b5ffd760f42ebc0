import Columnar

/// Spark-style schema DDL: `id long not null, name string, price decimal(10,2), tags array<string>,
/// attrs map<string,int>, s struct<a:int,b:string>`.
///
/// A comma-separated list of fields, `name [:] type [not null]`, in the type-name grammar that
/// `CAST` shares (`DataType.parseTypeName`, `spec/value-text.md`): type names are
/// case-insensitive — boolean, byte/tinyint, short/smallint, int/integer, long/bigint, float/real,
/// double, decimal(p,s) / decimal (= decimal(10,0)), string, varchar(n)/char(n) (= string),
/// binary, date, timestamp, timestamp_ntz, array<T>, map<K,V>, struct<name:T [not null], …>.
/// Names are identifiers (letters, digits, `_`) or back-quoted (`` `a b` ``, with ``` `` ``` for a
/// back-quote). Errors name the 1-based character position:
/// `schema: unknown type 'lng' (types: …) at character 4`.
public enum SchemaDDL {
    /// Parses a DDL text into a validated schema (field names unique).
    public static func parse(_ text: String) throws(TextError) -> Schema {
        guard text.contains(where: { !$0.isWhitespace }) else { throw TextError.schema("empty schema") }
        let fields: [Field]
        do {
            fields = try DataType.parseFieldList(text)
        } catch {
            throw TextError.schema(error.message, character: error.characterPosition(in: text))
        }
        let schema = Schema(fields)
        do {
            try schema.validate()
        } catch {
            throw TextError.schema(error.message)
        }
        return schema
    }

    /// The DDL text of a schema, which `parse` reads back: `id long not null, name string`.
    public static func format(_ schema: Schema) -> String {
        schema.fields.map { $0.ddlDefinition() }.joined(separator: ", ")
    }
}
