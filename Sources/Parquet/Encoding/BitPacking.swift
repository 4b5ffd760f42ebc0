// Bit packing as Parquet uses it: values of `width` bits, least-significant bit first, in
// groups of 8 values (a group occupies exactly `width` bytes). The hot loops are written once
// with `@inline(__always)` and instantiated per width through a switch on a literal, so the
// compiler sees a constant width, unrolls the 8 values of a group and folds the shifts.

enum BitPacking {
    /// Readable bytes past the start of a group that the word-at-a-time unpackers need:
    /// a group is `width` bytes, plus slack for the last 8-byte load (and one extra byte for
    /// widths over 56).
    @inline(__always)
    static func fastGroups(byteCount: Int, groups: Int, width: Int) -> Int {
        guard width > 0, byteCount >= 16 else { return 0 }
        return min(groups, (byteCount - 16) / width)
    }

    /// Unpacks `groups` groups of 8 values of `width` (0...32) bits from `src`, of which
    /// `byteCount` bytes are readable (at least `groups * width`), into `out`.
    static func unpack32(_ src: UnsafeRawPointer, byteCount: Int, groups: Int, width: Int,
                         into out: UnsafeMutablePointer<UInt32>) {
        if width == 0 {
            out.update(repeating: 0, count: groups * 8)
            return
        }
        let fast = fastGroups(byteCount: byteCount, groups: groups, width: width)
        if fast > 0 { unpack32Dispatch(src, groups: fast, width: width, into: out) }
        if fast < groups {
            withUnsafeTemporaryAllocation(byteCount: 96, alignment: 8) { tmp in
                let t = tmp.baseAddress!
                for g in fast..<groups {
                    let start = g * width
                    let avail = min(width, byteCount - start)
                    t.initializeMemory(as: UInt8.self, repeating: 0, count: 96)
                    if avail > 0 { t.copyMemory(from: src + start, byteCount: avail) }
                    unpack32Dispatch(UnsafeRawPointer(t), groups: 1, width: width, into: out + g * 8)
                }
            }
        }
    }

    /// As `unpack32`, for widths 0...64 into 64-bit values.
    static func unpack64(_ src: UnsafeRawPointer, byteCount: Int, groups: Int, width: Int,
                         into out: UnsafeMutablePointer<UInt64>) {
        if width == 0 {
            out.update(repeating: 0, count: groups * 8)
            return
        }
        let fast = fastGroups(byteCount: byteCount, groups: groups, width: width)
        if fast > 0 { unpack64Dispatch(src, groups: fast, width: width, into: out) }
        if fast < groups {
            withUnsafeTemporaryAllocation(byteCount: 96, alignment: 8) { tmp in
                let t = tmp.baseAddress!
                for g in fast..<groups {
                    let start = g * width
                    let avail = min(width, byteCount - start)
                    t.initializeMemory(as: UInt8.self, repeating: 0, count: 96)
                    if avail > 0 { t.copyMemory(from: src + start, byteCount: avail) }
                    unpack64Dispatch(UnsafeRawPointer(t), groups: 1, width: width, into: out + g * 8)
                }
            }
        }
    }

    /// Packs `groups` groups of 8 values into `groups * width` bytes at `dst`. Bits of a value
    /// above `width` are ignored.
    static func pack32(_ src: UnsafePointer<UInt32>, groups: Int, width: Int, into dst: UnsafeMutableRawPointer) {
        switch width {
        case 0: return
        case 1: packGroups(src, groups, 1, dst)
        case 2: packGroups(src, groups, 2, dst)
        case 3: packGroups(src, groups, 3, dst)
        case 4: packGroups(src, groups, 4, dst)
        case 5: packGroups(src, groups, 5, dst)
        case 6: packGroups(src, groups, 6, dst)
        case 7: packGroups(src, groups, 7, dst)
        case 8: packGroups(src, groups, 8, dst)
        case 9: packGroups(src, groups, 9, dst)
        case 10: packGroups(src, groups, 10, dst)
        case 11: packGroups(src, groups, 11, dst)
        case 12: packGroups(src, groups, 12, dst)
        case 13: packGroups(src, groups, 13, dst)
        case 14: packGroups(src, groups, 14, dst)
        case 15: packGroups(src, groups, 15, dst)
        case 16: packGroups(src, groups, 16, dst)
        case 17: packGroups(src, groups, 17, dst)
        case 18: packGroups(src, groups, 18, dst)
        case 19: packGroups(src, groups, 19, dst)
        case 20: packGroups(src, groups, 20, dst)
        case 21: packGroups(src, groups, 21, dst)
        case 22: packGroups(src, groups, 22, dst)
        case 23: packGroups(src, groups, 23, dst)
        case 24: packGroups(src, groups, 24, dst)
        case 25: packGroups(src, groups, 25, dst)
        case 26: packGroups(src, groups, 26, dst)
        case 27: packGroups(src, groups, 27, dst)
        case 28: packGroups(src, groups, 28, dst)
        case 29: packGroups(src, groups, 29, dst)
        case 30: packGroups(src, groups, 30, dst)
        case 31: packGroups(src, groups, 31, dst)
        case 32: packGroups(src, groups, 32, dst)
        default: preconditionFailure("bit width \(width) out of range 0...32")
        }
    }

