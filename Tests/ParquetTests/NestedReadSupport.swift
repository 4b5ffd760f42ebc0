import Columnar
@testable import Parquet

/// Hand-assembled Parquet files with nested columns, for layouts pyarrow does not write (legacy
/// two-level lists, bare repeated fields), page splits inside a row, and corrupt levels.
struct NestedFileBuilder {
    /// One leaf column chunk: its levels (one entry each) and the PLAIN bytes of each non-null value.
    struct Leaf {
        var physical: PhysicalType
        var path: [String]
        var rep: [UInt32]
        var def: [UInt32]
        var maxRep: Int
        var maxDef: Int
        var values: [[UInt8]]
        /// Entry indices at which a new data page starts (besides 0).
        var pageBreaks: [Int] = []
        var v2 = false
        var levelEncoding: Encoding = .rle
        /// When set, written as the page header's num_values instead of the true count.
        var claimedEntries: Int? = nil
    }

    var schema: [SchemaElement]
    var leaves: [Leaf]
    var numRows: Int

    func build() -> [UInt8] {
        var file: [UInt8] = Array("PAR1".utf8)
        var chunks: [ColumnChunk] = []
        for leaf in leaves {
            let start = file.count
            let bounds = [0] + leaf.pageBreaks + [leaf.def.count]
            var valueIndex = 0
            for p in 0..<bounds.count - 1 {
                let range = bounds[p]..<bounds[p + 1]
                let nonNull = range.filter { leaf.def[$0] == UInt32(leaf.maxDef) }.count
                var body: [UInt8] = []
                for _ in 0..<nonNull { body += leaf.values[valueIndex]; valueIndex += 1 }
                let rep = Self.levels(Array(leaf.rep[range]), max: leaf.maxRep, encoding: leaf.levelEncoding, prefix: !leaf.v2)
                let def = Self.levels(Array(leaf.def[range]), max: leaf.maxDef, encoding: leaf.levelEncoding, prefix: !leaf.v2)
                let page = rep + def + body
                let n = Int32(leaf.claimedEntries ?? range.count)
                let header: PageHeader
                if leaf.v2 {
                    let rows = range.filter { leaf.rep[$0] == 0 }.count
                    header = PageHeader(type: .dataPageV2, uncompressedPageSize: Int32(page.count), compressedPageSize: Int32(page.count),
                                        dataPageHeaderV2: DataPageHeaderV2(numValues: n, numNulls: Int32(range.count - nonNull), numRows: Int32(rows),
                                                                           encoding: .plain, definitionLevelsByteLength: Int32(def.count),
                                                                           repetitionLevelsByteLength: Int32(rep.count), isCompressed: false))
                } else {
                    header = PageHeader(type: .dataPage, uncompressedPageSize: Int32(page.count), compressedPageSize: Int32(page.count),
                                        dataPageHeader: DataPageHeader(numValues: n, encoding: .plain,
                                                                       definitionLevelEncoding: leaf.levelEncoding,
                                                                       repetitionLevelEncoding: leaf.levelEncoding))
                }
                header.encode(into: &file)
                file += page
            }
            let meta = ColumnMetaData(type: leaf.physical, encodings: [.plain, .rle], pathInSchema: leaf.path, codec: .uncompressed,
                                      numValues: Int64(leaf.claimedEntries ?? leaf.def.count),
                                      totalUncompressedSize: Int64(file.count - start), totalCompressedSize: Int64(file.count - start),
                                      dataPageOffset: Int64(start))
            chunks.append(ColumnChunk(fileOffset: Int64(start), metaData: meta))
        }
        let rg = RowGroup(columns: chunks, totalByteSize: Int64(file.count - 4), numRows: Int64(numRows))
        let footer = FileMetaData(version: 1, schema: schema, numRows: Int64(numRows), rowGroups: [rg]).encoded()
        file += footer
        let n = UInt32(footer.count)
        file += [UInt8(n & 0xff), UInt8(n >> 8 & 0xff), UInt8(n >> 16 & 0xff), UInt8(n >> 24)]
        file += Array("PAR1".utf8)
        return file
    }

    /// Levels as a page stores them: nothing when the maximum is 0; RLE hybrid (with a 4-byte
    /// length in v1) or the deprecated BIT_PACKED (MSB first).
    static func levels(_ values: [UInt32], max: Int, encoding: Encoding, prefix: Bool) -> [UInt8] {
        guard max > 0 else { return [] }
        let width = bitWidth(forMax: UInt32(max))
        if encoding == .bitPacked {
            var out = [UInt8](repeating: 0, count: (values.count * width + 7) / 8)
            var bit = 0
            for v in values {
                for k in (0..<width).reversed() {
                    if (v >> UInt32(k)) & 1 == 1 { out[bit >> 3] |= 0x80 >> UInt8(bit & 7) }
                    bit += 1
                }
            }
            return out
        }
        var body: [UInt8] = []
        values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: width, into: &body) }
        guard prefix else { return body }
        let n = UInt32(body.count)
        return [UInt8(n & 0xff), UInt8(n >> 8 & 0xff), UInt8(n >> 16 & 0xff), UInt8(n >> 24)] + body
    }
}

// MARK: - PLAIN values and schema elements

func plain(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
func plain(_ v: Int64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
func plain(_ s: String) -> [UInt8] { plain(Int32(s.utf8.count)) + Array(s.utf8) }

func group(_ name: String, _ repetition: Repetition?, children: Int, converted: ConvertedType? = nil,
           logical: LogicalType? = nil) -> SchemaElement {
    SchemaElement(repetition: repetition, name: name, numChildren: Int32(children), convertedType: converted, logicalType: logical)
}

func primitive(_ name: String, _ type: PhysicalType, _ repetition: Repetition, string: Bool = false) -> SchemaElement {
    SchemaElement(type: type, repetition: repetition, name: name, convertedType: string ? .utf8 : nil,
                  logicalType: string ? .string : nil)
}

/// The root element of a schema with `children` top-level fields.
func root(_ children: Int) -> SchemaElement { SchemaElement(name: "schema", numChildren: Int32(children)) }

/// Reads every row group of `bytes`, all columns, as scalars per column.
func readColumns(_ bytes: [UInt8]) throws -> (ParquetFileReader, [[Scalar]]) {
    let r = try ParquetFileReader(bytes: bytes, path: "nested.parquet")
    var cols = Array(repeating: [Scalar](), count: r.schema.count)
    for g in 0..<r.rowGroupCount {
        for (i, c) in try r.readRowGroup(g).columns.enumerated() { cols[i] += c.scalars }
    }
    return (r, cols)
}
