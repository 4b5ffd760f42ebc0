import ArgumentParser
import Columnar
import Parquet
import TextFormats

/// `deltactl parquet cat FILE [--columns a,b] [--format table|jsonl|csv] [--limit N]`.
/// Reads row group by row group, decoding only the selected columns.
public struct ParquetCatCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print the rows of a Parquet file as a table, canonical JSON Lines or CSV.")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case table, jsonl, csv }

    @OptionGroup public var options: ParquetFileOptions

    @Option(help: "Comma-separated column names to print, in this order (default: all).")
    public var columns: String?

    @Option(help: "Output format: table, jsonl or csv.")
    public var format: Format = .table

    @Option(help: "Print at most this many rows.")
    public var limit: Int?

    public init() {}

    public func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
    }

    public func run() throws {
        try reportingErrors {
            let reader = try options.open()
            let all = reader.schema
            var selected: [Field] = all.fields
            var indices: [Int]? = nil
            if let columns {
                let names = columns.split(separator: ",", omittingEmptySubsequences: false)
                    .map { String($0).trimmingSpaces() }
                var idx: [Int] = []
                for n in names {
                    guard let i = all.index(of: n) else {
                        throw CLIFailure("\(options.file): no column '\(n)' (columns: \(all.fields.map(\.name).joined(separator: ", ")))")
                    }
                    guard !idx.contains(i) else { throw CLIFailure("column '\(n)' is listed twice in --columns") }
                    idx.append(i)
                }
                indices = idx
                selected = idx.map { all.fields[$0] }
            }
            let schema = Schema(selected)
            var remaining = limit ?? Int.max
            var out = StandardOutput()
            var table = TableFormatter(schema: schema)
            if format == .csv { CSVWriter.appendHeader(schema, to: &out.buffer) }
            var rg = 0
            while rg < reader.rowGroupCount && remaining > 0 {
                let raw = try reader.readRowGroup(rg, columns: indices?.sorted())
                rg += 1
                // Put the columns in the requested order, whatever order the reader returns.
                let cols = try selected.map { f -> Column in
                    guard let c = raw.column(named: f.name) else {
                        throw CLIFailure("\(options.file): row group \(rg - 1) has no column '\(f.name)'")
                    }
                    return c
                }
                let batch = schema.count == 0 ? raw : try RecordBatch(schema: schema, columns: cols)
                let n = min(batch.rowCount, remaining)
                remaining -= n
                switch format {
                case .table:
                    table.add(batch, limit: n)
                case .jsonl:
                    for row in 0..<n {
                        CanonicalJSON.appendLine(batch, row, to: &out.buffer)
                        out.flushIfFull()
                    }
                case .csv:
                    CSVWriter.appendRows(batch, limit: n, to: &out.buffer)
                    out.flushIfFull()
                }
            }
            if format == .table { out.write(table.render()) }
            out.flush()
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
