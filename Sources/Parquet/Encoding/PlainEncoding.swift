import Columnar

/// PLAIN: fixed-width values little-endian back to back, booleans bit-packed LSB first,
/// BYTE_ARRAY as a 4-byte little-endian length then the bytes, FIXED_LEN_BYTE_ARRAY raw.
enum PlainEncoding {
    // MARK: - Encode

    /// Appends little-endian values (Int32, Int64, and any other fixed-width integer).
    static func encode<T: FixedWidthInteger>(_ values: UnsafeBufferPointer<T>, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    static func encode(_ values: UnsafeBufferPointer<Float>, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    static func encode(_ values: UnsafeBufferPointer<Double>, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    /// Booleans: bit-packed LSB first; `bits` gives values via Bitmap (see Columnar/Bitmap.swift), only indices in `range`.
    static func encodeBooleans(_ bits: Bitmap, range: Range<Int>, into out: inout [UInt8]) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bits.count, "boolean range out of bounds")
        let n = range.count
        guard n > 0 else { return }
        let start = out.appendZeroed((n + 7) >> 3)
        bits.words.withUnsafeBufferPointer { words in
            out.withUnsafeMutableBytes { raw in
                let dst = raw.baseAddress! + start
                var k = 0
                while k < n {
                    let pos = range.lowerBound + k
                    let wi = pos >> 6
                    let shift = pos & 63
                    var word = words[wi] &>> UInt64(shift)
                    if shift != 0 && wi + 1 < words.count { word |= words[wi + 1] &<< UInt64(64 - shift) }
                    let take = min(64, n - k)
                    if take == 64 {
                        dst.storeBytes(of: word, toByteOffset: k >> 3, as: UInt64.self)
                    } else {
                        word &= (1 &<< UInt64(take)) &- 1
                        for b in 0..<((take + 7) >> 3) {
                            dst.storeBytes(of: UInt8(truncatingIfNeeded: word &>> UInt64(8 * b)),
                                           toByteOffset: (k >> 3) + b, as: UInt8.self)
                        }
                    }
                    k += 64
                }
            }
        }
    }

    /// Appends `bools` (already dense) bit-packed.
    static func encodeBooleans(_ bools: UnsafeBufferPointer<Bool>, into out: inout [UInt8]) {
        let n = bools.count
        guard n > 0, let src = bools.baseAddress else { return }
        let start = out.appendZeroed((n + 7) >> 3)
        let raw = UnsafeRawPointer(src)
        out.withUnsafeMutableBytes { o in
            let dst = o.baseAddress! + start
            let full = n >> 3
            for j in 0..<full {
                // Eight 0/1 bytes → one byte: the multiply moves byte i's bit to bit 56 + i.
                let x = raw.loadUnaligned(fromByteOffset: j << 3, as: UInt64.self)
                dst.storeBytes(of: UInt8(truncatingIfNeeded: (x &* 0x0102_0408_1020_4080) &>> 56),
                               toByteOffset: j, as: UInt8.self)
            }
            if full * 8 < n {
                var b: UInt8 = 0
                for i in (full * 8)..<n where src[i] { b |= 1 << UInt8(i & 7) }
                dst.storeBytes(of: b, toByteOffset: full, as: UInt8.self)
            }
        }
    }

    /// BYTE_ARRAY: each value as 4-byte LE length + bytes. Values are `data[offsets[i]..<offsets[i+1]]` for i in `rows` where `rows` lists the row indices to write (the caller skips nulls), OR for all rows when rows is nil.
    static func encodeByteArrays(offsets: UnsafeBufferPointer<Int32>, data: UnsafeRawBufferPointer,
                                 rows: UnsafeBufferPointer<Int32>?, into out: inout [UInt8]) {
        let rowCount = rows?.count ?? max(offsets.count - 1, 0)
        guard rowCount > 0 else { return }
        // Pass 1: total size, so the output grows once.
        var total = 0
        if let rows {
            for r in rows {
                let i = Int(r)
                precondition(i >= 0 && i + 1 < offsets.count, "row \(i) out of range")
                total &+= 4 &+ Int(offsets[i + 1] &- offsets[i])
            }
        } else {
            total = 4 * rowCount + Int(offsets[rowCount] &- offsets[0])
        }
        let start = out.appendZeroed(total)
        out.withUnsafeMutableBytes { o in
            var dst = o.baseAddress! + start
            @inline(__always) func put(_ i: Int) {
                let lo = Int(offsets[i])
                let len = Int(offsets[i + 1]) - lo
                precondition(lo >= 0 && len >= 0 && lo + len <= data.count, "byte array offsets out of range")
                dst.storeBytes(of: UInt32(truncatingIfNeeded: len), as: UInt32.self)
                if len > 0 { (dst + 4).copyMemory(from: data.baseAddress! + lo, byteCount: len) }
                dst += 4 + len
            }
            if let rows {
                for r in rows { put(Int(r)) }
            } else {
                for i in 0..<rowCount { put(i) }
            }
        }
    }

    /// FIXED_LEN_BYTE_ARRAY: raw concatenation (caller prepares the bytes).
    static func encodeFixedLenByteArrays(_ data: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        out.append(contentsOf: data)
    }

    // MARK: - Decode (each returns bytes consumed)

    static func decode<T: FixedWidthInteger>(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<T>) throws -> Int {
        try copyFixed(input, UnsafeMutableRawBufferPointer(output), what: "\(T.self)")
    }

    static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Float>) throws -> Int {
        try copyFixed(input, UnsafeMutableRawBufferPointer(output), what: "FLOAT")
    }

