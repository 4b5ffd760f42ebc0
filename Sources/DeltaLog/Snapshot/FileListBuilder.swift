/// Appends `add` actions into the columns of a `FileListStorage` (layout documented there).
///
/// Partition keys become dictionary-encoded columns in order of first appearance (a column that
/// appears late is back-filled with `absent`), up to `maxPartitionColumns`; further keys go to the
/// sparse side table. Rows are never removed here: replay marks superseded rows dead itself.
struct FileListBuilder {
    static let maxPartitionColumns = 32

    let arena = ByteArena()
    private(set) var count = 0
    private var starts: [Int] = []
    private var pathLengths: [UInt32] = []
    private var statsLengths: [UInt32] = []
    private var sizes: [Int64] = []
    private var modificationTimes: [Int64] = []
    private var dataChangeBits: [UInt64] = []
    private var columns: [PartitionColumn] = []
    /// Per column: value → code. Only needed while building.
    private var columnCodes: [[String?: Int32]] = []
    private var extraRows: [Int32] = []
    private var extras: [FileExtras] = []

    init(expectedRows: Int = 0) {
        guard expectedRows > 0 else { return }
        starts.reserveCapacity(expectedRows)
        pathLengths.reserveCapacity(expectedRows)
        statsLengths.reserveCapacity(expectedRows)
        sizes.reserveCapacity(expectedRows)
        modificationTimes.reserveCapacity(expectedRows)
        dataChangeBits.reserveCapacity((expectedRows + 63) / 64)
    }

