import Columnar
import DeltaLog
import Foundation

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, embedded commas and newlines, LF or CRLF line
/// ends, optional UTF-8 BOM) into record batches of at most `batchRows` rows. A header row is
/// required. An empty unquoted field is null; `""` is an empty string.
///
/// Streaming: a file is read through the storage a few megabytes at a time (`TextInput`), so
/// memory holds one window of text and one batch, whatever the file's size.
///
/// With a schema, every schema field must appear in the header (matched by exact name, else
/// case-insensitively); extra CSV columns are ignored; values are parsed per type (blanks around
/// non-strings ignored; dates and timestamps as `CivilTime.Dialect.isoText` reads them; binary
/// as base64; struct/array/map cells are JSON in the canonical row format). Without a
/// schema, the types are inferred from the first `inferenceRows` records (one extra pass over
/// them): long, else double, else boolean, else date, else timestamp (some value has a zone) /
/// timestamp_ntz (none has), else string; an all-empty column is string. Every inferred field is
/// nullable. A later value that does not fit its inferred type is an error that says so.
///
/// Errors (`TextError`) name file, line and column, as text and as fields:
/// `input.csv line 12, column 'price': 'abc' is not a decimal(10,2)`.
///
/// ```
/// let reader = try CSVReader(path: "trades.csv", schema: try SchemaDDL.parse("id long, price decimal(10,2)"))
/// while let batch = try reader.next() { … }
/// ```
public final class CSVReader: RecordBatchReader {
    /// Records read to infer a schema when none is given.
    public static let defaultInferenceRows = 1_000_000

    /// The file path, or the name given with `data` (used in error messages).
    public let name: String
    /// The schema of the batches: given or inferred.
    public private(set) var schema: Schema
    /// At most this many rows per batch.
    public let batchRows: Int
    /// The column names of the header row (`_c<n>` for an empty one).
    public private(set) var header: [String]

    private let input: TextInput
    /// Window index of the next byte to read.
    private var pos = 0
    private var line = 1
    /// For each schema field, its column index in the CSV records.
    private var sourceColumn: [Int]
    /// How many records the schema was inferred from (nil: it was given).
    private var inferredFrom: Int?

    private var arena: [UInt8] = []
    private var fields: [CSVField] = []

    struct CSVField { var start: Int; var end: Int; var quoted: Bool }

    /// What `readRecord` found.
    enum Step { case record, end, needMore }

    /// Opens the local file at `path` and reads its header; without a `schema`, also reads up
    /// to `inferenceRows` records to infer the types.
    public convenience init(path: String, schema: Schema? = nil, batchRows: Int = 65536,
                            inferenceRows: Int = CSVReader.defaultInferenceRows) throws(TextError) {
        try self.init(input: TextInput(path: path), schema: schema, batchRows: batchRows, inferenceRows: inferenceRows)
    }

    /// Reads a file of any storage (a `ReadableFile`); `name` stands for it in error messages.
    public convenience init(file: any ReadableFile, name: String, schema: Schema? = nil, batchRows: Int = 65536,
                            inferenceRows: Int = CSVReader.defaultInferenceRows) throws(TextError) {
        try self.init(input: TextInput(file: file, name: name), schema: schema, batchRows: batchRows, inferenceRows: inferenceRows)
    }

    /// Reads CSV held in memory; `name` stands for the file in error messages.
    public convenience init(data: Data, name: String, schema: Schema? = nil, batchRows: Int = 65536,
                            inferenceRows: Int = CSVReader.defaultInferenceRows) throws(TextError) {
        try self.init(input: TextInput(bytes: Array(data), name: name), schema: schema, batchRows: batchRows,
                      inferenceRows: inferenceRows)
    }

