import Columnar
import CZlib

/// Reads one column chunk: walks its pages, decompresses them, decodes repetition and
/// definition levels and values. A flat column (`read`) gets its non-null values plus a
/// validity bitmap; a leaf of a nested column (`readNested`) gets its non-null values plus
/// its levels, one byte per level entry, for `NestedAssembler` (ColumnChunkReader+Levels.swift).
///
/// A column chunk on disk:
///
/// | part                  | contents                                              |
/// |-----------------------|-------------------------------------------------------|
/// | dictionary page (opt) | PageHeader (Thrift) + PLAIN values, compressed         |
/// | data page v1 …        | PageHeader + compressed [rep levels][def levels][values]; levels RLE with a 4-byte length (or BIT_PACKED, no length) |
/// | data page v2 …        | PageHeader + rep levels + def levels (RLE, uncompressed, no length prefix) + values (compressed if is_compressed) |
///
/// Rep levels are present only when the leaf's maximum repetition level is > 0, def levels only
/// when its maximum definition level is > 0. A page's `num_values` counts level entries (for a
/// flat column that is rows; in a nested one a row has one entry per innermost value, null, or
/// empty/null list or map).
struct ColumnChunkReader {
    let leaf: LeafColumn
    let codec: CompressionCodec
    let path: String
    /// File offset of `bytes[0]`, for error positions.
    let baseOffset: Int
    /// Most values one chunk may claim (guards allocations against corrupt counts).
    let maxValues: Int

    struct Output {
        var values: DenseValues
        /// nil when every row is valid.
        var validity: Bitmap?
        var rowCount: Int
    }

    /// A nested leaf's chunk: its non-null values and its levels.
    struct NestedOutput {
        var values: DenseValues
        var levels: LevelBuffers
        /// Entries with repetition level 0.
        var rowCount: Int
    }

    func read(_ bytes: [UInt8], valueCount: Int) throws -> Output {
        guard leaf.maxRepetitionLevel == 0, leaf.maxDefinitionLevel <= 1 else {
            throw ParquetError(.unsupported, "column '\(leaf.path.joined(separator: "."))' is nested; read it with readNested",
                               path: path)
        }
        var levels: LevelBuffers? = nil
        let (values, validity, rows) = try decodePages(bytes, valueCount: valueCount, nested: &levels)
        return Output(values: values, validity: validity, rowCount: rows)
    }

    /// Reads the chunk of a leaf of a nested column: `valueCount` is the chunk's number of level
    /// entries (ColumnMetaData.num_values).
    func readNested(_ bytes: [UInt8], valueCount: Int) throws -> NestedOutput {
        var levels: LevelBuffers? = LevelBuffers()
        levels!.reserve(max(0, min(valueCount, bytes.count * 8 + 64)))
        let (values, _, entries) = try decodePages(bytes, valueCount: valueCount, nested: &levels)
        let rows = try levels!.validate(entries: entries, leaf: leaf, path: path)
        return NestedOutput(values: values, levels: levels!, rowCount: rows)
    }

