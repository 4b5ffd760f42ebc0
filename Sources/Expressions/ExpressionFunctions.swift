import Columnar

/// The functions an `Expr.function` may call (names are lower case):
///
/// | function                       | argument types                   | result                        |
/// |--------------------------------|----------------------------------|-------------------------------|
/// | `lower(s)`, `upper(s)`         | string                           | string (Unicode case mapping) |
/// | `length(s)`                    | string / binary                  | integer (characters / bytes)  |
/// | `abs(x)`                       | number                           | same type (integers wrap)     |
/// | `coalesce(a, b, …)`            | one common type                  | the first non-NULL argument   |
/// | `substring(s, pos[, len])`     | string, integer, integer         | string; 1-based, negative pos counts from the end (Spark) |
/// | `year(d)`, `month(d)`, `day(d)` | date / timestamp / timestamp_ntz | integer (UTC calendar)        |
/// | `like(s, pattern)`             | string, string literal           | boolean; `%` any run, `_` one character, `\` escapes |
public enum ExpressionFunctions {
    public static let names: Set<String> = [
        "lower", "upper", "length", "abs", "coalesce", "substring", "year", "month", "day", "like",
    ]

    static func bind(_ name: String, _ args: [(expr: Expr, type: DataType?)]) throws -> (expr: Expr, type: DataType?) {
        func arity(_ range: ClosedRange<Int>) throws {
            guard range.contains(args.count) else {
                throw ExpressionError(.typeMismatch, "\(name) takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") argument(s), not \(args.count)")
            }
        }
        func expect(_ k: Int, _ ok: (DataType) -> Bool, _ what: String, default t: DataType) throws -> Expr {
            guard let type = args[k].type else { return .cast(.literal(.null), t) }
            guard ok(type) else {
                throw ExpressionError(.typeMismatch, "argument \(k + 1) of \(name) must be \(what), but \(args[k].expr) is \(type)")
            }
            return args[k].expr
        }
        switch name {
        case "lower", "upper":
            try arity(1...1)
            return (.function(name, [try expect(0, { $0 == .string }, "a string", default: .string)]), .string)
        case "length":
            try arity(1...1)
            return (.function(name, [try expect(0, { $0 == .string || $0 == .binary }, "a string or binary", default: .string)]), .integer)
        case "abs":
            try arity(1...1)
            let e = try expect(0, TypeCoercion.isNumber, "a number", default: .integer)
            return (.function(name, [e]), args[0].type ?? .integer)
        case "coalesce":
            try arity(1...255)
            var t: DataType?
            for a in args {
                guard let c = TypeCoercion.common(t, a.type) else {
                    throw ExpressionError(.typeMismatch, "coalesce arguments have no common type: \(a.expr) is \(a.type!), others \(t!)")
                }
                t = c
            }
            guard let t else { return (.function(name, args.map(\.expr)), nil) }
            return (.function(name, try args.map { try TypeCoercion.coerce($0.expr, from: $0.type, to: t) }), t)
        case "substring":
            try arity(2...3)
            var out = [try expect(0, { $0 == .string }, "a string", default: .string)]
            for k in 1..<args.count {
                _ = try expect(k, TypeCoercion.isIntegral, "an integer", default: .integer)
                out.append(try TypeCoercion.coerce(args[k].expr, from: args[k].type, to: .integer))
            }
            return (.function(name, out), .string)
        case "year", "month", "day":
            try arity(1...1)
            return (.function(name, [try expect(0, TypeCoercion.isTemporal, "a date or timestamp", default: .date)]), .integer)
        case "like":
            try arity(2...2)
            let s = try expect(0, { $0 == .string }, "a string", default: .string)
            guard case .literal(.string) = args[1].expr else {
                throw ExpressionError(.typeMismatch, "the pattern of LIKE must be a string literal, not \(args[1].expr)")
            }
            return (.function(name, [s, args[1].expr]), .boolean)
        default:
            throw ExpressionError(.typeMismatch,
                "unknown function '\(name)'; known: \(names.sorted().joined(separator: ", "))")
        }
    }

    static func evaluate(_ name: String, _ args: [Column], rowCount n: Int) -> Column {
        switch name {
        case "lower", "upper": return caseMap(args[0], upper: name == "upper")
        case "length": return length(args[0])
        case "abs": return abs(args[0])
        case "coalesce": return coalesce(args)
        case "substring": return substring(args[0], args[1], args.count > 2 ? args[2] : nil)
        case "year", "month", "day": return datePart(name, args[0])
        case "like":
            guard case let .bytes(_, pattern) = args[1].values, args[1].count > 0, !args[1].isNull(0) else {
                return ColumnMaking.nulls(.boolean, count: n)
            }
            let first = args[1].scalar(at: 0)
            guard case let .string(p) = first else { return ColumnMaking.nulls(.boolean, count: n) }
            _ = pattern
            return like(args[0], LikePattern(p))
        default: preconditionFailure("function \(name) was not bound")
        }
    }

