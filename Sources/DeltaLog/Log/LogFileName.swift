/// The name of one entry of `_delta_log/`, parsed.
///
/// Names this engine recognises (PROTOCOL.md, "Delta Log Entries"); `v` is a version written as
/// exactly 20 zero-padded decimal digits, `o`/`p` (part / parts) as exactly 10:
///
/// | name                                   | meaning                                        |
/// |----------------------------------------|------------------------------------------------|
/// | `v.json`                               | the commit of version v                        |
/// | `v.checkpoint.parquet`                 | a classic single-file checkpoint of v          |
/// | `v.checkpoint.o.p.parquet`             | part o (1-based) of a p-part checkpoint of v   |
/// | `v.checkpoint.<uuid>.json` / `.parquet`| a V2 checkpoint of v                           |
/// | `x.y.compacted.json`                   | a log compaction of versions x…y (ignored)     |
/// | `v.crc`                                | a version checksum file                        |
/// | `_last_checkpoint`                     | hint: the latest checkpoint                    |
///
/// Anything else — temp files of in-flight commits, dot files, `_sidecars/`, `_commits/` — is
/// not a log entry and parses to nil.
public enum LogFileName: Sendable, Hashable {
    case commit(version: Int64)
    case checkpoint(version: Int64)
    case multiPartCheckpoint(version: Int64, part: Int, parts: Int)
    case v2Checkpoint(version: Int64, uuid: String, format: String)
    case compacted(from: Int64, to: Int64)
    case crc(version: Int64)
    case lastCheckpoint

    public init?(_ name: String) {
        // Fast path for the common case, a commit `<20 digits>.json` (listings hold thousands).
        if let version = Self.commitVersion(name) { self = .commit(version: version); return }
        if name == "_last_checkpoint" { self = .lastCheckpoint; return }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let version = LogFileName.number(parts[0], digits: 20) else { return nil }
        switch parts.count {
        case 2:
            switch parts[1] {
            case "json": self = .commit(version: version)
            case "crc": self = .crc(version: version)
            default: return nil
            }
        case 3:
            guard parts[1] == "checkpoint", parts[2] == "parquet" else { return nil }
            self = .checkpoint(version: version)
        case 4:
            if parts[1] == "checkpoint", parts[3] == "json" || parts[3] == "parquet",
               LogFileName.isUUID(parts[2]) {
                self = .v2Checkpoint(version: version, uuid: String(parts[2]), format: String(parts[3]))
            } else if parts[2] == "compacted", parts[3] == "json",
                      let end = LogFileName.number(parts[1], digits: 20), end >= version {
                self = .compacted(from: version, to: end)
            } else {
                return nil
            }
        case 5:
            guard parts[1] == "checkpoint", parts[4] == "parquet",
                  let part = LogFileName.number(parts[2], digits: 10),
                  let count = LogFileName.number(parts[3], digits: 10),
                  count >= 1, part >= 1, part <= count, count <= Int64(Int32.max) else { return nil }
            self = .multiPartCheckpoint(version: version, part: Int(part), parts: Int(count))
        default:
            return nil
        }
    }

    /// `00000000000000000012.json`
    /// The version of a `<20 digits>.json` name, read from its bytes; nil for any other name.
    private static func commitVersion(_ name: String) -> Int64? {
        guard name.utf8.count == 25, name.hasSuffix(".json") else { return nil }
        var version: Int64 = 0
        for b in name.utf8.prefix(20) {
            guard b >= 48 && b <= 57 else { return nil }
            let (m, o1) = version.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(b - 48))
            if o1 || o2 { return nil }   // the slow path rejects such names too
            version = a
        }
        return version
    }

    public static func commit(_ version: Int64) -> String { padded(version, digits: 20) + ".json" }

    /// `00000000000000000012.checkpoint.parquet`
    public static func checkpoint(_ version: Int64) -> String { padded(version, digits: 20) + ".checkpoint.parquet" }

    /// `00000000000000000012.checkpoint.0000000001.0000000003.parquet`
    public static func multiPartCheckpoint(_ version: Int64, part: Int, parts: Int) -> String {
        padded(version, digits: 20) + ".checkpoint." + padded(Int64(part), digits: 10) + "."
            + padded(Int64(parts), digits: 10) + ".parquet"
    }

    /// `00000000000000000012.crc`
    public static func crc(_ version: Int64) -> String { padded(version, digits: 20) + ".crc" }

    /// The version this entry belongs to (for a compaction: its last version; nil for `_last_checkpoint`).
    public var version: Int64? {
        switch self {
        case let .commit(v), let .checkpoint(v), let .crc(v): return v
        case let .multiPartCheckpoint(v, _, _), let .v2Checkpoint(v, _, _): return v
        case let .compacted(_, to): return to
        case .lastCheckpoint: return nil
        }
    }

    static func padded(_ value: Int64, digits: Int) -> String {
        let text = String(value)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }

    /// A non-negative number written with exactly `digits` ASCII digits.
    private static func number(_ text: Substring, digits: Int) -> Int64? {
        guard text.utf8.count == digits else { return nil }
        var value: Int64 = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(byte - 0x30))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    /// 8-4-4-4-12 hex digits.
    private static func isUUID(_ text: Substring) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.utf8.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.utf8.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x61...0x66).contains(b) || (0x41...0x46).contains(b)
        } }
    }
}
