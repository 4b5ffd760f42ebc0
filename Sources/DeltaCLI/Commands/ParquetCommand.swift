import ArgumentParser
import DeltaLog
import DeltaStorage
import Foundation
import Parquet

/// `deltactl parquet …`: inspect, print and convert Parquet files.
public struct ParquetCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Inspect, print and convert Parquet files.",
        subcommands: [ParquetSchemaCommand.self, ParquetStatsCommand.self, ParquetCatCommand.self, ParquetConvertCommand.self])

    public init() {}
}

/// The Parquet file argument shared by the read-only subcommands.
public struct ParquetFileOptions: ParsableArguments {
    @Argument(help: "The Parquet file.")
    public var file: String

    public init() {}

    func open() throws -> ParquetFileReader {
        try openParquet(file)
    }
}

/// Opens a Parquet file; a missing file or a reader error becomes one line naming the file. A
/// reader error stays a `ParquetError` (a damaged file exits with status 4).
func openParquet(_ file: String) throws -> ParquetFileReader {
    guard FileManager.default.fileExists(atPath: file) else { throw CLIFailure("\(file): no such file") }
    do {
        return try ParquetFileReader(input: try LocalFiles.openForReading(file))
    } catch let e as ParquetError {
        throw e.at(path: file)
    }
}
