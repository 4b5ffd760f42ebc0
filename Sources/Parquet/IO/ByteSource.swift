#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reader's bytes come from: a local file read with `pread` (safe from many threads at
/// once), or bytes already in memory (tests, fuzzing, object-store back ends later).
final class ByteSource: ParquetInput {
    private enum Backing: Sendable {
        case file(fd: Int32)
        case memory([UInt8])
    }

    let path: String
    let size: Int
    private let backing: Backing

    init(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            let hint = e == ENOENT ? "no such file" : String(cString: strerror(e))
            throw ParquetError(.io, "cannot open for reading: \(hint)", path: path)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw ParquetError(.io, "cannot stat: \(String(cString: strerror(e)))", path: path)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ParquetError(.io, "not a regular file", path: path)
        }
        self.path = path
        self.size = Int(st.st_size)
        self.backing = .file(fd: fd)
    }

    init(bytes: [UInt8], path: String) {
        self.path = path
        self.size = bytes.count
        self.backing = .memory(bytes)
    }

    deinit {
        if case let .file(fd) = backing { close(fd) }
    }

    /// Reads `length` bytes at `offset`; throws `.truncated` if the range is outside the file.
    func read(offset: Int, length: Int) throws -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= size, length <= size - offset else {
            throw ParquetError(.truncated, "a read of \(length) bytes at offset \(offset) runs past the end of the \(size)-byte file",
                               path: path, offset: offset)
        }
        switch backing {
        case let .memory(bytes):
            return Array(bytes[offset..<offset + length])
        case let .file(fd):
            var failure: Int32 = 0
            let out = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                var done = 0
                while done < length {
                    let n = pread(fd, buffer.baseAddress! + done, length - done, off_t(offset + done))
                    if n > 0 { done += n; continue }
                    if n < 0 && errno == EINTR { continue }
                    failure = n == 0 ? -1 : errno
                    break
                }
                // Safe: bytes past `done` are only exposed if the read failed, and then `out` is discarded.
                initialized = failure == 0 ? length : 0
            }
            if failure != 0 {
                let why = failure == -1 ? "the file ended early (was it truncated while being read?)" : String(cString: strerror(failure))
                throw ParquetError(.io, "read of \(length) bytes failed: \(why)", path: path, offset: offset)
            }
            return out
        }
    }
}
