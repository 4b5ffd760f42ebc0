/// A file found in `_delta_log/` by a listing: what log-segment building needs to know.
public struct LogFile: Sendable, Hashable {
    /// The file name within `_delta_log/` (or `_sidecars/name` for sidecars).
    public var name: String
    public var size: Int64
    /// Milliseconds since the epoch.
    public var modificationTime: Int64

    public init(name: String, size: Int64, modificationTime: Int64) {
        self.name = name
        self.size = size
        self.modificationTime = modificationTime
    }
}

/// A predicate over files, used by the conflict checker to ask "would this transaction's read
/// have seen this concurrently added file?". Implemented above this module with Expressions
/// (partition values and statistics); `nil` predicates mean "read the whole table".
public protocol FilePredicate: Sendable {
    /// False only when `file` certainly holds no row the predicate matches.
    func mayMatch(_ file: AddFile) -> Bool
}
