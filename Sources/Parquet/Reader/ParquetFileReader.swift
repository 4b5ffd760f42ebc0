import Columnar

/// Limits a reader enforces against corrupt or hostile files.
public struct ParquetReaderOptions: Sendable {
    /// Most values one column chunk (or one page) may claim; allocations are never larger.
    public var maxValuesPerColumnChunk: Int = Int(Int32.max)
    /// Decode the columns of a row group on this many threads.
    public var parallelism: Int = ProcessorCount.active
    public init() {}
}

/// Reads a Parquet file: the footer once at open, then row groups on demand, decoding only the
/// requested columns (unread columns are never fetched or decompressed).
///
/// File layout (parquet-format):
///
/// | offset              | size | contents                             |
/// |---------------------|------|--------------------------------------|
/// | 0                   | 4    | magic `PAR1`                         |
/// | 4                   | …    | column chunks, row group by row group |
/// | size - 8 - n        | n    | FileMetaData (Thrift compact)        |
/// | size - 8            | 4    | n, little-endian                     |
/// | size - 4            | 4    | magic `PAR1`                         |
public struct ParquetFileReader: Sendable {
    public let path: String
    public let metadata: FileMetaData
    public var schema: Schema { fileSchema.schema }
    public var rowCount: Int { Int(metadata.numRows) }
    public var rowGroupCount: Int { metadata.rowGroups.count }
    public let options: ParquetReaderOptions

    let fileSchema: ParquetSchema
    private let source: any ParquetInput
    /// First byte of the footer: column chunks must end before it.
    private let dataEnd: Int

    /// A reader over bytes already in memory.
    public init(bytes: [UInt8], path: String = "<memory>", options: ParquetReaderOptions = .init()) throws {
        try self.init(source: MemoryInput(bytes: bytes, path: path), options: options)
    }

    /// A reader over any byte source (a storage layer's file, an object store, …).
    public init(input: any ParquetInput, options: ParquetReaderOptions = .init()) throws {
        try self.init(source: input, options: options)
    }

    private init(source: any ParquetInput, options: ParquetReaderOptions) throws {
        self.source = source
        self.path = source.path
        self.options = options
        let size = source.size
        guard size >= 12 else {
            throw ParquetError(.truncated, "the file is \(size) bytes, too short to be Parquet (at least 12)", path: path, offset: 0)
        }
        let head = try source.read(offset: 0, length: 4)
        let tail = try source.read(offset: size - 8, length: 8)
        if tail[4...] == [0x50, 0x41, 0x52, 0x45] {
            throw ParquetError(.unsupported, "the file uses Parquet modular encryption, which this version cannot read", path: path, offset: size - 4)
        }
        guard head == [0x50, 0x41, 0x52, 0x31] else {
            throw ParquetError(.badMagic, "the file does not start with PAR1: not a Parquet file", path: path, offset: 0)
        }
        guard tail[4...] == [0x50, 0x41, 0x52, 0x31] else {
            throw ParquetError(.badMagic, "the file does not end with PAR1: it is truncated or not a Parquet file", path: path, offset: size - 4)
        }
        let footerLength = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
        guard footerLength <= size - 12 else {
            throw ParquetError(.truncated, "footer length \(footerLength) exceeds the \(size)-byte file", path: path, offset: size - 8)
        }
        let footerStart = size - 8 - footerLength
        let footer = try source.read(offset: footerStart, length: footerLength)
        do {
            metadata = try footer.withUnsafeBytes { try FileMetaData(decoding: $0) }
        } catch var e as ParquetError {
            e.path = path
            e.offset = footerStart + (e.offset ?? 0)
            e.message = "file metadata: " + e.message
            throw e
        }
        dataEnd = footerStart
        do {
            fileSchema = try ParquetSchema(elements: metadata.schema)
        } catch var e as ParquetError {
            e.path = path
            throw e
        }
        try validateRowGroups()
    }

