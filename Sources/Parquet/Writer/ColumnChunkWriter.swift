import Columnar

/// One column chunk, encoded: the bytes to write and its metadata with page offsets relative
/// to the start of `bytes`.
struct EncodedChunk: Sendable {
    var bytes: [UInt8]
    var metaData: ColumnMetaData
}

/// Encodes one column of one row group: optional dictionary page, then v1 data pages
/// (definition levels RLE with a 4-byte length prefix, values PLAIN or RLE_DICTIONARY),
/// each compressed, each with statistics.
enum ColumnChunkWriter {
    static func encode(_ input: ChunkInput, leaf: WriteLeaf, options: ParquetWriterOptions) throws -> EncodedChunk {
        var out = [UInt8]()
        var encodings: [Encoding] = []
        var encodingStats: [PageEncodingStats] = []
        var uncompressedTotal = 0
        var dictionaryOffset: Int64? = nil
        let values = input.values
        let denseCount = values.count

        // 1. Dictionary, if enabled and it stays small.
        var indices: [UInt32]? = nil
        var dictionaryCount = 0
        if options.dictionary, leaf.physical != .boolean, denseCount > 0 {
            if let (dictPage, idx, n) = try buildDictionary(values, options: options) {
                indices = idx
                dictionaryCount = n
                dictionaryOffset = 0
                let (written, raw) = try writePage(dictPage, into: &out, options: options) { size, compressed in
                    var h = PageHeader(type: .dictionaryPage, uncompressedPageSize: Int32(size), compressedPageSize: Int32(compressed))
                    h.dictionaryPageHeader = DictionaryPageHeader(numValues: Int32(n), encoding: .plain, isSorted: false)
                    return h
                }
                _ = written
                uncompressedTotal += raw
                encodings.append(.plain)
                encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
            }
        }
        let valueEncoding: Encoding = indices == nil ? .plain : .rleDictionary
        let indexWidth = bitWidth(forMax: UInt32(max(dictionaryCount - 1, 0)))

        // 2. Pages: rows per page from the average encoded value size.
        let rows = input.rowCount
        let avgBytes: Double
        if indices != nil {
            avgBytes = max(Double(indexWidth) / 8, 0.125)
        } else {
            avgBytes = max(1, Double(values.byteSize) / Double(max(denseCount, 1)))
        }
        let rowsPerPage = max(1, min(rows, Int(Double(options.dataPageTargetBytes) / avgBytes)))
        let dataPageOffset = Int64(out.count)
        var chunkStats = StatisticsBuilder(physical: leaf.physical, maxValueBytes: options.statisticsMaxValueBytes)
        var page = [UInt8]()
        var levelScratch = [UInt32]()
        var dataPages: Int32 = 0
        var rowStart = 0
        var denseStart = 0
        let legacyStats: Bool = {
            switch leaf.field.type {
            case .boolean, .byte, .short, .integer, .long, .float, .double, .date, .timestamp, .timestampNtz: return true
            default: return false
            }
        }()
        if let levels = input.levels {
            // A leaf of a nested column: pages of whole rows, repetition and definition levels.
            let (pages, raw) = try writeNestedPages(values, levels, leaf: leaf, options: options, indices: indices,
                                                    indexWidth: indexWidth, valueEncoding: valueEncoding,
                                                    legacyStats: legacyStats, into: &out, chunkStats: &chunkStats)
            dataPages = pages
            uncompressedTotal += raw
        } else {
            repeat {
                let rowEnd = min(rows, rowStart + rowsPerPage)
                let n = rowEnd - rowStart
                page.removeAll(keepingCapacity: true)
                // Definition levels.
                var nonNull = n
                if leaf.field.nullable {
                    var levels = [UInt8]()
                    if let v = input.validity {
                        if levelScratch.count < n { levelScratch = [UInt32](repeating: 0, count: n) }
                        nonNull = 0
                        levelScratch.withUnsafeMutableBufferPointer { l in
                            for i in 0..<n {
                                let bit: UInt32 = v[rowStart + i] ? 1 : 0
                                l[i] = bit
                                nonNull += Int(bit)
                            }
                        }
                        levelScratch.withUnsafeBufferPointer {
                            RLEHybrid.encode(UnsafeBufferPointer(rebasing: $0[0..<n]), bitWidth: 1, into: &levels)
                        }
                    } else {
                        RLEHybrid.encodeRun(value: 1, count: n, bitWidth: 1, into: &levels)
                    }
                    page.append(contentsOf: le(UInt32(levels.count)))
                    page.append(contentsOf: levels)
                }
                let denseEnd = denseStart + nonNull
                uncompressedTotal += try writeDataPage(&page, entries: n, dense: denseStart..<denseEnd, values: values,
                                                       indices: indices, indexWidth: indexWidth, valueEncoding: valueEncoding,
                                                       leaf: leaf, legacyStats: legacyStats, options: options,
                                                       chunkStats: &chunkStats, into: &out)
                dataPages += 1
                rowStart = rowEnd
                denseStart = denseEnd
            } while rowStart < rows
        }

        encodings.append(.rle)
        if valueEncoding == .rleDictionary { encodings.append(.rleDictionary) } else if !encodings.contains(.plain) { encodings.append(.plain) }
        encodingStats.append(PageEncodingStats(pageType: .dataPage, encoding: valueEncoding, count: dataPages))

        var meta = ColumnMetaData(type: leaf.physical, encodings: encodings, pathInSchema: leaf.path,
                                  codec: options.codec, numValues: Int64(input.levels?.count ?? rows),
                                  totalUncompressedSize: Int64(uncompressedTotal), totalCompressedSize: Int64(out.count),
                                  dataPageOffset: dataPageOffset)
        meta.dictionaryPageOffset = dictionaryOffset
        meta.encodingStats = encodingStats
        if options.statistics { meta.statistics = chunkStats.thrift(legacy: legacyStats) }
        return EncodedChunk(bytes: out, metaData: meta)
    }

