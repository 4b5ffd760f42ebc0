import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `deltactl`: the command-line tool. Each subcommand lives in its own file.
///
/// Exit codes: 0 success, 1 a command failed (one line `deltactl: error: <message>` on standard
/// error), 2 a usage error (bad option or argument; `deltactl: error: <message> …`).
public struct DeltaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "deltactl",
        abstract: "Inspect and change Delta tables and Parquet files.",
        subcommands: [TableCreateCommand.self, TableWriteCommand.self, TableScanCommand.self,
                      TableHistoryCommand.self, TableDescribeCommand.self, TableCheckpointCommand.self, TableFilesCommand.self,
                      ParquetCommand.self])

    public init() {}

    /// Entry point of the executable: runs `CommandLine.arguments` and exits with its status.
    public static func main() {
        processExit(run(arguments: Array(CommandLine.arguments.dropFirst())))
    }

    /// Parses and runs one command line; returns the exit status (errors already reported).
    public static func run(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let e as ExitCode {
            return e.rawValue
        } catch {
            let code = exitCode(for: error)
            let text = fullMessage(for: error)
            if code == .success {
                // --help, --version
                FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
                return 0
            }
            if code == .validationFailure {
                var first = text.split(separator: "\n").first.map(String.init) ?? "invalid usage"
                if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
                CLIOutput.reportError(first + " (see --help)")
                return 2
            }
            CLIOutput.reportError(CLIOutput.message(for: error))
            return code.rawValue == 0 ? 1 : code.rawValue
        }
    }
}

private func processExit(_ code: Int32) -> Never {
    exit(code)
}
