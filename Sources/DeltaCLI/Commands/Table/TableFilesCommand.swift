import ArgumentParser
import Columnar
import DeltaLog
import DeltaTable

/// `deltactl files TABLE [--version N | --timestamp T] [--format text|jsonl]`: the active
/// (live) data files of a version, as the log names them. Reads only the log, never a data file,
/// so it works on tables whose data files are missing (time travel past VACUUM, log-only
/// test tables).
///
/// Files come in snapshot order: by path, then deletion vector id. `jsonl` prints one object
/// per file:
///
/// | key                | value                                                             |
/// |--------------------|-------------------------------------------------------------------|
/// | `path`             | the `add.path` exactly as in the log (still URL-encoded)          |
/// | `size`             | `add.size` in bytes                                               |
/// | `modificationTime` | `add.modificationTime`, milliseconds since the epoch              |
/// | `partitionValues`  | object, partition columns in table order; a null value is `null` |
/// | `deletionVector`   | the deletion vector's unique id, or `null`                        |
///
/// `text` prints an aligned table with the same columns (partition values as `k=v`, `k=null`).
public struct TableFilesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "files", abstract: "List the active data files of a Delta table version (from the log only).")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, jsonl }

    @OptionGroup public var target: TableArgument
    @OptionGroup public var at: VersionOptions

    @Option(help: "Output format: text (aligned table) or jsonl (one JSON object per file).")
    public var format: Format = .text

    public init() {}

    public func run() throws {
        try reportingErrors {
            let snapshot = try at.snapshot(of: target.open())
            var out = StandardOutput()
            switch format {
            case .jsonl:
                for file in snapshot.files {
                    out.write(JSONWriter.string(Self.json(file, partitionColumns: snapshot.partitionColumns)) + "\n")
                    out.flushIfFull()
                }
            case .text:
                let schema = Schema([Field("path", .string), Field("size", .long), Field("modificationTime", .long),
                                     Field("partitionValues", .string), Field("deletionVector", .string)])
                var cols = schema.fields.map { ColumnBuilder($0.type, capacity: snapshot.files.count) }
                for file in snapshot.files {
                    cols[0].append(file.path)
                    cols[1].append(file.size)
                    cols[2].append(file.modificationTime)
                    cols[3].append(Self.orderedPartitionValues(file, snapshot.partitionColumns)
                        .map { "\($0.key)=\($0.value ?? "null")" }.joined(separator: " "))
                    if let dv = file.deletionVector { cols[4].append(dv.uniqueId) } else { cols[4].appendNull() }
                }
                let batch = try RecordBatch(schema: schema, columns: cols.map { $0.finish() })
                var t = TableFormatter(schema: schema, maxCellWidth: 200)
                t.add(batch, limit: batch.rowCount)
                out.write(t.render())
            }
            out.flush()
        }
    }

    /// One `jsonl` line's object.
    static func json(_ file: AddFile, partitionColumns: [String]) -> JSONValue {
        let values = orderedPartitionValues(file, partitionColumns).map { (key: $0.key, value: $0.value.map { JSONValue.string($0) } ?? .null) }
        return .object([
            ("path", .string(file.path)), ("size", .number(String(file.size))),
            ("modificationTime", .number(String(file.modificationTime))),
            ("partitionValues", .object(values)),
            ("deletionVector", file.deletionVector.map { .string($0.uniqueId) } ?? .null),
        ])
    }

    /// The file's partition values: the table's partition columns first, in order, then any
    /// other keys the log holds, sorted.
    static func orderedPartitionValues(_ file: AddFile, _ partitionColumns: [String]) -> [(key: String, value: String?)] {
        var out: [(key: String, value: String?)] = []
        for c in partitionColumns { out.append((c, file.partitionValues[c] ?? nil)) }
        let known = Set(partitionColumns)
        for (k, v) in file.partitionValues.sorted(by: { $0.key < $1.key }) where !known.contains(k) { out.append((k, v)) }
        return out
    }
}
