import Columnar
import DeltaLog
import Expressions
import Parquet
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What to read from a table.
public struct ScanOptions: Sendable {
    /// Columns to return, in this order (nil = all, in table order).
    public var columns: [String]?
    /// Rows to keep (nil = all). Files are skipped by partition values and statistics first.
    public var predicate: Expr?
    /// Stop after this many rows (nil = all).
    public var limit: Int?
    public init(columns: [String]? = nil, predicate: Expr? = nil, limit: Int? = nil) {
        self.columns = columns
        self.predicate = predicate
        self.limit = limit
    }
}

/// A planned scan: the snapshot, the files that may hold matching rows, and the reading.
///
/// Reading streams: `reader()` yields batches as they are decoded (files decoded ahead on the
/// other cores, a bounded number at a time, delivered in file order); `forEachBatch` drives it;
/// `batches()` collects everything (small results only).
public struct TableScan: Sendable {
    public let snapshot: Snapshot
    /// The output schema (projected columns in order).
    public let schema: Schema
    /// Files kept after partition pruning and statistics skipping.
    public let files: [AddFile]
    /// Files skipped.
    public let skippedFiles: Int
    let table: DeltaTable
    let options: ScanOptions
    let predicate: Expr?

    /// A reader over the matching rows, a batch at a time.
    public func reader() -> ScanReader {
        ScanReader(scan: self)
    }

    /// Calls `body` with each batch of matching rows, in file order.
    public func forEachBatch(_ body: (RecordBatch) throws -> Void) throws {
        let r = reader()
        while let b = try r.next() { try body(b) }
    }

    /// Every matching row, file by file (materialised: use `reader()` for large results).
    public func batches() throws -> [RecordBatch] {
        try reader().readAll()
    }

    /// The batches of one kept file (row groups, filtered and projected).
    func read(file index: Int) throws -> [RecordBatch] {
        try table.readFile(files[index], snapshot: snapshot, output: schema, predicate: predicate)
    }
}

extension DeltaTable {
    /// Plans a scan of a snapshot (latest by default).
    public func scan(_ options: ScanOptions = ScanOptions(), snapshot: Snapshot? = nil) throws -> TableScan {
        let snap = try snapshot ?? self.snapshot()
        let tableSchema = snap.schema
        let output: Schema
        if let names = options.columns {
            output = Schema(try names.map { name in
                guard let f = tableSchema.field(named: name) else {
                    throw DeltaError(.invalidArgument, "no column named '\(name)' (columns: \(tableSchema.fields.map(\.name).joined(separator: ", ")))")
                }
                return f
            })
        } else {
            output = tableSchema
        }
        let predicate: Expr?
        do {
            predicate = try options.predicate?.bound(to: tableSchema)
        } catch {
            throw DeltaError(.invalidArgument, "predicate: \(error)", cause: error)
        }
        var kept: [AddFile] = []
        var skipped = 0
        if let predicate {
            let statistics = snap.skippingStatistics
            let columns = Set(predicate.referencedColumns)
            for i in snap.files.indices {
                if DataSkipping.mayMatch(predicate, try statistics.view(file: i, columns: columns)) {
                    kept.append(snap.files[i])
                } else {
                    skipped += 1
                }
            }
        } else {
            kept = Array(snap.files)
        }
        return TableScan(snapshot: snap, schema: output, files: kept, skippedFiles: skipped, table: self,
                         options: options, predicate: predicate)
    }

    /// Convenience: a predicate in text (`value > 990 AND date = '2024-01-03'`).
    public func scan(columns: [String]? = nil, where text: String?, limit: Int? = nil, snapshot: Snapshot? = nil) throws -> TableScan {
        let predicate: Expr?
        do {
            predicate = try text.map { try ExpressionParser.parse($0) }
        } catch {
            throw DeltaError(.invalidArgument, "the predicate cannot be parsed: \(error)", cause: error)
        }
        return try scan(ScanOptions(columns: columns, predicate: predicate, limit: limit), snapshot: snapshot)
    }