    /// Walks the pages. With `nested` nil, decodes flat definition levels into a validity
    /// bitmap; otherwise appends every page's levels to `nested`. Returns the dense values, the
    /// validity (flat only) and the number of level entries (rows when flat).
    private func decodePages(_ bytes: [UInt8], valueCount: Int, nested: inout LevelBuffers?) throws -> (DenseValues, Bitmap?, Int) {
        guard valueCount >= 0, valueCount <= maxValues else {
            throw ParquetError(.corruptMetadata, "column '\(leaf.path.joined(separator: "."))' claims \(valueCount) values, more than the \(maxValues) this reader accepts per chunk",
                               path: path, offset: baseOffset)
        }
        var values = DenseValues(for: leaf, capacity: min(valueCount, bytes.count * 8 + 64))
        var validity: Bitmap? = nil
        var rows = 0
        var dictionary: DenseValues? = nil
        var position = 0
        let scratch = PageBuffer()
        var levels: [UInt32] = []

        try bytes.withUnsafeBytes { chunk in
            while rows < valueCount {
                guard position < chunk.count else {
                    throw ParquetError(.truncated, "column '\(leaf.path.joined(separator: "."))' ends after \(rows) of its \(valueCount) values",
                                       path: path, offset: baseOffset + position)
                }
                let pageStart = position
                let (header, headerLength): (PageHeader, Int)
                do {
                    (header, headerLength) = try PageHeader.decode(UnsafeRawBufferPointer(rebasing: chunk[position...]))
                } catch var e as ParquetError {
                    e.path = path
                    e.offset = baseOffset + position + (e.offset ?? 0)
                    throw e
                }
                position += headerLength
                let compressedSize = Int(header.compressedPageSize)
                let uncompressedSize = Int(header.uncompressedPageSize)
                guard compressedSize >= 0, compressedSize <= chunk.count - position, uncompressedSize >= 0 else {
                    throw ParquetError(.truncated, "page of \(compressedSize) bytes runs past the end of its column chunk",
                                       path: path, offset: baseOffset + pageStart)
                }
                let page = UnsafeRawBufferPointer(rebasing: chunk[position..<position + compressedSize])
                position += compressedSize
                if let crc = header.crc {
                    let actual = page.isEmpty ? 0 : UInt32(crc32(0, page.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(page.count)))
                    guard UInt32(bitPattern: crc) == actual else {
                        throw ParquetError(.corruptPage, "page checksum mismatch (stored \(UInt32(bitPattern: crc)), computed \(actual)): the file is damaged",
                                           path: path, offset: baseOffset + pageStart)
                    }
                }
                do {
                    switch header.type {
                    case .dictionaryPage:
                        guard let dh = header.dictionaryPageHeader else {
                            throw ParquetError(.corruptMetadata, "dictionary page without a dictionary page header")
                        }
                        guard dictionary == nil else { throw ParquetError(.corruptPage, "a second dictionary page in one column chunk") }
                        guard dh.encoding == .plain || dh.encoding == .plainDictionary else {
                            throw ParquetError(.unsupported, "dictionary page encoding \(dh.encoding)")
                        }
                        let n = Int(dh.numValues)
                        guard n >= 0, n <= maxValues else { throw ParquetError(.corruptPage, "dictionary page claims \(n) values") }
                        let data = try decompress(page, uncompressedSize, scratch)
                        var dict = DenseValues(for: leaf, capacity: min(n, data.count * 8 + 64))
                        try PageValueDecoder.decodePlain(data, count: n, leaf: leaf, into: &dict)
                        dictionary = dict
                    case .dataPage:
                        guard let dh = header.dataPageHeader else {
                            throw ParquetError(.corruptMetadata, "data page without a data page header")
                        }
                        let n = Int(dh.numValues)
                        guard n >= 0, n <= valueCount - rows else {
                            throw ParquetError(.corruptPage, "data page claims \(n) values but only \(valueCount - rows) remain in the chunk")
                        }
                        let data = try decompress(page, uncompressedSize, scratch)
                        var offset = 0
                        var nonNull = n
                        if nested != nil {
                            nested!.pageStarts.append(LevelBuffers.PageStart(entry: rows, offset: baseOffset + pageStart))
                            (nonNull, offset) = try nested!.appendV1(data, count: n, header: dh, leaf: leaf, scratch: &levels)
                        } else if leaf.maxDefinitionLevel > 0 {
                            let consumed: Int
                            (nonNull, consumed) = try decodeLevelsV1(data, count: n, encoding: dh.definitionLevelEncoding,
                                                                     levels: &levels, rowsBefore: rows, validity: &validity)
                            offset += consumed
                        }
                        try PageValueDecoder.decode(UnsafeRawBufferPointer(rebasing: data[offset...]), count: nonNull,
                                                    encoding: dh.encoding, leaf: leaf, dictionary: dictionary, into: &values)
                        rows += n
                    case .dataPageV2:
                        guard let dh = header.dataPageHeaderV2 else {
                            throw ParquetError(.corruptMetadata, "data page v2 without its header")
                        }
                        let n = Int(dh.numValues)
                        let repLength = Int(dh.repetitionLevelsByteLength)
                        let defLength = Int(dh.definitionLevelsByteLength)
                        guard n >= 0, n <= valueCount - rows else {
                            throw ParquetError(.corruptPage, "data page claims \(n) values but only \(valueCount - rows) remain in the chunk")
                        }
                        guard repLength >= 0, defLength >= 0, repLength + defLength <= page.count,
                              repLength + defLength <= uncompressedSize else {
                            throw ParquetError(.corruptPage, "data page v2 level lengths (\(repLength) + \(defLength)) exceed the page")
                        }
                        var nonNull = n
                        if nested != nil {
                            nested!.pageStarts.append(LevelBuffers.PageStart(entry: rows, offset: baseOffset + pageStart))
                            nonNull = try nested!.appendV2(UnsafeRawBufferPointer(rebasing: page[0..<repLength]),
                                                           UnsafeRawBufferPointer(rebasing: page[repLength..<repLength + defLength]),
                                                           count: n, leaf: leaf, scratch: &levels)
                        } else if leaf.maxDefinitionLevel > 0 {
                            let defBytes = UnsafeRawBufferPointer(rebasing: page[repLength..<repLength + defLength])
                            nonNull = try decodeLevels(defBytes, count: n, levels: &levels, rowsBefore: rows, validity: &validity)
                        }
                        let body = UnsafeRawBufferPointer(rebasing: page[(repLength + defLength)...])
                        let bodySize = uncompressedSize - repLength - defLength
                        let data = dh.isCompressed ? try decompress(body, bodySize, scratch) : body
                        try PageValueDecoder.decode(data, count: nonNull, encoding: dh.encoding, leaf: leaf,
                                                    dictionary: dictionary, into: &values)
                        rows += n
                    default:
                        break   // index pages and unknown page types carry no values
                    }
                } catch var e as ParquetError {
                    e.path = path
                    if e.offset == nil || e.code == .corruptPage || e.code == .decompressionFailed || e.code == .unsupported {
                        e.offset = baseOffset + pageStart
                    }
                    e.message = "column '\(leaf.path.joined(separator: "."))', page at byte \(baseOffset + pageStart): " + e.message
                    throw e
                }
            }
        }
        if let levels = nested {
            guard values.count == levels.nonNullCount else {
                throw ParquetError(.corruptPage, "column '\(leaf.path.joined(separator: "."))' decoded \(values.count) values but its definition levels give \(levels.nonNullCount)",
                                   path: path, offset: baseOffset)
            }
            return (values, nil, rows)
        }
        if let v = validity, v.count < rows {
            validity!.append(repeating: true, count: rows - v.count)
        }
        guard values.count == rows - (validity.map { rows - $0.setCount } ?? 0) else {
            throw ParquetError(.corruptPage, "column '\(leaf.path.joined(separator: "."))' decoded \(values.count) values for \(rows) rows",
                               path: path, offset: baseOffset)
        }
        return (values, validity, rows)
    }

