/// Page compression and decompression for the Parquet codecs.
///
/// Every function is safe to call concurrently from several threads: all codec state
/// (zlib streams, zstd contexts) is created per call. Reusing zstd contexts per thread
/// is a possible later optimisation.
public enum Compression {
    /// Appends the compressed form of `input` to `output`. `level`: zstd level (default 1),
    /// gzip level (default 6, -1...9); ignored by others.
    ///
    /// LZ4 (the deprecated codec 5) is written with Hadoop framing, as other writers do.
    /// Throws `.unsupported` for LZO and BROTLI and for inputs too large for the codec.
    public static func compress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into output: inout [UInt8],
        level: Int32? = nil
    ) throws {
        switch codec {
        case .uncompressed:
            output.append(contentsOf: input)
        case .snappy:
            try SnappyCodec.compress(input, into: &output)
        case .gzip:
            try GzipCodec.compress(input, into: &output, level: level ?? 6)
        case .lz4Raw:
            try LZ4Codec.compressRaw(input, into: &output)
        case .lz4:
            try LZ4Codec.compressHadoop(input, into: &output)
        case .zstd:
            try ZstdCodec.compress(input, into: &output, level: level ?? 1)
        default:
            throw unsupported(codec)
        }
    }

    /// Decompresses `input` into exactly `output.count` bytes; throws .decompressionFailed if
    /// the data is corrupt or does not produce exactly that many bytes.
    ///
    /// LZ4 (codec 5) input is tried as Hadoop-framed blocks first, then as one raw LZ4 block.
    /// Gzip input may hold several concatenated members; zstd input several frames, with or
    /// without a recorded content size.
    public static func decompress(
        _ codec: CompressionCodec, _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws {
        switch codec {
        case .uncompressed:
            guard input.count == output.count else {
                throw sizeMismatch(codec, produced: input.count, expected: output.count)
            }
            if let src = input.baseAddress, let dst = output.baseAddress, input.count > 0 {
                dst.copyMemory(from: src, byteCount: input.count)
            }
        case .snappy:
            try SnappyCodec.decompress(input, into: output)
        case .gzip:
            try GzipCodec.decompress(input, into: output)
        case .lz4Raw:
            try LZ4Codec.decompressRaw(input, into: output)
        case .lz4:
            try LZ4Codec.decompressHadoopOrRaw(input, into: output)
        case .zstd:
            try ZstdCodec.decompress(input, into: output)
        default:
            throw unsupported(codec)
        }
    }

    static func unsupported(_ codec: CompressionCodec) -> ParquetError {
        ParquetError(.unsupported,
                     "compression codec \(codec) is not supported; rewrite the file with zstd or snappy")
    }

    static func failed(_ codec: CompressionCodec, _ why: String) -> ParquetError {
        ParquetError(.decompressionFailed, "\(codec) data cannot be decompressed: \(why)")
    }

    static func sizeMismatch(_ codec: CompressionCodec, produced: Int, expected: Int) -> ParquetError {
        ParquetError(.decompressionFailed,
                     "\(codec) data decompressed to \(produced) bytes but the page header says \(expected)")
    }

    static func tooLarge(_ codec: CompressionCodec, _ count: Int) -> ParquetError {
        ParquetError(.unsupported, "\(codec) cannot handle a buffer of \(count) bytes; use smaller pages")
    }

    /// Lets `body` write at most `capacity` bytes into fresh storage and return how many it wrote,
    /// then appends those bytes to `output` (or adopts the storage when `output` is empty).
    /// On error `output` is unchanged.
    static func append(
        to output: inout [UInt8], capacity: Int, _ body: (UnsafeMutableRawPointer) throws -> Int
    ) throws {
        precondition(capacity > 0)
        let produced = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            let written = try body(UnsafeMutableRawPointer(buffer.baseAddress!))
            precondition(written >= 0 && written <= capacity)
            initialized = written
        }
        if output.isEmpty {
            output = produced
        } else {
            output.append(contentsOf: produced)
        }
    }

    /// Calls `body` with a non-null base pointer for `buffer` (a one-byte scratch when it is empty).
    static func withBase<R>(
        _ buffer: UnsafeRawBufferPointer, _ body: (UnsafeRawPointer) throws -> R
    ) rethrows -> R {
        if let base = buffer.baseAddress { return try body(base) }
        return try withUnsafeTemporaryAllocation(byteCount: 1, alignment: 1) { try body(UnsafeRawPointer($0.baseAddress!)) }
    }

    /// Calls `body` with a non-null base pointer for `buffer` (a one-byte scratch when it is empty).
    static func withBase<R>(
        _ buffer: UnsafeMutableRawBufferPointer, _ body: (UnsafeMutableRawPointer) throws -> R
    ) rethrows -> R {
        if let base = buffer.baseAddress { return try body(base) }
        return try withUnsafeTemporaryAllocation(byteCount: 1, alignment: 1) { try body($0.baseAddress!) }
    }
}
