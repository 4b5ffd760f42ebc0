/// DELTA_BINARY_PACKED: a header `<block size> <miniblocks per block> <total count> <first value (zigzag)>`
/// then blocks of `<min delta (zigzag)> <one bit-width byte per miniblock> <miniblocks>`, where each
/// miniblock bit-packs `delta - min delta` for its values (the last used miniblock padded to full size,
/// unused miniblocks of the last block absent).
///
/// Deltas use wrapping arithmetic in the value's own width, so extreme values round-trip.
enum DeltaBinaryPacked {
    /// Block layout the encoders write.
    static let blockSize = 128
    static let miniblockCount = 4
    /// Largest block a decoder accepts (bounds how many values a few bytes may claim).
    static let maxBlockSize = 1 << 15

    struct Header {
        var blockSize: Int
        var miniblockCount: Int
        var valuesPerMiniblock: Int
        var totalCount: Int
        var first: Int64
    }

    /// Reads and validates the header at `pos`, and checks that the input is long enough to
    /// possibly hold `totalCount` values (each block needs at least `1 + miniblockCount` bytes).
    static func readHeader(_ input: UnsafeRawBufferPointer, _ pos: inout Int) throws -> Header {
        let at = pos
        let blockSize = try Varint.readULEB(input, &pos, limit: UInt64(maxBlockSize), what: "DELTA_BINARY_PACKED block size")
        let miniblocks = try Varint.readULEB(input, &pos, limit: UInt64(maxBlockSize), what: "DELTA_BINARY_PACKED miniblock count")
        let total = try Varint.readULEB(input, &pos, limit: UInt64(Int32.max), what: "DELTA_BINARY_PACKED value count")
        let first = try Varint.readZigZag(input, &pos)
        guard blockSize > 0, miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 8 == 0 else {
            throw corruptPage("DELTA_BINARY_PACKED block size \(blockSize) with \(miniblocks) miniblocks is invalid", offset: at)
        }
        let blocks = total > 1 ? (total - 1 + blockSize - 1) / blockSize : 0
        guard blocks <= (input.count - pos) / (1 + miniblocks) else {
            throw corruptPage("DELTA_BINARY_PACKED count \(total) needs more data than the page holds", offset: at)
        }
        return Header(blockSize: blockSize, miniblockCount: miniblocks, valuesPerMiniblock: blockSize / miniblocks,
                      totalCount: total, first: first)
    }

    // MARK: - Decode

