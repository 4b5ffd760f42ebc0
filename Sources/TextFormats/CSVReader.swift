import DeltaLog
import Columnar
import Foundation

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, embedded commas and newlines, LF or CRLF line
/// ends, optional UTF-8 BOM) into record batches of at most `batchRows` rows. A header row is
/// required. An empty unquoted field is null; `""` is an empty string.
///
/// With a schema, every schema field must appear in the header (matched by exact name, else
/// case-insensitively); extra CSV columns are ignored; values are parsed per type (blanks around
/// non-strings ignored; dates and timestamps as `CivilTime.Dialect.isoText` reads them; binary
/// as base64; struct/array/map cells are JSON in the canonical row format). Without a
/// schema, the types are inferred from all rows (one extra pass): long, else double, else boolean,
/// else date, else timestamp (some value has a zone) / timestamp_ntz (none has), else string;
/// an all-empty column is string. Every inferred field is nullable.
///
/// Errors (`TextError`) name file, line and column, as text and as fields:
/// `input.csv line 12, column 'price': 'abc' is not a decimal(10,2)`.
///
/// ```
/// let reader = try CSVReader(path: "trades.csv", schema: try SchemaDDL.parse("id long, price decimal(10,2)"))
/// while let batch = try reader.next() { … }
/// ```
public final class CSVReader: RecordBatchReader {
    /// The file path, or the name given with `data` (used in error messages).
    public let name: String
    /// The schema of the batches: given or inferred.
    public private(set) var schema: Schema
    /// At most this many rows per batch.
    public let batchRows: Int
    /// The column names of the header row (`_c<n>` for an empty one).
    public let header: [String]

    private let data: Data
    private let bodyStart: Int
    private let bodyLine: Int
    private var pos: Int
    private var line: Int
    /// For each schema field, its column index in the CSV records.
    private var sourceColumn: [Int]

    private var arena: [UInt8] = []
    private var fields: [CSVField] = []

    struct CSVField { var start: Int; var end: Int; var quoted: Bool }

    /// Opens the file at `path` (memory-mapped) and reads its header; without a `schema`, also
    /// reads every row once to infer the types.
    public convenience init(path: String, schema: Schema? = nil, batchRows: Int = 65536) throws(TextError) {
        try self.init(data: InputFile.load(path), name: path, schema: schema, batchRows: batchRows)
    }

    /// Reads CSV held in memory; `name` stands for the file in error messages.
    public init(data: Data, name: String, schema: Schema? = nil, batchRows: Int = 65536) throws(TextError) {
        self.name = name
        self.data = data
        self.batchRows = max(1, batchRows)
        var pos = 0
        var line = 1
        var arena: [UInt8] = []
        var fields: [CSVField] = []
        let got = try InputFile.withBytes(data) { (p) throws(TextError) -> Bool in
            if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { pos = 3 }
            return try Self.readRecord(p, &pos, &line, &arena, &fields, name: name)
        }
        guard got else { throw TextError("empty file (a header row is required)", path: name) }
        var header: [String] = []
        for (n, f) in fields.enumerated() {
            var h = String(decoding: arena[f.start..<f.end], as: UTF8.self)
            if h.isEmpty { h = "_c\(n)" }
            guard !header.contains(h) else { throw TextError("duplicate column name '\(h)' in the header", path: name, line: 1) }
            header.append(h)
        }
        self.header = header
        self.bodyStart = pos
        self.bodyLine = line
        self.pos = pos
        self.line = line
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
            self.schema = Schema([])
            self.sourceColumn = Array(header.indices)
            self.schema = try inferSchema()
        }
    }

    private func inferSchema() throws(TextError) -> Schema {
        var states = [InferState](repeating: InferState(), count: header.count)
        try InputFile.withBytes(data) { (p) throws(TextError) in
            var pos = bodyStart, line = bodyLine
            while true {
                let recordLine = line
                guard try Self.readRecord(p, &pos, &line, &arena, &fields, name: name) else { break }
                if isBlank() { continue }
                guard fields.count == header.count else { throw fieldCountError(recordLine) }
                arena.withUnsafeBufferPointer { a in
                    for (c, f) in fields.enumerated() where f.end > f.start {
                        states[c].observe(TextValueParser.trimmed(UnsafeBufferPointer(rebasing: a[f.start..<f.end])))
                    }
                }
            }
        }
        return Schema(zip(header, states).map { Field($0, $1.type) })
    }

    private func isBlank() -> Bool {
        header.count > 1 && fields.count == 1 && !fields[0].quoted && fields[0].start == fields[0].end
    }

    private func fieldCountError(_ line: Int) -> TextError {
        TextError("expected \(header.count) fields but found \(fields.count)", path: name, line: line)
    }

    /// The next batch, or nil at the end of the input.
    public func next() throws(TextError) -> RecordBatch? {
        let schema = self.schema
        let map = sourceColumn
        var builders = schema.fields.map { ColumnBuilder($0.type, capacity: min(batchRows, 4096)) }
        var rows = 0
        try InputFile.withBytes(data) { (p) throws(TextError) in
            while rows < batchRows {
                let recordLine = line
                guard try Self.readRecord(p, &pos, &line, &arena, &fields, name: name) else { break }
                if isBlank() { continue }
                guard fields.count == header.count else { throw fieldCountError(recordLine) }
                for (j, field) in schema.fields.enumerated() {
                    let f = fields[map[j]]
                    try appendCell(f, field, &builders[j], line: recordLine)
                }
                rows += 1
            }
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
            throw TextError(e.message, path: name, line: line, field: field.name)
        }
    }

    /// Reads one record into `arena`/`fields`; false at the end of input.
    static func readRecord(_ p: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int,
                           _ arena: inout [UInt8], _ fields: inout [CSVField], name: String) throws(TextError) -> Bool {
        guard pos < p.count else { return false }
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
                    guard q < n else { throw TextError("unterminated quoted field", path: name, line: openLine) }
                    arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<q]))
                    pos = q + 1
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
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: p[pos..<e]))
                pos = e
            }
            fields.append(CSVField(start: start, end: arena.count, quoted: quoted))
            guard pos < n else { return true }
            switch p[pos] {
            case UInt8(ascii: ","):
                pos += 1
                if pos == n { fields.append(CSVField(start: arena.count, end: arena.count, quoted: false)); return true }
            case 0x0D:
                pos += 1
                if pos < n, p[pos] == 0x0A { pos += 1 }
                line += 1
                return true
            default:   // LF
                pos += 1
                line += 1
                return true
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
