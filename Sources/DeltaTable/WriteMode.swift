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

/// An application's transaction id for exactly-once writes: a write carrying `(appId, version)`
/// is skipped when the table already records that appId at that version or later.
public struct AppTransaction: Sendable, Hashable {
    public var appId: String
    public var version: Int64
    public init(appId: String, version: Int64) {
        self.appId = appId
        self.version = version
    }
}

/// The result of a write.
public enum WriteOutcome: Sendable, Hashable {
    /// Committed as this table version, with the files and rows it added.
    case committed(version: Int64, files: Int, rows: Int)
    /// Skipped: the app transaction was already committed (at the given table version if known,
    /// or the table existed and the mode was `ignore`).
    case skipped(reason: String)

    public var version: Int64? {
        if case let .committed(v, _, _) = self { return v }
        return nil
    }
}
