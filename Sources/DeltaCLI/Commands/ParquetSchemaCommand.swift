import ArgumentParser
import Columnar
import Parquet

/// `deltactl parquet schema FILE`: one line per top-level column, `name type [not null]`.
public struct ParquetSchemaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the schema of a Parquet file, one column per line (schema DDL).")

    @OptionGroup public var options: ParquetFileOptions

    public init() {}

    public func run() throws {
        try reportingErrors {
            let reader = try options.open()
            var out = StandardOutput()
            for f in reader.schema.fields {
                out.write(f.ddlDefinition() + "\n")
            }
            out.flush()
        }
    }
}
