import DeltaLog

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
public protocol WritableFile: AnyObject {
    var path: String { get }
    var bytesWritten: Int { get }
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func sync() throws
    func close() throws
    /// Closes and deletes the partial file (best effort; never throws).
    func abort()
}

/// A file read at arbitrary offsets (safe from several threads at once).
public protocol ReadableFile: Sendable {
    var path: String { get }
    var size: Int { get }
    func read(offset: Int, length: Int) throws -> [UInt8]
}

/// The storage of one table. Paths are relative to the table root, with `/` separators
/// (`_delta_log/00000000000000000003.json`, `date=2024-01-01/part-0001.parquet`).
/// This is the only interface through which the Delta modules touch bytes at rest.
///
/// Contract (every implementation MUST):
/// - `list` returns the entries of a directory sorted by name in byte order; a missing
///   directory gives an empty list.
/// - `putIfAbsent` either creates the whole file atomically and durably, or returns
///   `.alreadyExists` and changes nothing; no reader ever sees a partial file. If the file was
///   linked into place but the directory could not be synced, it throws
///   `DeltaError(.commitOutcomeUnknown)`.
/// - `replace` atomically swaps a file's whole content (for hints such as `_last_checkpoint`).
/// - `createNew` fails if the file exists (never overwrites); parent directories are created.
/// - Errors are `DeltaError` with code `.io`, naming the path and the errno.
/// - fsync failures are reported, never retried.
public protocol TableStorage: Sendable {
    /// Where the table lives (for messages and absolute paths).
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
    /// Deletes a file; returns false if it did not exist.
    @discardableResult func delete(_ path: String) throws -> Bool
    /// fsyncs a directory (after creating entries in it).
    func syncDirectory(_ path: String) throws
}
