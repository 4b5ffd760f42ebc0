import CZlib

/// GZIP: deflate with the gzip wrapper. Decoding auto-detects gzip/zlib headers and accepts
/// several concatenated members.
enum GzipCodec {
    private static var streamSize: Int32 { Int32(MemoryLayout<z_stream>.size) }

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], level: Int32) throws {
        guard (-1...9).contains(level) else {
            throw ParquetError(.invalidArgument, "gzip level \(level) is out of range; use -1...9")
        }
        guard input.count <= Int(UInt32.max) else { throw Compression.tooLarge(.gzip, input.count) }
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), streamSize)
                == Z_OK
        else { throw ParquetError(.invalidArgument, "gzip compressor could not be initialised") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        guard bound <= Int(UInt32.max) else { throw Compression.tooLarge(.gzip, input.count) }
        try Compression.withBase(input) { src in
            try Compression.append(to: &output, capacity: bound) { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(input.count)
                stream.next_out = dst.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(bound)
                let rc = deflate(&stream, Z_FINISH)
                guard rc == Z_STREAM_END else {
                    throw ParquetError(.invalidArgument, "gzip compression failed (zlib code \(rc))")
                }
                return bound - Int(stream.avail_out)
            }
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard input.count <= Int(UInt32.max), output.count <= Int(UInt32.max) else {
            throw Compression.tooLarge(.gzip, max(input.count, output.count))
        }
        if input.isEmpty {
            guard output.isEmpty else { throw Compression.failed(.gzip, "no data") }
            return
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), streamSize) == Z_OK else {
            throw Compression.failed(.gzip, "decompressor could not be initialised")
        }
        defer { inflateEnd(&stream) }
        try Compression.withBase(input) { src in
            try Compression.withBase(output) { dst in
                stream.next_in = UnsafeMutablePointer(mutating: src.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(input.count)
                stream.next_out = dst.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(output.count)
                while true {
                    let rc = inflate(&stream, Z_NO_FLUSH)
                    switch rc {
                    case Z_OK:
                        continue   // progress was made
                    case Z_STREAM_END:
                        if stream.avail_in == 0 {
                            let produced = output.count - Int(stream.avail_out)
                            guard produced == output.count else {
                                throw Compression.sizeMismatch(.gzip, produced: produced, expected: output.count)
                            }
                            return
                        }
                        // Another member follows.
                        guard inflateReset(&stream) == Z_OK else {
                            throw Compression.failed(.gzip, "cannot start the next member")
                        }
                    case Z_BUF_ERROR:
                        if stream.avail_out == 0 {
                            throw Compression.failed(.gzip, "data decompresses to more than \(output.count) bytes")
                        }
                        throw Compression.failed(.gzip, "data is truncated")
                    default:
                        throw Compression.failed(.gzip, "corrupt data (zlib code \(rc))")
                    }
                }
            }
        }
    }
}
