@_spi(Testing) import DeltaStorage
import Glibc
import Synchronization

/// A `FileSystemCalls` for tests (target `DeltaTestSupport`, in no product) that fails chosen calls and models what a
/// process crash and a power loss leave on disk.
///
/// Faults: `inject(_:atCall:kind:path:persistent:)` makes the k-th call of a kind (counted from
/// the injection; `kind: nil` counts every call), optionally only calls on one path, fail, once
/// or from then on:
/// - `.fail(errno:)` — the call does nothing and returns that errno (`close` still releases the
///   descriptor, as Linux does);
/// - `.eintr` — the call does nothing and returns `EINTR` (`close`: released, as Linux does);
/// - `.shortWrite` — `write`/`pread` transfer about half the bytes (other calls run normally);
/// - `.crash` — the process "dies": this call and every later one do nothing and return
///   `crashedErrno` (except that `close` releases descriptors, as process exit does), until
///   `simulateProcessRestart()` or `simulatePowerLoss()`.
///
/// Power-loss model (everything below is tracked only for calls made through this wrapper;
/// files and entries that existed before are assumed durable):
/// - a file's data is durable up to the size it had at its last successful `fsync`; a file
///   created through this wrapper starts at 0 durable bytes;
/// - a directory entry created (`open(O_CREAT)`, `link`, `rename` target, `mkdir`) is durable
///   once its directory has been fsynced afterwards; an entry removed (`unlink`, `rename`
///   source or replaced target) stays removed only once its directory has been fsynced.
/// `simulatePowerLoss()` truncates every tracked file back to its durable size, removes the
/// non-durable entries it created (recursively for directories) and restores the durable entries
/// removed since the last directory fsync with their durable bytes. That is what a reboot on a
/// file system with no ordering guarantees beyond fsync would show, in its most pessimistic form.
///
/// All calls are serialised by one lock (the model must see each call and its effect together).
@_spi(Testing) public final class FaultInjectingCalls: FileSystemCalls {
    public enum Fault: Sendable, Hashable {
        case fail(errno: Int32)
        case shortWrite
        case eintr
        case crash
    }

    /// The errno every call returns after a `.crash` (not a real errno; `StorageErrors` names it).
    public static let crashedErrno: Int32 = SimulatedFault.crashedErrno

    public let base: any FileSystemCalls

    struct Rule {
        var fault: Fault
        var k: Int
        var kind: CallKind?
        var path: String?
        var persistent: Bool
        var seen = 0
        var spent = false
    }

    struct FileID: Hashable { var device: UInt64; var inode: UInt64 }

    struct OpenFile { var path: String; var id: FileID; var isDirectory: Bool }

    struct State {
        var rules: [Rule] = []
        var callCount = 0
        var log: [CallKind] = []
        var paths: [String?] = []
        var crashed = false
        var open: [Int32: OpenFile] = [:]
        /// Durable byte count of each file created through the wrapper.
        var durableLength: [FileID: Int64] = [:]
        /// Current names of each file created through the wrapper.
        var names: [FileID: Set<String>] = [:]
        /// Per directory: names added since its last fsync.
        var added: [String: Set<String>] = [:]
        /// Per directory: durable names removed since its last fsync, with their durable bytes.
        var removed: [String: [String: [UInt8]]] = [:]
    }

    let state = Mutex(State())

    public init(base: any FileSystemCalls = PosixCalls()) {
        self.base = base
    }

    /// Inject `fault` at the k-th (1-based) call matching `kind` (nil = any call) and `path`
    /// (nil = any path; else the absolute path the call names, or for calls on a descriptor the
    /// path it was opened with; for `link` and `rename` the target), counting from now, once or
    /// (persistent) at that call and every matching call after it. Matching by path keeps a
    /// fault on one file when other threads make calls on other files in between.
    public func inject(_ fault: Fault, atCall k: Int, kind: CallKind? = nil, path: String? = nil, persistent: Bool = false) {
        precondition(k >= 1, "calls are counted from 1")
        state.withLock { $0.rules.append(Rule(fault: fault, k: k, kind: kind, path: path, persistent: persistent)) }
    }

    /// Removes every pending fault (a crash already in effect stays in effect).
    public func clearFaults() {
        state.withLock { $0.rules.removeAll() }
    }

    public var callCount: Int { state.withLock { $0.callCount } }
    /// Calls made so far, in order (for "fail the k-th call for every k" loops).
    public var log: [CallKind] { state.withLock { $0.log } }
    /// The path of each call in `log` (as `inject(…path:)` matches it; nil for a descriptor the
    /// wrapper did not see opened).
    public var paths: [String?] { state.withLock { $0.paths } }
    public var hasCrashed: Bool { state.withLock { $0.crashed } }

    // MARK: Deciding

    enum Decision { case proceed, fault(Fault), crashed }

