import DeltaLog
import Glibc

/// A table on a local POSIX file system (Linux). Every system call goes through `calls`, so the
/// reliability tests can put `FaultInjectingCalls` underneath the real protocol code.
///
/// Paths given to the methods are relative to `root`, `/`-separated, without `.` or `..`
/// components; an empty directory path means the root itself. The exact system calls of
/// `putIfAbsent`, `replace` and `createNew`, and what survives a crash or power loss at each
/// point, are in `spec/commit-protocol.md`.
///
/// Thread safety: the class holds no mutable state; every method may be called from any thread.
public final class LocalTableStorage: TableStorage {
    /// The table's directory, without a trailing slash (it may not exist yet).
    public let root: String
    /// The system calls (a fault-injecting wrapper in tests).
    @_spi(Testing) public let calls: any FileSystemCalls

    /// Permissions for new files and directories (before the umask).
    static let fileMode: mode_t = 0o644
    static let directoryMode: mode_t = 0o755

    /// The table at `root` on the local file system.
    public convenience init(root: String) {
        self.init(root: root, calls: PosixCalls())
    }

    /// The same, with the system calls going through `calls` (fault injection in tests).
    @_spi(Testing) public init(root: String, calls: any FileSystemCalls) {
        var trimmed = root
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed.isEmpty ? "." : trimmed
        self.calls = calls
    }

    // MARK: Paths

    /// The absolute (root-prefixed) path of a file; throws `.invalidArgument` for a path that
    /// could escape the table or is empty.
    public func absolutePath(_ path: String) throws -> String {
        try Self.validate(path, allowEmpty: false, root: root)
        return root == "/" ? "/" + path : root + "/" + path
    }

    func absoluteDirectory(_ directory: String) throws -> String {
        try Self.validate(directory, allowEmpty: true, root: root)
        if directory.isEmpty { return root }
        return root == "/" ? "/" + directory : root + "/" + directory
    }

