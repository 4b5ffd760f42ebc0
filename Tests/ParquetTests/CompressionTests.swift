import Testing
@testable import Parquet

let allCodecs: [CompressionCodec] = [.uncompressed, .snappy, .gzip, .lz4, .lz4Raw, .zstd]
let compressingCodecs: [CompressionCodec] = [.snappy, .gzip, .lz4, .lz4Raw, .zstd]

/// 1 MiB mixing compressible runs, text-like repetition and pseudo-random bytes.
let mixedData: [UInt8] = {
    var rng = SplitMix64(seed: 7)
    var out: [UInt8] = []
    out.reserveCapacity(1 << 20)
    while out.count < 1 << 20 {
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: out.append(contentsOf: repeatElement(UInt8.random(in: 0...255, using: &rng),
                                                     count: Int.random(in: 1...500, using: &rng)))
        case 1: out.append(contentsOf: Array("the quick brown fox jumps over the lazy dog ".utf8))
        default: for _ in 0..<Int.random(in: 1...300, using: &rng) { out.append(UInt8.random(in: 0...255, using: &rng)) }
        }
    }
    return Array(out.prefix(1 << 20))
}()

func compressed(_ codec: CompressionCodec, _ data: [UInt8], level: Int32? = nil) throws -> [UInt8] {
    var out: [UInt8] = []
    try data.withUnsafeBytes { try Compression.compress(codec, $0, into: &out, level: level) }
    return out
}

func decompressed(_ codec: CompressionCodec, _ data: [UInt8], count: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    try data.withUnsafeBytes { src in
        try out.withUnsafeMutableBytes { try Compression.decompress(codec, src, into: $0) }
    }
    return out
}

func decompressionError(_ codec: CompressionCodec, _ data: [UInt8], count: Int) -> ParquetError.Code? {
    do {
        _ = try decompressed(codec, data, count: count)
        return nil
    } catch let e as ParquetError {
        return e.code
    } catch {
        Issue.record("non-Parquet error \(error)")
        return nil
    }
}

@Suite struct CompressionTests {
    @Test(arguments: allCodecs)
    func roundTrips(_ codec: CompressionCodec) throws {
        for data in [[], [0x42], mixedData] {
            let c = try compressed(codec, data)
            #expect(try decompressed(codec, c, count: data.count) == data, "\(codec) \(data.count) bytes")
        }
        if codec != .uncompressed {
            #expect(try compressed(codec, mixedData).count < mixedData.count)
        }
    }

    @Test(arguments: allCodecs)
    func compressAppends(_ codec: CompressionCodec) throws {
        var out: [UInt8] = [9, 8, 7]
        try mixedData.prefix(1000).withUnsafeBytes { try Compression.compress(codec, $0, into: &out) }
        #expect(Array(out.prefix(3)) == [9, 8, 7])
        #expect(try decompressed(codec, Array(out.dropFirst(3)), count: 1000) == Array(mixedData.prefix(1000)))
    }

    @Test(arguments: [Int32(1), 3, 19, -5])
    func zstdLevels(_ level: Int32) throws {
        let c = try compressed(.zstd, mixedData, level: level)
        #expect(try decompressed(.zstd, c, count: mixedData.count) == mixedData)
    }

    @Test(arguments: [Int32(-1), 0, 1, 9])
    func gzipLevels(_ level: Int32) throws {
        let c = try compressed(.gzip, mixedData, level: level)
        #expect(try decompressed(.gzip, c, count: mixedData.count) == mixedData)
    }

