/// Something that yields record batches of one schema, one at a time: a CSV or JSON Lines file,
/// a Parquet file, a table scan. Readers are stateful (each `next()` moves on), hence classes.
public protocol RecordBatchReader: AnyObject {
    /// The schema of every batch.
    var schema: Schema { get }
    /// The next batch, or nil at the end.
    func next() throws -> RecordBatch?
}

extension RecordBatchReader {
    /// Every remaining batch.
    public func readAll() throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }
}