    private static func decide(_ kind: CallKind, _ path: String?, _ s: inout State) -> Decision {
        s.callCount += 1
        s.log.append(kind)
        s.paths.append(path)
        if s.crashed { return .crashed }
        var fired: Fault?
        for i in s.rules.indices where !s.rules[i].spent && (s.rules[i].kind == nil || s.rules[i].kind == kind)
            && (s.rules[i].path == nil || s.rules[i].path == path) {
            s.rules[i].seen += 1
            let rule = s.rules[i]
            let fires = rule.seen == rule.k || (rule.persistent && rule.seen >= rule.k)
            if fires {
                if !rule.persistent { s.rules[i].spent = true }
                if fired == nil { fired = rule.fault }
            }
        }
        guard let fired else { return .proceed }
        if fired == .crash {
            s.crashed = true
            return .crashed
        }
        return .fault(fired)
    }

    private static func failure(_ d: Decision) -> Int32? {
        switch d {
        case .proceed, .fault(.shortWrite), .fault(.crash): return nil
        case .crashed: return crashedErrno
        case .fault(.eintr): return EINTR
        case .fault(.fail(let e)): return e
        }
    }

    // MARK: Calls

    public func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> (fd: Int32, errno: Int32) {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.open, path, &s)) { return (-1, e) }
            let creating = flags & O_CREAT != 0
            let existed = creating && base.stat(path).status != nil
            let (fd, e) = base.open(path, flags, mode)
            guard fd >= 0, let st = base.fstat(fd).status else { return (fd, e) }
            let id = FileID(device: st.device, inode: st.inode)
            s.open[fd] = OpenFile(path: path, id: id, isDirectory: st.isDirectory)
            if creating && !existed {
                s.durableLength[id] = 0
                s.names[id, default: []].insert(path)
                Self.noteAdded(path, &s)
            }
            return (fd, 0)
        }
    }

    public func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> (count: Int, errno: Int32) {
        state.withLock { s in
            let d = Self.decide(.write, s.open[fd]?.path, &s)
            if let e = Self.failure(d) { return (-1, e) }
            if case .fault(.shortWrite) = d, count > 1 { return base.write(fd, buffer, count / 2) }
            return base.write(fd, buffer, count)
        }
    }

    public func pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, _ offset: Int64) -> (count: Int, errno: Int32) {
        state.withLock { s in
            let d = Self.decide(.pread, s.open[fd]?.path, &s)
            if let e = Self.failure(d) { return (-1, e) }
            if case .fault(.shortWrite) = d, count > 1 { return base.pread(fd, buffer, count / 2, offset) }
            return base.pread(fd, buffer, count, offset)
        }
    }

    public func fsync(_ fd: Int32) -> Int32 {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.fsync, s.open[fd]?.path, &s)) { return e }
            let e = base.fsync(fd)
            guard e == 0, let file = s.open[fd] else { return e }
            if file.isDirectory {
                s.added[file.path] = nil
                s.removed[file.path] = nil
            } else if s.durableLength[file.id] != nil, let st = base.fstat(fd).status {
                s.durableLength[file.id] = st.sizeBytes
            }
            return 0
        }
    }

    public func close(_ fd: Int32) -> Int32 {
        state.withLock { s in
            let d = Self.decide(.close, s.open[fd]?.path, &s)
            // Every outcome releases the descriptor, as Linux close(2) and process exit do.
            let e = base.close(fd)
            s.open[fd] = nil
            return Self.failure(d) ?? e
        }
    }

    public func link(_ from: String, _ to: String) -> Int32 {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.link, to, &s)) { return e }
            let e = base.link(from, to)
            if e == 0, let id = Self.id(of: to, base) {
                if s.durableLength[id] != nil { s.names[id, default: []].insert(to) }
                Self.noteAdded(to, &s)
            }
            return e
        }
    }

    public func rename(_ from: String, _ to: String) -> Int32 {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.rename, to, &s)) { return e }
            guard let movingID = Self.id(of: from, base) else { return base.rename(from, to) }
            let replacedID = Self.id(of: to, base)
            Self.noteRemoving(to, replacedID, &s, base)
            Self.noteRemoving(from, movingID, &s, base)
            let e = base.rename(from, to)
            guard e == 0 else { return e }
            if let replacedID { s.names[replacedID]?.remove(to) }
            if s.names[movingID] != nil {
                s.names[movingID]?.remove(from)
                s.names[movingID]?.insert(to)
            }
            Self.noteAdded(to, &s)
            return 0
        }
    }

    public func unlink(_ path: String) -> Int32 {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.unlink, path, &s)) { return e }
            let id = Self.id(of: path, base)
            if let id { Self.noteRemoving(path, id, &s, base) }
            let e = base.unlink(path)
            if e == 0, let id { s.names[id]?.remove(path) }
            return e
        }
    }

    public func mkdir(_ path: String, _ mode: mode_t) -> Int32 {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.mkdir, path, &s)) { return e }
            let e = base.mkdir(path, mode)
            if e == 0 { Self.noteAdded(path, &s) }
            return e
        }
    }

    public func listDirectory(_ path: String) -> (entries: [RawEntry]?, errno: Int32) {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.listDirectory, path, &s)) { return (nil, e) }
            return base.listDirectory(path)
        }
    }

    public func stat(_ path: String) -> (status: FileStatus?, errno: Int32) {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.stat, path, &s)) { return (nil, e) }
            return base.stat(path)
        }
    }

    public func fstat(_ fd: Int32) -> (status: FileStatus?, errno: Int32) {
        state.withLock { s in
            if let e = Self.failure(Self.decide(.fstat, s.open[fd]?.path, &s)) { return (nil, e) }
            return base.fstat(fd)
        }
    }

    // MARK: Bookkeeping for the power-loss model

    private static func id(of path: String, _ base: any FileSystemCalls) -> FileID? {
        base.stat(path).status.map { FileID(device: $0.device, inode: $0.inode) }
    }

    private static func noteAdded(_ path: String, _ s: inout State) {
        let dir = LocalTableStorage.parent(of: path)
        s.added[dir, default: []].insert(LocalTableStorage.lastComponent(of: path))
    }

    /// Before `path` (file `id`) disappears from its directory: if its entry is durable and this
    /// is the first removal since the directory's last fsync, keep its durable bytes so a power
    /// loss can bring it back.
    private static func noteRemoving(_ path: String, _ id: FileID?, _ s: inout State, _ base: any FileSystemCalls) {
        guard let id else { return }
        let dir = LocalTableStorage.parent(of: path)
        let name = LocalTableStorage.lastComponent(of: path)
        if s.added[dir]?.remove(name) != nil { return }   // never durable: nothing to restore
        if s.removed[dir]?[name] != nil { return }
        guard let st = base.stat(path).status, st.isRegularFile else { return }
        let length = min(st.sizeBytes, s.durableLength[id] ?? st.sizeBytes)
        s.removed[dir, default: [:]][name] = readPrefix(path, Int(length))
    }

    private static func readPrefix(_ path: String, _ length: Int) -> [UInt8] {
        let fd = path.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return [] }
        defer { Glibc.close(fd) }
        var bytes = [UInt8](repeating: 0, count: length)
        let n = bytes.withUnsafeMutableBytes { PosixCalls().preadAll(fd, $0, offset: 0).count }
        if n < length { bytes.removeLast(length - max(n, 0)) }
        return bytes
    }

    // MARK: Crash and power loss

    /// What a restarted process sees after a crash without power loss: everything written so far
    /// (the page cache survives). Releases descriptors left open, clears the crash and pending
    /// faults; durability tracking continues.
    public func simulateProcessRestart() {
        state.withLock { s in
            for fd in s.open.keys { _ = base.close(fd) }
            s.open.removeAll()
            s.crashed = false
            s.rules.removeAll()
        }
    }

    /// Power loss: brings the disk to what a reboot would see under the model above, then
    /// starts afresh (no crash, no pending faults, everything now on disk counted as durable).
    public func simulatePowerLoss() {
        state.withLock { s in
            for fd in s.open.keys { _ = base.close(fd) }
            s.open.removeAll()
            // 1. Unsynced data is lost.
            for (id, names) in s.names {
                let durable = s.durableLength[id] ?? 0
                for name in names {
                    guard let st = base.stat(name).status, FileID(device: st.device, inode: st.inode) == id,
                          st.sizeBytes > durable else { continue }
                    _ = name.withCString { truncate($0, off_t(durable)) }
                }
            }
            // 2. Unsynced directory changes are lost, deepest directories first.
            let directories = Set(s.added.keys).union(s.removed.keys).sorted { $0.utf8.count > $1.utf8.count }
            for dir in directories {
                for name in s.added[dir] ?? [] { Self.removeTree(dir + "/" + name) }
                for (name, bytes) in s.removed[dir] ?? [:] {
                    let path = dir + "/" + name
                    Self.removeTree(path)
                    Self.writeWhole(path, bytes)
                }
            }
            s = State(callCount: s.callCount, log: s.log, paths: s.paths)
        }
    }

    private static func removeTree(_ path: String) {
        guard let st = PosixCalls().stat(path).status else { return }
        if st.isDirectory {
            for entry in PosixCalls().listDirectory(path).entries ?? [] { removeTree(path + "/" + entry.name) }
            _ = path.withCString { rmdir($0) }
        } else {
            _ = path.withCString { Glibc.unlink($0) }
        }
    }

    private static func writeWhole(_ path: String, _ bytes: [UInt8]) {
        let fd = path.withCString { Glibc.open($0, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { return }
        _ = bytes.withUnsafeBytes { PosixCalls().writeAll(fd, $0) }
        Glibc.close(fd)
    }
}
