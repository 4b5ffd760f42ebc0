/// Which `_delta_log` entries have expired (PROTOCOL.md, "Metadata Cleanup").
///
/// Rules, with `cutoff = now - retention`:
///
/// 1. Each version's timestamp is the newest modification time of any entry of that version
///    (commit, checkpoint files, `.crc`, compactions ending there), made monotonic: a version is
///    never older than the one before it. Versions whose timestamp is older than `cutoff` form a
///    prefix of the log — the expired prefix. A file with a newer version but an older mtime thus
///    never lets a later version expire before an earlier one.
/// 2. The cut-off commit is the last version of the expired prefix. The cut-off checkpoint C is
///    the newest *complete* checkpoint at or before it: a classic checkpoint, every part of a
///    multi-part checkpoint, or a V2 top-level file.
/// 3. Every commit, `.crc`, compaction (by its last version) and checkpoint file of a version
///    below C expires. Nothing at or after C does — C's own commit stays too (it carries
///    commitInfo, which in-commit timestamps need). Without such a C, nothing expires.
///
/// Everything else — `_last_checkpoint`, temp files, `_sidecars/` (V2 sidecars are cleaned by
/// whoever knows which checkpoints reference them), unknown names — is left alone.
public enum LogCleanup {
    /// The expired log files, ascending by version (then name), so that deleting them in order
    /// and crashing midway leaves a valid log.
    public static func expiredFiles(listing: [LogFile], retentionMillis: Int64, nowMillis: Int64) -> [LogFile] {
        let cutoff = nowMillis &- retentionMillis
        var entries: [(version: Int64, name: LogFileName, file: LogFile)] = []
        entries.reserveCapacity(listing.count)
        for file in listing {
            guard let name = LogFileName(file.name), let version = name.version else { continue }
            entries.append((version, name, file))
        }
        entries.sort { $0.version != $1.version ? $0.version < $1.version : $0.file.name < $1.file.name }

        // 1. The expired prefix: versions whose monotonic timestamp is before the cutoff.
        var lastExpired: Int64 = -1
        var i = 0
        while i < entries.count {
            let version = entries[i].version
            var newest = Int64.min
            var j = i
            while j < entries.count, entries[j].version == version {
                newest = max(newest, entries[j].file.modificationTime)
                j += 1
            }
            // Running maximum: once one version is not expired, no later version is.
            guard newest < cutoff else { break }
            lastExpired = version
            i = j
        }
        guard lastExpired >= 0 else { return [] }

        // 2. The newest complete checkpoint at or before the cut-off commit.
        guard let checkpoint = newestCompleteCheckpoint(entries.lazy.map { $0.name }, atOrBefore: lastExpired) else { return [] }

        // 3. Everything of a version below it.
        return entries.prefix { $0.version < checkpoint }.map(\.file)
    }

    /// The newest version ≤ `limit` with a complete checkpoint.
    static func newestCompleteCheckpoint<S: Sequence>(_ names: S, atOrBefore limit: Int64) -> Int64? where S.Element == LogFileName {
        var best: Int64?
        // (version, parts) → parts seen
        var partsSeen: [PartsKey: Set<Int>] = [:]
        func consider(_ v: Int64) { if v <= limit, best.map({ v > $0 }) ?? true { best = v } }
        for name in names {
            switch name {
            case let .checkpoint(v), let .v2Checkpoint(v, _, _):
                consider(v)
            case let .multiPartCheckpoint(v, part, parts):
                guard v <= limit else { continue }
                let key = PartsKey(version: v, parts: parts)
                partsSeen[key, default: []].insert(part)
                if partsSeen[key]!.count == parts { consider(v) }
            default:
                continue
            }
        }
        return best
    }

    struct PartsKey: Hashable {
        var version: Int64
        var parts: Int
    }
}
