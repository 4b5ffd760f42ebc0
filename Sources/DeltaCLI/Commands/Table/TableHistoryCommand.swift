import ArgumentParser
import Columnar
import DeltaLog
import DeltaTable

/// `deltactl history TABLE [--limit N] [--format table|json]`: commits, newest first.
public struct TableHistoryCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List a Delta table's commits, newest first.")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case table, json }

    @OptionGroup public var target: TableArgument

    @Option(help: "Show at most this many commits.")
    public var limit: Int?

    @Option(help: "Output format: table or json (one JSON object per line).")
    public var format: Format = .table

    public init() {}

    public func run() throws {
        try reportingErrors {
            let entries = try target.open().history(limit: limit)
            var out = StandardOutput()
            switch format {
            case .json:
                for e in entries {
                    var fields: [(key: String, value: JSONValue)] = [
                        ("version", .number(String(e.version))),
                        ("timestamp", .string(CivilTime.formatTimestamp(micros: e.timestamp.millisecondsSinceEpoch * 1000, .isoMicros, utc: true))),
                    ]
                    if let info = e.commitInfo {
                        fields.append(("operation", info.operation.map { .string($0) } ?? .null))
                        fields.append(("operationParameters", .object((info.operationParameters ?? [:]).sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })))
                        fields.append(("readVersion", info.readVersion.map { .number(String($0)) } ?? .null))
                        fields.append(("isolationLevel", info.isolationLevel.map { .string($0) } ?? .null))
                        fields.append(("isBlindAppend", info.isBlindAppend.map { .bool($0) } ?? .null))
                        fields.append(("operationMetrics", .object((info.operationMetrics ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
                        fields.append(("engineInfo", info.engineInfo.map { .string($0) } ?? .null))
                    }
                    out.write(JSONWriter.string(.object(fields)) + "\n")
                }
            case .table:
                let schema = Schema([Field("version", .long), Field("timestamp", .timestamp), Field("operation", .string),
                                     Field("parameters", .string), Field("metrics", .string), Field("engine", .string)])
                var cols = (0..<6).map { ColumnBuilder(schema.fields[$0].type) }
                for e in entries {
                    cols[0].append(e.version)
                    cols[1].append(e.timestamp.millisecondsSinceEpoch * 1000)
                    let info = e.commitInfo
                    cols[2].append(info?.operation ?? "")
                    cols[3].append((info?.operationParameters ?? [:]).sorted { $0.key < $1.key }
                        .map { "\($0.key)=\($0.value.stringValue ?? JSONWriter.string($0.value))" }.joined(separator: " "))
                    cols[4].append((info?.operationMetrics ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
                    cols[5].append(info?.engineInfo ?? "")
                }
                let batch = try RecordBatch(schema: schema, columns: cols.map { $0.finish() })
                var t = TableFormatter(schema: schema, maxCellWidth: 60)
                t.add(batch, limit: batch.rowCount)
                out.write(t.render())
            }
            out.flush()
        }
    }
}