    private func validateRowGroups() throws {
        guard metadata.numRows >= 0 else {
            throw ParquetError(.corruptMetadata, "the file claims \(metadata.numRows) rows", path: path)
        }
        var total: Int64 = 0
        for (i, rg) in metadata.rowGroups.enumerated() {
            guard rg.columns.count == fileSchema.leaves.count else {
                throw ParquetError(.corruptMetadata, "row group \(i) has \(rg.columns.count) column chunks but the schema has \(fileSchema.leaves.count) columns", path: path)
            }
            guard rg.numRows >= 0 else {
                throw ParquetError(.corruptMetadata, "row group \(i) claims \(rg.numRows) rows", path: path)
            }
            total &+= rg.numRows
            for (j, c) in rg.columns.enumerated() {
                if let external = c.filePath {
                    throw ParquetError(.unsupported, "row group \(i) column \(j) lives in another file ('\(external)'); external column chunks are not supported", path: path)
                }
                guard c.metaData != nil else {
                    throw ParquetError(.corruptMetadata, "row group \(i) column \(j) has no column metadata", path: path)
                }
            }
        }
        guard total == metadata.numRows else {
            throw ParquetError(.corruptMetadata, "the row groups hold \(total) rows but the file claims \(metadata.numRows)", path: path)
        }
    }

    /// Reads one row group. `columns` are indices into `schema.fields` (nil = all), in the order
    /// wanted in the batch. Column chunks are decoded in parallel.
    public func readRowGroup(_ index: Int, columns: [Int]? = nil) throws -> RecordBatch {
        guard index >= 0 && index < rowGroupCount else {
            throw ParquetError(.invalidArgument, "row group \(index) does not exist (the file has \(rowGroupCount))", path: path)
        }
        let selected = columns ?? Array(fileSchema.columns.indices)
        for c in selected where c < 0 || c >= fileSchema.columns.count {
            throw ParquetError(.invalidArgument, "column index \(c) does not exist (the file has \(fileSchema.columns.count) columns)", path: path)
        }
        let rowGroup = metadata.rowGroups[index]
        let decoded = try parallelMap(selected.count, maxWorkers: options.parallelism) { k in
            try self.readColumn(rowGroup: rowGroup, rowGroupIndex: index, column: selected[k])
        }
        let fields = selected.map { fileSchema.columns[$0].field }
        if fields.isEmpty { return RecordBatch(emptySchemaRowCount: Int(rowGroup.numRows)) }
        do {
            return try RecordBatch(schema: Schema(fields), columns: decoded)
        } catch {
            throw ParquetError(.corruptPage, "row group \(index): \(error)", path: path)
        }
    }

    /// Reads the given columns by name (nil = all) of every row group.
    public func readAll(columns names: [String]? = nil) throws -> [RecordBatch] {
        let indices = try names.map { try columnIndices($0) }
        return try (0..<rowGroupCount).map { try readRowGroup($0, columns: indices) }
    }

    /// Indices of named top-level columns; throws naming the first unknown one.
    public func columnIndices(_ names: [String]) throws -> [Int] {
        try names.map { name in
            guard let i = schema.index(of: name) else {
                let known = schema.fields.map(\.name).joined(separator: ", ")
                throw ParquetError(.invalidArgument, "no column named '\(name)' (columns: \(known))", path: path)
            }
            return i
        }
    }

