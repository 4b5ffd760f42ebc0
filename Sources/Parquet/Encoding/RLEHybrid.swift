/// RLE / bit-packing hybrid (Parquet levels and dictionary indices), without the 4-byte length prefix.
///
/// A sequence of runs, each introduced by a ULEB128 header. Header LSB 0: an RLE run of
/// `header >> 1` copies of one value stored in `ceil(bitWidth / 8)` little-endian bytes.
/// Header LSB 1: `header >> 1` groups of 8 bit-packed values, `bitWidth` bytes per group.
enum RLEHybrid {
    /// Longest RLE run written in one header, and most groups in one bit-packed run: keeps the
    /// header value well inside an Int32 for readers that use one.
    static let maxRunValues = 1 << 28
    static let maxPackedGroups = 1 << 20

    /// Appends the encoding of `values` (each < 1 << bitWidth, bitWidth 0...32) to `out`. Uses RLE runs for repeats (≥ 8) and bit-packed groups of 8 otherwise.
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into out: inout [UInt8]) {
        precondition((0...32).contains(bitWidth), "RLE bit width \(bitWidth) out of range 0...32")
        let n = values.count
        guard n > 0, let v = values.baseAddress else { return }
        var i = 0
        var packStart = 0  // first value not yet written; values[packStart..<i] go bit-packed
        while i < n {
            let x = v[i]
            var j = i &+ 1
            while j < n && v[j] == x { j &+= 1 }
            let runLength = j - i
            if runLength >= 8 {
                // Complete the pending bit-packed group with values of this run first, so the
                // bit-packed part stays a whole number of groups.
                let fill = (8 - ((i - packStart) & 7)) & 7
                if runLength - fill >= 8 {
                    let runStart = i + fill
                    if runStart > packStart {
                        writeBitPacked(v + packStart, count: runStart - packStart, bitWidth: bitWidth, into: &out)
                    }
                    encodeRun(value: x, count: j - runStart, bitWidth: bitWidth, into: &out)
                    packStart = j
                }
            }
            i = j
        }
        if packStart < n {
            writeBitPacked(v + packStart, count: n - packStart, bitWidth: bitWidth, into: &out)
        }
    }

    /// Appends a single RLE run of `count` copies of `value` (split into several runs when
    /// `count` exceeds `maxRunValues`).
    static func encodeRun(value: UInt32, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        precondition((0...32).contains(bitWidth), "RLE bit width \(bitWidth) out of range 0...32")
        let valueBytes = (bitWidth + 7) >> 3
        var left = count
        while left > 0 {
            let c = min(left, maxRunValues)
            Varint.appendULEB(UInt64(c) << 1, into: &out)
            var x = value
            for _ in 0..<valueBytes {
                out.append(UInt8(truncatingIfNeeded: x))
                x >>= 8
            }
            left -= c
        }
    }

    /// Bit-packed runs for `count` values; the last group is padded with zeros.
    private static func writeBitPacked(_ src: UnsafePointer<UInt32>, count: Int, bitWidth: Int, into out: inout [UInt8]) {
        var s = src
        var left = count
        while left > 0 {
            let groups = min((left + 7) >> 3, maxPackedGroups)
            let values = min(left, groups * 8)
            Varint.appendULEB(UInt64(groups) << 1 | 1, into: &out)
            let start = out.appendZeroed(groups * bitWidth)
            out.withUnsafeMutableBytes { raw in
                let dst = raw.baseAddress! + start
                let full = values >> 3
                if full > 0 { BitPacking.pack32(s, groups: full, width: bitWidth, into: dst) }
                let rest = values - full * 8
                if rest > 0 {
                    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { tmp in
                        let t = tmp.baseAddress!
                        t.initialize(repeating: 0, count: 8)
                        t.update(from: s + full * 8, count: rest)
                        BitPacking.pack32(UnsafePointer(t), groups: 1, width: bitWidth, into: dst + full * bitWidth)
                    }
                }
            }
            s += values
            left -= values
        }
    }

    /// Decodes exactly `output.count` values; returns bytes consumed. Throws .corruptPage if input ends early or a header is malformed. A bit-packed group that overhangs the end of the needed count is fine (ignore padding values).
    ///
    /// The bytes consumed run to the end of the run that supplied the last value (a truncated
    /// final bit-packed run is accepted as long as it holds every needed value).
    static func decode(_ input: UnsafeRawBufferPointer, bitWidth: Int, into output: UnsafeMutableBufferPointer<UInt32>) throws -> Int {
        guard (0...32).contains(bitWidth) else {
            throw corruptPage("RLE bit width \(bitWidth) out of range 0...32", offset: 0)
        }
        let n = output.count
        guard n > 0, let out = output.baseAddress else { return 0 }
        let valueBytes = (bitWidth + 7) >> 3
        let end = input.count
        var pos = 0
        var filled = 0
        while filled < n {
            let headerAt = pos
            let header = try Varint.readULEB(input, &pos)
            guard header >> 1 <= UInt64(UInt32.max) else {
                throw corruptPage("RLE run header \(header) is too large", offset: headerAt)
            }
            let count = Int(header >> 1)
            if header & 1 == 0 {
                guard valueBytes <= end - pos else {
                    throw corruptPage("RLE run value runs past the end of the data", offset: pos)
                }
                var value: UInt32 = 0
                for k in 0..<valueBytes { value |= UInt32(input[pos + k]) << (8 * k) }
                guard bitWidth == 32 || value >> bitWidth == 0 else {
                    throw corruptPage("RLE run value \(value) does not fit in \(bitWidth) bits", offset: pos)
                }
                pos += valueBytes
                let take = min(count, n - filled)
                (out + filled).update(repeating: value, count: take)
                filled += take
            } else {
                let runBytes = count * bitWidth
                let available = end - pos
                let take = min(count * 8, n - filled)
                guard (take * bitWidth + 7) >> 3 <= available else {
                    throw corruptPage("bit-packed run of \(count) groups runs past the end of the data", offset: headerAt)
                }
                if take > 0 {
                    let src = input.baseAddress! + pos
                    let full = take >> 3
                    if full > 0 {
                        BitPacking.unpack32(src, byteCount: available, groups: full, width: bitWidth, into: out + filled)
                    }
                    let rest = take - full * 8
                    if rest > 0 {
                        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { tmp in
                            let t = tmp.baseAddress!
                            BitPacking.unpack32(src + full * bitWidth, byteCount: available - full * bitWidth,
                                                groups: 1, width: bitWidth, into: t)
                            (out + filled + full * 8).update(from: t, count: rest)
                        }
                    }
                    filled += take
                }
                pos += min(runBytes, available)
            }
        }
        return pos
    }
}

/// Width in bits needed for values up to `maxValue` (0 → 0).
func bitWidth(forMax maxValue: UInt32) -> Int {
    maxValue == 0 ? 0 : 32 - maxValue.leadingZeroBitCount
}
