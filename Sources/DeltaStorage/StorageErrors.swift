import DeltaLog
import Glibc

/// How errors and retries are spelled, in one place, so every message has the same shape:
/// `"<what failed> '<absolute path>': <strerror> (errno N); <what to do>"`.
enum StorageErrors {
    /// How often a call interrupted by a signal (`EINTR`) or making no progress is retried before
    /// the storage gives up. Real interruptions are rare; the bound only stops a pathological loop.
    static let maximumRetries = 1000

    static func describe(_ code: Int32) -> String {
        if code == SimulatedFault.crashedErrno { return "simulated process crash (fault injection)" }
        return "\(String(cString: strerror(code))) (errno \(code))"
    }

    static func io(_ what: String, _ absolutePath: String, errno code: Int32, advice: String) -> DeltaError {
        DeltaError(.io, "\(what) '\(absolutePath)': \(describe(code)); \(advice)", path: absolutePath, errno: code)
    }

    static func adviceFor(_ code: Int32) -> String {
        switch code {
        case ENOSPC, EDQUOT: return "free disk space (or raise the quota) and retry"
        case EACCES, EPERM: return "check the permissions of the table directory and retry"
        case EROFS: return "the file system is read-only; remount it read-write or use another location"
        case ENOENT: return "check that the path exists"
        case ENOTDIR: return "a component of the path is a file, not a directory; check the table path"
        case EMFILE, ENFILE: return "too many open files; raise the descriptor limit (ulimit -n) and retry"
        case EIO: return "the device reported an I/O error; check the disk (dmesg) before retrying"
        default: return "check the file system and retry"
        }
    }
}

extension FileSystemCalls {
    /// Repeats `body` while it fails with `EINTR` (bounded).
    func retryingInterrupts<T>(_ body: () -> T, errnoOf: (T) -> Int32) -> T {
        var result = body()
        var attempts = 0
        while errnoOf(result) == EINTR && attempts < StorageErrors.maximumRetries {
            attempts += 1
            result = body()
        }
        return result
    }

    func openRetrying(_ path: String, _ flags: Int32, _ mode: mode_t) -> (fd: Int32, errno: Int32) {
        retryingInterrupts({ open(path, flags, mode) }, errnoOf: { $0.errno })
    }

    func linkRetrying(_ from: String, _ to: String) -> Int32 {
        retryingInterrupts({ link(from, to) }, errnoOf: { $0 })
    }

    func renameRetrying(_ from: String, _ to: String) -> Int32 {
        retryingInterrupts({ rename(from, to) }, errnoOf: { $0 })
    }

    func unlinkRetrying(_ path: String) -> Int32 {
        retryingInterrupts({ unlink(path) }, errnoOf: { $0 })
    }

    func mkdirRetrying(_ path: String, _ mode: mode_t) -> Int32 {
        retryingInterrupts({ mkdir(path, mode) }, errnoOf: { $0 })
    }

    func statRetrying(_ path: String) -> (status: FileStatus?, errno: Int32) {
        retryingInterrupts({ stat(path) }, errnoOf: { $0.errno })
    }

    func listRetrying(_ path: String) -> (entries: [RawEntry]?, errno: Int32) {
        retryingInterrupts({ listDirectory(path) }, errnoOf: { $0.errno })
    }

    /// Writes every byte, retrying `EINTR` and short writes. Returns 0 or the errno of the
    /// failing write (`EIO` if the writes stop making progress).
    package func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard var next = bytes.baseAddress else { return 0 }
        var remaining = bytes.count
        var stalls = 0
        while remaining > 0 {
            let (n, e) = write(fd, next, remaining)
            if n < 0 {
                if e == EINTR && stalls < StorageErrors.maximumRetries { stalls += 1; continue }
                return e
            }
            if n == 0 {
                stalls += 1
                if stalls >= StorageErrors.maximumRetries { return EIO }
                continue
            }
            stalls = 0
            // Safe: 0 < n <= remaining, so the pointer stays within `bytes`.
            next += n
            remaining -= n
        }
        return 0
    }

    /// Fills `buffer` from `offset`, retrying `EINTR` and short reads. Returns the bytes read
    /// (fewer than asked only at end of file) or the errno.
    package func preadAll(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, offset: Int64) -> (count: Int, errno: Int32) {
        guard let base = buffer.baseAddress else { return (0, 0) }
        var done = 0
        var interrupts = 0
        while done < buffer.count {
            let (n, e) = pread(fd, base + done, buffer.count - done, offset + Int64(done))
            if n < 0 {
                if e == EINTR && interrupts < StorageErrors.maximumRetries { interrupts += 1; continue }
                return (-1, e)
            }
            if n == 0 { break }
            done += n
        }
        return (done, 0)
    }
}
