import Parquet

/// One entry of a directory listing.
public struct StorageEntry: Sendable, Hashable {
    /// The name within the listed directory (no slashes).
    public var name: String
    public var size: Int64
    /// Milliseconds since the epoch.
    public var modificationTime: Int64
    public var isDirectory: Bool

    public init(name: String, size: Int64, modificationTime: Int64, isDirectory: Bool = false) {
        self.name = name
        self.size = size
        self.modificationTime = modificationTime
        self.isDirectory = isDirectory
    }
}

/// The outcome of a put-if-absent: a value, not an error, because losing the race for a
/// version is a normal outcome of optimistic concurrency.
public enum PutOutcome: Sendable, Hashable {
    case created
    case alreadyExists
}

/// A file being written front to back. `sync()` makes it durable; `abort()` removes it.
/// It is a `ParquetOutput`, so the Parquet writer writes through the storage directly.
public protocol WritableFile: ParquetOutput {
    var bytesWritten: Int { get }
    func sync() throws
    func close() throws
}

extension WritableFile {
    /// `ParquetOutput.finish`: sync (when asked), then close.
    public func finish(sync: Bool) throws {
        if sync { try self.sync() }
        try close()
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

/// A file read at arbitrary offsets (safe from several threads at once). It is a `ParquetInput`,
/// so the Parquet reader reads through the storage directly.
public protocol ReadableFile: ParquetInput {}

extension ReadableFile {
    /// The whole file.
    public func readAll() throws -> [UInt8] { try read(offset: 0, length: size) }
}

/// The storage of one table: the engine contract the protocol layer drives (the split
/// delta-kernel-rs makes between its Snapshot/Transaction and its `Engine`). Paths are relative
/// to the table root, with `/` separators (`_delta_log/00000000000000000003.json`,
/// `date=2024-01-01/part-0001.parquet`). Every byte the Delta modules read or write at rest goes
/// through it — log, checkpoints and data files — so a fault-injecting or remote implementation
/// sees every call.
///
/// Contract (every implementation MUST):
/// - `list` returns the entries of a directory sorted by name in byte order; a missing
///   directory gives an empty list.
/// - `putIfAbsent` either creates the whole file atomically and durably, or returns
///   `.alreadyExists` and changes nothing; no reader ever sees a partial file. If the file was
///   put in place but its durability cannot be confirmed, it throws
///   `DeltaError(.commitOutcomeUnknown)`.
/// - `replace` atomically swaps a file's whole content (for hints such as `_last_checkpoint`).
/// - `createNew` fails if the file exists (never overwrites); parent directories are created.
/// - `publish` has `putIfAbsent`'s outcomes for a file written through `createNew`.
/// - Errors are `DeltaError` with code `.io` (naming the path, with the `errno` when there is
///   one), `.invalidArgument` for a path that is not a valid relative path, or
///   `.commitOutcomeUnknown`.
/// - fsync failures are reported, never retried.
public protocol TableStorage: Sendable {
    /// Where the table lives (for messages).
    var root: String { get }
    func list(directory: String) throws -> [StorageEntry]
    func read(_ path: String) throws -> [UInt8]
    func exists(_ path: String) throws -> Bool
    func putIfAbsent(_ path: String, contents: [UInt8]) throws -> PutOutcome
    func replace(_ path: String, contents: [UInt8]) throws
    /// Turns a finished file (written through `createNew`, synced and closed) into `path` unless
    /// `path` exists, atomically and durably, with `putIfAbsent`'s outcomes; the temporary file
    /// is gone afterwards. Both paths must be in one directory.
    func publish(_ temporary: String, as path: String) throws -> PutOutcome
    func createNew(_ path: String) throws -> any WritableFile
    func openForReading(_ path: String) throws -> any ReadableFile
    /// A file the log names by an absolute path (a table whose `add.path`s are absolute, a
    /// shallow clone). Throws `.unsupportedFeature` when this storage cannot reach it.
    func openExternal(_ absolutePath: String) throws -> any ReadableFile
    /// Deletes a file; returns false if it did not exist.
    @discardableResult func delete(_ path: String) throws -> Bool
    /// fsyncs a directory (after creating entries in it).
    func syncDirectory(_ path: String) throws
}

extension TableStorage {
    /// `root/path`, for messages.
    public func describe(_ path: String) -> String {
        root == "/" ? "/" + path : root + "/" + path
    }
}
