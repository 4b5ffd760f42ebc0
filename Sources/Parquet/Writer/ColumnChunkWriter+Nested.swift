import Columnar

extension ColumnChunkWriter {
    /// Writes the v1 data pages of a nested leaf. Each page body is
    ///
    /// | part                | present when      | encoding                                        |
    /// |---------------------|-------------------|-------------------------------------------------|
    /// | repetition levels   | max rep level > 0 | 4-byte LE length, RLE hybrid, width of max rep  |
    /// | definition levels   | max def level > 0 | 4-byte LE length, RLE hybrid, width of max def  |
    /// | values              | always            | PLAIN, or RLE_DICTIONARY (1-byte width + RLE)    |
    ///
    /// The page header's `num_values` counts level entries, not rows, and a page ends only
    /// where the next entry starts a row (repetition level 0): no row straddles two pages.
    /// Returns the number of pages and their uncompressed size (headers included).
    static func writeNestedPages(_ values: DenseValues, _ levels: ChunkInput.Levels, leaf: WriteLeaf,
                                 options: ParquetWriterOptions, indices: [UInt32]?, indexWidth: Int,
                                 valueEncoding: Encoding, legacyStats: Bool,
                                 into out: inout [UInt8], chunkStats: inout StatisticsBuilder) throws -> (Int32, Int) {
        let entries = levels.count
        let maxDef = leaf.maxDefinitionLevel
        let maxRep = leaf.maxRepetitionLevel
        let defWidth = bitWidth(forMax: UInt32(maxDef))
        let repWidth = bitWidth(forMax: UInt32(maxRep))
        // Entries per page from the average encoded size of an entry: its share of a value
        // plus its levels.
        let denseCount = values.count
        let perValue: Double = indices != nil
            ? Double(indexWidth) / 8
            : Double(values.byteSize) / Double(max(denseCount, 1))
        let perEntry = max(0.125, perValue * Double(denseCount) / Double(max(entries, 1))
                                  + Double(defWidth + repWidth) / 8)
        let entriesPerPage = max(1, min(entries, Int(Double(options.dataPageTargetBytes) / perEntry)))
        let maxDef8 = UInt8(maxDef)

        var page = [UInt8]()
        var scratch = [UInt32]()
        var levelBytes = [UInt8]()
        var pages: Int32 = 0
        var uncompressed = 0
        var start = 0
        var denseStart = 0
        try levels.repetition.withUnsafeBufferPointer { rep in
            try levels.definition.withUnsafeBufferPointer { def in
                repeat {
                    var end = min(entries, start + entriesPerPage)
                    if maxRep > 0 {
                        while end < entries && rep[end] != 0 { end += 1 }
                    }
                    let n = end - start
                    var nonNull = 0
                    for k in start..<end where def[k] == maxDef8 { nonNull += 1 }
                    page.removeAll(keepingCapacity: true)
                    if maxRep > 0 { appendLevels(rep, start..<end, bitWidth: repWidth, scratch: &scratch, bytes: &levelBytes, into: &page) }
                    if maxDef > 0 { appendLevels(def, start..<end, bitWidth: defWidth, scratch: &scratch, bytes: &levelBytes, into: &page) }
                    // null_count: entries whose definition level is below the maximum (null
                    // leaves, and null or empty lists, maps, structs above them).
                    let denseEnd = denseStart + nonNull
                    uncompressed += try writeDataPage(&page, entries: n, dense: denseStart..<denseEnd, values: values,
                                                      indices: indices, indexWidth: indexWidth, valueEncoding: valueEncoding,
                                                      leaf: leaf, legacyStats: legacyStats, options: options,
                                                      chunkStats: &chunkStats, into: &out)
                    pages += 1
                    start = end
                    denseStart = denseEnd
                } while start < entries
            }
        }
        return (pages, uncompressed)
    }

    /// Appends levels[range] RLE-hybrid encoded with their 4-byte little-endian length.
    private static func appendLevels(_ levels: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, bitWidth: Int,
                                     scratch: inout [UInt32], bytes: inout [UInt8], into page: inout [UInt8]) {
        let n = range.count
        if scratch.count < n { scratch = [UInt32](repeating: 0, count: n) }
        scratch.withUnsafeMutableBufferPointer { s in
            for k in 0..<n { s[k] = UInt32(levels[range.lowerBound + k]) }
        }
        bytes.removeAll(keepingCapacity: true)
        scratch.withUnsafeBufferPointer {
            RLEHybrid.encode(UnsafeBufferPointer(rebasing: $0[0..<n]), bitWidth: bitWidth, into: &bytes)
        }
        page.append(contentsOf: le(UInt32(bytes.count)))
        page.append(contentsOf: bytes)
    }
}
