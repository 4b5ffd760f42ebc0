import DeltaLog
import Glibc

/// A new file (created with `O_CREAT|O_EXCL`) written front to back. `sync()` fsyncs the file
/// and then its directory, so after it returns both the bytes and the name survive a power
/// loss. Not thread-safe: one writer at a time.
public final class LocalWritableFile: WritableFile {
    /// Absolute path.
    public let path: String
    public private(set) var bytesWritten: Int = 0
    let directory: String
    let storage: LocalTableStorage
    private var fd: Int32
    private var calls: any FileSystemCalls { storage.calls }

    init(path: String, directory: String, fd: Int32, storage: LocalTableStorage) {
        self.path = path
        self.directory = directory
        self.fd = fd
        self.storage = storage
    }

    deinit {
        if fd >= 0 { _ = calls.close(fd) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else {
            throw DeltaError(.io, "write to '\(path)' after close or abort; this is a bug in the caller", path: path)
        }
        let e = calls.writeAll(fd, bytes)
        if e != 0 {
            throw StorageErrors.io("cannot write \(bytes.count) bytes at offset \(bytesWritten) of", path, errno: e,
                                   advice: StorageErrors.adviceFor(e) + "; abort this file and write a new one")
        }
        bytesWritten += bytes.count
    }

    /// Convenience for arrays.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    public func sync() throws {
        guard fd >= 0 else {
            throw DeltaError(.io, "sync of '\(path)' after close or abort; sync before closing", path: path)
        }
        let fe = calls.fsync(fd)   // never retried
        if fe != 0 {
            throw StorageErrors.io("cannot fsync", path, errno: fe,
                                   advice: "the data may not have reached the disk; abort this file and write a new one")
        }
        let de = storage.syncDirectoryAt(directory)
        if de != 0 {
            throw StorageErrors.io("cannot fsync directory", directory, errno: de,
                                   advice: "the new file '\(path)' may not survive a power loss; abort it and write a new one")
        }
    }

    public func close() throws {
        guard fd >= 0 else { return }
        let e = calls.close(fd)
        fd = -1
        if e != 0 && e != EINTR {
            throw StorageErrors.io("cannot close", path, errno: e, advice: StorageErrors.adviceFor(e) + "; abort this file and write a new one")
        }
    }

    public func abort() {
        if fd >= 0 {
            _ = calls.close(fd)
            fd = -1
        }
        _ = calls.unlinkRetrying(path)
    }
}
