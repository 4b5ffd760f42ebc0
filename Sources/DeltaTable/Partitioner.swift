import Columnar
import DeltaLog

/// Splits batches by the values of the partition columns: each group gets the rows of one
/// partition (data columns only) and its partition values.
struct Partitioner {
    let schema: Schema
    let partitionColumns: [String]
    /// Indices of partition columns and of data columns in `schema`.
    let partitionIndices: [Int]
    let dataIndices: [Int]
    let dataSchema: Schema

    init(schema: Schema, partitionColumns: [String]) throws {
        self.schema = schema
        self.partitionColumns = partitionColumns
        partitionIndices = try partitionColumns.map { name in
            guard let i = schema.index(of: name) else {
                throw DeltaError(.invalidArgument, "partition column '\(name)' is not in the data")
            }
            return i
        }
        let pset = Set(partitionIndices)
        dataIndices = schema.fields.indices.filter { !pset.contains($0) }
        dataSchema = Schema(dataIndices.map { schema.fields[$0] })
    }

    struct Group {
        /// Serialized partition values in partition-column order (nil = null).
        var values: [String?]
        var batch: RecordBatch
    }

    /// The batch's rows grouped by partition. Unpartitioned tables get one group.
    func split(_ batch: RecordBatch) throws -> [Group] {
        let data = batch.project(dataIndices)
        if partitionIndices.isEmpty { return [Group(values: [], batch: data)] }
        let keys = partitionIndices.map { batch.columns[$0] }
        // Fast path: one partition in the whole batch (common for pre-partitioned input).
        if batch.rowCount > 0, allRowsEqual(keys, count: batch.rowCount) {
            return [Group(values: serializedValues(keys, row: 0), batch: data)]
        }
        let hashes = hashRows(keys)
        // Group rows by hash; verify equality against the group's first row to split collisions.
        var groupOfHash: [UInt64: [Int]] = [:]
        var groups: [(first: Int, rows: [Int32])] = []
        for row in 0..<batch.rowCount {
            let h = hashes[row]
            var found = -1
            if let candidates = groupOfHash[h] {
                for g in candidates where rowsEqual(keys, groups[g].first, row) { found = g; break }
            }
            if found < 0 {
                found = groups.count
                groups.append((row, []))
                groupOfHash[h, default: []].append(found)
            }
            groups[found].rows.append(Int32(row))
        }
        return groups.map { g in
            Group(values: serializedValues(keys, row: g.first), batch: data.take(g.rows))
        }
    }

    private func allRowsEqual(_ keys: [Column], count: Int) -> Bool {
        for row in 1..<max(count, 1) where !rowsEqual(keys, 0, row) { return false }
        return true
    }

    private func rowsEqual(_ keys: [Column], _ a: Int, _ b: Int) -> Bool {
        keys.allSatisfy { $0.rowsEqual(a, $0, b, nullsEqual: true) }
    }

    private func serializedValues(_ keys: [Column], row: Int) -> [String?] {
        keys.map { PartitionValue.serialize($0.scalar(at: row)) }
    }
}
