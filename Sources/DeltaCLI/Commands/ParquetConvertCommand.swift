import ArgumentParser
import Columnar
import DeltaStorage
import Foundation
import Parquet
import TextFormats

/// `deltactl parquet convert INPUT OUTPUT [--codec …] [--schema "…"] [--row-group-rows N] [--page-bytes N]`.
/// INPUT is CSV (.csv), JSON Lines (.jsonl/.ndjson/.json) or Parquet (.parquet, streamed row group
/// by row group); OUTPUT is Parquet (.parquet), or canonical JSON Lines / CSV for .jsonl / .csv.
/// The output is written to a temporary file next to OUTPUT and renamed into place on success.
public struct ParquetConvertCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert CSV, JSON Lines or Parquet to Parquet (or to JSON Lines / CSV).")

    @Argument(help: "Input file: .csv, .jsonl, .ndjson, .json or .parquet.")
    public var input: String

    @Argument(help: "Output file: .parquet (or .jsonl / .csv).")
    public var output: String

    @Option(help: "Compression codec: zstd, snappy, gzip, lz4_raw or none.")
    public var codec: String = "zstd"

    @Option(help: "Schema of CSV / JSON Lines input as DDL, e.g. \"id long not null, name string\" (default: inferred).")
    public var schema: String?

    @Option(help: "At most this many rows per row group.")
    public var rowGroupRows: Int?

    @Option(help: "Cut data pages at about this many bytes of encoded values (default 1 MiB).")
    public var pageBytes: Int?

    @Flag(help: "Write every column PLAIN, without dictionary encoding.")
    public var noDictionary = false

    @Flag(help: "Leave page and column-chunk statistics out.")
    public var noStatistics = false

    public init() {}

    public func validate() throws {
        guard CompressionCodec(name: codec) != nil else {
            throw ValidationError("unknown codec '\(codec)' (use zstd, snappy, gzip, lz4_raw or none)")
        }
        if let rowGroupRows, rowGroupRows <= 0 { throw ValidationError("--row-group-rows must be positive") }
        if let pageBytes, pageBytes <= 0 { throw ValidationError("--page-bytes must be positive") }
    }

    public func run() throws {
        try reportingErrors {
            guard let outKind = BatchSource.kind(of: output) else {
                throw CLIFailure("cannot tell the format of '\(output)' from its extension (use .parquet, .jsonl or .csv)")
            }
            let given = try schema.map { text throws -> Schema in try SchemaDDL.parse(text) }
            let batchRows = min(rowGroupRows ?? 65536, 65536)

            let source = try BatchSource.open(input, schema: given, batchRows: batchRows)
            let sourceSchema = source.schema
            let nextBatch = source.next

            let temp = output + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
            var rows = 0
            var summary = ""
            do {
                switch outKind {
                case .parquet:
                    var opts = ParquetWriterOptions()
                    opts.codec = CompressionCodec(name: codec)!
                    opts.rowGroupMaxRows = rowGroupRows
                    if let pageBytes { opts.dataPageTargetBytes = pageBytes }
                    opts.dictionary = !noDictionary
                    opts.statistics = !noStatistics
                    let writer = try ParquetFileWriter(output: try LocalFiles.createNew(temp), schema: sourceSchema, options: opts)
                    while let b = try nextBatch() {
                        try writer.write(b)
                        rows += b.rowCount
                    }
                    let meta = try writer.close()
                    summary = " in \(meta.rowGroups.count) row group\(meta.rowGroups.count == 1 ? "" : "s")"
                case .jsonl, .csv:
                    let file = try LocalFiles.createNew(temp)
                    var buf: [UInt8] = []
                    if outKind == .csv { CSVWriter.appendHeader(sourceSchema, to: &buf) }
                    while let b = try nextBatch() {
                        if outKind == .csv { CSVWriter.appendRows(b, to: &buf) } else { CanonicalJSON.appendLines(b, to: &buf) }
                        rows += b.rowCount
                        if buf.count >= 1 << 20 { try file.write(buf); buf.removeAll(keepingCapacity: true) }
                    }
                    try file.write(buf)
                    try file.sync()
                    try file.close()
                }
                try LocalFiles.moveIntoPlace(temp, as: output)
            } catch let e as ParquetError {
                _ = try? LocalFiles.delete(temp)
                var e = e
                if e.path == temp { e.path = output }
                throw e
            } catch {
                _ = try? LocalFiles.delete(temp)
                throw error
            }
            var out = StandardOutput()
            out.write("wrote \(rows) row\(rows == 1 ? "" : "s")\(summary) to \(output)\n")
            out.flush()
        }
    }
}
