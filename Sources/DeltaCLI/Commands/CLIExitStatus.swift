import DeltaLog
import Parquet

/// `deltactl`'s exit statuses. `status(for:)` is the one place an error becomes a status
/// (the README's "Exit codes" table and `DeltaCommand`'s documentation describe the same rule).
enum CLIExitStatus: Int32, CaseIterable {
    /// The command did what it was asked (a write skipped by `--mode ignore` or an already
    /// committed `--app-version` included).
    case success = 0
    /// Anything else: a missing table or input file, a version that does not exist, a bad
    /// predicate, column or property, invalid input data, a constraint the write violates.
    case failure = 1
    /// The command line is wrong (unknown option, missing or malformed argument).
    case usage = 2
    /// A write lost to a concurrent commit that conflicts with it (`DeltaError.conflict`).
    case conflict = 3
    /// The table or file cannot be read: its log or a data file is corrupt, or it uses a
    /// feature this version does not support.
    case corrupt = 4
    /// An operating-system call failed, or a commit's outcome is unknown.
    case io = 5

    /// The status for an error a command threw (usage errors are decided by `DeltaCommand.run`).
    static func status(for error: any Error) -> CLIExitStatus {
        switch error {
        case let e as DeltaError: return status(for: e.code)
        case let e as ParquetError: return status(for: e.code)
        default: return .failure
        }
    }

    static func status(for code: DeltaError.Code) -> CLIExitStatus {
        switch code {
        case .conflict:
            return .conflict
        // `.invalidSchema` reaching the CLI comes from a table's log: schemas given on the
        // command line are DDL, checked (exit 1) before the library sees them.
        case .corruptLog, .versionGap, .unsupportedFeature, .invalidSchema, .dataFile:
            return .corrupt
        case .io, .commitOutcomeUnknown:
            return .io
        case .notATable, .versionNotFound, .invalidValue, .invalidArgument, .tableExists, .constraintViolation:
            return .failure
        }
    }

    static func status(for code: ParquetError.Code) -> CLIExitStatus {
        switch code {
        case .truncated, .badMagic, .corruptMetadata, .corruptPage, .decompressionFailed, .unsupported:
            return .corrupt
        case .io:
            return .io
        case .invalidArgument, .schemaMismatch:
            return .failure
        }
    }
}
