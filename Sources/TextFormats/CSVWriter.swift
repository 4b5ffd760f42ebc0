import Columnar

/// RFC 4180 CSV output: a header of column names, then one record per row, `\n` line ends.
/// Cells hold the canonical text form without JSON quoting (see `CanonicalJSON.appendPlain`);
/// a null is an empty field and an empty string is written `""`, so `CSVReader` reads both back.
/// Fields containing `,`, `"`, CR or LF are quoted with inner quotes doubled.
public enum CSVWriter {
    public static func appendHeader(_ schema: Schema, to out: inout [UInt8]) {
        for (j, f) in schema.fields.enumerated() {
            if j > 0 { out.append(UInt8(ascii: ",")) }
            appendField(Array(f.name.utf8), to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// Appends the rows of `batch` (the first `limit` of them when given).
    public static func appendRows(_ batch: RecordBatch, limit: Int? = nil, to out: inout [UInt8]) {
        var cell: [UInt8] = []
        for row in 0..<min(batch.rowCount, limit ?? Int.max) {
            for (j, column) in batch.columns.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                if column.isNull(row) { continue }
                cell.removeAll(keepingCapacity: true)
                CanonicalJSON.appendPlain(column, row, to: &cell)
                appendField(cell, to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// Header plus rows of one batch as a string.
    public static func format(_ batch: RecordBatch) -> String {
        var out: [UInt8] = []
        appendHeader(batch.schema, to: &out)
        appendRows(batch, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendField(_ cell: [UInt8], to out: inout [UInt8]) {
        let needsQuotes = cell.isEmpty || cell.contains { c in
            c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == 0x0A || c == 0x0D
        }
        guard needsQuotes else { out.append(contentsOf: cell); return }
        out.append(UInt8(ascii: "\""))
        for c in cell {
            if c == UInt8(ascii: "\"") { out.append(c) }
            out.append(c)
        }
        out.append(UInt8(ascii: "\""))
    }
}
