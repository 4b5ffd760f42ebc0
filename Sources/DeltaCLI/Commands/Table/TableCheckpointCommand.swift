import ArgumentParser
import DeltaLog
import DeltaTable

/// `deltactl checkpoint TABLE [--version N] [--no-cleanup]`.
public struct TableCheckpointCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Write a checkpoint of a Delta table (and clean up expired log files).",
        discussion: """
            Writes <version>.checkpoint.parquet and _delta_log/_last_checkpoint, so that readers \
            open the table from the checkpoint instead of replaying every commit. Then, unless \
            --no-cleanup is given or delta.enableExpiredLogCleanup is false, deletes log files \
            older than delta.logRetentionDuration (default 30 days) that the checkpoint makes \
            unnecessary; every version inside the retention stays readable.
            """)

    @OptionGroup public var target: TableArgument

    @Option(help: "Checkpoint this version (default: the latest).")
    public var version: Int64?

    @Flag(name: .customLong("no-cleanup"), help: "Do not delete expired log files afterwards.")
    public var noCleanup = false

    public init() {}

    public func validate() throws {
        if let v = version, v < 0 { throw ValidationError("--version must be zero or more") }
    }

    public func run() throws {
        try reportingErrors {
            let info = try target.open().checkpoint(version: version, cleanup: !noCleanup)
            var out = StandardOutput()
            let verb = info.created ? "wrote" : "found existing"
            out.write("\(verb) checkpoint of version \(info.version): _delta_log/\(info.fileName) (\(info.actions) actions, \(info.numOfAddFiles) files, \(info.sizeInBytes) bytes)\n")
            if !info.deletedLogFiles.isEmpty {
                out.write("deleted \(info.deletedLogFiles.count) expired log files\n")
            }
            out.flush()
        }
    }
}