    static func validate(_ path: String, allowEmpty: Bool, root: String) throws {
        if path.isEmpty {
            if allowEmpty { return }
            throw DeltaError(.invalidArgument, "empty path under table '\(root)'; name a file relative to the table root", path: root)
        }
        let bad: String?
        if path.hasPrefix("/") { bad = "is absolute" }
        else if path.utf8.contains(0) { bad = "contains a NUL byte" }
        else if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            bad = "has an empty, '.' or '..' component"
        } else { bad = nil }
        if let bad {
            throw DeltaError(.invalidArgument, "path '\(path)' \(bad); give a path relative to the table root '\(root)' such as '_delta_log/00000000000000000000.json'", path: root + "/" + path)
        }
    }

    /// The directory part of an absolute path ("/a/b/c" → "/a/b", "c" → ".", "/c" → "/").
    package static func parent(of absolute: String) -> String {
        guard let slash = absolute.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == absolute.utf8.startIndex { return "/" }
        return String(absolute[..<slash])
    }

    package static func lastComponent(of absolute: String) -> String {
        guard let slash = absolute.utf8.lastIndex(of: UInt8(ascii: "/")) else { return absolute }
        return String(absolute[absolute.utf8.index(after: slash)...])
    }

    // MARK: Reading

    public func list(directory: String) throws -> [StorageEntry] {
        let dir = try absoluteDirectory(directory)
        let (raw, e) = calls.listRetrying(dir)
        guard let raw else {
            if e == ENOENT { return [] }
            throw StorageErrors.io("cannot list directory", dir, errno: e, advice: StorageErrors.adviceFor(e))
        }
        // Byte order, compared with memcmp on each name's UTF-8 (a log of thousands of commits is
        // listed on every snapshot: the generic per-character comparison was the top cost).
        let keyed = raw.map { (key: Array($0.name.utf8), entry: StorageEntry(name: $0.name, size: $0.status.sizeBytes,
                                                                           modificationTime: $0.status.modificationTimeMs,
                                                                           isDirectory: $0.status.isDirectory)) }
        return keyed.sorted { a, b in
            a.key.withUnsafeBufferPointer { x in
                b.key.withUnsafeBufferPointer { y in
                    let n = min(x.count, y.count)
                    let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                    return c != 0 ? c < 0 : x.count < y.count
                }
            }
        }.map(\.entry)
    }

    public func read(_ path: String) throws -> [UInt8] {
        let file = try openLocal(path)
        return try file.readAll()
    }

    public func exists(_ path: String) throws -> Bool {
        let abs = try absolutePath(path)
        let (status, e) = calls.statRetrying(abs)
        if status != nil { return true }
        if e == ENOENT || e == ENOTDIR { return false }
        throw StorageErrors.io("cannot check whether the file exists", abs, errno: e, advice: StorageErrors.adviceFor(e))
    }

    public func openForReading(_ path: String) throws -> any ReadableFile {
        try openLocal(path)
    }

    /// An absolute path, read through the same system calls (and so the same fault injection).
    public func openExternal(_ absolutePath: String) throws -> any ReadableFile {
        guard absolutePath.hasPrefix("/"), absolutePath.count > 1 else {
            throw DeltaError(.invalidArgument, "'\(absolutePath)' is not an absolute path", path: absolutePath)
        }
        return try LocalTableStorage(root: "/", calls: calls).openLocal(String(absolutePath.dropFirst()))
    }

    /// `openForReading` with the concrete type (which adds a zero-copy `read(offset:into:)`).
    public func openLocal(_ path: String) throws -> LocalReadableFile {
        let abs = try absolutePath(path)
        let (fd, e) = calls.openRetrying(abs, O_RDONLY, 0)
        guard fd >= 0 else {
            throw StorageErrors.io("cannot open for reading", abs, errno: e, advice: e == ENOENT
                ? "the file does not exist; if a log entry references it, the table is missing a data file"
                : StorageErrors.adviceFor(e))
        }
        let (status, se) = calls.fstat(fd)
        guard let status else {
            _ = calls.close(fd)
            throw StorageErrors.io("cannot stat", abs, errno: se, advice: StorageErrors.adviceFor(se))
        }
        if status.isDirectory {
            _ = calls.close(fd)
            throw DeltaError(.io, "cannot read '\(abs)': it is a directory, not a file", path: abs, errno: EISDIR)
        }
        return LocalReadableFile(path: abs, fd: fd, size: Int(status.sizeBytes), calls: calls)
    }

    // MARK: Deleting and syncing

    @discardableResult
    public func delete(_ path: String) throws -> Bool {
        let abs = try absolutePath(path)
        let e = calls.unlinkRetrying(abs)
        if e == 0 { return true }
        if e == ENOENT { return false }
        throw StorageErrors.io("cannot delete", abs, errno: e, advice: StorageErrors.adviceFor(e))
    }

    public func syncDirectory(_ path: String) throws {
        let dir = try absoluteDirectory(path)
        let e = syncDirectoryAt(dir)
        if e != 0 {
            throw StorageErrors.io("cannot fsync directory", dir, errno: e,
                                   advice: "entries created in it may not survive a power loss; check the disk before continuing")
        }
    }

    /// open(O_RDONLY|O_DIRECTORY), fsync, close. Returns 0 or the errno of the open or fsync
    /// (a failed close after a successful fsync does not matter and is ignored).
    func syncDirectoryAt(_ absoluteDirectory: String) -> Int32 {
        let (fd, e) = calls.openRetrying(absoluteDirectory, O_RDONLY | O_DIRECTORY, 0)
        guard fd >= 0 else { return e }
        let se = calls.fsync(fd)   // never retried
        _ = calls.close(fd)
        return se
    }

    // MARK: Writing data files

    public func createNew(_ path: String) throws -> any WritableFile {
        try createLocal(path)
    }

    /// `createNew` with the concrete type.
    public func createLocal(_ path: String) throws -> LocalWritableFile {
        let abs = try absolutePath(path)
        let dir = Self.parent(of: abs)
        let flags = O_CREAT | O_EXCL | O_WRONLY
        var (fd, e) = calls.openRetrying(abs, flags, Self.fileMode)
        if fd < 0 && e == ENOENT {
            try ensureDirectory(dir)
            (fd, e) = calls.openRetrying(abs, flags, Self.fileMode)
        }
        guard fd >= 0 else {
            throw StorageErrors.io("cannot create", abs, errno: e, advice: e == EEXIST
                ? "the file already exists and data files are never overwritten; choose a new file name"
                : StorageErrors.adviceFor(e))
        }
        return LocalWritableFile(path: abs, directory: dir, fd: fd, storage: self)
    }

    /// Creates `absoluteDirectory` and any missing ancestors; after each `mkdir` that created
    /// a directory, fsyncs that directory's parent so the new entry is durable.
    func ensureDirectory(_ absoluteDirectory: String) throws {
        let (status, e) = calls.statRetrying(absoluteDirectory)
        if let status {
            if status.isDirectory { return }
            throw DeltaError(.io, "'\(absoluteDirectory)' exists but is not a directory; move it away or choose another table path",
                             path: absoluteDirectory, errno: ENOTDIR)
        }
        guard e == ENOENT else {
            throw StorageErrors.io("cannot stat directory", absoluteDirectory, errno: e, advice: StorageErrors.adviceFor(e))
        }
        let parent = Self.parent(of: absoluteDirectory)
        if parent != absoluteDirectory { try ensureDirectory(parent) }
        let me = calls.mkdirRetrying(absoluteDirectory, Self.directoryMode)
        // EEXIST: another writer created it concurrently and may not have synced the parent yet,
        // so sync it here too.
        guard me == 0 || me == EEXIST else {
            throw StorageErrors.io("cannot create directory", absoluteDirectory, errno: me, advice: StorageErrors.adviceFor(me))
        }
        let se = syncDirectoryAt(parent)
        if se != 0 {
            throw StorageErrors.io("cannot fsync directory", parent, errno: se,
                                   advice: "the new directory '\(absoluteDirectory)' may not survive a power loss; check the disk and retry")
        }
    }
}
