import Columnar

/// Writes a Parquet file from RecordBatches of one schema (flat or nested columns: a nested
/// column is one column chunk per leaf, see `WriteSchema` and `LevelShredder`).
///
/// Batches are buffered (by reference, not copied) until about `rowGroupTargetBytes` of input
/// is pending; then the row group's column chunks are encoded in parallel and written in
/// order. Memory stays around one row group of input plus its encoded form.
/// It writes to a `ParquetOutput` (a storage layer's new file, or memory); if writing fails the
/// output is aborted (a storage file is removed).
public final class ParquetFileWriter {
    public let path: String
    public let schema: Schema
    public let options: ParquetWriterOptions

    private let leaves: [WriteLeaf]
    private let elements: [SchemaElement]
    private let output: any ParquetOutput
    /// Bytes written so far (the next chunk's file offset).
    private var position = 0
    private var pending: [RecordBatch] = []
    /// Estimated bytes per row of each pending batch.
    private var pendingRowBytes: [Int] = []
    /// Rows of `pending[0]` already written by an earlier row group.
    private var pendingStart = 0
    private var pendingRows = 0
    private var pendingBytes = 0
    private var rowGroups: [RowGroup] = []
    private var totalRows: Int64 = 0
    private var closed = false
    private var failed = false

    /// Writes to any output (a storage layer's new file). The output is aborted if writing fails.
    public init(output: any ParquetOutput, schema: Schema, options: ParquetWriterOptions = .init()) throws {
        let path = output.path
        do {
            try Self.validate(schema, options, path: path)
            let tree = try WriteSchema(schema)
            leaves = tree.leaves
            elements = tree.elements
        } catch var e as ParquetError {
            output.abort()
            e.path = path
            throw e
        }
        self.path = path
        self.schema = schema
        self.options = options
        self.output = output
        do {
            try write([0x50, 0x41, 0x52, 0x31])
        } catch {
            output.abort()
            throw error
        }
    }

    private static func validate(_ schema: Schema, _ options: ParquetWriterOptions, path: String) throws {
        do {
            try schema.validate()
        } catch {
            throw ParquetError(.invalidArgument, "\(error)", path: path)
        }
        guard !schema.fields.isEmpty else {
            throw ParquetError(.invalidArgument, "a Parquet file needs at least one column", path: path)
        }
        _ = try WriteSchema(schema)
        guard options.rowGroupTargetBytes > 0, options.dataPageTargetBytes > 0, (options.rowGroupMaxRows ?? 1) > 0 else {
            throw ParquetError(.invalidArgument, "row group and page sizes must be positive", path: path)
        }
        if options.codec == .lzo || options.codec == .brotli || options.codec == .lz4 {
            throw ParquetError(.invalidArgument, "codec \(options.codec) is not written; use zstd, snappy, gzip, lz4_raw or uncompressed", path: path)
        }
    }

