import Columnar
import DeltaLog

/// The canonical JSON Lines row format of the conformance pack (`shared/conformance/README.md`):
/// compact, keys in schema order, decimals as exact strings, floats as Python's `repr`, NaN/±inf as
/// strings, dates `YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SS.ffffff[Z]`, binary as base64,
/// maps as `[{"key":k,"value":v},…]` sorted by the key's canonical text, strings escaped like
/// Python's `json.dumps(ensure_ascii=False)` (`JSONWriter.appendString`, the one escaper).
/// Timestamps are `CivilTime.Style.isoMicros`.
public enum CanonicalJSON {
    /// One row as a canonical JSON object (no trailing newline).
    public static func line(_ batch: RecordBatch, _ row: Int) -> String {
        var out: [UInt8] = []
        appendLine(batch, row, to: &out)
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one row followed by `\n`.
    public static func appendLine(_ batch: RecordBatch, _ row: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (j, field) in batch.schema.fields.enumerated() {
            if j > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(field.name, to: &out)
            out.append(UInt8(ascii: ":"))
            appendValue(batch.columns[j], row, to: &out)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// Appends every row of `batch`, each followed by `\n`.
    public static func appendLines(_ batch: RecordBatch, to out: inout [UInt8]) {
        for row in 0..<batch.rowCount { appendLine(batch, row, to: &out) }
    }

    /// The canonical JSON text of one value.
    public static func text(_ column: Column, _ row: Int) -> String {
        var out: [UInt8] = []
        appendValue(column, row, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical JSON of `column[row]`.
    public static func appendValue(_ column: Column, _ row: Int, to out: inout [UInt8]) {
        if column.isNull(row) {
            out.append(contentsOf: "null".utf8)
            return
        }
        switch (column.type, column.values) {
        case let (.binary, .bytes(o, d)):
            out.append(UInt8(ascii: "\""))
            Base64.append(d[Int(o[row])..<Int(o[row + 1])], to: &out)
            out.append(UInt8(ascii: "\""))
        case let (_, .bytes(o, d)):
            d.withUnsafeBufferPointer { p in
                JSONWriter.appendString(utf8: UnsafeBufferPointer(rebasing: p[Int(o[row])..<Int(o[row + 1])]), to: &out)
            }
        case (.float, _), (.double, _):
            let t = plainScalarText(column, row)
            if t.first == "N" || t.last == "y" {   // NaN, Infinity, -Infinity
                JSONWriter.appendString(t, to: &out)
            } else {
                out.append(contentsOf: t.utf8)
            }
        case (.decimal, _), (.date, _), (.timestamp, _), (.timestampNtz, _):
            out.append(UInt8(ascii: "\""))
            appendPlain(column, row, to: &out)
            out.append(UInt8(ascii: "\""))
        case let (.struct(fields), .structure(children)):
            out.append(UInt8(ascii: "{"))
            for (j, f) in fields.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(f.name, to: &out)
                out.append(UInt8(ascii: ":"))
                appendValue(children[j], row, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let (_, .list(o, child)):
            out.append(UInt8(ascii: "["))
            for k in Int(o[row])..<Int(o[row + 1]) {
                if k > Int(o[row]) { out.append(UInt8(ascii: ",")) }
                appendValue(child, k, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let (_, .map(o, keys, items)):
            let range = Int(o[row])..<Int(o[row + 1])
            var entries: [(key: [UInt8], index: Int)] = []
            entries.reserveCapacity(range.count)
            for k in range {
                var kt: [UInt8] = []
                appendValue(keys, k, to: &kt)
                entries.append((kt, k))
            }
            // UTF-8 byte order is code-point order; ties keep their stored order.
            entries.sort { a, b in
                a.key.lexicographicallyPrecedes(b.key) || (a.key == b.key && a.index < b.index)
            }
            out.append(UInt8(ascii: "["))
            for (n, e) in entries.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: "{\"key\":".utf8)
                out.append(contentsOf: e.key)
                out.append(contentsOf: ",\"value\":".utf8)
                appendValue(items, e.index, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        default:
            appendPlain(column, row, to: &out)
        }
    }

    /// Appends the unquoted text of a non-null primitive value (numbers, booleans, decimals, dates,
    /// timestamps, float text with NaN/Infinity); strings and binary as their raw bytes / base64;
    /// nested values as canonical JSON. This is the CSV / table cell form.
    public static func appendPlain(_ column: Column, _ row: Int, to out: inout [UInt8]) {
        switch (column.type, column.values) {
        case let (.boolean, .bits(b)): out.append(contentsOf: (b[row] ? "true" : "false").utf8)
        case let (_, .int8(a)): appendInt(Int64(a[row]), to: &out)
        case let (_, .int16(a)): appendInt(Int64(a[row]), to: &out)
        case let (.date, .int32(a)): CivilTime.appendDate(days: Int64(a[row]), to: &out)
        case let (_, .int32(a)): appendInt(Int64(a[row]), to: &out)
        case let (.timestamp, .int64(a)): CivilTime.appendTimestamp(micros: a[row], .isoMicros, utc: true, to: &out)
        case let (.timestampNtz, .int64(a)): CivilTime.appendTimestamp(micros: a[row], .isoMicros, utc: false, to: &out)
        case let (_, .int64(a)): appendInt(a[row], to: &out)
        case (.float, _), (.double, _): out.append(contentsOf: plainScalarText(column, row).utf8)
        case let (.decimal(_, s), .int128(a)): out.append(contentsOf: Decimal128.format(a[row], scale: s).utf8)
        case let (.binary, .bytes(o, d)): Base64.append(d[Int(o[row])..<Int(o[row + 1])], to: &out)
        case let (_, .bytes(o, d)): out.append(contentsOf: d[Int(o[row])..<Int(o[row + 1])])
        default: appendValue(column, row, to: &out)
        }
    }

    static func plainScalarText(_ column: Column, _ row: Int) -> String {
        switch column.values {
        case let .float32(a): return FloatText.format(a[row])
        case let .float64(a): return FloatText.format(a[row])
        default: preconditionFailure("not a float column")
        }
    }

    /// Appends the decimal digits of `v` (no allocation).
    static func appendInt(_ v: Int64, to out: inout [UInt8]) {
        if v >= 0 && v < 10 { out.append(UInt8(48 + v)); return }
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var m = v.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            var k = buffer.count
            while m > 0 {
                k -= 1
                buffer[k] = UInt8(truncatingIfNeeded: 48 &+ m % 10)
                m /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[k...]))
        }
    }
}