    static func pack64(_ src: UnsafePointer<UInt64>, groups: Int, width: Int, into dst: UnsafeMutableRawPointer) {
        switch width {
        case 0: return
        case 1: packGroups(src, groups, 1, dst)
        case 2: packGroups(src, groups, 2, dst)
        case 3: packGroups(src, groups, 3, dst)
        case 4: packGroups(src, groups, 4, dst)
        case 5: packGroups(src, groups, 5, dst)
        case 6: packGroups(src, groups, 6, dst)
        case 7: packGroups(src, groups, 7, dst)
        case 8: packGroups(src, groups, 8, dst)
        case 9: packGroups(src, groups, 9, dst)
        case 10: packGroups(src, groups, 10, dst)
        case 11: packGroups(src, groups, 11, dst)
        case 12: packGroups(src, groups, 12, dst)
        case 13: packGroups(src, groups, 13, dst)
        case 14: packGroups(src, groups, 14, dst)
        case 15: packGroups(src, groups, 15, dst)
        case 16: packGroups(src, groups, 16, dst)
        case 17: packGroups(src, groups, 17, dst)
        case 18: packGroups(src, groups, 18, dst)
        case 19: packGroups(src, groups, 19, dst)
        case 20: packGroups(src, groups, 20, dst)
        case 21: packGroups(src, groups, 21, dst)
        case 22: packGroups(src, groups, 22, dst)
        case 23: packGroups(src, groups, 23, dst)
        case 24: packGroups(src, groups, 24, dst)
        case 25: packGroups(src, groups, 25, dst)
        case 26: packGroups(src, groups, 26, dst)
        case 27: packGroups(src, groups, 27, dst)
        case 28: packGroups(src, groups, 28, dst)
        case 29: packGroups(src, groups, 29, dst)
        case 30: packGroups(src, groups, 30, dst)
        case 31: packGroups(src, groups, 31, dst)
        case 32: packGroups(src, groups, 32, dst)
        case 33: packGroups(src, groups, 33, dst)
        case 34: packGroups(src, groups, 34, dst)
        case 35: packGroups(src, groups, 35, dst)
        case 36: packGroups(src, groups, 36, dst)
        case 37: packGroups(src, groups, 37, dst)
        case 38: packGroups(src, groups, 38, dst)
        case 39: packGroups(src, groups, 39, dst)
        case 40: packGroups(src, groups, 40, dst)
        case 41: packGroups(src, groups, 41, dst)
        case 42: packGroups(src, groups, 42, dst)
        case 43: packGroups(src, groups, 43, dst)
        case 44: packGroups(src, groups, 44, dst)
        case 45: packGroups(src, groups, 45, dst)
        case 46: packGroups(src, groups, 46, dst)
        case 47: packGroups(src, groups, 47, dst)
        case 48: packGroups(src, groups, 48, dst)
        case 49: packGroups(src, groups, 49, dst)
        case 50: packGroups(src, groups, 50, dst)
        case 51: packGroups(src, groups, 51, dst)
        case 52: packGroups(src, groups, 52, dst)
        case 53: packGroups(src, groups, 53, dst)
        case 54: packGroups(src, groups, 54, dst)
        case 55: packGroups(src, groups, 55, dst)
        case 56: packGroups(src, groups, 56, dst)
        case 57: packGroups(src, groups, 57, dst)
        case 58: packGroups(src, groups, 58, dst)
        case 59: packGroups(src, groups, 59, dst)
        case 60: packGroups(src, groups, 60, dst)
        case 61: packGroups(src, groups, 61, dst)
        case 62: packGroups(src, groups, 62, dst)
        case 63: packGroups(src, groups, 63, dst)
        case 64: packGroups(src, groups, 64, dst)
        default: preconditionFailure("bit width \(width) out of range 0...64")
        }
    }

    // MARK: - Width-specialised kernels

