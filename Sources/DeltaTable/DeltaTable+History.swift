import Columnar
import DeltaLog

/// One commit of a table's history.
public struct HistoryEntry: Sendable {
    public var version: Int64
    /// Milliseconds since the epoch: the in-commit timestamp when recorded, else the commit file's
    /// monotonized modification time — the timestamp time travel resolves against.
    public var timestamp: Int64
    public var commitInfo: CommitInfo?
}

/// A summary of one version of a table.
public struct TableDescription: Sendable {
    public var path: String
    public var version: Int64
    public var id: String
    public var name: String?
    public var description: String?
    public var schema: Schema
    public var partitionColumns: [String]
    public var protocolAction: DeltaProtocol
    public var properties: [String: String]
    public var createdTime: Int64?
    public var numFiles: Int
    public var sizeInBytes: Int64
    public var numRecords: Int64?
}

extension DeltaTable {
    /// Commits newest first (at most `limit`).
    public func history(limit: Int? = nil) throws -> [HistoryEntry] {
        let files = try log.listing()
        var commits: [(version: Int64, modificationTime: Int64)] = files.compactMap { f in
            if case let .commit(v)? = LogFileName(f.name) { return (v, f.modificationTime) }
            return nil
        }
        guard !commits.isEmpty else { throw DeltaError(.notATable, "no Delta table at \(root)", path: root) }
        // The same commit timestamps time travel uses: monotonized file times (ICT below).
        commits.sort { $0.version < $1.version }
        var fileTime: [Int64: Int64] = [:]
        for t in CommitTimestamps.monotonized(commits) { fileTime[t.version] = t.timestamp }
        commits.reverse()
        if let limit { commits = Array(commits.prefix(max(0, limit))) }
        let picked = commits
        let times = fileTime
        return try parallelMap(picked.count, maxWorkers: TableLog.readWorkers(picked.count)) { i -> HistoryEntry in
            let c = picked[i]
            let actions = try log.readCommit(c.version)
            var info: CommitInfo? = nil
            for case let .commitInfo(ci) in actions { info = ci; break }
            let ts = info?.inCommitTimestamp ?? times[c.version] ?? c.modificationTime
            return HistoryEntry(version: c.version, timestamp: ts, commitInfo: info)
        }
    }

    /// Schema, partitioning, protocol, properties, files and bytes of a version.
    public func describe(version: Int64? = nil) throws -> TableDescription {
        let s = try snapshot(version: version)
        var records: Int64? = 0
        for f in s.files {
            guard let json = f.stats, let st = try? FileStatistics.parse(json) else { records = nil; break }
            records! += st.numRecords
        }
        return TableDescription(path: root, version: s.version, id: s.metadata.id, name: s.metadata.name,
                                description: s.metadata.description, schema: s.schema,
                                partitionColumns: s.partitionColumns, protocolAction: s.protocolAction,
                                properties: s.metadata.configuration, createdTime: s.metadata.createdTime,
                                numFiles: s.files.count, sizeInBytes: s.totalBytes, numRecords: records)
    }
}
