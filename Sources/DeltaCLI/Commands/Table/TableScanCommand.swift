import ArgumentParser
import Columnar
import DeltaTable
import Expressions
import TextFormats

/// `deltactl scan TABLE [--version N | --timestamp T] [--columns a,b] [--where "…"] [--format table|jsonl|csv] [--limit N]`.
public struct TableScanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Print the rows of a Delta table (a version of it), optionally filtered.")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case table, jsonl, csv }

    @OptionGroup public var target: TableArgument
    @OptionGroup public var at: VersionOptions

    @Option(help: "Comma-separated columns to print, in this order (default: all).")
    public var columns: String?

    @Option(name: .customLong("where"), help: "Row filter, e.g. \"value > 990 AND date = '2024-01-03'\".")
    public var predicate: String?

    @Option(help: "Output format: table, jsonl (canonical rows) or csv.")
    public var format: Format = .table

    @Option(help: "Print at most this many rows.")
    public var limit: Int?

    public init() {}

    public func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be zero or more") }
    }

    public func run() throws {
        try reportingErrors {
            let table = target.open()
            let snapshot = try at.snapshot(of: table)
            let scan: TableScan
            do {
                scan = try table.scan(columns: columns.map(commaList), where: predicate, limit: limit, snapshot: snapshot)
            } catch let e as DeltaError where e.cause is ExpressionError {
                // The library says "predicate"; the user wrote --where.
                throw CLIFailure("--where: \(e.cause!)")
            }
            let batches = try scan.batches()
            var out = StandardOutput()
            switch format {
            case .table:
                var t = TableFormatter(schema: scan.schema)
                for b in batches { t.add(b, limit: b.rowCount) }
                out.write(t.render())
            case .jsonl:
                for b in batches {
                    CanonicalJSON.appendLines(b, to: &out.buffer)
                    out.flushIfFull()
                }
            case .csv:
                CSVWriter.appendHeader(scan.schema, to: &out.buffer)
                for b in batches {
                    CSVWriter.appendRows(b, to: &out.buffer)
                    out.flushIfFull()
                }
            }
            out.flush()
        }
    }
}
