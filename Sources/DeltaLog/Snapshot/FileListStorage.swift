/// The columns behind a `FileList`, one entry per *row* (a `FileList` element maps to a row
/// through its order). Immutable once built by `FileListBuilder`.
///
/// In-memory layout, per row (about 36 bytes plus the string bytes and one `Int32` per
/// partition column):
///
/// | column              | type        | meaning                                                        |
/// |---------------------|-------------|----------------------------------------------------------------|
/// | `starts`            | `Int`       | `ByteArena` position of the row's bytes: path, then stats      |
/// | `pathLengths`       | `UInt32`    | UTF-8 length of the path                                       |
/// | `statsLengths`      | `UInt32`    | UTF-8 length of the stats JSON; `noStats` (`UInt32.max`) = nil |
/// | `sizes`             | `Int64`     | `size`                                                         |
/// | `modificationTimes` | `Int64`     | `modificationTime`                                             |
/// | `dataChangeBits`    | bit per row | `dataChange`                                                   |
/// | `partitionColumns`  | `Int32` each| code into the column's distinct values (`[String?]`, so a null |
/// |                     |             | value is distinct from ""); `absent` (-1) = no such key        |
/// | `extraRows/extras`  | sparse      | rows with tags, a deletion vector, row tracking fields, a      |
/// |                     |             | clustering provider or partition keys beyond the columns       |
final class FileListStorage: @unchecked Sendable {
    // @unchecked: `chunkBases` are raw pointers into `arena`, which this object keeps alive; the
    // bytes they point to were written before this object was built and never change.
    static let noStats = UInt32.max
    static let absent: Int32 = -1

    let arena: ByteArena
    let chunkBases: [UnsafeRawPointer]
    let rowCount: Int
    let starts: [Int]
    let pathLengths: [UInt32]
    let statsLengths: [UInt32]
    let sizes: [Int64]
    let modificationTimes: [Int64]
    let dataChangeBits: [UInt64]
    let partitionColumns: [PartitionColumn]
    /// Ascending rows that have an entry in `extras`.
    let extraRows: [Int32]
    let extras: [FileExtras]

    init(arena: ByteArena, rowCount: Int, starts: [Int], pathLengths: [UInt32], statsLengths: [UInt32],
         sizes: [Int64], modificationTimes: [Int64], dataChangeBits: [UInt64],
         partitionColumns: [PartitionColumn], extraRows: [Int32], extras: [FileExtras]) {
        self.arena = arena
        self.chunkBases = arena.chunkBases
        self.rowCount = rowCount
        self.starts = starts
        self.pathLengths = pathLengths
        self.statsLengths = statsLengths
        self.sizes = sizes
        self.modificationTimes = modificationTimes
        self.dataChangeBits = dataChangeBits
        self.partitionColumns = partitionColumns
        self.extraRows = extraRows
        self.extras = extras
    }

    static let empty = FileListBuilder().freeze()

    /// Calls `body` with the row's path bytes (valid only inside `body`).
    @inline(__always)
    func withUnsafePathBytes<R>(_ row: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try chunkBases.withUnsafeBufferPointer { bases in
            try body(ByteArena.unsafeBytes(bases, at: starts[row], count: Int(pathLengths[row])))
        }
    }

    func path(_ row: Int) -> String {
        withUnsafePathBytes(row) { String(decoding: $0, as: UTF8.self) }
    }

    func stats(_ row: Int) -> String? {
        let length = statsLengths[row]
        if length == FileListStorage.noStats { return nil }
        return chunkBases.withUnsafeBufferPointer { bases in
            let bytes = ByteArena.unsafeBytes(bases, at: starts[row] + Int(pathLengths[row]), count: Int(length))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    func dataChange(_ row: Int) -> Bool { dataChangeBits[row >> 6] & (1 << UInt64(row & 63)) != 0 }

    /// The row's sparse fields, or nil when it has none.
    func extras(_ row: Int) -> FileExtras? {
        guard !extraRows.isEmpty else { return nil }
        var low = 0, high = extraRows.count
        let target = Int32(row)
        while low < high {
            let middle = (low + high) >> 1
            if extraRows[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low < extraRows.count && extraRows[low] == target ? extras[low] : nil
    }

    func deletionVectorId(_ row: Int) -> String? { extras(row)?.deletionVector?.uniqueId }

    /// The row's value for partition column `name`: `.some(nil)` for a null value, nil when the
    /// file has no entry for it.
    func partitionValue(_ row: Int, column name: String) -> String?? {
        for column in partitionColumns where column.name == name {
            let code = column.codes[row]
            return code == FileListStorage.absent ? nil : .some(column.values[Int(code)])
        }
        guard let extra = extras(row), let value = extra.partitionValues[name] else { return nil }
        return .some(value)
    }

    /// Materializes the row as an `AddFile`.
    func file(_ row: Int) -> AddFile {
        let extra = extras(row)
        var partitionValues: [String: String?] = [:]
        let extraCount = extra?.partitionValues.count ?? 0
        if !partitionColumns.isEmpty || extraCount > 0 {
            partitionValues.reserveCapacity(partitionColumns.count + extraCount)
            for column in partitionColumns {
                let code = column.codes[row]
                if code != FileListStorage.absent { partitionValues.updateValue(column.values[Int(code)], forKey: column.name) }
            }
            if let extra { for (key, value) in extra.partitionValues { partitionValues.updateValue(value, forKey: key) } }
        }
        return AddFile(path: path(row), partitionValues: partitionValues, size: sizes[row],
                       modificationTime: modificationTimes[row], dataChange: dataChange(row), stats: stats(row),
                       tags: extra?.tags, deletionVector: extra?.deletionVector, baseRowId: extra?.baseRowId,
                       defaultRowCommitVersion: extra?.defaultRowCommitVersion,
                       clusteringProvider: extra?.clusteringProvider)
    }
}

/// One dictionary-encoded partition column of a `FileListStorage`.
struct PartitionColumn: Sendable {
    let name: String
    /// Per row: an index into `values`, or `FileListStorage.absent`.
    var codes: [Int32]
    /// The distinct values, in order of first appearance; nil is the null value.
    var values: [String?]
}

/// The fields of an `add` that most files do not have, kept per row in a sparse side table.
struct FileExtras: Sendable, Hashable {
    var tags: [String: String?]?
    var deletionVector: DeletionVectorDescriptor?
    var baseRowId: Int64?
    var defaultRowCommitVersion: Int64?
    var clusteringProvider: String?
    /// Partition keys that are not among the storage's dictionary-encoded columns.
    var partitionValues: [String: String?] = [:]

    var isEmpty: Bool {
        tags == nil && deletionVector == nil && baseRowId == nil && defaultRowCommitVersion == nil
            && clusteringProvider == nil && partitionValues.isEmpty
    }
}
