import Columnar
import Expressions
import Synchronization

/// Every live file's statistics of one snapshot, typed by the table's schema: parsed once (on
/// the first scan with a predicate, in parallel slices, by the same streaming scanner that writes
/// a checkpoint's `stats_parsed`) and then read by every scan of the snapshot.
///
/// Held by column — numRecords, and per statistics leaf its min, max and null count — so a
/// file's `StatisticsView` is built only for the columns a predicate references.
public final class SkippingStatistics: Sendable {
    private struct Slice: Sendable {
        var valid: Bitmap
        var numRecords: Column
        var mins: [Column]
        var maxs: [Column]
        var nullCounts: [Column]
    }

    private let slices: [Slice]
    private static let rowsPerSlice = 65_536
    /// Leaf name (dotted path) → index among bounded / counted leaves.
    private let boundedIndex: [String: Int]
    private let countedIndex: [String: Int]
    private let partitionTypes: [String: DataType]
    private let files: FileList

    init(snapshot: Snapshot) {
        // Every leaf of the schema: files from other writers may carry statistics for columns
        // this table's own settings would not index.
        var configuration = snapshot.metadata.configuration
        configuration["delta.dataSkippingNumIndexedCols"] = "-1"
        configuration["delta.dataSkippingStatsColumns"] = nil
        configuration["delta.checkpoint.writeStatsAsStruct"] = "true"
        let layout = CheckpointStatsLayout(schema: snapshot.schema, partitionColumns: snapshot.partitionColumns,
                                           properties: TableProperties(configuration))
        let type = layout.statsParsedType ?? .struct([Field("numRecords", .long)])
        let files = snapshot.files
        let count = files.count
        let ranges = stride(from: 0, to: count, by: Self.rowsPerSlice).map { $0..<min(count, $0 + Self.rowsPerSlice) }
        slices = (try? parallelMap(ranges.count) { k -> Slice in
            var writer = StatsParsedWriter(layout: layout, type: type, capacity: ranges[k].count)
            for i in ranges[k] { writer.append(files.stats(at: i)) }
            let leaves = writer.finishLeaves()
            return Slice(valid: leaves.valid, numRecords: leaves.numRecords, mins: leaves.mins, maxs: leaves.maxs,
                         nullCounts: leaves.nullCounts)
        }) ?? []
        var bounded: [String: Int] = [:]
        for (k, leaf) in layout.boundedLeaves.enumerated() { bounded[leaf.path.joined(separator: ".")] = k }
        var counted: [String: Int] = [:]
        for (k, leaf) in layout.countedLeaves.enumerated() { counted[leaf.path.joined(separator: ".")] = k }
        boundedIndex = bounded
        countedIndex = counted
        var partitions: [String: DataType] = [:]
        for name in snapshot.partitionColumns {
            if let f = snapshot.schema.field(named: name) { partitions[name] = f.type }
        }
        partitionTypes = partitions
        self.files = files
    }

    /// What skipping knows about file `index` (the snapshot's file order) for `columns`:
    /// row count, min, max and null count of each data column that has them, and the typed value
    /// of each partition column. Unknown stays absent (never a wrong bound).
    public func view(file index: Int, columns: Set<String>) throws -> StatisticsView {
        var view = StatisticsView()
        for column in columns {
            if let type = partitionTypes[column] {
                view.partitionValues[column] = try PartitionValue.parse(files.partitionValue(at: index, column: column),
                                                                        as: type, column: column)
            }
        }
        let slice = slices[index / Self.rowsPerSlice]
        let row = index % Self.rowsPerSlice
        guard slice.valid[row] else { return view }
        if case let .long(n) = slice.numRecords.scalar(at: row) { view.rowCount = Int(n) }
        for column in columns where partitionTypes[column] == nil {
            for (name, k) in leaves(of: column, in: boundedIndex) {
                let lo = slice.mins[k].scalar(at: row), hi = slice.maxs[k].scalar(at: row)
                if !lo.isNull { view.minValues[name] = lo }
                if !hi.isNull { view.maxValues[name] = hi }
            }
            for (name, k) in leaves(of: column, in: countedIndex) {
                if case let .long(n) = slice.nullCounts[k].scalar(at: row) { view.nullCounts[name] = Int(n) }
            }
        }
        return view
    }

    /// The leaves named `column` or under it (`s` → `s.a`, `s.b`), case-insensitively as
    /// `StatisticsView` looks names up.
    private func leaves(of column: String, in index: [String: Int]) -> [(String, Int)] {
        if let k = index[column] { return [(column, k)] }
        let lower = column.lowercased()
        return index.filter { $0.key.lowercased() == lower || $0.key.lowercased().hasPrefix(lower + ".") }.map { ($0.key, $0.value) }
    }
}

/// The snapshot's lazily built `SkippingStatistics` (one per snapshot, shared by its copies).
final class SkippingStatisticsBox: Sendable {
    private let value = Mutex<SkippingStatistics?>(nil)

    func get(_ make: () -> SkippingStatistics) -> SkippingStatistics {
        value.withLock { current in
            if let current { return current }
            let made = make()
            current = made
            return made
        }
    }
}

extension Snapshot {
    /// The typed statistics of every live file, parsed on first use and kept for the life of
    /// the snapshot.
    public var skippingStatistics: SkippingStatistics {
        skippingBox.get { SkippingStatistics(snapshot: self) }
    }
}