    private static func caseMap(_ c: Column, upper: Bool) -> Column {
        var out = BytesBuilder(capacity: c.count)
        guard case let .bytes(o, d) = c.values else { return c }
        d.withUnsafeBufferPointer { buf in
            for i in 0..<c.count {
                let bytes = UnsafeBufferPointer(rebasing: buf[Int(o[i])..<Int(o[i + 1])])
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    // ASCII fast path: no String per value.
                    let start = out.data.count
                    out.data.append(contentsOf: bytes)
                    for k in start..<out.data.count {
                        let b = out.data[k]
                        if upper, b >= 97, b <= 122 { out.data[k] = b - 32 }
                        if !upper, b >= 65, b <= 90 { out.data[k] = b + 32 }
                    }
                    out.offsets.append(Int32(truncatingIfNeeded: out.data.count))
                } else {
                    let s = String(decoding: bytes, as: UTF8.self)
                    out.append((upper ? s.uppercased() : s.lowercased()).utf8)
                }
            }
        }
        return out.finish(.string, validity: c.validity)
    }

    private static func length(_ c: Column) -> Column {
        guard case let .bytes(o, d) = c.values else { return c }
        var out = [Int32](repeating: 0, count: c.count)
        for i in 0..<c.count {
            if c.type == .binary {
                out[i] = o[i + 1] - o[i]
            } else {
                // Characters = UTF-8 bytes that are not continuation bytes.
                var k: Int32 = 0
                for j in Int(o[i])..<Int(o[i + 1]) where d[j] & 0xC0 != 0x80 { k += 1 }
                out[i] = k
            }
        }
        return Column(unchecked: .integer, count: c.count, validity: c.validity, values: .int32(out))
    }

    private static func abs(_ c: Column) -> Column {
        let values: ColumnValues
        switch c.values {
        case let .int8(a): values = .int8(a.map { $0 < 0 ? 0 &- $0 : $0 })
        case let .int16(a): values = .int16(a.map { $0 < 0 ? 0 &- $0 : $0 })
        case let .int32(a): values = .int32(a.map { $0 < 0 ? 0 &- $0 : $0 })
        case let .int64(a): values = .int64(a.map { $0 < 0 ? 0 &- $0 : $0 })
        case let .int128(a): values = .int128(a.map { $0 < 0 ? 0 &- $0 : $0 })
        case let .float32(a): values = .float32(a.map { Swift.abs($0) })
        case let .float64(a): values = .float64(a.map { Swift.abs($0) })
        default: return c
        }
        return Column(unchecked: c.type, count: c.count, validity: c.validity, values: values)
    }

    /// The first argument's value where it is valid, else the next one's, … (gathered row by row
    /// from whole columns; the arguments share one type after binding).
    private static func coalesce(_ args: [Column]) -> Column {
        var result = args[0]
        for next in args.dropFirst() {
            guard let v = result.validity else { return result }
            let take = (0..<result.count).map { v[$0] ? Int32(0) : Int32(1) }
            result = select(take, [result, next])
        }
        return result
    }

    /// Row i from `sources[which[i]]`.
    private static func select(_ which: [Int32], _ sources: [Column]) -> Column {
        let n = which.count
        var valid = Bitmap(count: n, value: false)
        for i in 0..<n where sources[Int(which[i])].isValid(i) { valid[i] = true }
        func pick<T>(_ arrays: [[T]]) -> [T] { (0..<n).map { arrays[Int(which[$0])][$0] } }
        let values: ColumnValues
        switch sources[0].values {
        case .bits:
            var b = Bitmap(count: n, value: false)
            for i in 0..<n { if case let .bits(x) = sources[Int(which[i])].values, x[i] { b[i] = true } }
            values = .bits(b)
        case .int8: values = .int8(pick(sources.map { if case let .int8(a) = $0.values { a } else { [] } }))
        case .int16: values = .int16(pick(sources.map { if case let .int16(a) = $0.values { a } else { [] } }))
        case .int32: values = .int32(pick(sources.map { if case let .int32(a) = $0.values { a } else { [] } }))
        case .int64: values = .int64(pick(sources.map { if case let .int64(a) = $0.values { a } else { [] } }))
        case .float32: values = .float32(pick(sources.map { if case let .float32(a) = $0.values { a } else { [] } }))
        case .float64: values = .float64(pick(sources.map { if case let .float64(a) = $0.values { a } else { [] } }))
        case .int128: values = .int128(pick(sources.map { if case let .int128(a) = $0.values { a } else { [] } }))
        case .bytes:
            var out = BytesBuilder(capacity: n)
            for i in 0..<n {
                guard case let .bytes(o, d) = sources[Int(which[i])].values else { preconditionFailure() }
                out.append(d[Int(o[i])..<Int(o[i + 1])])
            }
            values = .bytes(offsets: out.offsets, data: out.data)
        default:
            preconditionFailure("coalesce of nested columns is not bound")
        }
        return Column(unchecked: sources[0].type, count: n, validity: valid, values: values)
    }

    /// Spark `substring(s, pos, len)` on characters: pos 1 is the first, 0 acts as 1, negative
    /// counts from the end; a NULL pos or len gives NULL.
    private static func substring(_ s: Column, _ pos: Column, _ len: Column?) -> Column {
        guard case let .bytes(o, d) = s.values, case let .int32(p) = pos.values else { return s }
        var lens: [Int32]? = nil
        if let len, case let .int32(l) = len.values { lens = l }
        let valid = ColumnMaking.and(ColumnMaking.and(s.validity, pos.validity), len?.validity)
        var out = BytesBuilder(capacity: s.count)
        for i in 0..<s.count {
            if let valid, !valid[i] { out.appendEmpty(); continue }
            // Character start offsets of this value.
            var starts: [Int] = []
            for j in Int(o[i])..<Int(o[i + 1]) where d[j] & 0xC0 != 0x80 { starts.append(j) }
            let chars = starts.count
            let pi = Int(p[i])
            var start = pi > 0 ? pi - 1 : (pi < 0 ? chars + pi : 0)
            var end = lens.map { start + Int($0[i]) } ?? Int.max
            if start < 0 { start = 0 }
            end = min(end, chars)
            if start >= end { out.appendEmpty(); continue }
            let from = starts[start], to = end < chars ? starts[end] : Int(o[i + 1])
            out.append(d[from..<to])
        }
        return out.finish(.string, validity: valid)
    }

    private static func datePart(_ name: String, _ c: Column) -> Column {
        var out = [Int32](repeating: 0, count: c.count)
        let days: [Int64]
        switch c.values {
        case let .int32(a): days = a.map(Int64.init)
        case let .int64(a): days = a.map(CivilTime.days(ofMicros:))
        default: return c
        }
        for i in 0..<c.count {
            let (y, m, d) = CivilDate.civil(days: Int(days[i]))
            out[i] = Int32(truncatingIfNeeded: name == "year" ? y : (name == "month" ? m : d))
        }
        return Column(unchecked: .integer, count: c.count, validity: c.validity, values: .int32(out))
    }

    private static func like(_ c: Column, _ pattern: LikePattern) -> Column {
        var words = [UInt64](repeating: 0, count: (c.count + 63) >> 6)
        ColumnMaking.forEachBytes(c) { i, bytes in
            if pattern.matches(bytes) { words[i >> 6] |= 1 << UInt64(i & 63) }
        }
        return ColumnMaking.booleans(words, count: c.count, validity: c.validity)
    }
}