    /// Decompresses a page body, or returns it as is for uncompressed chunks.
    private func decompress(_ input: UnsafeRawBufferPointer, _ size: Int, _ scratch: PageBuffer) throws -> UnsafeRawBufferPointer {
        if codec == .uncompressed {
            guard input.count == size else {
                throw ParquetError(.corruptPage, "uncompressed page holds \(input.count) bytes but its header says \(size)")
            }
            return input
        }
        guard size <= maxValues * 16 + (1 << 20) else {
            throw ParquetError(.corruptPage, "page claims an uncompressed size of \(size) bytes")
        }
        let out = scratch.reserve(size)
        try Compression.decompress(codec, input, into: out)
        return UnsafeRawBufferPointer(out)
    }

    /// v1 definition levels: RLE with a 4-byte length prefix, or the deprecated BIT_PACKED.
    /// Returns the number of non-null values and the bytes consumed.
    private func decodeLevelsV1(_ data: UnsafeRawBufferPointer, count n: Int, encoding: Encoding,
                                levels: inout [UInt32], rowsBefore: Int, validity: inout Bitmap?) throws -> (Int, Int) {
        switch encoding {
        case .rle:
            guard data.count >= 4 else { throw ParquetError(.corruptPage, "definition levels are shorter than their length prefix") }
            let length = Int(data.loadUnaligned(as: UInt32.self).littleEndian)
            guard length <= data.count - 4 else {
                throw ParquetError(.corruptPage, "definition levels claim \(length) bytes but the page has \(data.count - 4)")
            }
            let nonNull = try decodeLevels(UnsafeRawBufferPointer(rebasing: data[4..<4 + length]), count: n,
                                           levels: &levels, rowsBefore: rowsBefore, validity: &validity)
            return (nonNull, 4 + length)
        case .bitPacked:
            // Deprecated: levels packed most-significant bit first, bit width 1 for flat columns.
            let length = (n + 7) / 8
            guard length <= data.count else { throw ParquetError(.corruptPage, "bit-packed definition levels run past the page") }
            var nonNull = 0
            var bits = Bitmap()
            bits.reserveCapacity(n)
            for i in 0..<n {
                let valid = (data[i >> 3] >> (7 - UInt8(i & 7))) & 1 == 1
                bits.append(valid)
                if valid { nonNull += 1 }
            }
            merge(bits, nonNull: nonNull, rowsBefore: rowsBefore, into: &validity)
            return (nonNull, length)
        default:
            throw ParquetError(.unsupported, "definition level encoding \(encoding)")
        }
    }