    private func readColumn(rowGroup: RowGroup, rowGroupIndex: Int, column: Int) throws -> Column {
        let top = fileSchema.columns[column]
        guard top.isFlat else { return try readNestedColumn(rowGroup: rowGroup, rowGroupIndex: rowGroupIndex, top: top) }
        let leaf = fileSchema.leaves[top.leaves.lowerBound]
        // An empty row group has nothing to read (pyarrow writes its chunks with offset 0).
        if rowGroup.numRows == 0 { return Column.empty(leaf.type) }
        let (bytes, meta, start) = try chunkBytes(rowGroup: rowGroup, rowGroupIndex: rowGroupIndex, leafIndex: top.leaves.lowerBound, name: top.field.name)
        guard meta.numValues == rowGroup.numRows else {
            throw ParquetError(.corruptMetadata, "column '\(top.field.name)' in row group \(rowGroupIndex) has \(meta.numValues) values for \(rowGroup.numRows) rows",
                               path: path, offset: start)
        }
        let reader = ColumnChunkReader(leaf: leaf, codec: meta.codec, path: path, baseOffset: start,
                                       maxValues: options.maxValuesPerColumnChunk)
        let output = try reader.read(bytes, valueCount: Int(meta.numValues))
        guard output.rowCount == Int(rowGroup.numRows) else {
            throw ParquetError(.corruptPage, "column '\(top.field.name)' decoded \(output.rowCount) rows, row group \(rowGroupIndex) has \(rowGroup.numRows)",
                               path: path, offset: start)
        }
        return try ColumnAssembler.column(output, leaf: leaf, path: path)
    }

    /// A struct, list or map column: every leaf's levels and values, assembled by `NestedAssembler`.
    /// A leaf's `num_values` counts level entries, not rows; its rows are its entries with
    /// repetition level 0.
    private func readNestedColumn(rowGroup: RowGroup, rowGroupIndex: Int, top: TopLevelColumn) throws -> Column {
        if rowGroup.numRows == 0 { return Column.empty(top.field.type) }
        var chunks: [ColumnChunkReader.NestedOutput] = []
        chunks.reserveCapacity(top.leaves.count)
        for i in top.leaves {
            let leaf = fileSchema.leaves[i]
            let name = leaf.path.joined(separator: ".")
            let (bytes, meta, start) = try chunkBytes(rowGroup: rowGroup, rowGroupIndex: rowGroupIndex, leafIndex: i, name: name)
            let reader = ColumnChunkReader(leaf: leaf, codec: meta.codec, path: path, baseOffset: start,
                                           maxValues: options.maxValuesPerColumnChunk)
            let output = try reader.readNested(bytes, valueCount: Int(meta.numValues))
            guard output.rowCount == Int(rowGroup.numRows) else {
                throw ParquetError(.corruptPage, "column '\(name)' decoded \(output.rowCount) rows, row group \(rowGroupIndex) has \(rowGroup.numRows)",
                                   path: path, offset: start)
            }
            chunks.append(output)
        }
        let assembler = NestedAssembler(leaves: fileSchema.leaves, chunks: chunks, firstLeaf: top.leaves.lowerBound, path: path)
        let column = try assembler.column(top.shape, type: top.field.type)
        guard column.count == Int(rowGroup.numRows) else {
            throw ParquetError(.corruptPage, "column '\(top.field.name)' assembled \(column.count) rows, row group \(rowGroupIndex) has \(rowGroup.numRows)",
                               path: path)
        }
        return column
    }

    /// The bytes of one leaf's column chunk, after checking that they lie in the data region.
    private func chunkBytes(rowGroup: RowGroup, rowGroupIndex: Int, leafIndex: Int, name: String) throws -> ([UInt8], ColumnMetaData, Int) {
        let meta = rowGroup.columns[leafIndex].metaData!
        var start = Int(meta.dataPageOffset)
        if let d = meta.dictionaryPageOffset, d > 0, d < meta.dataPageOffset { start = Int(d) }
        let length = Int(meta.totalCompressedSize)
        guard start >= 4, length >= 0, start <= dataEnd, length <= dataEnd - start else {
            throw ParquetError(.truncated, "column '\(name)' in row group \(rowGroupIndex) claims bytes \(start)..<\(start &+ length), outside the data region 4..<\(dataEnd)",
                               path: path, offset: max(start, 0))
        }
        return (try source.read(offset: start, length: length), meta, start)
    }
}