    private static func unpack32Dispatch(_ src: UnsafeRawPointer, groups: Int, width: Int,
                                         into out: UnsafeMutablePointer<UInt32>) {
        switch width {
        case 1: unpackGroups32(src, groups, 1, out)
        case 2: unpackGroups32(src, groups, 2, out)
        case 3: unpackGroups32(src, groups, 3, out)
        case 4: unpackGroups32(src, groups, 4, out)
        case 5: unpackGroups32(src, groups, 5, out)
        case 6: unpackGroups32(src, groups, 6, out)
        case 7: unpackGroups32(src, groups, 7, out)
        case 8: unpackGroups32(src, groups, 8, out)
        case 9: unpackGroups32(src, groups, 9, out)
        case 10: unpackGroups32(src, groups, 10, out)
        case 11: unpackGroups32(src, groups, 11, out)
        case 12: unpackGroups32(src, groups, 12, out)
        case 13: unpackGroups32(src, groups, 13, out)
        case 14: unpackGroups32(src, groups, 14, out)
        case 15: unpackGroups32(src, groups, 15, out)
        case 16: unpackGroups32(src, groups, 16, out)
        case 17: unpackGroups32(src, groups, 17, out)
        case 18: unpackGroups32(src, groups, 18, out)
        case 19: unpackGroups32(src, groups, 19, out)
        case 20: unpackGroups32(src, groups, 20, out)
        case 21: unpackGroups32(src, groups, 21, out)
        case 22: unpackGroups32(src, groups, 22, out)
        case 23: unpackGroups32(src, groups, 23, out)
        case 24: unpackGroups32(src, groups, 24, out)
        case 25: unpackGroups32(src, groups, 25, out)
        case 26: unpackGroups32(src, groups, 26, out)
        case 27: unpackGroups32(src, groups, 27, out)
        case 28: unpackGroups32(src, groups, 28, out)
        case 29: unpackGroups32(src, groups, 29, out)
        case 30: unpackGroups32(src, groups, 30, out)
        case 31: unpackGroups32(src, groups, 31, out)
        case 32: unpackGroups32(src, groups, 32, out)
        default: preconditionFailure("bit width \(width) out of range 1...32")
        }
    }

    private static func unpack64Dispatch(_ src: UnsafeRawPointer, groups: Int, width: Int,
                                         into out: UnsafeMutablePointer<UInt64>) {
        switch width {
        case 1: unpackGroups64(src, groups, 1, out)
        case 2: unpackGroups64(src, groups, 2, out)
        case 3: unpackGroups64(src, groups, 3, out)
        case 4: unpackGroups64(src, groups, 4, out)
        case 5: unpackGroups64(src, groups, 5, out)
        case 6: unpackGroups64(src, groups, 6, out)
        case 7: unpackGroups64(src, groups, 7, out)
        case 8: unpackGroups64(src, groups, 8, out)
        case 9: unpackGroups64(src, groups, 9, out)
        case 10: unpackGroups64(src, groups, 10, out)
        case 11: unpackGroups64(src, groups, 11, out)
        case 12: unpackGroups64(src, groups, 12, out)
        case 13: unpackGroups64(src, groups, 13, out)
        case 14: unpackGroups64(src, groups, 14, out)
        case 15: unpackGroups64(src, groups, 15, out)
        case 16: unpackGroups64(src, groups, 16, out)
        case 17: unpackGroups64(src, groups, 17, out)
        case 18: unpackGroups64(src, groups, 18, out)
        case 19: unpackGroups64(src, groups, 19, out)
        case 20: unpackGroups64(src, groups, 20, out)
        case 21: unpackGroups64(src, groups, 21, out)
        case 22: unpackGroups64(src, groups, 22, out)
        case 23: unpackGroups64(src, groups, 23, out)
        case 24: unpackGroups64(src, groups, 24, out)
        case 25: unpackGroups64(src, groups, 25, out)
        case 26: unpackGroups64(src, groups, 26, out)
        case 27: unpackGroups64(src, groups, 27, out)
        case 28: unpackGroups64(src, groups, 28, out)
        case 29: unpackGroups64(src, groups, 29, out)
        case 30: unpackGroups64(src, groups, 30, out)
        case 31: unpackGroups64(src, groups, 31, out)
        case 32: unpackGroups64(src, groups, 32, out)
        case 33: unpackGroups64(src, groups, 33, out)
        case 34: unpackGroups64(src, groups, 34, out)
        case 35: unpackGroups64(src, groups, 35, out)
        case 36: unpackGroups64(src, groups, 36, out)
        case 37: unpackGroups64(src, groups, 37, out)
        case 38: unpackGroups64(src, groups, 38, out)
        case 39: unpackGroups64(src, groups, 39, out)
        case 40: unpackGroups64(src, groups, 40, out)
        case 41: unpackGroups64(src, groups, 41, out)
        case 42: unpackGroups64(src, groups, 42, out)
        case 43: unpackGroups64(src, groups, 43, out)
        case 44: unpackGroups64(src, groups, 44, out)
        case 45: unpackGroups64(src, groups, 45, out)
        case 46: unpackGroups64(src, groups, 46, out)
        case 47: unpackGroups64(src, groups, 47, out)
        case 48: unpackGroups64(src, groups, 48, out)
        case 49: unpackGroups64(src, groups, 49, out)
        case 50: unpackGroups64(src, groups, 50, out)
        case 51: unpackGroups64(src, groups, 51, out)
        case 52: unpackGroups64(src, groups, 52, out)
        case 53: unpackGroups64(src, groups, 53, out)
        case 54: unpackGroups64(src, groups, 54, out)
        case 55: unpackGroups64(src, groups, 55, out)
        case 56: unpackGroups64(src, groups, 56, out)
        case 57: unpackGroups64(src, groups, 57, out)
        case 58: unpackGroups64(src, groups, 58, out)
        case 59: unpackGroups64(src, groups, 59, out)
        case 60: unpackGroups64(src, groups, 60, out)
        case 61: unpackGroups64(src, groups, 61, out)
        case 62: unpackGroups64(src, groups, 62, out)
        case 63: unpackGroups64(src, groups, 63, out)
        case 64: unpackGroups64(src, groups, 64, out)
        default: preconditionFailure("bit width \(width) out of range 1...64")
        }
    }

