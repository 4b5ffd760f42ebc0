import DeltaLog

/// What a write does when the table already has data.
public enum WriteMode: String, Sendable, CaseIterable {
    /// Add the rows to the table (creating it if absent).
    case append
    /// Replace every row of the table (creating it if absent).
    case overwrite
    /// Fail if the table exists.
    case errorIfExists = "error"
    /// Do nothing if the table exists.
    case ignore
}

/// The result of a write.
public enum WriteOutcome: Sendable, Hashable {
    /// Committed as this table version, with the files and rows it added.
    case committed(version: Int64, files: Int, rows: Int)
    /// Nothing was written: exactly-once found the application version already committed, or
    /// the table existed and the mode was `ignore`.
    case skipped(SkipReason)

    /// The committed version (nil when skipped).
    public var version: Int64? {
        if case let .committed(v, _, _) = self { return v }
        return nil
    }
}
