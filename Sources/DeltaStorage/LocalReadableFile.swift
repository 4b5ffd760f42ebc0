import DeltaLog
import Glibc

/// A file opened for reading with `pread(2)`: no shared file offset, so any number of threads
/// may read at once. The size is taken once, at open; files are immutable once written, and a
/// file that shrinks underneath a reader gives an `.io` error, never a short result.
/// The descriptor is closed when the object is released.
public final class LocalReadableFile: ReadableFile {
    /// Absolute path.
    public let path: String
    public let size: Int
    let fd: Int32
    let calls: any FileSystemCalls

    init(path: String, fd: Int32, size: Int, calls: any FileSystemCalls) {
        self.path = path
        self.fd = fd
        self.size = size
        self.calls = calls
    }

    deinit { _ = calls.close(fd) }

    public func read(offset: Int, length: Int) throws -> [UInt8] {
        try checkRange(offset: offset, length: length)
        if length == 0 { return [] }
        return try [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            try read(offset: offset, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = length
        }
    }

    /// Reads exactly `buffer.count` bytes at `offset` into `buffer` (no allocation).
    public func read(offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws {
        try checkRange(offset: offset, length: buffer.count)
        let (n, e) = calls.preadAll(fd, buffer, offset: Int64(offset))
        if n < 0 {
            throw StorageErrors.io("cannot read \(buffer.count) bytes at offset \(offset) of", path, errno: e, advice: StorageErrors.adviceFor(e))
        }
        if n != buffer.count {
            throw DeltaError(.io, "'\(path)' ended at offset \(offset + n) while reading \(buffer.count) bytes at offset \(offset) (size was \(size) when opened); the file was truncated or replaced while being read", path: path)
        }
    }

    /// The whole file (its size as of the open).
    public func readAll() throws -> [UInt8] {
        try read(offset: 0, length: size)
    }

    func checkRange(offset: Int, length: Int) throws {
        guard offset >= 0, length >= 0, offset <= size, length <= size - offset else {
            throw DeltaError(.io, "read of \(length) bytes at offset \(offset) is outside '\(path)' (\(size) bytes); the file is shorter than its reader expects (truncated or wrong file)", path: path)
        }
    }
}
