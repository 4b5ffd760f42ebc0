import Columnar

/// Something that yields record batches one at a time (CSV, JSON Lines and Parquet inputs).
public protocol BatchReading {
    /// The next batch, or nil at the end.
    func next() throws -> RecordBatch?
}

extension BatchReading {
    /// Every remaining batch.
    public func readAll() throws -> [RecordBatch] {
        var out: [RecordBatch] = []
        while let b = try next() { out.append(b) }
        return out
    }
}
