import ArgumentParser
import DeltaLog
import DeltaTable
import TextFormats

/// `deltactl describe TABLE [--version N] [--format table|json]`.
public struct TableDescribeCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Show a Delta table's schema, partitioning, protocol, properties, files and size.")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case table, json }

    @OptionGroup public var target: TableArgument

    @Option(help: "Describe this version (default: the latest).")
    public var version: Int64?

    @Option(help: "Output format: table (text) or json.")
    public var format: Format = .table

    public init() {}

    public func run() throws {
        try reportingErrors {
            let table = target.open()
            let d = try table.describe(version: version)
            let checkpoint = try table.latestCheckpoint(version: d.version)
            var out = StandardOutput()
            let proto = d.protocolAction
            switch format {
            case .json:
                func strings(_ a: [String]?) -> JSONValue { a.map { .array($0.map { .string($0) }) } ?? .null }
                let value: JSONValue = .object([
                    ("path", .string(d.path)), ("version", .number(String(d.version))), ("id", .string(d.id)),
                    ("name", d.name.map { .string($0) } ?? .null), ("description", d.description.map { .string($0) } ?? .null),
                    ("schema", .string(SchemaDDL.format(d.schema))),
                    ("partitionColumns", strings(d.partitionColumns)),
                    ("protocol", .object([("minReaderVersion", .number(String(proto.minReaderVersion))),
                                          ("minWriterVersion", .number(String(proto.minWriterVersion))),
                                          ("readerFeatures", strings(proto.readerFeatures)),
                                          ("writerFeatures", strings(proto.writerFeatures))])),
                    ("properties", .object(d.properties.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                    ("numFiles", .number(String(d.numFiles))), ("sizeInBytes", .number(String(d.sizeInBytes))),
                    ("numRecords", d.numRecords.map { .number(String($0)) } ?? .null),
                    ("checkpoint", checkpoint.map { c in
                        .object([("version", .number(String(c.version))), ("kind", .string(c.kind.description)),
                                 ("files", .array(c.files.map { .string($0) })),
                                 ("sizeInBytes", .number(String(c.sizeInBytes))),
                                 ("numOfAddFiles", c.lastCheckpoint?.numOfAddFiles.map { .number(String($0)) } ?? .null)])
                    } ?? .null),
                ])
                out.write(JSONWriter.string(value) + "\n")
            case .table:
                out.write("table:      \(d.path)\n")
                out.write("version:    \(d.version)\n")
                out.write("id:         \(d.id)\n")
                if let n = d.name { out.write("name:       \(n)\n") }
                if let s = d.description { out.write("description: \(s)\n") }
                var features = ""
                if let r = proto.readerFeatures { features += " reader features [\(r.joined(separator: ", "))]" }
                if let w = proto.writerFeatures { features += " writer features [\(w.joined(separator: ", "))]" }
                out.write("protocol:   reader \(proto.minReaderVersion), writer \(proto.minWriterVersion)\(features)\n")
                out.write("partitions: \(d.partitionColumns.isEmpty ? "none" : d.partitionColumns.joined(separator: ", "))\n")
                out.write("files:      \(d.numFiles) (\(d.sizeInBytes) bytes)\n")
                if let r = d.numRecords { out.write("rows:       \(r)\n") }
                if let c = checkpoint {
                    out.write("checkpoint: version \(c.version), \(c.kind), \(c.files.count == 1 ? c.files[0] : "\(c.files.count) files"), \(c.sizeInBytes) bytes\n")
                } else {
                    out.write("checkpoint: none\n")
                }
                out.write("properties:\(d.properties.isEmpty ? " none" : "")\n")
                for (k, v) in d.properties.sorted(by: { $0.key < $1.key }) { out.write("  \(k) = \(v)\n") }
                out.write("schema:\n")
                for f in d.schema.fields { out.write("  \(f.name) \(f.type.ddlName)\(f.nullable ? "" : " not null")\n") }
            }
            out.flush()
        }
    }
}