    /// Compresses `body`, appends header + body to `out`; returns (compressed size, header + uncompressed size).
    /// Finishes a v1 data page whose levels are already in `page`: appends the values of
    /// `dense` (dictionary indices with their 1-byte width, or PLAIN), computes the page's
    /// statistics (null_count = entries − non-null values) into `chunkStats`, and writes the page
    /// with its header. `entries` is the page's level entries (rows for a flat column).
    /// Returns the page's uncompressed size, header included.
    static func writeDataPage(_ page: inout [UInt8], entries n: Int, dense: Range<Int>, values: DenseValues,
                              indices: [UInt32]?, indexWidth: Int, valueEncoding: Encoding, leaf: WriteLeaf,
                              legacyStats: Bool, options: ParquetWriterOptions, chunkStats: inout StatisticsBuilder,
                              into out: inout [UInt8]) throws -> Int {
        if let indices {
            page.append(UInt8(indexWidth))
            indices.withUnsafeBufferPointer {
                RLEHybrid.encode(UnsafeBufferPointer(rebasing: $0[dense]), bitWidth: indexWidth, into: &page)
            }
        } else {
            encodePlain(values, dense, into: &page)
        }
        var stats: Statistics? = nil
        if options.statistics {
            let ps = StatisticsBuilder.page(values, dense, nulls: n - dense.count, physical: leaf.physical,
                                            maxValueBytes: options.statisticsMaxValueBytes)
            chunkStats.merge(ps)
            stats = ps.thrift(legacy: legacyStats)
        }
        let (_, raw) = try writePage(page, into: &out, options: options) { size, compressed in
            var h = PageHeader(type: .dataPage, uncompressedPageSize: Int32(size), compressedPageSize: Int32(compressed))
            h.dataPageHeader = DataPageHeader(numValues: Int32(n), encoding: valueEncoding,
                                              definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle,
                                              statistics: stats)
            return h
        }
        return raw
    }

