import ArgumentParser
import Columnar
import DeltaLog
import DeltaTable
import Foundation

/// The TABLE argument every table command takes.
public struct TableArgument: ParsableArguments {
    @Argument(help: "Path of the Delta table (its root folder, holding _delta_log/).")
    public var table: String

    public init() {}

    func open() -> DeltaTable { DeltaTable(path: table) }
}

/// `--version N | --timestamp T`: which version to read.
public struct VersionOptions: ParsableArguments {
    @Option(help: "Read this table version.")
    public var version: Int64?

    @Option(help: "Read the table as of this time: 2024-01-03T10:00:00Z, 2024-01-03 10:00:00 (UTC) or 2024-01-03.")
    public var timestamp: String?

    public init() {}

    public func validate() throws {
        if version != nil && timestamp != nil { throw ValidationError("give --version or --timestamp, not both") }
        if let v = version, v < 0 { throw ValidationError("--version must be zero or more") }
        if let t = timestamp, Self.parseTimestamp(t) == nil {
            throw ValidationError("--timestamp '\(t)' is not a date or timestamp (e.g. 2024-01-03T10:00:00Z)")
        }
    }

    /// Milliseconds since the epoch (UTC when no zone is given; `CivilTime.Dialect.isoText`).
    static func parseTimestamp(_ text: String) -> Int64? {
        CivilTime.parseTimestamp(text, .isoText).map { $0 / 1000 }
    }

    func snapshot(of table: DeltaTable) throws -> Snapshot {
        if let t = timestamp { return try table.snapshot(at: PointInTime(millisecondsSinceEpoch: Self.parseTimestamp(t)!)) }
        return try table.snapshot(version: version)
    }
}

/// Splits "a,b" into trimmed names.
func commaList(_ text: String) -> [String] {
    text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
}
