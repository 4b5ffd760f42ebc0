import Columnar
import DeltaLog
import Foundation
import Parquet

/// Writes the data files of one write: batches are split by partition, each partition's rows
/// go to Parquet files of about `targetFileSize` (input bytes) in its Hive-style folder, and
/// each finished file becomes an `add` action with statistics.
final class DataFileWriter {
    let storage: any TableStorage
    let partitioner: Partitioner
    let options: ParquetWriterOptions
    let targetFileSize: Int
    let numIndexedCols: Int
    let statsColumns: [String]?
    /// Most input bytes buffered for row groups across the open files (see `keepWithinBudget`).
    let memoryBudget: Int
    private var open: [String: OpenFile] = [:]
    private(set) var adds: [AddFile] = []
    /// Every file created (for cleanup if the write fails or is skipped).
    private(set) var createdPaths: [String] = []
    private var fileCounter = 0
    private let writeId = RandomID.uuid()

    private struct OpenFile {
        var writer: ParquetFileWriter
        var output: any WritableFile
        var relativePath: String
        var values: [String?]
        var stats: FileStatisticsBuilder
        var inputBytes: Int
        var rows: Int
    }

    init(storage: any TableStorage, partitioner: Partitioner, properties: TableProperties, codec: CompressionCodec = .zstd,
         memoryBudget: Int? = nil) {
        self.storage = storage
        self.partitioner = partitioner
        var o = ParquetWriterOptions()
        o.codec = codec
        o.syncOnClose = true
        o.rowGroupTargetBytes = min(128 << 20, Int(properties.targetFileSize))
        options = o
        self.memoryBudget = memoryBudget ?? max(256 << 20, 2 * o.rowGroupTargetBytes)
        targetFileSize = Int(properties.targetFileSize)
        numIndexedCols = properties.dataSkippingNumIndexedCols
        statsColumns = properties.dataSkippingStatsColumns
    }

    func write(_ batch: RecordBatch) throws {
        for group in try partitioner.split(batch) where group.batch.rowCount > 0 {
            let key = group.values.map { $0.map { "v" + $0 } ?? "n" }.joined(separator: "\u{0}")
            if open[key] == nil { open[key] = try newFile(group.values) }
            let file = open[key]!
            try Self.writing(file.output.path) { try file.writer.write(group.batch) }
            open[key]!.stats.add(group.batch)
            open[key]!.inputBytes += ParquetFileWriter.estimatedBytes(group.batch)
            open[key]!.rows += group.batch.rowCount
            if open[key]!.inputBytes >= targetFileSize {
                try close(open.removeValue(forKey: key)!)
            }
        }
        try keepWithinBudget()
    }

    /// Input buffered for row groups across all open files stays under `memoryBudget`: over
    /// it, the files holding the most write their buffered rows as (smaller) row groups. A
    /// write to many partitions at once thus holds a bounded amount of memory, whatever the
    /// number of partitions.
    private func keepWithinBudget() throws {
        var total = open.values.reduce(0) { $0 + $1.writer.bufferedBytes }
        guard total > memoryBudget else { return }
        for key in open.keys.sorted(by: { open[$0]!.writer.bufferedBytes > open[$1]!.writer.bufferedBytes }) {
            total -= open[key]!.writer.bufferedBytes
            try open[key]!.writer.flushRowGroup()
            if total <= memoryBudget / 2 { break }
        }
    }

    /// Closes every open file; returns the add actions of all files written.
    func finish() throws -> [AddFile] {
        // Each file's close fsyncs it and its directory (WritableFile.sync), and new directories
        // are fsynced into their parents when created: everything is durable before the commit.
        for key in open.keys.sorted() { try close(open.removeValue(forKey: key)!) }
        return adds
    }

    /// Removes every file this write created (after a failure, or when the write was skipped).
    func discard() {
        for (_, f) in open { f.output.abort() }
        open.removeAll()
        for p in createdPaths { _ = try? storage.delete(p) }
    }

    private func newFile(_ values: [String?]) throws -> OpenFile {
        let dir = HivePartitionPath.directory(for: zip(partitioner.partitionColumns, values).map { ($0, $1) })
        let name = String(format: "part-%05d-%@-c000.%@.parquet", fileCounter, writeId, options.codec.fileSuffix)
        fileCounter += 1
        let relative = dir.isEmpty ? name : dir + "/" + name
        let file = try storage.createNew(relative)
        createdPaths.append(relative)
        let writer = try Self.writing(file.path) {
            try ParquetFileWriter(output: file, schema: partitioner.dataSchema, options: options)
        }
        return OpenFile(writer: writer, output: file, relativePath: relative, values: values,
                        stats: FileStatisticsBuilder(schema: partitioner.dataSchema, numIndexedCols: numIndexedCols,
                                                     statsColumns: statsColumns),
                        inputBytes: 0, rows: 0)
    }

    /// Runs a Parquet writer call; a `ParquetError` becomes `DeltaError(.dataFile)` with it as
    /// the cause (storage failures are already `DeltaError`s and pass through).
    private static func writing<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ParquetError {
            throw DeltaError(.dataFile, "data file \(path) cannot be written: \(e)", path: e.path ?? path, cause: e)
        }
    }

    private func close(_ f: OpenFile) throws {
        try Self.writing(f.output.path) { _ = try f.writer.close() }
        var partitionValues: [String: String?] = [:]
        for (c, v) in zip(partitioner.partitionColumns, f.values) { partitionValues[c] = .some(v) }
        adds.append(AddFile(path: LogPathEncoding.encode(f.relativePath), partitionValues: partitionValues,
                            size: Int64(f.output.bytesWritten), modificationTime: WallClock.nowMillis(),
                            dataChange: true, stats: f.stats.finish().json()))
    }
}

extension CompressionCodec {
    /// The codec's part of a data file name (`part-…-c000.zstd.parquet`), as Spark names them.
    var fileSuffix: String {
        switch self {
        case .zstd: return "zstd"
        case .snappy: return "snappy"
        case .gzip: return "gz"
        case .lz4Raw: return "lz4raw"
        default: return "uncompressed"
        }
    }
}
