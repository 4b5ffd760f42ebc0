import CLZ4

/// LZ4_RAW (one raw LZ4 block) and the deprecated LZ4 codec (Hadoop framing:
/// repeated [big-endian uncompressed size][big-endian compressed size][raw LZ4 block]).
enum LZ4Codec {
    static func compressRaw(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        try compressBlock(.lz4Raw, input, into: &output, headerBytes: 0)
    }

    static func compressHadoop(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        try compressBlock(.lz4, input, into: &output, headerBytes: 8)
    }

    /// One LZ4 block, optionally behind an 8-byte Hadoop header.
    private static func compressBlock(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into output: inout [UInt8], headerBytes: Int
    ) throws {
        guard input.count <= Int(LZ4_MAX_INPUT_SIZE) else { throw Compression.tooLarge(codec, input.count) }
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        try Compression.withBase(input) { src in
            try Compression.append(to: &output, capacity: headerBytes + bound) { dst in
                let n = LZ4_compress_default(src.assumingMemoryBound(to: CChar.self),
                                             (dst + headerBytes).assumingMemoryBound(to: CChar.self),
                                             Int32(input.count), Int32(bound))
                guard n > 0 else { throw ParquetError(.invalidArgument, "LZ4 compression failed") }
                if headerBytes == 8 {
                    storeBigEndian(UInt32(input.count), at: dst)
                    storeBigEndian(UInt32(n), at: dst + 4)
                }
                return headerBytes + Int(n)
            }
        }
    }

    static func decompressRaw(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        try decompressRaw(.lz4Raw, input, into: output)
    }

    private static func decompressRaw(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws {
        guard input.count <= Int(Int32.max), output.count <= Int(Int32.max) else {
            throw Compression.tooLarge(codec, max(input.count, output.count))
        }
        if input.isEmpty {
            guard output.isEmpty else { throw Compression.failed(codec, "no data") }
            return
        }
        let n = Compression.withBase(input) { src in
            Compression.withBase(output) { dst in
                LZ4_decompress_safe(src.assumingMemoryBound(to: CChar.self), dst.assumingMemoryBound(to: CChar.self),
                                    Int32(input.count), Int32(output.count))
            }
        }
        guard n >= 0 else { throw Compression.failed(codec, "corrupt data or more than \(output.count) bytes") }
        guard Int(n) == output.count else {
            throw Compression.sizeMismatch(codec, produced: Int(n), expected: output.count)
        }
    }

    static func decompressHadoopOrRaw(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws {
        if decompressHadoop(input, into: output) { return }
        try decompressRaw(.lz4, input, into: output)
    }

    /// Decodes Hadoop-framed blocks; false if the input is not exactly a sequence of valid frames
    /// filling `output` exactly.
    private static func decompressHadoop(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) -> Bool {
        guard let src = input.baseAddress, input.count >= 8 else { return false }
        var inPos = 0
        var outPos = 0
        while input.count - inPos >= 8 {
            let uncompressed = Int(loadBigEndian(src + inPos))
            let compressed = Int(loadBigEndian(src + inPos + 4))
            inPos += 8
            guard compressed <= input.count - inPos, uncompressed <= output.count - outPos else { return false }
            if uncompressed > 0 || compressed > 0 {
                guard compressed > 0, compressed <= Int(Int32.max), uncompressed <= Int(Int32.max),
                      let dst = output.baseAddress
                else { return false }
                let n = LZ4_decompress_safe((src + inPos).assumingMemoryBound(to: CChar.self),
                                            (dst + outPos).assumingMemoryBound(to: CChar.self),
                                            Int32(compressed), Int32(uncompressed))
                guard Int(n) == uncompressed else { return false }
            }
            inPos += compressed
            outPos += uncompressed
        }
        return inPos == input.count && outPos == output.count
    }

    private static func loadBigEndian(_ p: UnsafeRawPointer) -> UInt32 {
        UInt32(p.load(as: UInt8.self)) << 24 | UInt32(p.load(fromByteOffset: 1, as: UInt8.self)) << 16
            | UInt32(p.load(fromByteOffset: 2, as: UInt8.self)) << 8 | UInt32(p.load(fromByteOffset: 3, as: UInt8.self))
    }

    private static func storeBigEndian(_ v: UInt32, at p: UnsafeMutableRawPointer) {
        for i in 0..<4 { p.storeBytes(of: UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * i)), toByteOffset: i, as: UInt8.self) }
    }
}
