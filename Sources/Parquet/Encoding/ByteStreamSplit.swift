/// BYTE_STREAM_SPLIT for FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY: `count` values of `width` bytes.
///
/// Byte k of value i is stored at `k * count + i`: `width` streams of `count` bytes.
enum ByteStreamSplit {
    /// Writes `count * width` bytes to `output` (which must hold at least that many); returns bytes consumed.
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, width: Int, into output: UnsafeMutableRawBufferPointer) throws -> Int {
        guard count >= 0, width > 0 else {
            throw corruptPage("invalid BYTE_STREAM_SPLIT count \(count) / width \(width)", offset: 0)
        }
        let (n, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, n <= input.count else {
            throw corruptPage("BYTE_STREAM_SPLIT needs \(count) × \(width) bytes, page has \(input.count)", offset: input.count)
        }
        guard n <= output.count else {
            throw ParquetError(.invalidArgument, "BYTE_STREAM_SPLIT output holds \(output.count) bytes, \(n) needed")
        }
        guard n > 0 else { return 0 }
        let src = input.baseAddress!
        let dst = output.baseAddress!
        switch width {
        case 4: gather(src, dst, count, 4)
        case 8: gather(src, dst, count, 8)
        case 2: gather(src, dst, count, 2)
        default: gather(src, dst, count, width)
        }
        return n
    }

    static func encode(_ input: UnsafeRawBufferPointer, count: Int, width: Int, into out: inout [UInt8]) {
        precondition(count >= 0 && width > 0 && count * width <= input.count, "BYTE_STREAM_SPLIT input too short")
        guard count > 0 else { return }
        let start = out.appendZeroed(count * width)
        out.withUnsafeMutableBytes { raw in
            let src = input.baseAddress!
            let dst = raw.baseAddress! + start
            switch width {
            case 4: scatter(src, dst, count, 4)
            case 8: scatter(src, dst, count, 8)
            case 2: scatter(src, dst, count, 2)
            default: scatter(src, dst, count, width)
            }
        }
    }

    @inline(__always)
    private static func gather(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ count: Int, _ width: Int) {
        for k in 0..<width {
            let stream = src + k * count
            for i in 0..<count {
                dst.storeBytes(of: stream.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i &* width &+ k, as: UInt8.self)
            }
        }
    }

    @inline(__always)
    private static func scatter(_ src: UnsafeRawPointer, _ dst: UnsafeMutableRawPointer, _ count: Int, _ width: Int) {
        for k in 0..<width {
            let stream = dst + k * count
            for i in 0..<count {
                stream.storeBytes(of: src.load(fromByteOffset: i &* width &+ k, as: UInt8.self), toByteOffset: i, as: UInt8.self)
            }
        }
    }
}
