import DeltaLog
import Columnar

/// JSON values → Scalars of a given type (the canonical row format, read leniently), and type
/// inference from JSON values.
enum JSONConversion {
    static func scalar(_ v: JSONValue, as type: DataType, nullable: Bool, path: String) throws(ValueError) -> Scalar {
        if case .null = v {
            guard nullable else { throw ValueError(path: path, message: "null in a non-nullable column") }
            return .null
        }
        switch type {
        case let .struct(fields):
            guard case let .object(members) = v else { throw ValueError.notA(v.shown, type, path: path) }
            var values: [Scalar] = []
            values.reserveCapacity(fields.count)
            for f in fields {
                let member = members.last(where: { $0.key == f.name })?.value ?? .null
                values.append(try scalar(member, as: f.type, nullable: f.nullable, path: path + "." + f.name))
            }
            return .struct(values)
        case let .array(element):
            guard case let .array(items) = v else { throw ValueError.notA(v.shown, type, path: path) }
            var values: [Scalar] = []
            values.reserveCapacity(items.count)
            for (n, item) in items.enumerated() {
                values.append(try scalar(item, as: element.type, nullable: element.nullable, path: path + "[\(n)]"))
            }
            return .array(values)
        case let .map(key, value):
            var entries: [(key: Scalar, value: Scalar)] = []
            switch v {
            case let .object(members):
                for (n, m) in members.enumerated() {
                    let k = try scalar(.string(m.key), as: key.type, nullable: false, path: path + "[\(n)].key")
                    entries.append((k, try scalar(m.value, as: value.type, nullable: value.nullable, path: path + "[\(n)].value")))
                }
            case let .array(items):
                for (n, item) in items.enumerated() {
                    guard case let .object(kv) = item else {
                        throw ValueError(path: path + "[\(n)]", message: "map entry \(item.shown) is not an object {\"key\":…,\"value\":…}")
                    }
                    let kj = kv.last(where: { $0.key == "key" })?.value ?? .null
                    let vj = kv.last(where: { $0.key == "value" })?.value ?? .null
                    let k = try scalar(kj, as: key.type, nullable: false, path: path + "[\(n)].key")
                    entries.append((k, try scalar(vj, as: value.type, nullable: value.nullable, path: path + "[\(n)].value")))
                }
            default:
                throw ValueError.notA(v.shown, type, path: path)
            }
            return .map(entries)
        case .string:
            if case let .string(s) = v { return .string(s) }
            return .string(v.text)
        default:
            break
        }
        // Primitive types: booleans and numbers directly, anything as text.
        let text: String
        switch (v, type) {
        case let (.bool(b), .boolean): return .boolean(b)
        case let (.string(s), _): text = s
        case let (.number(t), .byte), let (.number(t), .short), let (.number(t), .integer), let (.number(t), .long),
             let (.number(t), .float), let (.number(t), .double), let (.number(t), .decimal):
            text = t
        default:
            throw ValueError.notA(v.shown, type, path: path)
        }
        var t = text
        let parsed = t.withUTF8 { TextValueParser.scalar($0, as: type) }
        guard let s = parsed else { throw ValueError.notA(text, type, path: path) }
        return s
    }

    // MARK: inference

    indirect enum Inferred {
        case unknown, boolean, long, double, string
        case structure([(name: String, type: Inferred)])
        case array(Inferred)

        var dataType: DataType {
            switch self {
            case .unknown, .string: return .string
            case .boolean: return .boolean
            case .long: return .long
            case .double: return .double
            case let .structure(fields): return .struct(fields.map { Field($0.name, $0.type.dataType) })
            case let .array(e): return .array(element: Field("element", e.dataType))
            }
        }
    }

    static func infer(_ v: JSONValue) -> Inferred {
        switch v {
        case .null: return .unknown
        case .bool: return .boolean
        case let .number(t):
            if !t.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), Int64(t) != nil { return .long }
            return .double
        case .string: return .string
        case let .array(items): return .array(items.reduce(Inferred.unknown) { merge($0, infer($1)) })
        case let .object(members):
            return members.reduce(Inferred.structure([])) { merge($0, .structure([($1.key, infer($1.value))])) }
        }
    }

    static func merge(_ a: Inferred, _ b: Inferred) -> Inferred {
        switch (a, b) {
        case (.unknown, _): return b
        case (_, .unknown): return a
        case (.boolean, .boolean): return .boolean
        case (.long, .long): return .long
        case (.long, .double), (.double, .long), (.double, .double): return .double
        case let (.array(x), .array(y)): return .array(merge(x, y))
        case let (.structure(x), .structure(y)):
            var fields = x
            for f in y {
                if let i = fields.firstIndex(where: { $0.name == f.name }) {
                    fields[i].type = merge(fields[i].type, f.type)
                } else {
                    fields.append(f)
                }
            }
            return .structure(fields)
        default: return .string
        }
    }
}

extension JSONValue {
    /// How a value is quoted in an error message: strings raw, others as JSON text.
    var shown: String {
        if case let .string(s) = self { return s }
        return text
    }
}

extension TextValueParser {
    /// Parses text as a value of the primitive `type`; nil when it is not one.
    static func scalar(_ raw: UnsafeBufferPointer<UInt8>, as type: DataType) -> Scalar? {
        if case .string = type {
            return String(validating: raw, as: UTF8.self).map { .string($0) }
        }
        let p = trimmed(raw)
        switch type {
        case .boolean: return parseBool(p).map { .boolean($0) }
        case .byte: return parseInt64(p).flatMap { Int8(exactly: $0) }.map { .byte($0) }
        case .short: return parseInt64(p).flatMap { Int16(exactly: $0) }.map { .short($0) }
        case .integer: return parseInt64(p).flatMap { Int32(exactly: $0) }.map { .integer($0) }
        case .long: return parseInt64(p).map { .long($0) }
        case .float: return parseFloat(p).map { .float($0) }
        case .double: return parseDouble(p).map { .double($0) }
        case let .decimal(precision, scale):
            return parseDecimal(p, precision: precision, scale: scale).map { .decimal($0, precision: precision, scale: scale) }
        case .binary: return Base64.decode(p).map { .binary($0) }
        case .date: return CivilTime.parseDate(p, .isoText).map { .date($0) }
        case .timestamp: return CivilTime.parseTimestamp(p, .isoText).map { .timestamp($0) }
        case .timestampNtz: return CivilTime.parseTimestampNtz(p, .isoText).map { .timestampNtz($0) }
        default: return nil
        }
    }
}
