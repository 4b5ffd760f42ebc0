/// The error the Delta modules throw: a matchable code, a message that says what happened and
/// what to do, the file (and line or version) involved when known, and the error it wraps.
///
/// Match codes the way GRDB matches result codes:
/// ```swift
/// let table = DeltaTable(path: "/tmp/swift-delta-examples/missing")
/// do {
///     _ = try table.snapshot()
/// } catch DeltaError.notATable {
///     print("no table there yet")
/// } catch DeltaError.conflict {
///     print("re-read the table and retry")
/// } catch let e as DeltaError where e.code == .io {
///     print("I/O error, errno", e.errno ?? 0)
/// }
/// ```
public struct DeltaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The path is not a Delta table (no `_delta_log`, or no commits).
        case notATable
        /// A commit, checkpoint or `_last_checkpoint` cannot be parsed.
        case corruptLog
        /// Versions in the log are not contiguous.
        case versionGap
        /// The requested version or timestamp does not exist (or is no longer reconstructible).
        case versionNotFound
        /// A reader or writer feature / protocol version this engine does not support.
        case unsupportedFeature
        /// The schema JSON or a partition value / statistics value is invalid.
        case invalidSchema
        case invalidValue
        /// A caller's argument is invalid (unknown column, bad option, bad predicate).
        case invalidArgument
        /// A table already exists where a create asked for none (mode error-if-exists).
        case tableExists
        /// A write violates the table: appendOnly, an invariant, a not-null column.
        case constraintViolation
        /// Concurrent commits conflict with this transaction (see `conflict` for the rule).
        case conflict
        /// The commit's outcome is unknown (e.g. the directory fsync after the link failed).
        case commitOutcomeUnknown
        /// An operating-system call failed (`errno` says which way).
        case io
        /// A data file could not be read or written (`cause` is the `ParquetError`), or the log
        /// names one the storage does not have (`cause` is the storage's `.io` error, `errno`
        /// is `ENOENT`).
        case dataFile
    }

    public var code: Code
    public var message: String
    /// For `.conflict`: which conflict rule fired.
    public var conflict: ConflictKind?
    /// The file involved, when known.
    public var path: String?
    /// Line (1-based) in `path`, when known.
    public var line: Int?
    /// The error this one reports, kept whole: a `ParquetError` with its byte offset, an
    /// `ExpressionError` with its position, a text-format error with its line and column.
    public var cause: (any Error & Sendable)?
    /// The `errno` of the system call that failed (code `.io`, `.commitOutcomeUnknown`).
    public var errno: Int32?

    public init(_ code: Code, _ message: String, path: String? = nil, line: Int? = nil,
                conflict: ConflictKind? = nil, cause: (any Error & Sendable)? = nil, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.conflict = conflict
        self.cause = cause
        self.errno = errno
    }

    public var description: String {
        var location = path ?? ""
        if let line { location += (location.isEmpty ? "line \(line)" : ":\(line)") }
        return location.isEmpty ? "\(code.rawValue): \(message)" : "\(location): \(code.rawValue): \(message)"
    }

    /// Equal code, message, location, conflict rule and errno (the cause is not compared).
    public static func == (a: DeltaError, b: DeltaError) -> Bool {
        a.code == b.code && a.message == b.message && a.path == b.path && a.line == b.line
            && a.conflict == b.conflict && a.errno == b.errno
    }

    // Codes as patterns: `catch DeltaError.conflict { … }`.
    public static let notATable = Code.notATable
    public static let corruptLog = Code.corruptLog
    public static let versionGap = Code.versionGap
    public static let versionNotFound = Code.versionNotFound
    public static let unsupportedFeature = Code.unsupportedFeature
    public static let invalidSchema = Code.invalidSchema
    public static let invalidValue = Code.invalidValue
    public static let invalidArgument = Code.invalidArgument
    public static let tableExists = Code.tableExists
    public static let constraintViolation = Code.constraintViolation
    public static let conflict = Code.conflict
    public static let commitOutcomeUnknown = Code.commitOutcomeUnknown
    public static let io = Code.io
    public static let dataFile = Code.dataFile
}

/// `catch DeltaError.conflict` and `case DeltaError.io = error`: true when `error` is a
/// `DeltaError` with this code.
public func ~= (pattern: DeltaError.Code, error: any Error) -> Bool {
    (error as? DeltaError)?.code == pattern
}

/// The conflict rules of optimistic concurrency, in the order they are checked.
public enum ConflictKind: Sendable, Hashable {
    /// A concurrent commit changed the protocol.
    case protocolChanged
    /// A concurrent commit changed the metadata (schema, partitioning, properties).
    case metadataChanged
    /// A concurrent commit recorded a `txn` for an application id this transaction also writes.
    case concurrentTransaction(appId: String)
    /// A concurrent commit added a file this transaction's read would have seen.
    case concurrentAppend(path: String)
    /// A concurrent commit removed a file this transaction read.
    case concurrentDeleteRead(path: String)
    /// A concurrent commit removed a file this transaction also removes.
    case concurrentDeleteDelete(path: String)
    /// No rule fired, but other writers won the race for every version this transaction tried,
    /// `attempts` times (the retry policy's bound).
    case retriesExhausted(attempts: Int)
}
