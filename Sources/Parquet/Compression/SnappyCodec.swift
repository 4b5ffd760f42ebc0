import CSnappy

/// Snappy raw (unframed) format, as Parquet uses it.
enum SnappyCodec {
    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws {
        let bound = snappy_max_compressed_length(input.count)
        try Compression.withBase(input) { src in
            try Compression.append(to: &output, capacity: bound) { dst in
                var length = bound
                let status = snappy_compress(src.assumingMemoryBound(to: CChar.self), input.count,
                                             dst.assumingMemoryBound(to: CChar.self), &length)
                guard status == SNAPPY_OK else {
                    throw ParquetError(.invalidArgument, "snappy compression failed (status \(status.rawValue))")
                }
                return length
            }
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        if input.isEmpty && output.isEmpty { return }
        try Compression.withBase(input) { src in
            let source = src.assumingMemoryBound(to: CChar.self)
            var expected = 0
            guard snappy_uncompressed_length(source, input.count, &expected) == SNAPPY_OK else {
                throw Compression.failed(.snappy, "invalid length preamble")
            }
            guard expected == output.count else {
                throw Compression.sizeMismatch(.snappy, produced: expected, expected: output.count)
            }
            try Compression.withBase(output) { dst in
                var length = output.count
                guard snappy_uncompress(source, input.count, dst.assumingMemoryBound(to: CChar.self), &length)
                        == SNAPPY_OK
                else { throw Compression.failed(.snappy, "corrupt data") }
                guard length == output.count else {
                    throw Compression.sizeMismatch(.snappy, produced: length, expected: output.count)
                }
            }
        }
    }
}
