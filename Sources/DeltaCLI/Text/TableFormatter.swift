import Columnar
import TextFormats

/// An aligned text table for people: a header of column names, a rule, then one line per row.
/// Numbers are right-aligned, other values left-aligned; nulls show as `null`; cells longer than
/// `maxCellWidth` characters are cut and end in `…`; control characters are shown escaped (`\n`).
public struct TableFormatter {
    public let schema: Schema
    public let maxCellWidth: Int
    private var rows: [[String]] = []

    public init(schema: Schema, maxCellWidth: Int = 40) {
        self.schema = schema
        self.maxCellWidth = max(maxCellWidth, 2)
    }

    public var rowCount: Int { rows.count }

    /// Adds the rows of `batch` (its schema must be `schema`), at most `limit` of them.
    public mutating func add(_ batch: RecordBatch, limit: Int? = nil) {
        let n = min(batch.rowCount, limit ?? Int.max)
        var buf: [UInt8] = []
        for row in 0..<n {
            var cells: [String] = []
            cells.reserveCapacity(batch.columns.count)
            for column in batch.columns {
                if column.isNull(row) { cells.append("null"); continue }
                buf.removeAll(keepingCapacity: true)
                CanonicalJSON.appendPlain(column, row, to: &buf)
                cells.append(clip(display(buf)))
            }
            rows.append(cells)
        }
    }

    func display(_ bytes: [UInt8]) -> String {
        guard bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return String(decoding: bytes, as: UTF8.self) }
        var out = ""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    func clip(_ s: String) -> String {
        guard s.count > maxCellWidth else { return s }
        return String(s.prefix(maxCellWidth - 1)) + "…"
    }

    public func render() -> String {
        let headers = schema.fields.map { clip($0.name) }
        let rightAligned = schema.fields.map { f -> Bool in
            switch f.type {
            case .byte, .short, .integer, .long, .float, .double, .decimal: return true
            default: return false
            }
        }
        var widths = headers.map(\.count)
        for r in rows {
            for (j, c) in r.enumerated() { widths[j] = max(widths[j], c.count) }
        }
        func pad(_ s: String, _ j: Int) -> String {
            let fill = String(repeating: " ", count: widths[j] - s.count)
            return rightAligned[j] ? fill + s : s + fill
        }
        func line(_ cells: [String]) -> String {
            var l = cells.enumerated().map { pad($0.element, $0.offset) }.joined(separator: "  ")
            while l.last == " " { l.removeLast() }
            return l + "\n"
        }
        var out = line(headers)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for r in rows { out += line(r) }
        return out
    }
}
