/// The error the Delta modules throw: a matchable code, a message that says what happened and
/// what to do, and the file (and line or version) involved when known.
public struct DeltaError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
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
        /// A caller's argument is invalid (unknown column, bad option).
        case invalidArgument
        /// A table already exists where a create asked for none (mode error-if-exists).
        case tableExists
        /// A write violates the table: appendOnly, an invariant, a not-null column.
        case constraintViolation
        /// Concurrent commits conflict with this transaction (see `ConflictKind`).
        case concurrentModification
        /// The commit's outcome is unknown (e.g. the directory fsync after the link failed).
        case commitOutcomeUnknown
        /// An operating-system call failed.
        case io
        /// A data file could not be read or written.
        case dataFile
    }

    public var code: Code
    public var message: String
    /// For `.concurrentModification`: which conflict rule fired.
    public var conflict: ConflictKind?
    /// The file involved, when known.
    public var path: String?
    /// Line (1-based) in `path`, when known.
    public var line: Int?

    public init(_ code: Code, _ message: String, path: String? = nil, line: Int? = nil, conflict: ConflictKind? = nil) {
        self.conflict = conflict
        self.code = code
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        var location = path ?? ""
        if let line { location += (location.isEmpty ? "line \(line)" : ":\(line)") }
        return location.isEmpty ? "\(code.rawValue): \(message)" : "\(location): \(code.rawValue): \(message)"
    }
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
}
