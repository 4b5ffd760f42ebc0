/// Something that yields record batches of one schema, one at a time (a CSV or JSON Lines
/// reader, a Parquet file's row groups, a scan). Streaming consumers take one of these so that
/// memory holds a batch, not the whole input.
public protocol RecordBatchReader: AnyObject {
    /// The schema of every batch.
    var schema: Schema { get }
    /// The next batch, or nil at the end.
    func next() throws -> RecordBatch?
}

extension RecordBatchReader {
    /// Every remaining batch (materialises them: for small inputs and tests).
    public func readAll() throws -> [RecordBatch] {
        var out: [RecordBatch] = []
        while let b = try next() { out.append(b) }
        return out
    }
}