    static func writePage(_ body: [UInt8], into out: inout [UInt8], options: ParquetWriterOptions,
                                  header: (Int, Int) -> PageHeader) throws -> (Int, Int) {
        guard body.count <= Int(Int32.max) else {
            throw ParquetError(.invalidArgument, "a page would exceed 2 GiB; lower dataPageTargetBytes")
        }
        var compressed = [UInt8]()
        if options.codec != .uncompressed {
            compressed.reserveCapacity(body.count / 2 + 64)
            try body.withUnsafeBytes { try Compression.compress(options.codec, $0, into: &compressed, level: options.compressionLevel) }
        }
        let compressedSize = options.codec == .uncompressed ? body.count : compressed.count
        let h = header(body.count, compressedSize)
        let before = out.count
        h.encode(into: &out)
        let headerSize = out.count - before
        if options.codec == .uncompressed { out.append(contentsOf: body) } else { out.append(contentsOf: compressed) }
        return (compressedSize, headerSize + body.count)
    }

    static func encodePlain(_ values: DenseValues, _ range: Range<Int>, into out: inout [UInt8]) {
        switch values {
        case let .booleans(b): PlainEncoding.encodeBooleans(b, range: range, into: &out)
        case let .int32(a): a.withUnsafeBufferPointer { PlainEncoding.encode(UnsafeBufferPointer(rebasing: $0[range]), into: &out) }
        case let .int64(a): a.withUnsafeBufferPointer { PlainEncoding.encode(UnsafeBufferPointer(rebasing: $0[range]), into: &out) }
        case let .float(a): a.withUnsafeBufferPointer { PlainEncoding.encode(UnsafeBufferPointer(rebasing: $0[range]), into: &out) }
        case let .double(a): a.withUnsafeBufferPointer { PlainEncoding.encode(UnsafeBufferPointer(rebasing: $0[range]), into: &out) }
        case let .bytes(o, d):
            // Offsets of the page's values only (absolute positions in `d`), no row list.
            o.withUnsafeBufferPointer { ob in
                d.withUnsafeBytes { db in
                    PlainEncoding.encodeByteArrays(offsets: UnsafeBufferPointer(rebasing: ob[range.lowerBound...range.upperBound]),
                                                   data: db, rows: nil, into: &out)
                }
            }
        case let .fixed(w, d):
            out.append(contentsOf: d[range.lowerBound * w..<range.upperBound * w])
        }
    }

    /// Tries to dictionary-encode the values: returns the PLAIN dictionary page body, the
    /// indices of every dense value and the dictionary size, or nil if it grew too big.
    private static func buildDictionary(_ values: DenseValues, options: ParquetWriterOptions) throws -> ([UInt8], [UInt32], Int)? {
        let limit = options.dictionaryPageLimitBytes
        // A column whose sample is mostly distinct values gains nothing from a dictionary
        // (indices would be as wide as the values): skip the hashing and write it PLAIN.
        if !Self.dictionaryWorthTrying(values) { return nil }
        var indices = [UInt32]()
        indices.reserveCapacity(values.count)
        var page = [UInt8]()
        switch values {
        case let .int32(a):
            var d = FixedWidthDictionary<Int32>()
            let ok = a.withUnsafeBufferPointer { d.insert($0, indices: &indices, maxEntries: Int(Int32.max), maxBytes: limit) }
            guard ok else { return nil }
            d.values.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &page) }
            return (page, indices, d.count)
        case let .int64(a):
            var d = FixedWidthDictionary<Int64>()
            let ok = a.withUnsafeBufferPointer { d.insert($0, indices: &indices, maxEntries: Int(Int32.max), maxBytes: limit) }
            guard ok else { return nil }
            d.values.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &page) }
            return (page, indices, d.count)
        case let .float(a):
            var d = FixedWidthDictionary<UInt32>()
            let ok = a.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: UInt32.self) { d.insert($0, indices: &indices, maxEntries: Int(Int32.max), maxBytes: limit) }
            }
            guard ok else { return nil }
            d.values.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &page) }
            return (page, indices, d.count)
        case let .double(a):
            var d = FixedWidthDictionary<UInt64>()
            let ok = a.withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: UInt64.self) { d.insert($0, indices: &indices, maxEntries: Int(Int32.max), maxBytes: limit) }
            }
            guard ok else { return nil }
            d.values.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &page) }
            return (page, indices, d.count)
        case let .bytes(o, data):
            var d = ByteArrayDictionary()
            let ok = o.withUnsafeBufferPointer { ob in
                data.withUnsafeBytes { db in
                    d.insert(offsets: ob, data: db, rows: nil, indices: &indices, maxEntries: Int(Int32.max), maxBytes: limit)
                }
            }
            guard ok else { return nil }
            d.offsets.withUnsafeBufferPointer { ob in
                d.data.withUnsafeBytes { db in
                    PlainEncoding.encodeByteArrays(offsets: ob, data: db, rows: nil, into: &page)
                }
            }
            return (page, indices, d.count)
        case let .fixed(w, data):
            // Fixed-length values: offsets are multiples of the width; the PLAIN dictionary
            // page is the raw concatenation (no length prefixes).
            let offsets = (0...(data.count / max(w, 1))).map { Int32($0 * w) }
            var d = ByteArrayDictionary()
            let ok = offsets.withUnsafeBufferPointer { ob in
                data.withUnsafeBytes { db in
                    d.insert(offsets: ob, data: db, rows: nil, indices: &indices, maxEntries: Int(Int32.max), maxBytes: limit)
                }
            }
            guard ok else { return nil }
            return (d.data, indices, d.count)
        case .booleans:
            return nil
        }
    }
}

