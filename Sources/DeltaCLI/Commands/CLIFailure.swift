import ArgumentParser
import DeltaLog
import Expressions
import Foundation
import Parquet
import TextFormats

/// A command failure reported as one line `deltactl: error: <message>` with exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

enum CLIOutput {
    /// Writes `deltactl: error: <message>` to standard error.
    static func reportError(_ message: String) {
        let line = "deltactl: error: " + message.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// The one-line message for an error thrown by a command.
    static func message(for error: any Error) -> String {
        switch error {
        case let e as CLIFailure: return e.message
        case let e as TextError: return e.message
        case let e as ParquetError: return e.description
        case let e as DeltaError: return e.description
        case let e as ExpressionError: return e.description
        default: return "\(error)"
        }
    }
}

/// Runs a command body; any error is reported on standard error and turns into its exit
/// status (`CLIExitStatus.status(for:)`).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        CLIOutput.reportError(CLIOutput.message(for: error))
        throw ExitCode(CLIExitStatus.status(for: error).rawValue)
    }
}

/// Buffered standard output (flushed every 1 MiB and at the end).
struct StandardOutput {
    var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 20) }

    mutating func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        flushIfFull()
    }

    mutating func flushIfFull() {
        if buffer.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
