import ArgumentParser
import Columnar
import DeltaLog
import Parquet
import TextFormats

/// `deltactl parquet stats FILE [--format table|json]`: file, row-group and column-chunk metadata
/// with decoded min/max statistics.
public struct ParquetStatsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print row groups, column chunks, encodings, sizes and min/max statistics of a Parquet file.")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case table, json }

    @OptionGroup public var options: ParquetFileOptions

    @Option(help: "Output format: table or json.")
    public var format: Format = .table

    public init() {}

    struct Chunk {
        var rowGroup: Int, column: String, physical: String, codec: String, encodings: [String]
        var values: Int, nulls: Int?, min: Scalar?, max: Scalar?, compressed: Int, uncompressed: Int
    }

    public func run() throws {
        try reportingErrors {
            let reader = try options.open()
            let meta = reader.metadata
            var chunks: [Chunk] = []
            for (i, rg) in meta.rowGroups.enumerated() {
                for (j, cc) in rg.columns.enumerated() {
                    guard let cm = cc.metaData else { continue }
                    let st = reader.statistics(rowGroup: i, column: j)
                    chunks.append(Chunk(
                        rowGroup: i, column: cm.pathInSchema.joined(separator: "."), physical: "\(cm.type)",
                        codec: "\(cm.codec)", encodings: cm.encodings.map { "\($0)" }, values: Int(cm.numValues),
                        nulls: st?.nullCount ?? cm.statistics?.nullCount.map { Int($0) },
                        min: st?.min, max: st?.max,
                        compressed: Int(cm.totalCompressedSize), uncompressed: Int(cm.totalUncompressedSize)))
                }
            }
            var out = StandardOutput()
            switch format {
            case .table: out.write(try table(reader, chunks))
            case .json: out.write(json(reader, chunks))
            }
            out.flush()
        }
    }

    func table(_ reader: ParquetFileReader, _ chunks: [Chunk]) throws -> String {
        var text = "file: \(options.file)\nrows: \(reader.rowCount)\nrow groups: \(reader.rowGroupCount)\n"
        if let by = optionalText(reader.metadata.createdBy) { text += "created by: \(by)\n" }
        text += "\n"
        let fields: [(String, DataType)] = [
            ("row_group", .long), ("column", .string), ("type", .string), ("codec", .string), ("encodings", .string),
            ("values", .long), ("nulls", .long), ("min", .string), ("max", .string),
            ("compressed", .long), ("uncompressed", .long),
        ]
        let rows: [[Scalar]] = chunks.map { c in
            [.long(Int64(c.rowGroup)), .string(c.column), .string(c.physical), .string(c.codec),
             .string(c.encodings.joined(separator: ",")), .long(Int64(c.values)), c.nulls.map { .long(Int64($0)) } ?? .null,
             c.min.flatMap(ScalarText.plain).map { .string($0) } ?? .null,
             c.max.flatMap(ScalarText.plain).map { .string($0) } ?? .null,
             .long(Int64(c.compressed)), .long(Int64(c.uncompressed))]
        }
        let schema = Schema(fields.map { Field($0.0, $0.1) })
        let columns = try fields.indices.map { j in try Column(fields[j].1, rows.map { $0[j] }) }
        var t = TableFormatter(schema: schema)
        t.add(try RecordBatch(schema: schema, columns: columns))
        return text + t.render()
    }

    func json(_ reader: ParquetFileReader, _ chunks: [Chunk]) -> String {
        var out: [UInt8] = []
        func key(_ k: String) { JSONWriter.appendString(k, to: &out); out.append(UInt8(ascii: ":")) }
        func str(_ s: String) { JSONWriter.appendString(s, to: &out) }
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        raw("{"); key("file"); str(options.file)
        raw(","); key("rows"); raw("\(reader.rowCount)")
        raw(","); key("created_by"); if let by = optionalText(reader.metadata.createdBy) { str(by) } else { raw("null") }
        raw(","); key("row_groups"); raw("[")
        for (i, rg) in reader.metadata.rowGroups.enumerated() {
            if i > 0 { raw(",") }
            raw("{"); key("index"); raw("\(i)")
            raw(","); key("rows"); raw("\(Int(rg.numRows))")
            raw(","); key("total_byte_size"); raw("\(Int(rg.totalByteSize))")
            raw(","); key("columns"); raw("[")
            for (n, c) in chunks.filter({ $0.rowGroup == i }).enumerated() {
                if n > 0 { raw(",") }
                raw("{"); key("column"); str(c.column)
                raw(","); key("type"); str(c.physical)
                raw(","); key("codec"); str(c.codec)
                raw(","); key("encodings"); raw("["); for (k, e) in c.encodings.enumerated() { if k > 0 { raw(",") }; str(e) }; raw("]")
                raw(","); key("values"); raw("\(c.values)")
                raw(","); key("nulls"); raw(c.nulls.map { "\($0)" } ?? "null")
                raw(","); key("min"); raw(c.min.map(ScalarText.json) ?? "null")
                raw(","); key("max"); raw(c.max.map(ScalarText.json) ?? "null")
                raw(","); key("compressed_size"); raw("\(c.compressed)")
                raw(","); key("uncompressed_size"); raw("\(c.uncompressed)")
                raw("}")
            }
            raw("]}")
        }
        raw("]}\n")
        return String(decoding: out, as: UTF8.self)
    }
}

/// `String?` text of a value that may or may not be optional in the metadata model.
func optionalText<T>(_ v: T?) -> String? {
    v.map { "\($0)" }
}
