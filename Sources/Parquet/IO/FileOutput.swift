#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new local file written front to back. Created with `O_EXCL`: an existing file is never
/// overwritten. `sync()` flushes it to stable storage.
final class FileOutput: ParquetOutput {
    let path: String
    private var fd: Int32
    private(set) var position = 0

    init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let e = errno
            let why = e == EEXIST ? "the file already exists; remove it or choose another path" : String(cString: strerror(e))
            throw ParquetError(.io, "cannot create: \(why)", path: path)
        }
        self.path = path
        self.fd = fd
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw ParquetError(.io, "write after close", path: path) }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n > 0 { done += n; continue }
            if n < 0 && errno == EINTR { continue }
            let e = errno
            throw ParquetError(.io, "write failed: \(String(cString: strerror(e)))", path: path, offset: position + done)
        }
        position += bytes.count
    }

    func finish(sync: Bool) throws {
        if sync { try self.sync() }
        try close()
    }

    func abort() { discard() }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func sync() throws {
        guard fsync(fd) == 0 else {
            let e = errno
            throw ParquetError(.io, "fsync failed: \(String(cString: strerror(e))); the file may not be durable", path: path)
        }
    }

    func close() throws {
        guard fd >= 0 else { return }
        let r = Glibc.close(fd)
        fd = -1
        if r != 0 {
            let e = errno
            throw ParquetError(.io, "close failed: \(String(cString: strerror(e)))", path: path)
        }
    }

    /// Removes the partly written file (after a failed write).
    func discard() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
        unlink(path)
    }
}
