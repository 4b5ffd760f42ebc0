import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `deltactl`: the command-line tool. Each subcommand lives in its own file.
///
/// Errors are one line on standard error, `deltactl: error: <message>`, and the exit status
/// says what kind of failure it was (decided in one place, `CLIExitStatus.status(for:)`):
///
/// | status | meaning |
/// |--------|---------|
/// | 0 | success (a write skipped by `--mode ignore` or an already committed `--app-version` too) |
/// | 1 | any other failure: no table at the path (`notATable`), a version or timestamp that does not exist (`versionNotFound`), a missing input file, a bad `--where`, column or property, invalid input data, `tableExists`, `constraintViolation`, `invalidValue`, `invalidArgument` |
/// | 2 | usage: unknown option, missing or malformed argument (the message ends with "(see --help)") |
/// | 3 | conflict: a concurrent commit conflicts with the write (`DeltaError.conflict`); re-run it |
/// | 4 | corrupt or unsupported table or file: `corruptLog`, `versionGap`, `unsupportedFeature`, `invalidSchema` (a schema in the log), `dataFile` (a data file damaged or missing), and a `ParquetError` reading a damaged or unsupported Parquet file |
/// | 5 | I/O: a system call failed (`DeltaError.io`, e.g. `ENOTDIR` when a file is where the table's directory should be; `ParquetError.io`) or a commit's outcome is unknown (`commitOutcomeUnknown`) |
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
                return CLIExitStatus.usage.rawValue
            }
            CLIOutput.reportError(CLIOutput.message(for: error))
            return CLIExitStatus.status(for: error).rawValue
        }
    }
}

private func processExit(_ code: Int32) -> Never {
    exit(code)
}
