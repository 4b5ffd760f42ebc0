import CZstd

/// Zstandard. Decoding accepts several concatenated frames and frames without a recorded content size.
/// Contexts are created per call (cheap relative to page sizes); per-thread reuse is a possible optimisation.
enum ZstdCodec {
    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], level: Int32) throws {
        let bound = ZSTD_compressBound(input.count)
        guard ZSTD_isError(bound) == 0 else { throw Compression.tooLarge(.zstd, input.count) }
        guard let cctx = ZSTD_createCCtx() else {
            throw ParquetError(.invalidArgument, "zstd compressor could not be created")
        }
        defer { ZSTD_freeCCtx(cctx) }
        try Compression.withBase(input) { src in
            try Compression.append(to: &output, capacity: bound) { dst in
                let n = ZSTD_compressCCtx(cctx, dst, bound, src, input.count, level)
                guard ZSTD_isError(n) == 0 else {
                    throw ParquetError(.invalidArgument, "zstd compression failed: \(errorName(n))")
                }
                return n
            }
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard let dctx = ZSTD_createDCtx() else {
            throw Compression.failed(.zstd, "decompressor could not be created")
        }
        defer { ZSTD_freeDCtx(dctx) }
        let n = Compression.withBase(input) { src in
            Compression.withBase(output) { dst in
                ZSTD_decompressDCtx(dctx, dst, output.count, src, input.count)
            }
        }
        guard ZSTD_isError(n) == 0 else { throw Compression.failed(.zstd, errorName(n)) }
        guard n == output.count else { throw Compression.sizeMismatch(.zstd, produced: n, expected: output.count) }
    }

    private static func errorName(_ code: Int) -> String {
        String(cString: ZSTD_getErrorName(code))
    }
}