    /// Appends `add`; returns its row.
    @discardableResult
    mutating func append(_ add: AddFile) -> Int {
        var path = add.path
        return path.withUTF8 { append(add, pathBytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends `add` whose path's UTF-8 bytes the caller already holds; returns its row.
    mutating func append(_ add: AddFile, pathBytes: UnsafeRawBufferPointer) -> Int {
        let row = count
        precondition(row < Int(Int32.max) - 1, "FileListBuilder: more than 2^31 files")
        precondition(pathBytes.count < Int(UInt32.max), "FileListBuilder: path longer than 4 GiB")
        if var stats = add.stats {
            let length = stats.withUTF8 { statsBytes in
                starts.append(arena.append(pathBytes, UnsafeRawBufferPointer(statsBytes)))
                return statsBytes.count
            }
            precondition(length < Int(FileListStorage.noStats), "FileListBuilder: stats longer than 4 GiB")
            statsLengths.append(UInt32(length))
        } else {
            starts.append(arena.append(pathBytes, UnsafeRawBufferPointer(start: nil, count: 0)))
            statsLengths.append(FileListStorage.noStats)
        }
        pathLengths.append(UInt32(pathBytes.count))
        sizes.append(add.size)
        modificationTimes.append(add.modificationTime)
        if row & 63 == 0 { dataChangeBits.append(0) }
        if add.dataChange { dataChangeBits[row >> 6] |= 1 << UInt64(row & 63) }

        var extra = FileExtras(tags: add.tags, deletionVector: add.deletionVector, baseRowId: add.baseRowId,
                               defaultRowCommitVersion: add.defaultRowCommitVersion,
                               clusteringProvider: add.clusteringProvider)
        for (key, value) in add.partitionValues {
            if let column = columnIndex(key) ?? newColumn(key, row: row) {
                appendCode(value, column: column)
            } else {
                extra.partitionValues.updateValue(value, forKey: key)
            }
        }
        for c in columns.indices where columns[c].codes.count == row { columns[c].codes.append(FileListStorage.absent) }
        if !extra.isEmpty {
            extraRows.append(Int32(row))
            extras.append(extra)
        }
        count += 1
        return row
    }

    private func columnIndex(_ name: String) -> Int? {
        for c in columns.indices where columns[c].name == name { return c }
        return nil
    }

    /// A new dictionary column for `name` back-filled with `absent`, or nil past the limit.
    private mutating func newColumn(_ name: String, row: Int) -> Int? {
        guard columns.count < FileListBuilder.maxPartitionColumns else { return nil }
        var codes = [Int32](repeating: FileListStorage.absent, count: row)
        codes.reserveCapacity(max(row + 1, starts.capacity))
        columns.append(PartitionColumn(name: name, codes: codes, values: []))
        columnCodes.append([:])
        return columns.count - 1
    }

    private mutating func appendCode(_ value: String?, column c: Int) {
        if let code = columnCodes[c][value] {
            columns[c].codes.append(code)
        } else {
            let code = Int32(columns[c].values.count)
            columns[c].values.append(value)
            columnCodes[c][value] = code
            columns[c].codes.append(code)
        }
    }

    /// The rows so far, as immutable storage. The builder may go on appending afterwards
    /// (its arrays are copied on write; the arena only ever grows).
    func freeze() -> FileListStorage {
        FileListStorage(arena: arena, rowCount: count, starts: starts, pathLengths: pathLengths,
                        statsLengths: statsLengths, sizes: sizes, modificationTimes: modificationTimes,
                        dataChangeBits: dataChangeBits, partitionColumns: columns, extraRows: extraRows,
                        extras: extras)
    }

    // MARK: Reading rows while building (replay's key lookups)

    /// Calls `body` with the row's path bytes (valid only inside `body`).
    @inline(__always)
    func withUnsafePathBytes<R>(_ row: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try arena.chunkBases.withUnsafeBufferPointer { bases in
            try body(ByteArena.unsafeBytes(bases, at: starts[row], count: Int(pathLengths[row])))
        }
    }

    func deletionVectorId(_ row: Int) -> String? {
        guard let last = extraRows.last, last >= Int32(row) else { return nil }
        var low = 0, high = extraRows.count
        while low < high {
            let middle = (low + high) >> 1
            if extraRows[middle] < Int32(row) { low = middle + 1 } else { high = middle }
        }
        return extraRows[low] == Int32(row) ? extras[low].deletionVector?.uniqueId : nil
    }
}

extension FileListStorage {
    /// A compact copy holding only `order`'s rows, in that order (row i of the copy is `order[i]`).
    func gathered(_ order: [Int32]) -> FileListStorage {
        var builder = FileListBuilder(expectedRows: order.count)
        for row in order { builder.appendRow(Int(row), of: self) }
        return builder.freeze()
    }
}

extension FileListBuilder {
    /// Appends row `row` of `source`, copying its columns without materializing an `AddFile`.
    /// The builder must be empty or hold only rows of `source` (its partition columns are taken over).
    mutating func appendRow(_ row: Int, of source: FileListStorage) {
        let newRow = count
        let statsLength = source.statsLengths[row]
        let byteCount = Int(source.pathLengths[row]) + (statsLength == FileListStorage.noStats ? 0 : Int(statsLength))
        source.chunkBases.withUnsafeBufferPointer { bases in
            let bytes = ByteArena.unsafeBytes(bases, at: source.starts[row], count: byteCount)
            starts.append(arena.append(bytes, UnsafeRawBufferPointer(start: nil, count: 0)))
        }
        pathLengths.append(source.pathLengths[row])
        statsLengths.append(statsLength)
        sizes.append(source.sizes[row])
        modificationTimes.append(source.modificationTimes[row])
        if newRow & 63 == 0 { dataChangeBits.append(0) }
        if source.dataChange(row) { dataChangeBits[newRow >> 6] |= 1 << UInt64(newRow & 63) }
        if columns.isEmpty && !source.partitionColumns.isEmpty {
            columns = source.partitionColumns.map { PartitionColumn(name: $0.name, codes: [], values: $0.values) }
            // The value → code maps, so that `append` can go on after copied rows.
            columnCodes = source.partitionColumns.map { column in
                var codes: [String?: Int32] = [:]
                for (code, value) in column.values.enumerated() { codes[value] = Int32(code) }
                return codes
            }
            for c in columns.indices { columns[c].codes.reserveCapacity(starts.capacity) }
        }
        for c in columns.indices { columns[c].codes.append(source.partitionColumns[c].codes[row]) }
        if let extra = source.extras(row) {
            extraRows.append(Int32(newRow))
            extras.append(extra)
        }
        count += 1
    }
}
