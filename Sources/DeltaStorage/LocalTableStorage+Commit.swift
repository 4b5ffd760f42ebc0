import DeltaLog
import Glibc

/// The atomic writes: `putIfAbsent` (log commits) and `replace` (hints such as
/// `_last_checkpoint`). The numbered steps below are the crash points C1…C7 of
/// `spec/commit-protocol.md`; keep the two in step.
extension LocalTableStorage {
    /// Creates `path` with `contents` unless it exists, atomically and durably:
    ///
    /// 1. `open("<dir>/.tmp-<uuid>", O_CREAT|O_EXCL|O_WRONLY, 0644)` (on `ENOENT` the missing
    ///    directories are created, each new one's parent fsynced, and the open repeated)
    /// 2. `write` until every byte is written (`EINTR` and short writes retried)
    /// 3. `fsync(temp)` (never retried)
    /// 4. `close(temp)`
    /// 5. `link(temp, final)`: `EEXIST` → `unlink(temp)`, return `.alreadyExists`
    /// 6. `unlink(temp)` (a failure leaves a harmless `.tmp-` file and is ignored)
    /// 7. `open(dir, O_RDONLY|O_DIRECTORY)`, `fsync(dir)`, `close(dir)`
    ///
    /// A failure in 1–5 removes the temp file (best effort) and throws `DeltaError(.io)`;
    /// a failure of 7 throws `DeltaError(.commitOutcomeUnknown)`: the file is visible but may
    /// not be durable, so the caller re-reads the log (and its txn ids) to decide.
    public func putIfAbsent(_ path: String, contents: [UInt8]) throws -> PutOutcome {
        let final = try absolutePath(path)
        let dir = Self.parent(of: final)
        let temp = try writeTempFile(directory: dir, contents: contents, for: final)
        return try linkIntoPlace(temp, final, directory: dir)
    }

    /// Publishes a finished file: `temporary` (written, fsynced and closed by the caller, in the
    /// same directory as `path`) becomes `path` unless `path` exists — steps 5–7 of
    /// `putIfAbsent`, with the same outcomes. On `.alreadyExists` and on errors the temporary
    /// file is removed. For files too large to hold in memory (checkpoints).
    public func publish(_ temporary: String, as path: String) throws -> PutOutcome {
        let final = try absolutePath(path)
        let temp = try absolutePath(temporary)
        let dir = Self.parent(of: final)
        guard Self.parent(of: temp) == dir else {
            _ = calls.unlinkRetrying(temp)
            throw DeltaError(.invalidArgument, "cannot publish '\(temp)' as '\(final)': they are in different directories", path: final)
        }
        return try linkIntoPlace(temp, final, directory: dir)
    }

    /// Steps 5–7: link `temp` to `final` unless it exists, unlink `temp`, fsync `dir`.
    private func linkIntoPlace(_ temp: String, _ final: String, directory dir: String) throws -> PutOutcome {
        let le = calls.linkRetrying(temp, final)                                        // 5
        if le == EEXIST {
            _ = calls.unlinkRetrying(temp)
            return .alreadyExists
        }
        guard le == 0 else {
            _ = calls.unlinkRetrying(temp)
            throw StorageErrors.io("cannot link the new file into place as", final, errno: le, advice: le == EPERM || le == ENOTSUP || le == EOPNOTSUPP
                ? "the file system does not support hard links, which put-if-absent commits need; use a local POSIX file system"
                : StorageErrors.adviceFor(le) + "; nothing was committed")
        }
        _ = calls.unlinkRetrying(temp)                                                  // 6
        let se = syncDirectoryAt(dir)                                                   // 7
        guard se == 0 else {
            throw DeltaError(.commitOutcomeUnknown,
                "'\(final)' was linked into place but fsync of its directory '\(dir)' failed: \(StorageErrors.describe(se)); the commit is visible but may not be durable; re-read the log to decide",
                path: final, errno: se)
        }
        return .created
    }

    /// Replaces the whole content of `path` atomically: temp file, write, fsync, close,
    /// `rename(2)` over `path`, fsync of the directory. A failure before the rename removes
    /// the temp file and throws `DeltaError(.io)` (the old content is untouched); a failure of
    /// the directory fsync throws `DeltaError(.commitOutcomeUnknown)` (the new content is
    /// visible but a power loss may bring back the old one). Meant for hints only.
    public func replace(_ path: String, contents: [UInt8]) throws {
        let final = try absolutePath(path)
        let dir = Self.parent(of: final)
        let temp = try writeTempFile(directory: dir, contents: contents, for: final)
        let re = calls.renameRetrying(temp, final)
        guard re == 0 else {
            _ = calls.unlinkRetrying(temp)
            throw StorageErrors.io("cannot rename the new content into place as", final, errno: re,
                                   advice: StorageErrors.adviceFor(re) + "; the previous content is unchanged")
        }
        let se = syncDirectoryAt(dir)
        guard se == 0 else {
            throw DeltaError(.commitOutcomeUnknown,
                "'\(final)' was replaced but fsync of its directory '\(dir)' failed: \(StorageErrors.describe(se)); the new content is visible but may not be durable",
                path: final, errno: se)
        }
    }

    /// Steps 1–4: a durable, closed temp file in `directory` holding `contents`. Returns its
    /// absolute path; on failure removes it (best effort) and throws `.io` naming `final`.
    func writeTempFile(directory: String, contents: [UInt8], for final: String) throws -> String {
        let temp = directory + "/" + Self.tempName()
        let flags = O_CREAT | O_EXCL | O_WRONLY
        var (fd, e) = calls.openRetrying(temp, flags, Self.fileMode)                   // 1
        if fd < 0 && e == ENOENT {
            try ensureDirectory(directory)
            (fd, e) = calls.openRetrying(temp, flags, Self.fileMode)
        }
        guard fd >= 0 else {
            throw StorageErrors.io("cannot create the temporary file '\(temp)' for", final, errno: e,
                                   advice: StorageErrors.adviceFor(e) + "; nothing was written")
        }
        let we = contents.withUnsafeBytes { calls.writeAll(fd, $0) }                   // 2
        if we != 0 {
            _ = calls.close(fd)
            _ = calls.unlinkRetrying(temp)
            throw StorageErrors.io("cannot write", final, errno: we, advice: StorageErrors.adviceFor(we) + "; nothing was committed")
        }
        let fe = calls.fsync(fd)                                                        // 3 (never retried)
        if fe != 0 {
            _ = calls.close(fd)
            _ = calls.unlinkRetrying(temp)
            throw StorageErrors.io("cannot fsync the temporary file for", final, errno: fe,
                                   advice: "the data may not have reached the disk; nothing was committed; check the disk (dmesg) before retrying")
        }
        let ce = calls.close(fd)                                                        // 4
        if ce != 0 && ce != EINTR {   // EINTR: Linux has released the descriptor; data is synced
            _ = calls.unlinkRetrying(temp)
            throw StorageErrors.io("cannot close the temporary file for", final, errno: ce,
                                   advice: StorageErrors.adviceFor(ce) + "; nothing was committed")
        }
        return temp
    }

    /// `.tmp-` followed by 32 random hex digits (a random UUID's worth of bits).
    static func tempName() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        func hex(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return ".tmp-" + hex(high) + hex(low)
    }
}
