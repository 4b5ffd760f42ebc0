/// DELTA_BYTE_ARRAY (prefix lengths + suffixes as DELTA_LENGTH_BYTE_ARRAY); also used for FIXED_LEN_BYTE_ARRAY.
///
/// Value i is the first `prefix[i]` bytes of value i-1 followed by suffix i (value -1 is empty).
enum DeltaByteArray {
    /// Appends `count` byte arrays to `data` / `offsets` (see `PlainEncoding.decodeByteArrays`);
    /// returns the bytes consumed.
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, offsets: inout [Int32], data: inout [UInt8]) throws -> Int {
        guard count >= 0 else { throw corruptPage("negative value count \(count)", offset: 0) }
        guard count > 0 else { return 0 }
        let (prefixes, prefixBytes) = try DeltaLengthByteArray.readLengths(input, count: count)
        let rest = UnsafeRawBufferPointer(rebasing: input[prefixBytes...])
        let (suffixes, suffixLengthBytes) = try DeltaLengthByteArray.readLengths(rest, count: count)
        let suffixStart = prefixBytes + suffixLengthBytes
        // Validate every length and total the output before touching `data`.
        var previous = 0
        var total = 0
        var suffixTotal = 0
        let available = input.count - suffixStart
        for i in 0..<count {
            let p = Int(prefixes[i])
            let s = Int(suffixes[i])
            guard p >= 0, p <= previous else {
                throw corruptPage("DELTA_BYTE_ARRAY prefix length \(p) of value \(i) exceeds the previous value's \(previous) bytes",
                                  offset: 0)
            }
            guard s >= 0 else { throw corruptPage("negative suffix length \(s) (value \(i))", offset: prefixBytes) }
            suffixTotal += s
            guard suffixTotal <= available else {
                throw corruptPage("DELTA_BYTE_ARRAY suffix data runs past the end of the page", offset: suffixStart)
            }
            previous = p + s
            total += previous
            guard data.count + total <= Int(Int32.max) else {
                throw corruptPage("byte array data would exceed \(Int32.max) bytes", offset: suffixStart)
            }
        }
        if offsets.isEmpty { offsets.append(Int32(data.count)) }
        let dataStart = data.appendZeroed(total)
        let offStart = offsets.count
        offsets.append(contentsOf: repeatElement(0, count: count))
        data.withUnsafeMutableBytes { d in
            offsets.withUnsafeMutableBufferPointer { o in
                let base = d.baseAddress!
                var at = dataStart
                var prevStart = dataStart
                var src = input.baseAddress! + suffixStart
                for i in 0..<count {
                    let p = Int(prefixes[i])
                    let s = Int(suffixes[i])
                    // The previous value ends where this one starts, so the ranges never overlap.
                    if p > 0 { (base + at).copyMemory(from: base + prevStart, byteCount: p) }
                    if s > 0 { (base + at + p).copyMemory(from: src, byteCount: s) }
                    src += s
                    prevStart = at
                    at += p + s
                    o[offStart + i] = Int32(truncatingIfNeeded: at)
                }
            }
        }
        return suffixStart + suffixTotal
    }

    static func encode(offsets: UnsafeBufferPointer<Int32>, data: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let n = max(offsets.count - 1, 0)
        var suffixBytes = 0
        var prefixes = [Int32](repeating: 0, count: n)
        var suffixes = [Int32](repeating: 0, count: n)
        if n > 0 {
            precondition(offsets[0] >= 0 && Int(offsets[n]) <= data.count, "byte array offsets out of range")
            let base = data.baseAddress
            var prevLo = 0
            var prevLen = 0
            for i in 0..<n {
                let lo = Int(offsets[i])
                let len = Int(offsets[i + 1]) - lo
                precondition(len >= 0, "byte array offsets decrease")
                let p = i == 0 ? 0 : commonPrefix(base! + prevLo, base! + lo, max: min(prevLen, len))
                prefixes[i] = Int32(p)
                suffixes[i] = Int32(len - p)
                suffixBytes += len - p
                prevLo = lo
                prevLen = len
            }
        }
        prefixes.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        suffixes.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        guard suffixBytes > 0 else { return }
        let start = out.appendZeroed(suffixBytes)
        out.withUnsafeMutableBytes { raw in
            var dst = raw.baseAddress! + start
            for i in 0..<n {
                let s = Int(suffixes[i])
                if s > 0 {
                    dst.copyMemory(from: data.baseAddress! + Int(offsets[i + 1]) - s, byteCount: s)
                    dst += s
                }
            }
        }
    }

    /// Length of the common prefix of two byte ranges, up to `max`; compares 8 bytes at a time.
    @inline(__always)
    static func commonPrefix(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, max: Int) -> Int {
        var i = 0
        while i + 8 <= max {
            let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != 0 { return i + x.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < max && a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) { i += 1 }
        return i
    }
}