    /// Each value is one unaligned 64-bit load at its first byte, shifted by its bit offset
    /// in that byte (at most 7 + 32 bits are needed, so one load always suffices).
    @inline(__always)
    private static func unpackGroups32(_ src: UnsafeRawPointer, _ groups: Int, _ w: Int,
                                       _ out: UnsafeMutablePointer<UInt32>) {
        let mask: UInt64 = (1 &<< UInt64(w)) &- 1
        var p = src
        var o = out
        for _ in 0..<groups {
            for i in 0..<8 {
                let bit = i &* w
                let word = p.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self)
                o[i] = UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
            }
            p += w
            o += 8
        }
    }

    /// As `unpackGroups32`; widths over 56 may need one more byte past the 64-bit load.
    @inline(__always)
    private static func unpackGroups64(_ src: UnsafeRawPointer, _ groups: Int, _ w: Int,
                                       _ out: UnsafeMutablePointer<UInt64>) {
        let mask: UInt64 = w == 64 ? ~0 : (1 &<< UInt64(w)) &- 1
        var p = src
        var o = out
        for _ in 0..<groups {
            for i in 0..<8 {
                let bit = i &* w
                let byte = bit &>> 3
                let shift = bit & 7
                var v = p.loadUnaligned(fromByteOffset: byte, as: UInt64.self) &>> UInt64(shift)
                if shift + w > 64 {
                    let extra = UInt64(p.load(fromByteOffset: byte &+ 8, as: UInt8.self))
                    v |= extra &<< UInt64(64 - shift)
                }
                o[i] = v & mask
            }
            p += w
            o += 8
        }
    }

    @inline(__always)
    private static func packGroups<V: FixedWidthInteger & UnsignedInteger>(
        _ src: UnsafePointer<V>, _ groups: Int, _ w: Int, _ dst: UnsafeMutableRawPointer
    ) {
        let mask: UInt64 = w == 64 ? ~0 : (1 &<< UInt64(w)) &- 1
        var s = src
        var d = dst
        for _ in 0..<groups {
            var acc: UInt64 = 0
            var n = 0
            var off = 0
            for i in 0..<8 {
                let v = UInt64(truncatingIfNeeded: s[i]) & mask
                acc |= v &<< UInt64(n)
                n += w
                if n >= 64 {
                    d.storeBytes(of: acc.littleEndian, toByteOffset: off, as: UInt64.self)
                    off += 8
                    n -= 64
                    acc = n > 0 ? v &>> UInt64(w - n) : 0
                }
            }
            while n > 0 {
                d.storeBytes(of: UInt8(truncatingIfNeeded: acc), toByteOffset: off, as: UInt8.self)
                acc &>>= 8
                off += 1
                n -= 8
            }
            s += 8
            d += w
        }
    }
}