    /// Decodes exactly `output.count` values (the header's total count must be at least that);
    /// returns the bytes consumed by the whole encoded stream.
    static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Int32>) throws -> Int {
        var pos = 0
        let header = try readHeader(input, &pos)
        try checkCount(header, output.count)
        return try decodeBody(input, header: header, pos: pos, into: output)
    }

    static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Int64>) throws -> Int {
        var pos = 0
        let header = try readHeader(input, &pos)
        try checkCount(header, output.count)
        return try decodeBody(input, header: header, pos: pos, into: output)
    }

    /// Also a decode that reads the header's own count: returns all values.
    static func decodeAll(_ input: UnsafeRawBufferPointer) throws -> (values: [Int64], consumed: Int) {
        var pos = 0
        let header = try readHeader(input, &pos)
        // Walk the blocks first, so the allocation below is backed by data that is really there.
        _ = try decodeBody(input, header: header, pos: pos, into: UnsafeMutableBufferPointer<Int64>(start: nil, count: 0))
        var consumed = 0
        let values = try [Int64](unsafeUninitializedCapacity: header.totalCount) { buf, initialized in
            consumed = try decodeBody(input, header: header, pos: pos, into: buf)
            initialized = header.totalCount
        }
        return (values, consumed)
    }

    private static func checkCount(_ header: Header, _ n: Int) throws {
        guard header.totalCount >= n else {
            throw corruptPage("DELTA_BINARY_PACKED holds \(header.totalCount) values, \(n) needed", offset: 0)
        }
    }

    /// Decodes the first `output.count` values and walks past the rest of the stream.
    @inline(__always)
    static func decodeBody<T: FixedWidthInteger>(_ input: UnsafeRawBufferPointer, header: Header, pos start: Int,
                                                 into output: UnsafeMutableBufferPointer<T>) throws -> Int {
        let n = output.count
        let end = input.count
        var pos = start
        var last = UInt64(bitPattern: header.first)
        if n > 0 { output[0] = T(truncatingIfNeeded: header.first) }
        var written = min(n, 1)
        var deltasLeft = max(header.totalCount - 1, 0)
        let vpm = header.valuesPerMiniblock
        let chunkValues = 256
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: chunkValues) { scratch in
            let tmp = scratch.baseAddress!
            while deltasLeft > 0 {
                let minDelta = UInt64(bitPattern: try Varint.readZigZag(input, &pos))
                let widthsAt = pos
                guard header.miniblockCount <= end - pos else {
                    throw corruptPage("DELTA_BINARY_PACKED miniblock widths run past the end of the data", offset: pos)
                }
                pos += header.miniblockCount
                var mb = 0
                while deltasLeft > 0 {
                    let width = Int(input[widthsAt + mb])
                    guard width <= 64 else {
                        throw corruptPage("DELTA_BINARY_PACKED miniblock bit width \(width) exceeds 64", offset: widthsAt + mb)
                    }
                    let values = min(vpm, deltasLeft)
                    let fullBytes = (vpm / 8) * width
                    let neededBytes = (values * width + 7) / 8
                    let available = end - pos
                    guard neededBytes <= available else {
                        throw corruptPage("DELTA_BINARY_PACKED miniblock runs past the end of the data", offset: pos)
                    }
                    // Values of this miniblock that land in `output`.
                    let wanted = min(values, n - written)
                    if wanted > 0 {
                        let src = input.baseAddress! + pos
                        var done = 0
                        while done < wanted {
                            let c = min(chunkValues, wanted - done)
                            let groups = (c + 7) / 8
                            let byteOff = (done / 8) * width
                            BitPacking.unpack64(src + byteOff, byteCount: available - byteOff, groups: groups,
                                                width: width, into: tmp)
                            let o = output.baseAddress! + written
                            for k in 0..<c {
                                last = last &+ minDelta &+ tmp[k]
                                o[k] = T(truncatingIfNeeded: last)
                            }
                            written += c
                            done += c
                        }
                    }
                    pos += min(fullBytes, available)
                    deltasLeft -= values
                    mb += 1
                    if mb == header.miniblockCount { break }
                }
            }
            return pos
        }
    }

    // MARK: - Encode

    /// Block size 128, 4 miniblocks of 32 values.
    static func encode(_ values: UnsafeBufferPointer<Int64>, into out: inout [UInt8]) {
        encodeBody(values, into: &out)
    }

    /// Deltas are taken in 32-bit wrapping arithmetic, so miniblock widths stay ≤ 32.
    static func encode(_ values: UnsafeBufferPointer<Int32>, into out: inout [UInt8]) {
        encodeBody(values, into: &out)
    }

    @inline(__always)
    private static func encodeBody<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeBufferPointer<T>, into out: inout [UInt8]) {
        let n = values.count
        Varint.appendULEB(UInt64(blockSize), into: &out)
        Varint.appendULEB(UInt64(miniblockCount), into: &out)
        Varint.appendULEB(UInt64(n), into: &out)
        Varint.appendZigZag(n > 0 ? Int64(values[0]) : 0, into: &out)
        guard n > 1, let v = values.baseAddress else { return }
        let vpm = blockSize / miniblockCount
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: blockSize) { scratch in
          withUnsafeTemporaryAllocation(of: Int.self, capacity: miniblockCount) { widthScratch in
            let rel = scratch.baseAddress!
            let ws = widthScratch.baseAddress!
            var b = 1
            while b < n {
                let c = min(blockSize, n - b)
                var minDelta = T.max
                for k in 0..<c {
                    let d = v[b + k] &- v[b + k - 1]
                    if d < minDelta { minDelta = d }
                }
                let used = (c + vpm - 1) / vpm
                for m in 0..<miniblockCount { ws[m] = 0 }
                for m in 0..<used {
                    var bits: UInt64 = 0
                    let lo = m * vpm
                    let hi = min(lo + vpm, c)
                    for k in lo..<hi {
                        let d = v[b + k] &- v[b + k - 1]
                        let r = UInt64(truncatingIfNeeded: T.Magnitude(truncatingIfNeeded: d &- minDelta))
                        rel[k] = r
                        bits |= r
                    }
                    for k in hi..<(lo + vpm) { rel[k] = 0 }
                    ws[m] = 64 - bits.leadingZeroBitCount
                }
                Varint.appendZigZag(Int64(minDelta), into: &out)
                var bytes = 0
                for m in 0..<miniblockCount {
                    out.append(UInt8(ws[m]))
                    bytes += (vpm / 8) * ws[m]
                }
                let start = out.appendZeroed(bytes)
                out.withUnsafeMutableBytes { raw in
                    var dst = raw.baseAddress! + start
                    for m in 0..<used {
                        BitPacking.pack64(UnsafePointer(rel + m * vpm), groups: vpm / 8, width: ws[m], into: dst)
                        dst += (vpm / 8) * ws[m]
                    }
                }
                b += c
            }
          }
        }
    }
}