    /// Opens a data file the log names (relative to the table, or an absolute path or `file:` URI).
    func open(_ file: AddFile) throws -> any ReadableFile {
        let decoded = try LogPathEncoding.decode(file.path)
        if decoded.hasPrefix("/") { return try storage.openExternal(decoded) }
        return try storage.openForReading(decoded)
    }

    /// Reads one data file: the needed columns, partition columns filled from the log, the
    /// predicate applied, the output columns in order. A data file the log names but the storage
    /// does not have is `.dataFile` (the table lost it; `cause` is the storage's `.io` error);
    /// other storage failures stay `.io`; a file that is not valid Parquet is `.dataFile` with
    /// the `ParquetError` as `cause`.
    func readFile(_ file: AddFile, snapshot: Snapshot, output: Schema, predicate: Expr?) throws -> [RecordBatch] {
        let input: any ReadableFile
        do {
            input = try open(file)
        } catch let e as DeltaError where e.code == .io && e.errno == ENOENT {
            throw DeltaError(.dataFile, "data file \(file.path) named by the log does not exist: the table has lost it; restore the file, or restore the table to a version that does not reference it",
                             path: e.path, cause: e, errno: e.errno)
        }
        let reader: ParquetFileReader
        do {
            reader = try ParquetFileReader(input: input)
        } catch let e as ParquetError {
            throw DeltaError(.dataFile, "data file \(file.path): \(e)", path: input.path, cause: e)
        }
        let partitionSet = Set(snapshot.partitionColumns)
        var needed = output.fields.map(\.name)
        for c in predicate?.referencedColumns ?? [] where !needed.contains(c) { needed.append(c) }
        let neededSchema = Schema(try needed.map { name in
            guard let f = snapshot.schema.field(named: name) else { throw DeltaError(.invalidArgument, "no column '\(name)'") }
            return f
        })
        // File columns to read (data columns only), matched by name.
        let fileColumns = neededSchema.fields.filter { !partitionSet.contains($0.name) }.compactMap { reader.schema.index(of: $0.name) }
        var out: [RecordBatch] = []
        for g in 0..<reader.rowGroupCount {
            let raw: RecordBatch
            do {
                raw = try reader.readRowGroup(g, columns: fileColumns)
            } catch let e as ParquetError {
                throw DeltaError(.dataFile, "data file \(file.path): \(e)", path: input.path, cause: e)
            }
            let rows = raw.rowCount
            var columns: [Column] = []
            for f in neededSchema.fields {
                if partitionSet.contains(f.name) {
                    let value = try PartitionValue.parse(file.partitionValues[f.name] ?? nil, as: f.type, column: f.name)
                    columns.append(try Self.constantColumn(value, type: f.type, count: rows, column: f.name))
                } else if let c = raw.column(named: f.name) {
                    columns.append(try Self.cast(c, to: f.type, column: f.name, file: file.path))
                } else {
                    // Column added to the table after this file was written: all null.
                    columns.append(try Self.constantColumn(.null, type: f.type, count: rows, column: f.name))
                }
            }
            var batch = try RecordBatch(schema: Schema(neededSchema.fields.map { var x = $0; x.nullable = true; return x }), columns: columns)
            if let predicate {
                let mask = try ExpressionEvaluator.filterMask(predicate, on: batch)
                batch = batch.filter(mask)
            }
            if batch.rowCount == 0 { continue }
            let projected = batch.project(output.fields.map { batch.schema.index(of: $0.name)! })
            out.append(try RecordBatch(schema: output, columns: projected.columns))
        }
        return out
    }