    private func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try output.write($0) }
        position += bytes.count
    }

    deinit {
        if !closed { output.abort() }
    }

    /// Adds a batch. Its schema must have the writer's field names and types in order.
    public func write(_ batch: RecordBatch) throws {
        guard !closed else { throw ParquetError(.invalidArgument, "write after close", path: path) }
        guard !failed else { throw ParquetError(.invalidArgument, "an earlier write failed; the file was removed", path: path) }
        try checkSchema(batch.schema)
        guard batch.rowCount > 0 else { return }
        let rowBytes = max(1, Self.estimatedBytes(batch) / batch.rowCount)
        pending.append(batch)
        pendingRowBytes.append(rowBytes)
        pendingRows += batch.rowCount
        pendingBytes += rowBytes * batch.rowCount
        // Flush full row groups while the pending input holds at least one.
        while true {
            let byBytes = pendingBytes >= options.rowGroupTargetBytes
            let byRows = options.rowGroupMaxRows.map { pendingRows >= $0 } ?? false
            guard byBytes || byRows else { break }
            var rows = pendingRows
            if byRows { rows = min(rows, options.rowGroupMaxRows!) }
            if byBytes { rows = min(rows, max(1, options.rowGroupTargetBytes / rowBytes)) }
            try guarded { try flush(rows: rows) }
        }
    }

    /// Estimated bytes of input buffered for the next row group.
    public var bufferedBytes: Int { pendingBytes }

    /// Writes what is buffered as a row group now (a smaller one), to release its memory.
    public func flushRowGroup() throws {
        guard !closed, !failed, pendingRows > 0 else { return }
        try guarded { try flush(rows: pendingRows) }
    }

    /// Writes what is pending and the footer, and closes the file.
    @discardableResult
    public func close() throws -> FileMetaData {
        guard !closed else { throw ParquetError(.invalidArgument, "the writer is already closed", path: path) }
        guard !failed else { throw ParquetError(.invalidArgument, "an earlier write failed; the file was removed", path: path) }
        return try guarded {
            if pendingRows > 0 { try flush(rows: pendingRows) }
            var meta = FileMetaData(version: 1, schema: schemaElements(), numRows: totalRows, rowGroups: rowGroups)
            meta.createdBy = ParquetWriterOptions.createdBy
            meta.columnOrders = leaves.map { _ in .typeDefined }
            if !options.keyValueMetadata.isEmpty {
                meta.keyValueMetadata = options.keyValueMetadata.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) }
            }
            let footer = meta.encoded()
            try write(footer)
            try write(le(UInt32(footer.count)) + [0x50, 0x41, 0x52, 0x31])
            try output.finish(sync: options.syncOnClose)
            closed = true
            return meta
        }
    }

    /// Runs `body`; on failure removes the partial file and refuses further use.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            failed = true
            closed = true
            output.abort()
            if let e = error as? ParquetError { throw e.at(path: path) }
            throw error
        }
    }

    private func checkSchema(_ s: Schema) throws {
        guard s.count == schema.count else {
            throw ParquetError(.schemaMismatch, "the batch has \(s.count) columns, the file \(schema.count)", path: path)
        }
        for (a, b) in zip(s.fields, schema.fields) where a.name != b.name || a.type != b.type {
            throw ParquetError(.schemaMismatch, "batch column '\(a.name) \(a.type)' does not match file column '\(b.name) \(b.type)'", path: path)
        }
    }

    /// The root and each top-level field's subtree, depth first.
    private func schemaElements() -> [SchemaElement] { elements }

    /// Encodes and writes the first `rows` pending rows as one row group.
    private func flush(rows: Int) throws {
        // The slices of the pending batches that make up this row group.
        var segments: [(batch: RecordBatch, range: Range<Int>)] = []
        var remaining = rows
        while remaining > 0 {
            let b = pending[0]
            let take = min(remaining, b.rowCount - pendingStart)
            segments.append((b, pendingStart..<pendingStart + take))
            remaining -= take
            if pendingStart + take == b.rowCount {
                pending.removeFirst()
                pendingRowBytes.removeFirst()
                pendingStart = 0
            } else {
                pendingStart += take
            }
        }
        pendingRows -= rows
        pendingBytes = zip(pending, pendingRowBytes).reduce(0) { $0 + $1.0.rowCount * $1.1 }
            - (pendingRowBytes.first ?? 0) * pendingStart

        let leaves = self.leaves
        let options = self.options
        let segs = segments
        let chunks = try parallelMap(leaves.count, maxWorkers: options.parallelism) { c -> EncodedChunk in
            let leaf = leaves[c]
            let parts = segs.map { ($0.batch.columns[leaf.column], $0.range) }
            let input = leaf.isNested ? try ChunkInput(nestedSegments: parts, leaf: leaf)
                                      : try ChunkInput(segments: parts, leaf: leaf)
            return try ColumnChunkWriter.encode(input, leaf: leaves[c], options: options)
        }
        let rowGroupStart = Int64(position)
        var columns: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        var compressed: Int64 = 0
        for chunk in chunks {
            let base = Int64(position)
            var meta = chunk.metaData
            meta.dataPageOffset += base
            if let d = meta.dictionaryPageOffset { meta.dictionaryPageOffset = d + base }
            try write(chunk.bytes)
            uncompressed += meta.totalUncompressedSize
            compressed += meta.totalCompressedSize
            columns.append(ColumnChunk(fileOffset: base, metaData: meta))
        }
        var rg = RowGroup(columns: columns, totalByteSize: uncompressed, numRows: Int64(rows))
        rg.fileOffset = rowGroupStart
        rg.totalCompressedSize = compressed
        rg.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(rg)
        totalRows += Int64(rows)
    }

    /// Approximate in-memory size of a batch (buffers, not metadata).
    public static func estimatedBytes(_ batch: RecordBatch) -> Int {
        batch.columns.reduce(0) { $0 + estimatedBytes($1) }
    }

    /// Approximate in-memory size of a column (nested ones: their offsets and children).
    static func estimatedBytes(_ c: Column) -> Int {
        let n = c.count
        switch c.values {
        case .bits: return (n + 7) / 8
        case .int8: return n
        case .int16: return 2 * n
        case .int32, .float32: return 4 * n
        case .int64, .float64: return 8 * n
        case .int128: return 16 * n
        case let .bytes(_, d): return 4 * n + d.count
        case let .structure(children): return (n + 7) / 8 + children.reduce(0) { $0 + estimatedBytes($1) }
        case let .list(_, values): return 4 * n + estimatedBytes(values)
        case let .map(_, keys, items): return 4 * n + estimatedBytes(keys) + estimatedBytes(items)
        }
    }
}