    init(input: TextInput, schema: Schema?, batchRows: Int, inferenceRows: Int) throws(TextError) {
        self.name = input.name
        self.input = input
        self.batchRows = max(1, batchRows)
        self.schema = Schema([])
        self.sourceColumn = []
        self.header = []
        let w = input.window
        if w.count >= 3, w[0] == 0xEF, w[1] == 0xBB, w[2] == 0xBF { pos = 3 }
        guard try nextRecord() else { throw TextError("empty file (a header row is required)", path: name) }
        var header: [String] = []
        for (n, f) in fields.enumerated() {
            var h = String(decoding: arena[f.start..<f.end], as: UTF8.self)
            if h.isEmpty { h = "_c\(n)" }
            guard !header.contains(h) else { throw TextError("duplicate column name '\(h)' in the header", path: name, line: 1) }
            header.append(h)
        }
        self.header = header
        if let schema {
            var map: [Int] = []
            for f in schema.fields {
                guard let c = header.firstIndex(of: f.name)
                        ?? header.firstIndex(where: { $0.lowercased() == f.name.lowercased() }) else {
                    throw TextError("column '\(f.name)' of the schema is not in the header (columns: \(header.joined(separator: ", ")))",
                                    path: name)
                }
                map.append(c)
            }
            self.schema = schema
            self.sourceColumn = map
        } else {
            self.sourceColumn = Array(header.indices)
            self.schema = try inferSchema(records: max(1, inferenceRows))
        }
    }

    /// Reads up to `records` records to infer the column types, then returns to the first one.
    private func inferSchema(records: Int) throws(TextError) -> Schema {
        let bodyOffset = input.windowStart + pos
        let bodyLine = line
        var states = [InferState](repeating: InferState(), count: header.count)
        var seen = 0
        while seen < records {
            let recordLine = line
            guard try nextRecord() else { break }
            if isBlank() { continue }
            seen += 1
            guard fields.count == header.count else { throw fieldCountError(recordLine) }
            arena.withUnsafeBufferPointer { a in
                for (c, f) in fields.enumerated() where f.end > f.start {
                    states[c].observe(TextValueParser.trimmed(UnsafeBufferPointer(rebasing: a[f.start..<f.end])))
                }
            }
        }
        inferredFrom = seen
        pos = try input.seek(to: bodyOffset)
        line = bodyLine
        return Schema(zip(header, states).map { Field($0, $1.type) })
    }

    private func isBlank() -> Bool {
        header.count > 1 && fields.count == 1 && !fields[0].quoted && fields[0].start == fields[0].end
    }

    private func fieldCountError(_ line: Int) -> TextError {
        TextError("expected \(header.count) fields but found \(fields.count)", path: name, line: line)
    }

    /// Reads the next record into `arena`/`fields`, refilling the window when a record crosses
    /// its end; false at the end of the input.
    private func nextRecord() throws(TextError) -> Bool {
        while true {
            let start = pos, startLine = line
            let final = input.isFinal
            let step = try input.window.withUnsafeBufferPointer { (p) throws(TextError) -> Step in
                try Self.readRecord(p, &pos, &line, &arena, &fields, final: final, name: name)
            }
            switch step {
            case .record: return true
            case .end: return false
            case .needMore:
                line = startLine
                pos = start - (try input.advance(keepingFrom: start))
            }
        }
    }

    /// The next batch, or nil at the end of the input.
    public func next() throws(TextError) -> RecordBatch? {
        let schema = self.schema
        let map = sourceColumn
        var builders = schema.fields.map { ColumnBuilder($0.type, capacity: min(batchRows, 4096)) }
        var rows = 0
        while rows < batchRows {
            let recordLine = line
            guard try nextRecord() else { break }
            if isBlank() { continue }
            guard fields.count == header.count else { throw fieldCountError(recordLine) }
            for (j, field) in schema.fields.enumerated() {
                let f = fields[map[j]]
                try appendCell(f, field, &builders[j], line: recordLine)
            }
            rows += 1
        }
        guard rows > 0 else { return nil }
        do {
            return try RecordBatch(schema: schema, columns: builders.map { $0.finish() })
        } catch {
            throw TextError(error.message, path: name)
        }
    }

