// Linux only (Glibc): the storage targets Debian; a Darwin port needs its own PosixCalls.
import Glibc

/// The real system calls.
@_spi(Testing) public struct PosixCalls: FileSystemCalls {
    public init() {}

    public func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> (fd: Int32, errno: Int32) {
        let fd = path.withCString { Glibc.open($0, flags | O_CLOEXEC, mode) }
        return fd >= 0 ? (fd, 0) : (-1, errno)
    }

    public func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> (count: Int, errno: Int32) {
        let n = Glibc.write(fd, buffer, count)
        return n >= 0 ? (n, 0) : (-1, errno)
    }

    public func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> (count: Int, errno: Int32) {
        let n = Glibc.pread(fd, buffer, count, off_t(offset))
        return n >= 0 ? (n, 0) : (-1, errno)
    }

    public func fsync(_ fd: Int32) -> Int32 {
        Glibc.fsync(fd) == 0 ? 0 : errno
    }

    public func close(_ fd: Int32) -> Int32 {
        Glibc.close(fd) == 0 ? 0 : errno
    }

    public func link(_ from: String, _ to: String) -> Int32 {
        let r = from.withCString { f in to.withCString { t in Glibc.link(f, t) } }
        return r == 0 ? 0 : errno
    }

    public func rename(_ from: String, _ to: String) -> Int32 {
        let r = from.withCString { f in to.withCString { t in Glibc.rename(f, t) } }
        return r == 0 ? 0 : errno
    }

    public func unlink(_ path: String) -> Int32 {
        path.withCString { Glibc.unlink($0) } == 0 ? 0 : errno
    }

    public func mkdir(_ path: String, _ mode: mode_t) -> Int32 {
        path.withCString { Glibc.mkdir($0, mode) } == 0 ? 0 : errno
    }

    public func listDirectory(_ path: String) -> (entries: [RawEntry]?, errno: Int32) {
        guard let dir = path.withCString({ opendir($0) }) else { return (nil, errno) }
        defer { closedir(dir) }
        let dfd = dirfd(dir)
        var entries: [RawEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                let e = errno
                if e != 0 { return (nil, e) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.prefix(while: { $0 != 0 })
                return String(decoding: bytes, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var st = Glibc.stat()
            let r = name.withCString { fstatat(dfd, $0, &st, 0) }
            if r != 0 {
                let e = errno
                if e == ENOENT { continue }   // removed between readdir and fstatat
                return (nil, e)
            }
            entries.append(RawEntry(name: name, status: FileStatus(st)))
        }
        return (entries, 0)
    }

    public func stat(_ path: String) -> (status: FileStatus?, errno: Int32) {
        var st = Glibc.stat()
        let r = path.withCString { statPath($0, &st) }
        return r == 0 ? (FileStatus(st), 0) : (nil, errno)
    }

    public func fstat(_ fd: Int32) -> (status: FileStatus?, errno: Int32) {
        var st = Glibc.stat()
        return Glibc.fstat(fd, &st) == 0 ? (FileStatus(st), 0) : (nil, errno)
    }
}

extension FileStatus {
    init(_ st: Glibc.stat) {
        let kind = st.st_mode & S_IFMT
        self.init(sizeBytes: Int64(st.st_size),
                  modificationTimeMs: Int64(st.st_mtim.tv_sec) * 1000 + Int64(st.st_mtim.tv_nsec) / 1_000_000,
                  isDirectory: kind == S_IFDIR,
                  isRegularFile: kind == S_IFREG,
                  device: UInt64(st.st_dev),
                  inode: UInt64(st.st_ino))
    }
}

/// `stat(2)` by path; a free function because inside `PosixCalls` the name `stat` means the method
/// and `Glibc.stat` the struct.
private func statPath(_ path: UnsafePointer<CChar>, _ st: UnsafeMutablePointer<stat>) -> Int32 {
    stat(path, st)
}