    /// RLE/bit-packed definition levels (bit width 1) into the validity bitmap; returns the non-null count.
    private func decodeLevels(_ data: UnsafeRawBufferPointer, count n: Int, levels: inout [UInt32],
                              rowsBefore: Int, validity: inout Bitmap?) throws -> Int {
        if levels.count < n { levels = [UInt32](repeating: 0, count: n) }
        _ = try levels.withUnsafeMutableBufferPointer {
            try RLEHybrid.decode(data, bitWidth: 1, into: UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
        }
        var nonNull = 0
        levels.withUnsafeBufferPointer { l in
            for i in 0..<n { nonNull &+= Int(l[i] & 1) }
        }
        if nonNull == n {
            // All valid: nothing to record unless a bitmap already exists.
            if validity != nil { validity!.append(repeating: true, count: n) }
            return n
        }
        var bits = Bitmap()
        bits.reserveCapacity(n)
        levels.withUnsafeBufferPointer { l in
            for i in 0..<n { bits.append(l[i] == 1) }
        }
        merge(bits, nonNull: nonNull, rowsBefore: rowsBefore, into: &validity)
        return nonNull
    }

    private func merge(_ bits: Bitmap, nonNull: Int, rowsBefore: Int, into validity: inout Bitmap?) {
        if validity == nil {
            if nonNull == bits.count { return }
            validity = Bitmap(count: rowsBefore, value: true)
        }
        for i in 0..<bits.count { validity!.append(bits[i]) }
    }
}

/// A reusable buffer for decompressed pages, valid until the next `reserve`.
final class PageBuffer {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    func reserve(_ size: Int) -> UnsafeMutableRawBufferPointer {
        if storage.count < size {
            storage.deallocate()
            storage = .allocate(byteCount: max(size, 4096), alignment: 16)
        }
        return UnsafeMutableRawBufferPointer(rebasing: storage[0..<size])
    }

    deinit { storage.deallocate() }
}
