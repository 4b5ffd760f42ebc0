import DeltaLog
import Columnar
import Foundation

/// Reads JSON Lines (one JSON object per line; blank lines skipped; CRLF accepted) into record
/// batches of at most `batchRows` rows.
///
/// With a schema, keys map to columns by exact name (a missing key is null, extra keys are ignored)
/// and values are read in the canonical row format, leniently: decimals as strings or numbers,
/// dates/timestamps as strings, binary as base64, structs as objects, arrays as arrays, maps as
/// objects or as arrays of `{"key":…,"value":…}`; any primitive may also be given as a string.
/// Without a schema the types are inferred from all lines: integers → long, other numbers →
/// double, booleans, strings, objects → struct, arrays → array, null-only → string; conflicting
/// types widen long → double, otherwise to string (holding the value's JSON text).
/// Columns are ordered by first appearance.
///
/// Dates and timestamps are read as `CivilTime.Dialect.isoText` reads them.
///
/// Errors (`TextError`) name file and line, as text and as fields:
/// `input.jsonl line 3, column 'price': 'abc' is not a decimal(10,2)`.
public final class JSONLinesReader: RecordBatchReader {
    /// The file path, or the name given with `data` (used in error messages).
    public let name: String
    /// The schema of the batches: given or inferred.
    public private(set) var schema: Schema
    /// At most this many rows per batch.
    public let batchRows: Int

    private let data: Data
    private var pos = 0
    private var line = 1

    /// Opens the file at `path` (memory-mapped); without a `schema`, reads every line once to
    /// infer the types.
    public convenience init(path: String, schema: Schema? = nil, batchRows: Int = 65536) throws(TextError) {
        try self.init(data: InputFile.load(path), name: path, schema: schema, batchRows: batchRows)
    }

    /// Reads JSON Lines held in memory; `name` stands for the file in error messages.
    public init(data: Data, name: String, schema: Schema? = nil, batchRows: Int = 65536) throws(TextError) {
        self.data = data
        self.name = name
        self.batchRows = max(1, batchRows)
        self.schema = schema ?? Schema([])
        if schema == nil {
            var inferred = JSONConversion.Inferred.structure([])
            var pos = 0, line = 1
            try InputFile.withBytes(data) { (p) throws(TextError) in
                while let v = try Self.nextObject(p, &pos, &line, name: name) {
                    inferred = JSONConversion.merge(inferred, JSONConversion.infer(v.value))
                }
            }
            guard case let .struct(fields) = inferred.dataType else { preconditionFailure() }
            self.schema = Schema(fields)
        }
    }

    /// Next non-blank line parsed as a JSON object, with its line number.
    static func nextObject(_ p: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int,
                           name: String) throws(TextError) -> (value: JSONValue, line: Int)? {
        while pos < p.count {
            var end = pos
            while end < p.count, p[end] != 0x0A { end += 1 }
            let thisLine = line
            let text = UnsafeBufferPointer(rebasing: p[pos..<end])
            pos = end + 1
            line += 1
            let trimmed = trimSpace(text)
            if trimmed.isEmpty { continue }
            let v = try JSONValue.parse(trimmed, path: name, line: thisLine)
            guard case .object = v else {
                throw TextError("expected a JSON object, found \(String(v.text.prefix(40)))", path: name, line: thisLine)
            }
            return (v, thisLine)
        }
        return nil
    }

    static func trimSpace(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = p.count
        while s < e, p[s] == 0x20 || p[s] == 0x09 || p[s] == 0x0D { s += 1 }
        while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x09 || p[e - 1] == 0x0D { e -= 1 }
        return UnsafeBufferPointer(rebasing: p[s..<e])
    }

    /// The next batch, or nil at the end of the input.
    public func next() throws(TextError) -> RecordBatch? {
        let schema = self.schema
        var builders = schema.fields.map { ColumnBuilder($0.type) }
        var rows = 0
        try InputFile.withBytes(data) { (p) throws(TextError) in
            while rows < batchRows, let (v, lineNo) = try Self.nextObject(p, &pos, &line, name: name) {
                guard case let .object(members) = v else { continue }
                for (j, field) in schema.fields.enumerated() {
                    let member = members.last(where: { $0.key == field.name })?.value ?? .null
                    do {
                        let s = try JSONConversion.scalar(member, as: field.type, nullable: field.nullable, path: field.name)
                        try builders[j].append(s)
                    } catch let e as ValueError {
                        throw TextError(e.message, path: name, line: lineNo, field: e.path)
                    } catch {
                        throw TextError("\(error)", path: name, line: lineNo, field: field.name)
                    }
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

}