    static func decode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Double>) throws -> Int {
        try copyFixed(input, UnsafeMutableRawBufferPointer(output), what: "DOUBLE")
    }

    @inline(__always)
    private static func copyFixed(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, what: String) throws -> Int {
        let n = output.count
        guard n <= input.count else {
            throw corruptPage("PLAIN \(what) values need \(n) bytes, page has \(input.count)", offset: input.count)
        }
        if n > 0 { output.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: n) }
        return n
    }

    /// Appends `count` booleans to `bits`.
    static func decodeBooleans(_ input: UnsafeRawBufferPointer, count: Int, into bits: inout Bitmap) throws -> Int {
        guard count >= 0 else { throw corruptPage("negative boolean count \(count)", offset: 0) }
        let nbytes = (count + 7) >> 3
        guard nbytes <= input.count else {
            throw corruptPage("PLAIN booleans need \(nbytes) bytes, page has \(input.count)", offset: input.count)
        }
        guard count > 0 else { return 0 }
        let oldCount = bits.count
        let newCount = oldCount + count
        var words = bits.words
        bits = Bitmap()  // drop the bitmap's reference so `words` is unique and grows in place
        let needed = (newCount + 63) >> 6
        words.append(contentsOf: repeatElement(0, count: needed - words.count))
        let shift = oldCount & 63
        let base = oldCount >> 6
        let src = input.baseAddress!
        words.withUnsafeMutableBufferPointer { w in
            var k = 0
            var wi = base
            while k < count {
                let take = min(64, count - k)
                var word: UInt64
                if take == 64 {
                    word = src.loadUnaligned(fromByteOffset: k >> 3, as: UInt64.self)
                } else {
                    word = 0
                    for b in 0..<((take + 7) >> 3) {
                        word |= UInt64(src.load(fromByteOffset: (k >> 3) + b, as: UInt8.self)) &<< UInt64(8 * b)
                    }
                    word &= (1 &<< UInt64(take)) &- 1
                }
                w[wi] |= word &<< UInt64(shift)
                if shift != 0 && wi + 1 < w.count { w[wi + 1] |= word &>> UInt64(64 - shift) }
                k += 64
                wi += 1
            }
        }
        bits = Bitmap(words: words, count: newCount)
        return nbytes
    }

    /// Appends `count` byte arrays: for each, data is appended to `data` and the new end offset appended to `offsets` (offsets already holds its starting entry). Throws .corruptPage if a length is negative or past the end, or data would exceed Int32.max.
    ///
    /// If `offsets` is empty, its starting entry (`data.count`) is appended first.
    static func decodeByteArrays(_ input: UnsafeRawBufferPointer, count: Int, offsets: inout [Int32], data: inout [UInt8]) throws -> Int {
        guard count >= 0 else { throw corruptPage("negative value count \(count)", offset: 0) }
        guard count > 0 else { return 0 }
        let end = input.count
        guard count <= end / 4 else {
            throw corruptPage("\(count) PLAIN byte arrays need at least \(count * 4) bytes, page has \(end)", offset: end)
        }
        // Pass 1: validate every length and total the payload.
        var pos = 0
        var total = 0
        for _ in 0..<count {
            guard end - pos >= 4 else { throw corruptPage("byte array length runs past the end of the page", offset: pos) }
            let len = Int(input.loadUnaligned(fromByteOffset: pos, as: Int32.self))
            guard len >= 0 else { throw corruptPage("negative byte array length \(len)", offset: pos) }
            guard len <= end - pos - 4 else {
                throw corruptPage("byte array of \(len) bytes runs past the end of the page", offset: pos)
            }
            pos += 4 + len
            total += len
        }
        guard data.count + total <= Int(Int32.max) else {
            throw corruptPage("byte array data would exceed \(Int32.max) bytes", offset: 0)
        }
        if offsets.isEmpty { offsets.append(Int32(data.count)) }
        // Pass 2: copy.
        let dataStart = data.appendZeroed(total)
        let offStart = offsets.count
        offsets.append(contentsOf: repeatElement(0, count: count))
        let src = input.baseAddress!
        data.withUnsafeMutableBytes { d in
            offsets.withUnsafeMutableBufferPointer { o in
                var p = 0
                var at = dataStart
                let dst = d.baseAddress!
                let inputEnd = end
                let dataEnd = d.count
                for i in 0..<count {
                    let len = Int(src.loadUnaligned(fromByteOffset: p, as: Int32.self))
                    if len <= 16 && p + 20 <= inputEnd && at + 16 <= dataEnd {
                        // Short value with room on both sides: two fixed 8-byte moves instead of a
                        // memcpy call (bytes past `len` are overwritten by the next value).
                        dst.storeBytes(of: src.loadUnaligned(fromByteOffset: p + 4, as: UInt64.self), toByteOffset: at, as: UInt64.self)
                        dst.storeBytes(of: src.loadUnaligned(fromByteOffset: p + 12, as: UInt64.self), toByteOffset: at + 8, as: UInt64.self)
                    } else if len > 0 {
                        (dst + at).copyMemory(from: src + p + 4, byteCount: len)
                    }
                    p += 4 + len
                    at += len
                    o[offStart + i] = Int32(truncatingIfNeeded: at)
                }
            }
        }
        return pos
    }

    /// Appends `count` fixed-length values of `width` bytes to `data` (raw).
    static func decodeFixedLenByteArrays(_ input: UnsafeRawBufferPointer, count: Int, width: Int, into data: inout [UInt8]) throws -> Int {
        guard count >= 0, width >= 0 else {
            throw corruptPage("invalid FIXED_LEN_BYTE_ARRAY count \(count) / width \(width)", offset: 0)
        }
        let (n, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, n <= input.count else {
            throw corruptPage("\(count) values of \(width) bytes run past the end of the page (\(input.count) bytes)",
                              offset: input.count)
        }
        data.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<n]))
        return n
    }

    /// INT96 (Impala timestamps: 8-byte LE nanos-of-day then 4-byte LE Julian day) → microseconds since Unix epoch (julian day 2440588 = 1970-01-01); truncates sub-microsecond.
    static func decodeInt96Timestamps(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<Int64>) throws -> Int {
        let n = output.count
        guard n <= input.count / 12 else {
            throw corruptPage("\(n) INT96 values need \(n * 12) bytes, page has \(input.count)", offset: input.count)
        }
        let microsPerDay: Int64 = 86_400_000_000
        for i in 0..<n {
            let nanos = input.loadUnaligned(fromByteOffset: i * 12, as: Int64.self)
            let day = Int64(input.loadUnaligned(fromByteOffset: i * 12 + 8, as: UInt32.self))
            let (dayMicros, o1) = (day - 2_440_588).multipliedReportingOverflow(by: microsPerDay)
            let (micros, o2) = dayMicros.addingReportingOverflow(nanos / 1000)
            guard !o1, !o2 else {
                throw corruptPage("INT96 timestamp (day \(day), nanos \(nanos)) is out of range", offset: i * 12)
            }
            output[i] = micros
        }
        return n * 12
    }
}
