import Columnar

/// Spark's schema JSON (`metaData.schemaString`), both ways.
///
/// Format (PROTOCOL.md, "Schema Serialization Format"):
/// ```
/// struct: {"type":"struct","fields":[field, …]}
/// field:  {"name":…,"type":type,"nullable":bool,"metadata":{…}}
/// type:   "string" | "long" | "integer" | "short" | "byte" | "float" | "double" | "boolean"
///         | "binary" | "date" | "timestamp" | "timestamp_ntz" | "decimal(p,s)" | "decimal"
///         | struct | {"type":"array","elementType":type,"containsNull":bool}
///         | {"type":"map","keyType":type,"valueType":type,"valueContainsNull":bool}
/// ```
/// Field metadata values are kept as their compact JSON text in `Field.metadata` (a string value
/// with its quotes), so `serialize` writes them back unchanged. An array's element and a map's
/// value nullability are the `nullable` of the element / value `Field`; map keys are never null.
public enum SchemaJSON {
    public static func parse(_ text: String) throws -> Schema {
        let json: JSONValue
        do { json = try JSONParser.parse(text) } catch let e as DeltaError {
            throw DeltaError(.invalidSchema, "the schema string is not valid JSON: \(e.message)", cause: e)
        }
        guard json["type"]?.stringValue == "struct" else {
            throw DeltaError(.invalidSchema, "the schema must be a JSON object with \"type\":\"struct\"")
        }
        return Schema(try fields(of: json, path: ""))
    }

    private static func fields(of json: JSONValue, path: String) throws -> [Field] {
        guard case let .array(items)? = json["fields"] else {
            throw DeltaError(.invalidSchema, "struct \(path.isEmpty ? "schema" : "'\(path)'") has no \"fields\" array")
        }
        return try items.map { item in
            guard let name = item["name"]?.stringValue else {
                throw DeltaError(.invalidSchema, "a field of \(path.isEmpty ? "the schema" : "'\(path)'") has no \"name\"")
            }
            let fieldPath = path.isEmpty ? name : path + "." + name
            guard let typeJSON = item["type"] else {
                throw DeltaError(.invalidSchema, "column '\(fieldPath)' has no \"type\"")
            }
            let type = try dataType(typeJSON, path: fieldPath)
            var metadata: [String: String] = [:]
            if case let .object(entries)? = item["metadata"] {
                for e in entries { metadata[e.key] = JSONWriter.string(e.value) }
            }
            let nullable = item["nullable"]?.boolValue ?? true
            return Field(name, type, nullable: nullable, metadata: metadata)
        }
    }

    private static func dataType(_ json: JSONValue, path: String) throws -> DataType {
        switch json {
        case let .string(name):
            return try primitive(name, path: path)
        case .object:
            switch json["type"]?.stringValue {
            case "struct":
                return .struct(try fields(of: json, path: path))
            case "array":
                guard let element = json["elementType"] else {
                    throw DeltaError(.invalidSchema, "array column '\(path)' has no \"elementType\"")
                }
                let type = try dataType(element, path: path + ".element")
                return .array(element: Field("element", type, nullable: json["containsNull"]?.boolValue ?? true))
            case "map":
                guard let key = json["keyType"], let value = json["valueType"] else {
                    throw DeltaError(.invalidSchema, "map column '\(path)' needs \"keyType\" and \"valueType\"")
                }
                return .map(key: Field("key", try dataType(key, path: path + ".key"), nullable: false),
                            value: Field("value", try dataType(value, path: path + ".value"),
                                         nullable: json["valueContainsNull"]?.boolValue ?? true))
            case let other?:
                throw DeltaError(.unsupportedFeature, "column '\(path)' has type '\(other)', which this version cannot read")
            case nil:
                throw DeltaError(.invalidSchema, "column '\(path)' has a type object without \"type\"")
            }
        default:
            throw DeltaError(.invalidSchema, "column '\(path)' has an invalid type \(JSONWriter.string(json))")
        }
    }

    private static func primitive(_ name: String, path: String) throws -> DataType {
        switch name {
        case "string": return .string
        case "long": return .long
        case "integer": return .integer
        case "short": return .short
        case "byte": return .byte
        case "float": return .float
        case "double": return .double
        case "boolean": return .boolean
        case "binary": return .binary
        case "date": return .date
        case "timestamp": return .timestamp
        case "timestamp_ntz": return .timestampNtz
        case "decimal": return .decimal(precision: 10, scale: 0)
        default:
            if name.hasPrefix("decimal(") && name.hasSuffix(")") {
                let inner = name.dropFirst(8).dropLast().split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingSpaces }
                if inner.count == 2, let p = Int(inner[0]), let s = Int(inner[1]),
                   (1...DataType.maxDecimalPrecision).contains(p), (0...p).contains(s) {
                    return .decimal(precision: p, scale: s)
                }
                throw DeltaError(.invalidSchema, "column '\(path)' has an invalid decimal type '\(name)' (needs 1 ≤ precision ≤ 38, 0 ≤ scale ≤ precision)")
            }
            throw DeltaError(.unsupportedFeature, "column '\(path)' has type '\(name)', which this version cannot read")
        }
    }

    /// Compact JSON in Spark's key order.
    public static func serialize(_ schema: Schema) -> String {
        var out: [UInt8] = []
        appendStruct(schema.fields, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendStruct(_ fields: [Field], to out: inout [UInt8]) {
        out.append(contentsOf: #"{"type":"struct","fields":["#.utf8)
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"name":"#.utf8)
            JSONWriter.appendString(f.name, to: &out)
            out.append(contentsOf: #","type":"#.utf8)
            appendType(f.type, to: &out)
            out.append(contentsOf: #","nullable":"#.utf8)
            out.append(contentsOf: (f.nullable ? "true" : "false").utf8)
            out.append(contentsOf: #","metadata":{"#.utf8)
            for (j, key) in f.metadata.keys.sorted().enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                appendMetadataValue(f.metadata[key]!, to: &out)
            }
            out.append(contentsOf: "}}".utf8)
        }
        out.append(contentsOf: "]}".utf8)
    }

    /// Metadata values are JSON text; a value that is not valid JSON (set by hand) is written as a string.
    private static func appendMetadataValue(_ text: String, to out: inout [UInt8]) {
        if let v = try? JSONParser.parse(text) { JSONWriter.append(v, to: &out) } else { JSONWriter.appendString(text, to: &out) }
    }

    private static func appendType(_ type: DataType, to out: inout [UInt8]) {
        switch type {
        case let .struct(fields):
            appendStruct(fields, to: &out)
        case let .array(element):
            out.append(contentsOf: #"{"type":"array","elementType":"#.utf8)
            appendType(element.type, to: &out)
            out.append(contentsOf: #","containsNull":"#.utf8)
            out.append(contentsOf: (element.nullable ? "true}" : "false}").utf8)
        case let .map(key, value):
            out.append(contentsOf: #"{"type":"map","keyType":"#.utf8)
            appendType(key.type, to: &out)
            out.append(contentsOf: #","valueType":"#.utf8)
            appendType(value.type, to: &out)
            out.append(contentsOf: #","valueContainsNull":"#.utf8)
            out.append(contentsOf: (value.nullable ? "true}" : "false}").utf8)
        default:
            JSONWriter.appendString(type.description, to: &out)
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