/// A compiled SQL LIKE pattern over UTF-8 bytes.
struct LikePattern {
    enum Token: Equatable { case byte(UInt8), anyChar, anyRun }
    let tokens: [Token]

    init(_ pattern: String) {
        var t: [Token] = []
        var escape = false
        for b in pattern.utf8 {
            if escape { t.append(.byte(b)); escape = false; continue }
            switch b {
            case UInt8(ascii: "\\"): escape = true
            case UInt8(ascii: "%"): if t.last != .anyRun { t.append(.anyRun) }
            case UInt8(ascii: "_"): t.append(.anyChar)
            default: t.append(.byte(b))
            }
        }
        if escape { t.append(.byte(UInt8(ascii: "\\"))) }
        tokens = t
    }

    /// Greedy matching with one backtrack point per `%` (linear in practice).
    func matches(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, k = 0
        var starK = -1, starI = 0
        func charEnd(_ i: Int) -> Int {
            var j = i + 1
            while j < s.count && s[j] & 0xC0 == 0x80 { j += 1 }
            return j
        }
        while i < s.count {
            if k < tokens.count {
                switch tokens[k] {
                case let .byte(b) where s[i] == b: i += 1; k += 1; continue
                case .anyChar: i = charEnd(i); k += 1; continue
                case .anyRun: starK = k; starI = i; k += 1; continue
                default: break
                }
            }
            guard starK >= 0 else { return false }
            starI = charEnd(starI)
            i = starI
            k = starK + 1
        }
        while k < tokens.count && tokens[k] == .anyRun { k += 1 }
        return k == tokens.count
    }
}
