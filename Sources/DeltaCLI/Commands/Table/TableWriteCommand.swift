import ArgumentParser
import DeltaTable
import TextFormats

/// `deltactl write TABLE --from FILE [--mode append|overwrite|error|ignore] [--partition-by a,b]
/// [--app-id ID --app-version N] [--schema "…"]`: one atomic commit; creates the table if absent.
public struct TableWriteCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "write", abstract: "Write a CSV, JSON Lines or Parquet file into a Delta table as one commit.")

    @OptionGroup public var target: TableArgument

    @Option(help: "Input file: .csv, .jsonl/.ndjson/.json or .parquet.")
    public var from: String

    @Option(help: "append, overwrite, error (fail if the table exists) or ignore (do nothing if it exists).")
    public var mode: String = "append"

    @Option(name: .customLong("partition-by"), help: "Partition columns when the write creates the table.")
    public var partitionBy: String?

    @Option(name: .customLong("app-id"), help: "Application id for an exactly-once write (with --app-version).")
    public var appId: String?

    @Option(name: .customLong("app-version"), help: "This write's version for --app-id; skipped if already committed.")
    public var appVersion: Int64?

    @Option(help: "Schema of CSV / JSON Lines input as DDL (default: the table's schema, or inferred).")
    public var schema: String?

    public init() {}

    public func validate() throws {
        guard WriteMode(rawValue: mode) != nil else {
            throw ValidationError("--mode must be append, overwrite, error or ignore, not '\(mode)'")
        }
        if (appId == nil) != (appVersion == nil) { throw ValidationError("--app-id and --app-version go together") }
        if let v = appVersion, v < 0 { throw ValidationError("--app-version must be zero or more") }
    }

    public func run() throws {
        try reportingErrors {
            let table = target.open()
            // CSV/JSON input adopts the table's schema when the table exists and none is given.
            var given = try schema.map { try SchemaDDL.parse($0) }
            if given == nil, BatchSource.kind(of: from) != .parquet, try table.exists() {
                given = try table.snapshot().schema
            }
            // Streamed: the input is read a batch at a time while the data files are written.
            let source = try BatchSource.open(from, schema: given)
            let app = appId.map { AppTransaction(appId: $0, version: appVersion!) }
            let outcome: WriteOutcome
            do {
                outcome = try table.write(from: source, mode: WriteMode(rawValue: mode)!,
                                          partitionBy: partitionBy.map(commaList), appTransaction: app)
            } catch let e as DeltaError where e.code == .invalidArgument && source.batchesRead == 0 {
                throw CLIFailure("\(from) holds no rows")
            }
            var out = StandardOutput()
            switch outcome {
            case let .committed(version, files, rows):
                out.write("committed version \(version): \(rows) row\(rows == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")\n")
            case let .skipped(reason):
                out.write("skipped: \(reason)\n")
            }
            out.flush()
        }
    }
}
