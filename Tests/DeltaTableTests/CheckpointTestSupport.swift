import Columnar
import DeltaLog
import Foundation
import Testing
@testable import DeltaTable

/// The state two snapshots must agree on when one is loaded from a checkpoint and the other by
/// replaying JSON commits. `dataChange` is not part of it: checkpoints store adds with
/// `dataChange = false`, as the protocol recommends.
struct SnapshotState: Equatable, CustomStringConvertible {
    struct FileState: Hashable { var path: String; var size: Int64; var modificationTime: Int64; var partitionValues: [String: String?]; var stats: String? }
    var version: Int64
    var protocolAction: DeltaProtocol
    var metadata: Metadata
    var files: [FileState]
    var tombstones: [String]
    var transactions: [String: Int64]
    var domains: [String: String]

    init(_ s: Snapshot) {
        version = s.version
        protocolAction = s.protocolAction
        metadata = s.metadata
        files = s.files.map { FileState(path: $0.path, size: $0.size, modificationTime: $0.modificationTime, partitionValues: $0.partitionValues, stats: $0.stats) }
        tombstones = s.tombstones.map(\.path)
        transactions = s.transactions.mapValues(\.version)
        domains = s.domainMetadata.mapValues(\.configuration)
    }

    var description: String { "version \(version), \(files.count) files, \(tombstones.count) tombstones, txns \(transactions)" }
}

/// Copies a table directory (to compare a load with and without some log files).
func copyTable(_ path: String) throws -> String {
    let destination = temporaryTablePath("copy")
    try FileManager.default.copyItem(atPath: path, toPath: destination)
    return destination
}

func logFiles(_ table: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: table + "/_delta_log")) ?? []).sorted()
}

func deleteLogFile(_ table: String, _ name: String) {
    try? FileManager.default.removeItem(atPath: table + "/_delta_log/" + name)
}

/// The snapshot replayed from the JSON commits only (checkpoints and _last_checkpoint removed in a copy).
func jsonOnlySnapshot(_ table: String, version: Int64? = nil) throws -> Snapshot {
    let copy = try copyTable(table)
    defer { try? FileManager.default.removeItem(atPath: (copy as NSString).deletingLastPathComponent) }
    for name in logFiles(copy) where name.contains("checkpoint") { deleteLogFile(copy, name) }
    return try DeltaTable(path: copy).snapshot(version: version)
}