    private func appendCell(_ f: CSVField, _ field: Field, _ b: inout ColumnBuilder, line: Int) throws(TextError) {
        let isString: Bool
        if case .string = field.type { isString = true } else { isString = false }
        let empty = f.end == f.start
        if empty && (!f.quoted || !isString) {
            guard field.nullable else {
                throw TextError("empty value in a non-nullable column", path: name, line: line, field: field.name)
            }
            b.appendNull()
            return
        }
        let ok: Bool = arena.withUnsafeBufferPointer { a in
            let cell = UnsafeBufferPointer(rebasing: a[f.start..<f.end])
            if field.type.isNested {
                guard let v = try? JSONValue.parse(cell, path: name, line: line),
                      let s = try? JSONConversion.scalar(v, as: field.type, nullable: field.nullable, path: field.name),
                      (try? b.append(s)) != nil else { return false }
                return true
            }
            return TextValueParser.append(cell, as: field.type, to: &b)
        }
        guard ok else {
            let shown = String(decoding: arena[f.start..<f.end], as: UTF8.self)
            let e = ValueError.notA(shown, field.type, path: field.name)
            let hint = inferredFrom.map { "; the type was inferred from the first \($0) rows: give a schema to read this file" } ?? ""
            throw TextError(e.message + hint, path: name, line: line, field: field.name)
        }
    }

    /// Reads one record of `p` from `pos` into `arena`/`fields`. `final` says whether `p` ends
    /// where the input ends; when it does not and the record runs into the end of `p`, returns
    /// `.needMore` (and the caller re-reads the record from its start with more bytes).
    static func readRecord(_ p: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int,
                           _ arena: inout [UInt8], _ fields: inout [CSVField], final: Bool,
                           name: String) throws(TextError) -> Step {
        guard pos < p.count else { return final ? .end : .needMore }
        arena.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        let n = p.count
        while true {
            let start = arena.count
            var quoted = false
            if pos < n, p[pos] == UInt8(ascii: "\"") {
                quoted = true
                let openLine = line
                pos += 1
                while true {
                    var q = pos
                    while q < n, p[q] != UInt8(ascii: "\"") {
                        if p[q] == 0x0A { line += 1 }
                        q += 1
                    }
                    guard q < n else {
                        if !final { return .needMore }
                        throw TextError("unterminated quoted field", path: name, line: openLine)
                    }
                    arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<q]))
                    pos = q + 1
                    if pos == n && !final { return .needMore }   // a doubled quote may continue
                    if pos < n, p[pos] == UInt8(ascii: "\"") { arena.append(UInt8(ascii: "\"")); pos += 1; continue }
                    break
                }
                if pos < n, p[pos] != UInt8(ascii: ","), p[pos] != 0x0A, p[pos] != 0x0D {
                    throw TextError("unexpected character after a closing quote", path: name, line: line)
                }
            } else {
                var e = pos
                while e < n {
                    let c = p[e]
                    if c == UInt8(ascii: ",") || c == 0x0A || c == 0x0D { break }
                    e += 1
                }
                if e == n && !final { return .needMore }
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<e]))
                pos = e
            }
            fields.append(CSVField(start: start, end: arena.count, quoted: quoted))
            guard pos < n else { return final ? .record : .needMore }
            switch p[pos] {
            case UInt8(ascii: ","):
                pos += 1
                if pos == n {
                    if !final { return .needMore }
                    fields.append(CSVField(start: arena.count, end: arena.count, quoted: false))
                    return .record
                }
            case 0x0D:
                pos += 1
                if pos == n && !final { return .needMore }   // the LF of a CRLF may follow
                if pos < n, p[pos] == 0x0A { pos += 1 }
                line += 1
                return .record
            default:   // LF
                pos += 1
                line += 1
                return .record
            }
        }
    }
}

/// Per-column type inference state for CSV.
struct InferState {
    var long = true, double = true, boolean = true, date = true, timestamp = true
    var sawZone = false, sawNoZone = false
    var sawValue = false

    mutating func observe(_ p: UnsafeBufferPointer<UInt8>) {
        sawValue = true
        if long { long = TextValueParser.parseInt64(p) != nil }
        if double && !long { double = TextValueParser.parseDouble(p) != nil }
        if boolean { boolean = TextValueParser.parseBool(p) != nil }
        if date { date = CivilTime.parseDate(p, .isoText) != nil }
        if timestamp {
            if let t = CivilTime.parseTimestampText(p, .isoText), t.utcMicros != nil {
                if t.offsetSeconds != nil { sawZone = true } else { sawNoZone = true }
            } else {
                timestamp = false
            }
        }
    }

    var type: DataType {
        guard sawValue else { return .string }
        if long { return .long }
        if double { return .double }
        if boolean { return .boolean }
        if date { return .date }
        if timestamp { return sawZone ? .timestamp : .timestampNtz }
        return .string
    }
}
