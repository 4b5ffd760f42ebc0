import Columnar
import Parquet

/// One fuzz input: the bytes of a would-be Parquet file, read entirely from memory.
///
/// Opens the footer, then reads every row group, all columns, with `readRowGroup`, and checks the
/// batches it returns for internal consistency. Any thrown error is a correct answer to a bad
/// file; a crash, a sanitizer report, a timeout or a blown memory limit is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        // Bound what a hostile footer may make the reader allocate (libFuzzer's malloc limit).
        var options = ParquetReaderOptions()
        options.maxValuesPerColumnChunk = 1 << 16
        options.parallelism = 1
        let reader = try ParquetFileReader(bytes: bytes, options: options)
        let schema = reader.schema
        var rows = 0
        for i in 0..<reader.rowGroupCount {
            let batch = try reader.readRowGroup(i, columns: nil)
            precondition(batch.schema.count == schema.count, "row group \(i): batch has \(batch.schema.count) columns, schema \(schema.count)")
            for column in batch.columns { check(column, rows: batch.rowCount) }
            rows += batch.rowCount
        }
        precondition(rows == reader.rowCount, "row groups hold \(rows) rows, footer says \(reader.rowCount)")
    } catch {
        // Rejecting a malformed file is the expected outcome.
    }
    return 0
}

/// Invariants a reader must never break, whatever the input: lengths agree, offsets are
/// monotonic and inside their buffers. (Column's own checks only run in debug builds.)
func check(_ c: Column, rows: Int) {
    precondition(c.count == rows, "column of \(c.count) rows in a batch of \(rows)")
    if let v = c.validity { precondition(v.count == c.count, "validity length") }
    switch c.values {
    case let .bytes(offsets, data):
        checkOffsets(offsets, count: c.count, end: data.count)
    case let .list(offsets, child):
        checkOffsets(offsets, count: c.count, end: child.count)
        check(child, rows: child.count)
    case let .map(offsets, keys, items):
        checkOffsets(offsets, count: c.count, end: keys.count)
        precondition(keys.count == items.count, "map keys/items lengths")
        check(keys, rows: keys.count)
        check(items, rows: items.count)
    case let .structure(children):
        for child in children { check(child, rows: c.count) }
    default:
        precondition(c.values.count == c.count, "values length")
    }
}

func checkOffsets(_ offsets: [Int32], count: Int, end: Int) {
    precondition(offsets.count == count + 1, "offsets length")
    precondition(offsets.first == 0 && Int(offsets.last!) == end, "offsets do not span the buffer")
    var previous: Int32 = 0
    for o in offsets {
        precondition(o >= previous, "offsets decrease")
        previous = o
    }
}