    @Test func invalidGzipLevelThrows() {
        #expect(performing: { try compressed(.gzip, [1, 2, 3], level: 12) },
                throws: { ($0 as? ParquetError)?.code == .invalidArgument })
    }

    @Test(arguments: allCodecs)
    func wrongExpectedSizeThrows(_ codec: CompressionCodec) throws {
        let data = Array(mixedData.prefix(70_000))
        let c = try compressed(codec, data)
        #expect(decompressionError(codec, c, count: data.count + 1) == .decompressionFailed)
        #expect(decompressionError(codec, c, count: data.count - 1) == .decompressionFailed)
        #expect(decompressionError(codec, c, count: 0) == .decompressionFailed)
        let empty = try compressed(codec, [])
        #expect(decompressionError(codec, empty, count: 1) == .decompressionFailed)
    }

    @Test(arguments: compressingCodecs)
    func truncatedInputThrows(_ codec: CompressionCodec) throws {
        let data = Array(mixedData.prefix(70_000))
        let c = try compressed(codec, data)
        for cut in [1, 7, c.count / 2, c.count - 1] {
            #expect(decompressionError(codec, Array(c.prefix(cut)), count: data.count) == .decompressionFailed,
                    "\(codec) cut to \(cut)")
        }
        #expect(decompressionError(codec, [], count: data.count) == .decompressionFailed)
    }

    @Test(arguments: compressingCodecs)
    func garbageInputThrows(_ codec: CompressionCodec) {
        let garbage = [UInt8](repeating: 0xFF, count: 64)
        #expect(decompressionError(codec, garbage, count: 1000) == .decompressionFailed)
    }

    @Test(arguments: compressingCodecs)
    func randomCorruptionNeverCrashes(_ codec: CompressionCodec) throws {
        let data = Array(mixedData.prefix(20_000))
        let c = try compressed(codec, data)
        var rng = SplitMix64(seed: UInt64(codec.rawValue))
        for _ in 0..<300 {
            var bad = c
            for _ in 0..<3 { bad[Int.random(in: 0..<bad.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            // Either an error or some output of exactly the requested size; never a crash.
            _ = decompressionError(codec, bad, count: data.count)
        }
    }

    @Test func checksummedCodecsDetectFlippedBytes() throws {
        let data = Array(mixedData.prefix(50_000))
        for codec in [CompressionCodec.gzip, .zstd] {
            var c = try compressed(codec, data)
            c[c.count / 2] ^= 0x55
            // zstd frames written here carry no checksum, so zstd may still decode; gzip has CRC32.
            let result = decompressionError(codec, c, count: data.count)
            if codec == .gzip { #expect(result == .decompressionFailed) }
        }
    }

    @Test func gzipConcatenatedMembers() throws {
        let a = Array(mixedData.prefix(30_000)), b = Array(mixedData.suffix(20_000))
        let c = try compressed(.gzip, a) + compressed(.gzip, []) + compressed(.gzip, b)
        #expect(try decompressed(.gzip, c, count: 50_000) == a + b)
        // An extra member that would overflow the output is detected.
        #expect(decompressionError(.gzip, c, count: 30_000) == .decompressionFailed)
    }

    @Test func zstdConcatenatedFrames() throws {
        let a = Array(mixedData.prefix(30_000)), b = Array(mixedData.suffix(20_000))
        let c = try compressed(.zstd, a) + compressed(.zstd, b)
        #expect(try decompressed(.zstd, c, count: 50_000) == a + b)
        #expect(decompressionError(.zstd, c, count: 30_000) == .decompressionFailed)
    }

    @Test func zstdFrameWithoutContentSize() throws {
        // Hand-built frame: magic, descriptor 0x00 (no content size, no checksum, window descriptor
        // follows), window descriptor, one last raw block of 5 bytes.
        let frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x50, 0x29, 0x00, 0x00] + Array("hello".utf8)
        #expect(try decompressed(.zstd, frame, count: 5) == Array("hello".utf8))
        #expect(decompressionError(.zstd, frame, count: 4) == .decompressionFailed)
        #expect(decompressionError(.zstd, frame, count: 6) == .decompressionFailed)
    }

    @Test func lz4HadoopFraming() throws {
        let data = Array(mixedData.prefix(10_000))
        let framed = try compressed(.lz4, data)
        // [BE uncompressed size][BE compressed size][block]
        #expect(Array(framed.prefix(4)) == [0, 0, 0x27, 0x10])
        let blockSize = Int(framed[4]) << 24 | Int(framed[5]) << 16 | Int(framed[6]) << 8 | Int(framed[7])
        #expect(blockSize == framed.count - 8)
        // The block itself is raw LZ4.
        #expect(try decompressed(.lz4Raw, Array(framed.dropFirst(8)), count: data.count) == data)
        // Several frames in a row (as Hadoop writes large buffers).
        let two = try compressed(.lz4, data) + compressed(.lz4, Array(mixedData.suffix(5000)))
        #expect(try decompressed(.lz4, two, count: 15_000) == data + Array(mixedData.suffix(5000)))
    }

    @Test func lz4FallsBackToRawBlocks() throws {
        let data = Array(mixedData.prefix(10_000))
        let raw = try compressed(.lz4Raw, data)
        #expect(try decompressed(.lz4, raw, count: data.count) == data)
    }

    @Test(arguments: [CompressionCodec.lzo, .brotli, CompressionCodec(rawValue: 99)])
    func unsupportedCodecsThrow(_ codec: CompressionCodec) {
        var out: [UInt8] = []
        do {
            try [UInt8]([1, 2]).withUnsafeBytes { try Compression.compress(codec, $0, into: &out) }
            Issue.record("compressed with \(codec)")
        } catch let e as ParquetError {
            #expect(e.code == .unsupported)
            #expect(e.message == "compression codec \(codec) is not supported; rewrite the file with zstd or snappy")
        } catch { Issue.record("\(error)") }
        #expect(decompressionError(codec, [1, 2], count: 2) == .unsupported)
    }

    @Test func uncompressedRequiresMatchingSize() throws {
        #expect(try decompressed(.uncompressed, [1, 2, 3], count: 3) == [1, 2, 3])
        #expect(decompressionError(.uncompressed, [1, 2, 3], count: 2) == .decompressionFailed)
    }

    @Test func concurrentUseIsSafe() async throws {
        let inputs = try compressingCodecs.map { ($0, try compressed($0, mixedData)) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                let (codec, c) = inputs[i % inputs.count]
                group.addTask {
                    let again = try compressed(codec, Array(mixedData.prefix(100_000)))
                    return try decompressed(codec, c, count: mixedData.count) == mixedData
                        && decompressed(codec, again, count: 100_000) == Array(mixedData.prefix(100_000))
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }
}
