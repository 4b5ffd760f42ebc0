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
    /// Lines read to infer a schema when none is given.
    public static let defaultInferenceRows = 1_000_000

    /// The file path, or the name given with `data` (used in error messages).
    public let name: String
    /// The schema of the batches: given or inferred.
    public private(set) var schema: Schema
    /// At most this many rows per batch.
    public let batchRows: Int

    private let input: TextInput
    /// Window index of the next byte to read.
    private var pos = 0
    private var line = 1

    /// Opens the local file at `path`; without a `schema`, reads up to `inferenceRows` lines to
    /// infer the types. The file is read a few megabytes at a time.
    public convenience init(path: String, schema: Schema? = nil, batchRows: Int = 65536,
                            inferenceRows: Int = JSONLinesReader.defaultInferenceRows) throws(TextError) {
        try self.init(input: TextInput(path: path), schema: schema, batchRows: batchRows, inferenceRows: inferenceRows)
    }

    /// Reads a file of any storage (a `ReadableFile`); `name` stands for it in error messages.
    public convenience init(file: any ReadableFile, name: String, schema: Schema? = nil, batchRows: Int = 65536,
                            inferenceRows: Int = JSONLinesReader.defaultInferenceRows) throws(TextError) {
        try self.init(input: TextInput(file: file, name: name), schema: schema, batchRows: batchRows, inferenceRows: inferenceRows)
    }

    /// Reads JSON Lines held in memory; `name` stands for the file in error messages.
    public convenience init(data: Data, name: String, schema: Schema? = nil, batchRows: Int = 65536,
                            inferenceRows: Int = JSONLinesReader.defaultInferenceRows) throws(TextError) {
        try self.init(input: TextInput(bytes: Array(data), name: name), schema: schema, batchRows: batchRows,
                      inferenceRows: inferenceRows)
    }

    init(input: TextInput, schema: Schema?, batchRows: Int, inferenceRows: Int) throws(TextError) {
        self.input = input
        self.name = input.name
        self.batchRows = max(1, batchRows)
        self.schema = schema ?? Schema([])
        if schema == nil {
            var inferred = JSONConversion.Inferred.structure([])
            var seen = 0
            while seen < max(1, inferenceRows), let v = try nextObject() {
                inferred = JSONConversion.merge(inferred, JSONConversion.infer(v.value))
                seen += 1
            }
            guard case let .struct(fields) = inferred.dataType else { preconditionFailure() }
            self.schema = Schema(fields)
            pos = try input.seek(to: 0)
            line = 1
        }
    }

    /// The next non-blank line parsed as a JSON object, with its line number; refills the
    /// window when a line crosses its end.
    private func nextObject() throws(TextError) -> (value: JSONValue, line: Int)? {
        while true {
            let start = pos
            let final = input.isFinal
            let found = try input.window.withUnsafeBufferPointer { (p) throws(TextError) -> (value: JSONValue, line: Int)?? in
                try Self.nextObject(p, &pos, &line, final: final, name: name)
            }
            if let found { return found }
            pos = start - (try input.advance(keepingFrom: start))
        }
    }

    /// The next non-blank line of `p` parsed as a JSON object: `.some(nil)` at the end of the
    /// input, `nil` when a line runs into the end of `p` before the input ends (read more).
    static func nextObject(_ p: UnsafeBufferPointer<UInt8>, _ pos: inout Int, _ line: inout Int, final: Bool,
                           name: String) throws(TextError) -> (value: JSONValue, line: Int)?? {
        while pos < p.count {
            var end = pos
            while end < p.count, p[end] != 0x0A { end += 1 }
            if end == p.count && !final { return nil }
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
            return .some((v, thisLine))
        }
        return final ? .some(nil) : nil
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
        do {
            while rows < batchRows, let (v, lineNo) = try nextObject() {
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
