/// DELTA_LENGTH_BYTE_ARRAY (lengths DELTA_BINARY_PACKED, then concatenated data)
enum DeltaLengthByteArray {
    /// Appends `count` byte arrays to `data` / `offsets` (see `PlainEncoding.decodeByteArrays`);
    /// returns the bytes consumed.
    static func decode(_ input: UnsafeRawBufferPointer, count: Int, offsets: inout [Int32], data: inout [UInt8]) throws -> Int {
        guard count >= 0 else { throw corruptPage("negative value count \(count)", offset: 0) }
        guard count > 0 else { return 0 }
        let (lengths, used) = try readLengths(input, count: count)
        return try appendValues(input, at: used, lengths: lengths, offsets: &offsets, data: &data)
    }

    static func encode(offsets: UnsafeBufferPointer<Int32>, data: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let n = max(offsets.count - 1, 0)
        let lengths = [Int32](unsafeUninitializedCapacity: n) { buf, initialized in
            for i in 0..<n { buf[i] = offsets[i + 1] &- offsets[i] }
            initialized = n
        }
        lengths.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        if n > 0 {
            let lo = Int(offsets[0])
            let hi = Int(offsets[n])
            precondition(lo >= 0 && lo <= hi && hi <= data.count, "byte array offsets out of range")
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[lo..<hi]))
        }
    }

    /// Decodes `count` DELTA_BINARY_PACKED lengths; returns them and the bytes consumed.
    static func readLengths(_ input: UnsafeRawBufferPointer, count: Int) throws -> (lengths: [Int32], consumed: Int) {
        var pos = 0
        let header = try DeltaBinaryPacked.readHeader(input, &pos)
        guard header.totalCount >= count else {
            throw corruptPage("DELTA_BINARY_PACKED holds \(header.totalCount) lengths, \(count) needed", offset: 0)
        }
        var consumed = 0
        let lengths = try [Int32](unsafeUninitializedCapacity: count) { buf, initialized in
            consumed = try DeltaBinaryPacked.decodeBody(input, header: header, pos: pos, into: buf)
            initialized = count
        }
        return (lengths, consumed)
    }

    /// Appends values whose `lengths` are known and whose bytes sit back to back at `start`.
    static func appendValues(_ input: UnsafeRawBufferPointer, at start: Int, lengths: [Int32],
                             offsets: inout [Int32], data: inout [UInt8]) throws -> Int {
        var total = 0
        let available = input.count - start
        for (i, len) in lengths.enumerated() {
            guard len >= 0 else { throw corruptPage("negative byte array length \(len) (value \(i))", offset: start) }
            total += Int(len)
            guard total <= available else {
                throw corruptPage("byte array data runs past the end of the page", offset: start)
            }
        }
        guard data.count + total <= Int(Int32.max) else {
            throw corruptPage("byte array data would exceed \(Int32.max) bytes", offset: start)
        }
        if offsets.isEmpty { offsets.append(Int32(data.count)) }
        var end = Int32(data.count)
        data.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[start..<(start + total)]))
        offsets.reserveCapacity(offsets.count + lengths.count)
        for len in lengths {
            end &+= len
            offsets.append(end)
        }
        return start + total
    }
}