extension ColumnChunkWriter {
    /// Samples the first values: false when more than half of them are distinct.
    static func dictionaryWorthTrying(_ values: DenseValues) -> Bool {
        let sample = min(values.count, 16_384)
        guard sample >= 1024 else { return true }
        var indices: [UInt32] = []
        indices.reserveCapacity(sample)
        let limit = Int.max
        let distinct: Int
        switch values {
        case let .int32(a):
            var d = FixedWidthDictionary<Int32>()
            _ = a.withUnsafeBufferPointer { d.insert(UnsafeBufferPointer(rebasing: $0[0..<sample]), indices: &indices, maxEntries: limit, maxBytes: limit) }
            distinct = d.count
        case let .int64(a):
            var d = FixedWidthDictionary<Int64>()
            _ = a.withUnsafeBufferPointer { d.insert(UnsafeBufferPointer(rebasing: $0[0..<sample]), indices: &indices, maxEntries: limit, maxBytes: limit) }
            distinct = d.count
        case let .float(a):
            var d = FixedWidthDictionary<UInt32>()
            _ = a.withUnsafeBufferPointer { p in p.withMemoryRebound(to: UInt32.self) { d.insert(UnsafeBufferPointer(rebasing: $0[0..<sample]), indices: &indices, maxEntries: limit, maxBytes: limit) } }
            distinct = d.count
        case let .double(a):
            var d = FixedWidthDictionary<UInt64>()
            _ = a.withUnsafeBufferPointer { p in p.withMemoryRebound(to: UInt64.self) { d.insert(UnsafeBufferPointer(rebasing: $0[0..<sample]), indices: &indices, maxEntries: limit, maxBytes: limit) } }
            distinct = d.count
        case let .bytes(o, data):
            var d = ByteArrayDictionary()
            _ = o.withUnsafeBufferPointer { ob in
                data.withUnsafeBytes { db in
                    d.insert(offsets: UnsafeBufferPointer(rebasing: ob[0...sample]), data: db, rows: nil, indices: &indices, maxEntries: limit, maxBytes: limit)
                }
            }
            distinct = d.count
        case .fixed, .booleans:
            return true
        }
        return distinct * 2 <= sample
    }
}

extension DenseValues {
    /// Bytes the values take PLAIN-encoded (approximately, for page sizing).
    var byteSize: Int {
        switch self {
        case let .booleans(b): return (b.count + 7) / 8
        case let .int32(a): return a.count * 4
        case let .int64(a): return a.count * 8
        case let .float(a): return a.count * 4
        case let .double(a): return a.count * 8
        case let .bytes(o, d): return d.count + 4 * (o.count - 1)
        case let .fixed(_, d): return d.count
        }
    }
}
