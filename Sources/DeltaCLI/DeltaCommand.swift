import ArgumentParser

/// `deltactl`: the command-line tool. Each subcommand lives in its own file.
public struct DeltaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "deltactl",
        abstract: "Inspect and change Delta tables and Parquet files.",
        subcommands: [])

    public init() {}
}
