import DeltaLog

/// Single local files outside any table (a Parquet file given on the command line, a benchmark's
/// output), read and written through the same storage code as tables.
public enum LocalFiles {
    /// Opens an existing file (absolute or relative to the working directory).
    public static func openForReading(_ path: String) throws -> LocalReadableFile {
        let (directory, name) = split(path)
        return try LocalTableStorage(root: directory).openLocal(name)
    }

    /// Creates a new file (never overwrites; parent directories are created). `sync()` makes
    /// it and its directory entry durable.
    public static func createNew(_ path: String) throws -> LocalWritableFile {
        let (directory, name) = split(path)
        return try LocalTableStorage(root: directory).createLocal(name)
    }

    /// Deletes a file; false if it did not exist.
    @discardableResult
    public static func delete(_ path: String) throws -> Bool {
        let (directory, name) = split(path)
        return try LocalTableStorage(root: directory).delete(name)
    }

    /// Moves a finished file over `to` atomically (`rename(2)`, then an fsync of the directory).
    public static func moveIntoPlace(_ from: String, as to: String) throws {
        let storage = LocalTableStorage(root: LocalTableStorage.parent(of: to))
        let e = storage.calls.renameRetrying(from, to)
        guard e == 0 else {
            throw StorageErrors.io("cannot move '\(from)' into place as", to, errno: e, advice: StorageErrors.adviceFor(e))
        }
        try storage.syncDirectory("")
    }

    static func split(_ path: String) -> (directory: String, name: String) {
        let parent = LocalTableStorage.parent(of: path)
        return (parent, LocalTableStorage.lastComponent(of: path))
    }
}
