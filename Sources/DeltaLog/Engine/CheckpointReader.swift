import Columnar
import Parquet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the actions of a checkpoint chosen by `LogSegment`: a classic single file, every part
/// of a multi-part set, or a V2 checkpoint (a UUID-named JSON or Parquet file whose `sidecar`
/// actions name Parquet files in `_delta_log/_sidecars/` that hold the file actions).
///
/// Parts, row groups and sidecars are read in parallel; only the action columns the decoder
/// uses are fetched (`CheckpointDecoder.columnNames`). The `sidecar` and `checkpointMetadata`
/// actions are consumed here and not returned.
struct CheckpointReader: Sendable {
    let storage: any TableStorage

    static let sidecarDirectory = SnapshotLoader.logDirectory + "/_sidecars"

    /// Streams the checkpoint's actions to `apply` in chunks (a row group, a JSON file), so that
    /// a checkpoint of millions of files is never held as actions all at once. Row groups are
    /// decoded a wave of `ProcessorCount.active` at a time in parallel; `apply` runs on the
    /// calling thread, in file order. A checkpoint holds reconciled state (one action per file),
    /// so the order of the chunks does not change the replay.
    func read(_ files: [LogFile], _ apply: ([Action]) throws -> Void) throws {
        var sidecars: [SidecarFile] = []
        func consume(_ chunk: [Action]) throws {
            var kept: [Action] = []
            kept.reserveCapacity(chunk.count)
            for action in chunk {
                switch action {
                case let .sidecar(s): sidecars.append(s)
                case .checkpointMetadata: continue
                default: kept.append(action)
                }
            }
            try apply(kept)
        }
        for file in files {
            let path = SnapshotLoader.logPath(file.name)
            if path.hasSuffix(".json") {
                try consume(try ActionCodec.parseCommit(try storage.read(path), path: storage.describe(path)))
            } else {
                try readParquet(path, consume)
            }
        }
        for sidecar in sidecars {
            try readParquet(try sidecarPath(sidecar.path)) { chunk in
                for action in chunk {
                    switch action {
                    case .add, .remove: continue
                    default:
                        // Sidecars hold only file actions (PROTOCOL.md, "Sidecar Files").
                        throw DeltaError(.corruptLog, "sidecar file '\(sidecar.path)' holds a non-file action; only add and remove may appear in sidecars",
                                         path: storage.describe(Self.sidecarDirectory))
                    }
                }
                try apply(chunk)
            }
        }
    }

    /// The action rows of a checkpoint or sidecar Parquet file, a row group per chunk.
    private func readParquet(_ path: String, _ apply: ([Action]) throws -> Void) throws {
        let file: any ReadableFile
        do {
            file = try storage.openForReading(path)
        } catch let e as DeltaError where e.code == .io && e.errno == ENOENT {
            // Missing: the log is damaged. Any other failure to open stays `.io` (with its errno).
            throw DeltaError(.corruptLog,
                             "cannot open checkpoint file: \(e.message); the log names a checkpoint that is missing — restore the file, or delete the checkpoint's other parts (and any _last_checkpoint naming it) so readers replay the JSON commits",
                             path: storage.describe(path), cause: e, errno: e.errno)
        }
        var options = ParquetReaderOptions()
        options.parallelism = 1
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(input: file, options: options)
        } catch let e as ParquetError {
            throw DeltaError(.corruptLog, "checkpoint file is not a readable Parquet file: \(e)", path: storage.describe(path), cause: e)
        }
        let names = reader.schema.fields.map(\.name)
        let columns = try reader.columnIndices(CheckpointDecoder.columnNames.filter { names.contains($0) })
        let source = storage.describe(path)
        let wave = max(1, ProcessorCount.active)
        var first = 0
        while first < reader.rowGroupCount {
            let groups = Array(first..<min(reader.rowGroupCount, first + wave))
            let decoded = try parallelMap(groups.count, maxWorkers: groups.count) { k -> [Action] in
                let batch: RecordBatch
                do {
                    batch = try reader.readRowGroup(groups[k], columns: columns)
                } catch let e as ParquetError {
                    throw DeltaError(.corruptLog, "checkpoint row group \(groups[k]) cannot be read: \(e)", path: source, cause: e)
                }
                return try CheckpointDecoder.actions(from: batch, source: source)
            }
            for chunk in decoded { try apply(chunk) }
            first += wave
        }
    }

    /// A sidecar action's path as a storage path: sidecars always live in `_delta_log/_sidecars/`,
    /// and writers should store just the file name; a full URI is reduced to its file name.
    private func sidecarPath(_ uri: String) throws -> String {
        let decoded = (try? LogPathEncoding.decode(uri)) ?? uri
        let name = decoded.split(separator: "/").last.map(String.init) ?? decoded
        guard !name.isEmpty, name != ".", name != ".." else {
            throw DeltaError(.corruptLog, "a sidecar action names the invalid path '\(uri)'", path: storage.describe(SnapshotLoader.logDirectory))
        }
        return Self.sidecarDirectory + "/" + name
    }
}
