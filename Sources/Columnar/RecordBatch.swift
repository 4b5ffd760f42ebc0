/// A schema and one column per field, all of the same length.
public struct RecordBatch: Sendable {
    public let schema: Schema
    public let columns: [Column]
    public let rowCount: Int

    public init(schema: Schema, columns: [Column]) throws(ColumnarError) {
        guard schema.count == columns.count else {
            throw ColumnarError(.lengthMismatch, "schema has \(schema.count) fields but \(columns.count) columns were given")
        }
        let rows = columns.first?.count ?? 0
        for (f, c) in zip(schema.fields, columns) {
            guard c.type == f.type else {
                throw ColumnarError(.typeMismatch, "column '\(f.name)' is declared \(f.type) but holds \(c.type)")
            }
            guard c.count == rows else {
                throw ColumnarError(.lengthMismatch, "column '\(f.name)' has \(c.count) rows, expected \(rows)")
            }
            if !f.nullable && c.nullCount > 0 {
                throw ColumnarError(.invalidValue, "column '\(f.name)' is not nullable but holds \(c.nullCount) nulls")
            }
        }
        self.schema = schema
        self.columns = columns
        self.rowCount = rows
    }

    /// An empty batch with `rowCount` rows and no columns is not expressible; this makes a batch with
    /// the given row count for a schema that has no fields.
    public init(emptySchemaRowCount rows: Int) {
        schema = Schema([])
        columns = []
        rowCount = rows
    }

    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }
}
