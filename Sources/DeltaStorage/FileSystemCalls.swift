// Linux only (Glibc): the storage targets Debian; a Darwin port needs its own PosixCalls.
import Glibc

/// Every system call `LocalTableStorage` makes, so tests can inject faults between the storage
/// and the kernel. `PosixCalls` is the real one.
///
/// Conventions (so that `errno` never has to survive across Swift code, which may clobber it):
/// - calls that return a value return it together with the errno: `(fd, errno)`, `(count, errno)`;
///   on success the errno is 0, on failure the value is -1 (or nil) and the errno is set;
/// - calls that only succeed or fail return 0 or the errno.
///
/// No call retries anything: retrying `EINTR` and short writes is the caller's decision, and
/// `fsync` is never retried.
@_spi(Testing) public protocol FileSystemCalls: Sendable {
    func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> (fd: Int32, errno: Int32)
    func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> (count: Int, errno: Int32)
    func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> (count: Int, errno: Int32)
    /// Returns 0 or the errno.
    func fsync(_ fd: Int32) -> Int32
    /// Returns 0 or the errno. The descriptor is released even when an error is returned (Linux).
    func close(_ fd: Int32) -> Int32
    /// `link(2)`: fails with `EEXIST` if `to` exists. Returns 0 or the errno.
    func link(_ from: String, _ to: String) -> Int32
    /// `rename(2)`: replaces `to` atomically. Returns 0 or the errno.
    func rename(_ from: String, _ to: String) -> Int32
    /// Returns 0 or the errno.
    func unlink(_ path: String) -> Int32
    /// Returns 0 or the errno.
    func mkdir(_ path: String, _ mode: mode_t) -> Int32
    /// `opendir`/`readdir` plus `fstatat` for each entry, without `.` and `..`, in the order the
    /// file system returns them. Entries that vanish between `readdir` and `fstatat` are skipped.
    func listDirectory(_ path: String) -> (entries: [RawEntry]?, errno: Int32)
    /// `stat(2)` (follows symbolic links).
    func stat(_ path: String) -> (status: FileStatus?, errno: Int32)
    /// `fstat(2)`.
    func fstat(_ fd: Int32) -> (status: FileStatus?, errno: Int32)
}

/// One entry of a raw directory listing.
@_spi(Testing) public struct RawEntry: Sendable, Hashable {
    public var name: String
    public var status: FileStatus

    public init(name: String, status: FileStatus) {
        self.name = name
        self.status = status
    }
}

/// The parts of `struct stat` the storage uses.
@_spi(Testing) public struct FileStatus: Sendable, Hashable {
    public var sizeBytes: Int64
    /// Milliseconds since the epoch.
    public var modificationTimeMs: Int64
    public var isDirectory: Bool
    public var isRegularFile: Bool
    public var device: UInt64
    public var inode: UInt64

    public init(sizeBytes: Int64, modificationTimeMs: Int64, isDirectory: Bool, isRegularFile: Bool,
                device: UInt64, inode: UInt64) {
        self.sizeBytes = sizeBytes
        self.modificationTimeMs = modificationTimeMs
        self.isDirectory = isDirectory
        self.isRegularFile = isRegularFile
        self.device = device
        self.inode = inode
    }
}

/// The names of the calls, for fault injection and call logs.
@_spi(Testing) public enum CallKind: String, Sendable, Hashable, CaseIterable {
    case open, write, pread, fsync, close, link, rename, unlink, mkdir, listDirectory, stat, fstat
}

/// What the fault-injecting calls of the test support report (so that error messages can name it).
@_spi(Testing) public enum SimulatedFault {
    /// The errno every call returns after a simulated crash (not a real errno).
    public static let crashedErrno: Int32 = 0x7ead
}
