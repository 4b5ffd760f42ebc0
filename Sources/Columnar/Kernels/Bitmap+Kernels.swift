/// Word-at-a-time bitmap helpers used by the column kernels.
extension Bitmap {
    /// The bits in `range`, as a new bitmap starting at bit 0.
    public func slice(_ range: Range<Int>) -> Bitmap {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "bitmap slice out of range")
        let n = range.count
        let nw = (n + 63) >> 6
        if nw == 0 { return Bitmap() }
        let shift = range.lowerBound & 63
        let first = range.lowerBound >> 6
        let out = [UInt64](unsafeUninitializedCapacity: nw) { buf, initialized in
            words.withUnsafeBufferPointer { src in
                if shift == 0 {
                    for k in 0..<nw { buf[k] = src[first + k] }
                } else {
                    for k in 0..<nw {
                        let w = first + k
                        var v = src[w] >> UInt64(shift)
                        if w + 1 < src.count { v |= src[w + 1] << UInt64(64 - shift) }
                        buf[k] = v
                    }
                }
            }
            initialized = nw
        }
        return Bitmap(words: out, count: n)
    }

    /// Appends every bit of `other`.
    public mutating func append(contentsOf other: Bitmap) {
        if other.count == 0 { return }
        let shift = count & 63
        if shift == 0 {
            words.append(contentsOf: other.words)
        } else {
            words.reserveCapacity(words.count + other.words.count)
            for w in other.words {
                words[words.count - 1] |= w << UInt64(shift)
                words.append(w >> UInt64(64 - shift))
            }
        }
        count += other.count
        let needed = (count + 63) >> 6
        if words.count > needed { words.removeLast(words.count - needed) }
    }

    /// The bits at the positions where `mask` is set, in order.
    public func filter(_ mask: Bitmap) -> Bitmap {
        precondition(mask.count == count, "filter mask length \(mask.count) != bitmap length \(count)")
        let n = mask.setCount
        var out = [UInt64](repeating: 0, count: (n + 63) >> 6)
        var j = 0
        words.withUnsafeBufferPointer { src in
            mask.words.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { dst in
                    for k in 0..<m.count {
                        var bits = m[k]
                        if bits == ~0 {
                            // Whole word kept: copy it in one go.
                            let w = src[k]
                            let s = j & 63
                            dst[j >> 6] |= w << UInt64(s)
                            if s != 0 { dst[(j >> 6) + 1] |= w >> UInt64(64 - s) }
                            j += 64
                            continue
                        }
                        while bits != 0 {
                            let i = (k << 6) | bits.trailingZeroBitCount
                            if src[i >> 6] & (1 << UInt64(i & 63)) != 0 { dst[j >> 6] |= 1 << UInt64(j & 63) }
                            j += 1
                            bits &= bits &- 1
                        }
                    }
                }
            }
        }
        return Bitmap(words: out, count: n)
    }

    /// Bit `indices[k]` of this bitmap for each k; an index of -1 yields a clear bit.
    /// Indices must already be checked to lie in `-1..<count`.
    func gather(_ indices: UnsafeBufferPointer<Int32>) -> Bitmap {
        let n = indices.count
        var out = [UInt64](repeating: 0, count: (n + 63) >> 6)
        words.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for k in 0..<n {
                    let i = Int(indices[k])
                    if i >= 0 && src[i >> 6] & (1 << UInt64(i & 63)) != 0 { dst[k >> 6] |= 1 << UInt64(k & 63) }
                }
            }
        }
        return Bitmap(words: out, count: n)
    }

    /// Sets every bit in `range`.
    mutating func setBits(in range: Range<Int>) {
        if range.isEmpty { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= count)
        var i = range.lowerBound
        let end = range.upperBound
        words.withUnsafeMutableBufferPointer { w in
            while i < end && i & 63 != 0 { w[i >> 6] |= 1 << UInt64(i & 63); i += 1 }
            while i + 64 <= end { w[i >> 6] = ~0; i += 64 }
            while i < end { w[i >> 6] |= 1 << UInt64(i & 63); i += 1 }
        }
    }
}
