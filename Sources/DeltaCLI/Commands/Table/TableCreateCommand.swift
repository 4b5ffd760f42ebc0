import ArgumentParser
import DeltaTable
import TextFormats

/// `deltactl create TABLE --schema "…" [--partition-by a,b] [--property k=v]… [--name N] [--description D]`.
public struct TableCreateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an empty Delta table (version 0).")

    @OptionGroup public var target: TableArgument

    @Option(help: "The columns, e.g. \"id long not null, name string, date date\".")
    public var schema: String

    @Option(name: .customLong("partition-by"), help: "Comma-separated partition columns.")
    public var partitionBy: String?

    @Option(name: .customLong("property"), help: "A table property key=value (repeatable), e.g. delta.appendOnly=true.")
    public var properties: [String] = []

    @Option(help: "The table's name.")
    public var name: String?

    @Option(help: "The table's description.")
    public var description: String?

    public init() {}

    public func validate() throws {
        for p in properties where !p.contains("=") { throw ValidationError("--property '\(p)' is not key=value") }
    }

    public func run() throws {
        try reportingErrors {
            let parsed = try SchemaDDL.parse(schema)
            var props: [String: String] = [:]
            for p in properties {
                let i = p.firstIndex(of: "=")!
                props[String(p[..<i])] = String(p[p.index(after: i)...])
            }
            try DeltaTable.create(at: target.table, schema: parsed, partitionColumns: partitionBy.map(commaList) ?? [],
                                  properties: props, name: name, description: description)
            var out = StandardOutput()
            out.write("created table \(target.table) at version 0\n")
            out.flush()
        }
    }
}
