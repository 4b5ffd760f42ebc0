// Shared helpers for the value and level encodings: error construction, ULEB128 / zigzag
// varints and appending uninitialised space to a byte array.

@inline(never)
func corruptPage(_ message: String, offset: Int) -> ParquetError {
    ParquetError(.corruptPage, message, offset: offset)
}

enum Varint {
    /// Reads an unsigned LEB128 value of at most 10 bytes at `pos`, advancing it.
    @inline(__always)
    static func readULEB(_ input: UnsafeRawBufferPointer, _ pos: inout Int) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = pos
        let end = input.count
        while true {
            guard p < end else { throw corruptPage("varint runs past the end of the data", offset: p) }
            let byte = input[p]
            p += 1
            if shift == 63 && byte > 1 {
                throw corruptPage("varint overflows 64 bits", offset: p - 1)
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            if shift > 63 { throw corruptPage("varint longer than 10 bytes", offset: p) }
        }
        pos = p
        return result
    }

    /// Reads a ULEB128 value that must fit in `0...limit`.
    @inline(__always)
    static func readULEB(_ input: UnsafeRawBufferPointer, _ pos: inout Int, limit: UInt64, what: String) throws -> Int {
        let start = pos
        let v = try readULEB(input, &pos)
        guard v <= limit else { throw corruptPage("\(what) \(v) is out of range (max \(limit))", offset: start) }
        return Int(v)
    }

    @inline(__always)
    static func readZigZag(_ input: UnsafeRawBufferPointer, _ pos: inout Int) throws -> Int64 {
        let u = try readULEB(input, &pos)
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    @inline(__always)
    static func appendULEB(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: v))
    }

    @inline(__always)
    static func appendZigZag(_ value: Int64, into out: inout [UInt8]) {
        appendULEB(UInt64(bitPattern: (value << 1) ^ (value >> 63)), into: &out)
    }
}

extension Array where Element == UInt8 {
    /// Appends `count` zero bytes and returns the index of the first one, so the caller can
    /// fill them through `withUnsafeMutableBufferPointer` without per-byte appends.
    @inline(__always)
    mutating func appendZeroed(_ count: Int) -> Int {
        let start = self.count
        if count > 0 {
            append(contentsOf: repeatElement(0, count: count))
        }
        return start
    }
}

// The encoders and decoders load and store multi-byte values in host order and rely on
// that being Parquet's little-endian order.
#if _endian(big)
#error("the Parquet encodings assume a little-endian host")
#endif
