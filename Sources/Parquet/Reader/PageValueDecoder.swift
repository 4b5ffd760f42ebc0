import Columnar

/// Decodes the values section of one data page (only the non-null values) and appends them
/// to a chunk's `DenseValues`.
///
/// | encoding                         | physical types                                  |
/// |----------------------------------|-------------------------------------------------|
/// | PLAIN                            | all                                             |
/// | PLAIN_DICTIONARY, RLE_DICTIONARY | all but BOOLEAN (needs the chunk's dictionary)  |
/// | RLE                              | BOOLEAN (4-byte length prefix, bit width 1)     |
/// | DELTA_BINARY_PACKED              | INT32, INT64                                    |
/// | DELTA_LENGTH_BYTE_ARRAY          | BYTE_ARRAY                                      |
/// | DELTA_BYTE_ARRAY                 | BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY                |
/// | BYTE_STREAM_SPLIT                | FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY |
enum PageValueDecoder {
    static func decode(_ input: UnsafeRawBufferPointer, count n: Int, encoding: Encoding,
                       leaf: LeafColumn, dictionary: DenseValues?, into out: inout DenseValues) throws {
        switch encoding {
        case .plain:
            try decodePlain(input, count: n, leaf: leaf, into: &out)
        case .plainDictionary, .rleDictionary:
            guard let dictionary else {
                throw ParquetError(.corruptPage, "a dictionary-encoded page comes before any dictionary page")
            }
            try decodeDictionaryIndices(input, count: n, dictionary: dictionary, into: &out)
        case .rle:
            guard case var .booleans(bits) = out else { throw wrongEncoding(encoding, leaf) }
            guard input.count >= 4 else { throw ParquetError(.corruptPage, "RLE boolean page is shorter than its length prefix") }
            let length = Int(input.loadUnaligned(as: UInt32.self).littleEndian)
            guard length <= input.count - 4 else {
                throw ParquetError(.corruptPage, "RLE boolean data claims \(length) bytes but the page has \(input.count - 4)")
            }
            var scratch = [UInt32](repeating: 0, count: n)
            _ = try scratch.withUnsafeMutableBufferPointer {
                try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: input[4..<4 + length]), bitWidth: 1, into: $0)
            }
            out = .int32([])
            for v in scratch { bits.append(v != 0) }
            out = .booleans(bits)
        case .deltaBinaryPacked:
            switch out {
            case var .int32(a):
                out = .int32([])
                defer { out = .int32(a) }
                try appendDecoded(&a, count: n, zero: 0) { _ = try DeltaBinaryPacked.decode(input, into: $0) }
            case var .int64(a) where leaf.physical == .int64:
                out = .int32([])
                defer { out = .int64(a) }
                try appendDecoded(&a, count: n, zero: 0) { _ = try DeltaBinaryPacked.decode(input, into: $0) }
            default:
                throw wrongEncoding(encoding, leaf)
            }
        case .deltaLengthByteArray:
            guard case .bytes(var o, var d) = out else { throw wrongEncoding(encoding, leaf) }
            out = .int32([])
            defer { out = .bytes(offsets: o, data: d) }
            _ = try DeltaLengthByteArray.decode(input, count: n, offsets: &o, data: &d)
        case .deltaByteArray:
            switch out {
            case .bytes(var o, var d):
                out = .int32([])
                defer { out = .bytes(offsets: o, data: d) }
                _ = try DeltaByteArray.decode(input, count: n, offsets: &o, data: &d)
            case .fixed(let w, var d):
                out = .int32([])
                defer { out = .fixed(width: w, data: d) }
                var o: [Int32] = [0]
                var tmp: [UInt8] = []
                _ = try DeltaByteArray.decode(input, count: n, offsets: &o, data: &tmp)
                guard tmp.count == n * w else {
                    throw ParquetError(.corruptPage, "DELTA_BYTE_ARRAY values of a FIXED_LEN_BYTE_ARRAY(\(w)) column have the wrong total length")
                }
                d.append(contentsOf: tmp)
            default:
                throw wrongEncoding(encoding, leaf)
            }
        case .byteStreamSplit:
            try decodeByteStreamSplit(input, count: n, leaf: leaf, into: &out)
        default:
            throw ParquetError(.unsupported, "column '\(leaf.path.joined(separator: "."))' uses encoding \(encoding), which this version cannot read")
        }
    }

    static func wrongEncoding(_ e: Encoding, _ leaf: LeafColumn) -> ParquetError {
        ParquetError(.corruptPage, "encoding \(e) is not valid for \(leaf.physical) column '\(leaf.path.joined(separator: "."))'")
    }

    static func decodePlain(_ input: UnsafeRawBufferPointer, count n: Int, leaf: LeafColumn, into out: inout DenseValues) throws {
        switch out {
        case var .booleans(b):
            out = .int32([])
            defer { out = .booleans(b) }
            _ = try PlainEncoding.decodeBooleans(input, count: n, into: &b)
        case var .int32(a):
            out = .int32([])
            defer { out = .int32(a) }
            try appendDecoded(&a, count: n, zero: 0) { _ = try PlainEncoding.decode(input, into: $0) }
        case var .int64(a):
            out = .int32([])
            defer { out = .int64(a) }
            if leaf.physical == .int96 {
                try appendDecoded(&a, count: n, zero: 0) { _ = try PlainEncoding.decodeInt96Timestamps(input, into: $0) }
            } else {
                try appendDecoded(&a, count: n, zero: 0) { _ = try PlainEncoding.decode(input, into: $0) }
            }
        case var .float(a):
            out = .int32([])
            defer { out = .float(a) }
            try appendDecoded(&a, count: n, zero: 0) { _ = try PlainEncoding.decode(input, into: $0) }
        case var .double(a):
            out = .int32([])
            defer { out = .double(a) }
            try appendDecoded(&a, count: n, zero: 0) { _ = try PlainEncoding.decode(input, into: $0) }
        case .bytes(var o, var d):
            out = .int32([])
            defer { out = .bytes(offsets: o, data: d) }
            _ = try PlainEncoding.decodeByteArrays(input, count: n, offsets: &o, data: &d)
        case .fixed(let w, var d):
            out = .int32([])
            defer { out = .fixed(width: w, data: d) }
            _ = try PlainEncoding.decodeFixedLenByteArrays(input, count: n, width: w, into: &d)
        }
    }

    static func decodeByteStreamSplit(_ input: UnsafeRawBufferPointer, count n: Int, leaf: LeafColumn, into out: inout DenseValues) throws {
        func fill<T>(_ a: inout [T], zero: T) throws {
            try appendDecoded(&a, count: n, zero: zero) { buf in
                _ = try ByteStreamSplit.decode(input, count: n, width: MemoryLayout<T>.size, into: UnsafeMutableRawBufferPointer(buf))
            }
        }
        switch out {
        case var .int32(a): out = .int32([]); defer { out = .int32(a) }; try fill(&a, zero: 0)
        case var .int64(a) where leaf.physical == .int64: out = .int32([]); defer { out = .int64(a) }; try fill(&a, zero: 0)
        case var .float(a): out = .int32([]); defer { out = .float(a) }; try fill(&a, zero: 0)
        case var .double(a): out = .int32([]); defer { out = .double(a) }; try fill(&a, zero: 0)
        case .fixed(let w, var d):
            out = .int32([])
            defer { out = .fixed(width: w, data: d) }
            try appendDecoded(&d, count: n * w, zero: 0) { buf in
                _ = try ByteStreamSplit.decode(input, count: n, width: w, into: UnsafeMutableRawBufferPointer(buf))
            }
        default:
            throw wrongEncoding(.byteStreamSplit, leaf)
        }
    }

    /// Dictionary-encoded values: one byte of bit width, then RLE/bit-packed indices.
    static func decodeDictionaryIndices(_ input: UnsafeRawBufferPointer, count n: Int,
                                        dictionary: DenseValues, into out: inout DenseValues) throws {
        guard n > 0 else { return }
        guard input.count >= 1 else { throw ParquetError(.corruptPage, "dictionary-encoded page has no bit-width byte") }
        let width = Int(input[0])
        guard width <= 32 else { throw ParquetError(.corruptPage, "dictionary index bit width \(width) is more than 32") }
        var indices = [UInt32](repeating: 0, count: n)
        _ = try indices.withUnsafeMutableBufferPointer {
            try RLEHybrid.decode(UnsafeRawBufferPointer(rebasing: input[1...]), bitWidth: width, into: $0)
        }
        let size = dictionary.count
        try indices.withUnsafeBufferPointer { idx in
            var bad = false
            for i in idx where Int(i) >= size { bad = true; break }
            if bad { throw ParquetError(.corruptPage, "a dictionary index is past the end of the \(size)-entry dictionary") }
            try gather(idx, from: dictionary, into: &out)
        }
    }

    /// Appends `dictionary[i]` for every index (already bounds-checked).
    static func gather(_ idx: UnsafeBufferPointer<UInt32>, from dictionary: DenseValues, into out: inout DenseValues) throws {
        func gatherFixed<T>(_ dict: [T], _ a: inout [T], zero: T) {
            appendDecoded(&a, count: idx.count, zero: zero) { dst in
                dict.withUnsafeBufferPointer { d in
                    // Safe: every index was checked against the dictionary size by the caller.
                    for k in 0..<idx.count { dst[k] = d[Int(idx[k])] }
                }
            }
        }
        let mismatch = ParquetError(.corruptPage, "the dictionary page's values do not match the column's type")
        switch out {
        case var .int32(a):
            guard case let .int32(dict) = dictionary else { throw mismatch }
            out = .booleans(Bitmap()); gatherFixed(dict, &a, zero: 0); out = .int32(a)
        case var .int64(a):
            guard case let .int64(dict) = dictionary else { throw mismatch }
            out = .booleans(Bitmap()); gatherFixed(dict, &a, zero: 0); out = .int64(a)
        case var .float(a):
            guard case let .float(dict) = dictionary else { throw mismatch }
            out = .booleans(Bitmap()); gatherFixed(dict, &a, zero: 0); out = .float(a)
        case var .double(a):
            guard case let .double(dict) = dictionary else { throw mismatch }
            out = .booleans(Bitmap()); gatherFixed(dict, &a, zero: 0); out = .double(a)
        case .bytes(var o, var d):
            guard case let .bytes(doff, ddata) = dictionary else { throw mismatch }
            out = .booleans(Bitmap())
            defer { out = .bytes(offsets: o, data: d) }
            var total = 0
            doff.withUnsafeBufferPointer { off in
                for i in idx { total += Int(off[Int(i) + 1] - off[Int(i)]) }
            }
            guard d.count + total <= Int(Int32.max) else {
                throw ParquetError(.corruptPage, "a byte-array column chunk holds more than 2 GiB; write smaller row groups")
            }
            d.reserveCapacity(d.count + total)
            o.reserveCapacity(o.count + idx.count)
            doff.withUnsafeBufferPointer { off in
                ddata.withUnsafeBufferPointer { src in
                    var end = o.last!
                    for i in idx {
                        let s = Int(off[Int(i)]), e = Int(off[Int(i) + 1])
                        d.append(contentsOf: UnsafeBufferPointer(rebasing: src[s..<e]))
                        end += Int32(e - s)
                        o.append(end)
                    }
                }
            }
        case .fixed(let w, var d):
            guard case let .fixed(dw, ddata) = dictionary, dw == w else { throw mismatch }
            out = .booleans(Bitmap())
            defer { out = .fixed(width: w, data: d) }
            d.reserveCapacity(d.count + idx.count * w)
            ddata.withUnsafeBufferPointer { src in
                for i in idx { d.append(contentsOf: UnsafeBufferPointer(rebasing: src[Int(i) * w..<(Int(i) + 1) * w])) }
            }
        case .booleans:
            throw mismatch
        }
    }
}