    /// `count` copies of a partition value (or nulls): `Column.constant`, its error as a
    /// `DeltaError` naming the column.
    static func constantColumn(_ value: Scalar, type: DataType, count: Int, column: String) throws -> Column {
        do {
            return try Column.constant(value, type: type, count: count)
        } catch {
            throw DeltaError(.invalidValue, "column '\(column)': \(error)", cause: error)
        }
    }

    /// Conforms a file column to the table's type: widens a narrower primitive; for nested
    /// columns, gives the column the table's nested type (field names, nullability and metadata
    /// as in the table schema, which a writer need not repeat in the Parquet file: Spark writes a
    /// map's value as `required` under `valueContainsNull: true`), matches struct fields by name
    /// (a field the file lacks reads as null, one the table lacks is dropped) and conforms the
    /// children recursively. Offsets and validity are reused, not copied value by value.
    static func cast(_ c: Column, to type: DataType, column: String, file: String) throws -> Column {
        if c.type == type { return c }
        if c.type.isNested || type.isNested {
            return try castNested(c, to: type, column: column, file: file)
        }
        var b = ColumnBuilder(type, capacity: c.count)
        for i in 0..<c.count {
            let s = c.scalar(at: i)
            let widened: Scalar
            switch (s, type) {
            case (.null, _): widened = .null
            case let (.byte(v), .short): widened = .short(Int16(v))
            case let (.byte(v), .integer): widened = .integer(Int32(v))
            case let (.short(v), .integer): widened = .integer(Int32(v))
            case let (.byte(v), .long): widened = .long(Int64(v))
            case let (.short(v), .long): widened = .long(Int64(v))
            case let (.integer(v), .long): widened = .long(Int64(v))
            case let (.float(v), .double): widened = .double(Double(v))
            case let (.integer(v), .double): widened = .double(Double(v))
            case let (.date(v), .timestampNtz): widened = .timestampNtz(Int64(v) * 86_400_000_000)
            case let (.timestampNtz(v), .timestamp), let (.timestamp(v), .timestampNtz): widened = type == .timestamp ? .timestamp(v) : .timestampNtz(v)
            case let (.decimal(v, _, s1), .decimal(p2, s2)) where s2 >= s1:
                widened = .decimal(v * Decimal128.powersOfTen[s2 - s1], precision: p2, scale: s2)
            default:
                throw DeltaError(.dataFile, "column '\(column)' is \(c.type) in data file \(file) but \(type) in the table", path: file)
            }
            do { try b.append(widened) } catch {
                throw DeltaError(.dataFile, "column '\(column)' in \(file): \(error)", path: file, cause: error)
            }
        }
        return b.finish()
    }

    /// The nested half of `cast`: same shape (struct/array/map) on both sides, children conformed.
    static func castNested(_ c: Column, to type: DataType, column: String, file: String) throws -> Column {
        let result: ColumnValues
        switch (c.type, c.values, type) {
        case let (.struct(fileFields), .structure(children), .struct(fields)):
            result = .structure(try fields.map { f in
                guard let i = fileFields.firstIndex(where: { $0.name == f.name }) else {
                    return try constantColumn(.null, type: f.type, count: c.count, column: column + "." + f.name)
                }
                return try cast(children[i], to: f.type, column: column + "." + f.name, file: file)
            })
        case let (.array, .list(offsets, values), .array(element)):
            result = .list(offsets: offsets, values: try cast(values, to: element.type, column: column + ".element", file: file))
        case let (.map, .map(offsets, keys, items), .map(key, value)):
            result = .map(offsets: offsets, keys: try cast(keys, to: key.type, column: column + ".key", file: file),
                          items: try cast(items, to: value.type, column: column + ".value", file: file))
        default:
            throw DeltaError(.dataFile, "column '\(column)' is \(c.type) in data file \(file) but \(type) in the table", path: file)
        }
        do {
            return try Column(type: type, count: c.count, validity: c.validity, values: result)
        } catch {
            throw DeltaError(.dataFile, "column '\(column)' in \(file): \(error)", path: file, cause: error)
        }
    }
}
