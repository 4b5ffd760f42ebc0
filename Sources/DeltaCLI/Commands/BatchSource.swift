import Columnar
import Foundation
import Parquet
import TextFormats

/// An input file (CSV, JSON Lines or Parquet, by extension) read batch by batch.
final class BatchSource: RecordBatchReader {
    enum Kind { case csv, jsonl, parquet }

    let schema: Schema
    private let nextBatch: () throws -> RecordBatch?

    static func kind(of path: String) -> Kind? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson", "json": return .jsonl
        case "parquet": return .parquet
        default: return nil
        }
    }

    /// Opens `path`; `schema` (CSV / JSON Lines only) replaces inference.
    static func open(_ path: String, schema given: Schema?, batchRows: Int = 65536) throws -> BatchSource {
        guard let kind = kind(of: path) else {
            throw CLIFailure("cannot tell the format of '\(path)' from its extension (use .csv, .jsonl, .ndjson, .json or .parquet)")
        }
        switch kind {
        case .csv:
            let r = try CSVReader(path: path, schema: given, batchRows: batchRows)
            return BatchSource(schema: r.schema, next: r.next)
        case .jsonl:
            let r = try JSONLinesReader(path: path, schema: given, batchRows: batchRows)
            return BatchSource(schema: r.schema, next: r.next)
        case .parquet:
            if given != nil { throw CLIFailure("--schema applies to CSV and JSON Lines input only") }
            let r = try openParquet(path)
            var rowGroup = 0
            return BatchSource(schema: r.schema, next: {
                guard rowGroup < r.rowGroupCount else { return nil }
                defer { rowGroup += 1 }
                return try r.readRowGroup(rowGroup)
            })
        }
    }

    init(schema: Schema, next: @escaping () throws -> RecordBatch?) {
        self.schema = schema
        self.nextBatch = next
    }

    /// Batches handed out so far.
    private(set) var batchesRead = 0

    func next() throws -> RecordBatch? {
        guard let b = try nextBatch() else { return nil }
        batchesRead += 1
        return b
    }
}
