import Columnar

/// The arithmetic under `CommitTimeline` (which states the rule): monotonized modification
/// times, and "as of timestamp" resolution over an ascending `(version, timestamp)` list.
public enum CommitTimestamps {
    /// Each commit's timestamp is max(its mtime, previous + 1 ms), in version order.
    public static func monotonized(_ commits: [(version: Int64, modificationTime: Int64)]) -> [(version: Int64, timestamp: Int64)] {
        let ordered = commits.sorted { $0.version < $1.version }
        var result: [(version: Int64, timestamp: Int64)] = []
        result.reserveCapacity(ordered.count)
        var previous = Int64.min
        for c in ordered {
            let t = previous == Int64.min ? c.modificationTime : max(c.modificationTime, previous &+ 1)
            result.append((c.version, t))
            previous = t
        }
        return result
    }

    /// The latest version whose timestamp ≤ `timestampMillis`. `timestamps` must be ascending in
    /// both version and timestamp (as `monotonized` returns). Throws `.versionNotFound` when the
    /// timestamp is before the earliest or after the latest commit.
    public static func version(at timestampMillis: Int64, in timestamps: [(version: Int64, timestamp: Int64)]) throws -> Int64 {
        guard let first = timestamps.first, let last = timestamps.last else {
            throw DeltaError(.versionNotFound, "no commits: the table has no version at \(ISO8601Time.format(timestampMillis))")
        }
        if timestampMillis < first.timestamp {
            throw DeltaError(.versionNotFound,
                "timestamp \(ISO8601Time.format(timestampMillis)) is before the earliest available commit (version \(first.version) at \(ISO8601Time.format(first.timestamp)))")
        }
        if timestampMillis > last.timestamp {
            throw DeltaError(.versionNotFound,
                "timestamp \(ISO8601Time.format(timestampMillis)) is after the latest commit (version \(last.version) at \(ISO8601Time.format(last.timestamp))); use that version or an earlier timestamp")
        }
        // Binary search: the first index whose timestamp > t, minus one.
        var low = 0, high = timestamps.count
        while low < high {
            let mid = (low + high) / 2
            if timestamps[mid].timestamp <= timestampMillis { low = mid + 1 } else { high = mid }
        }
        return timestamps[low - 1].version
    }
}

/// UTC ISO-8601 text for milliseconds since the epoch, e.g. `2024-03-01T12:00:00.000Z`.
enum ISO8601Time {
    static func format(_ millis: Int64) -> String {
        let (micros, overflow) = millis.multipliedReportingOverflow(by: 1000)
        return overflow ? "\(millis) ms after the epoch" : CivilTime.formatTimestamp(micros: micros, .isoMillis, utc: true)
    }
}
