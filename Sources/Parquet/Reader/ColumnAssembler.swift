import Columnar

/// Turns a chunk's dense physical values and validity into a Columnar column of the leaf's
/// logical type: spreads values over null rows and converts representations
/// (INT32 → Int8/Int16, unsigned widening, timestamp units, decimals from any storage).
enum ColumnAssembler {
    static func column(_ output: ColumnChunkReader.Output, leaf: LeafColumn, path: String) throws -> Column {
        let rows = output.rowCount
        let validity = output.validity
        let name = leaf.path.joined(separator: ".")
        func mismatch() -> ParquetError {
            ParquetError(.corruptMetadata, "column '\(name)': physical type \(leaf.physical) cannot hold \(leaf.type)", path: path)
        }
        let values: ColumnValues
        switch (leaf.type, output.values) {
        case let (.boolean, .booleans(b)):
            values = .bits(validity.map { spreadBits(b, $0) } ?? b)
        case let (.byte, .int32(a)):
            values = .int8(spread(a.map { Int8(truncatingIfNeeded: $0) }, validity, zero: 0))
        case let (.short, .int32(a)):
            if leaf.unsigned {
                values = .int16(spread(a.map { Int16(truncatingIfNeeded: UInt8(truncatingIfNeeded: $0)) }, validity, zero: 0))
            } else {
                values = .int16(spread(a.map { Int16(truncatingIfNeeded: $0) }, validity, zero: 0))
            }
        case let (.integer, .int32(a)):
            if leaf.unsigned {
                values = .int32(spread(a.map { Int32(UInt16(truncatingIfNeeded: $0)) }, validity, zero: 0))
            } else {
                values = .int32(spread(a, validity, zero: 0))
            }
        case let (.date, .int32(a)):
            values = .int32(spread(a, validity, zero: 0))
        case let (.long, .int32(a)):
            values = .int64(spread(a.map { Int64(UInt32(bitPattern: $0)) }, validity, zero: 0))
        case let (.long, .int64(a)):
            values = .int64(spread(a, validity, zero: 0))
        case var (.timestamp, .int64(a)), var (.timestampNtz, .int64(a)):
            if leaf.physical == .int64 {
                switch leaf.timeUnit {
                case .micros: break
                case .millis:
                    for i in a.indices {
                        let (m, o) = a[i].multipliedReportingOverflow(by: 1000)
                        if o { throw ParquetError(.invalidArgument, "column '\(name)': millisecond timestamp \(a[i]) is out of range", path: path) }
                        a[i] = m
                    }
                case .nanos:
                    // Floor division so that instants before 1970 round towards the past.
                    for i in a.indices { a[i] = a[i] >= 0 ? a[i] / 1000 : -((-(a[i] + 1)) / 1000) - 1 }
                }
            }
            values = .int64(spread(a, validity, zero: 0))
        case let (.float, .float(a)):
            values = .float32(spread(a, validity, zero: 0))
        case let (.double, .double(a)):
            values = .float64(spread(a, validity, zero: 0))
        case let (.decimal(p, _), .int32(a)):
            values = .int128(spread(try a.map { try checked(Int128($0), p, name, path) }, validity, zero: 0))
        case let (.decimal(p, _), .int64(a)):
            if leaf.unsigned {
                values = .int128(spread(a.map { Int128(UInt64(bitPattern: $0)) }, validity, zero: 0))
            } else {
                values = .int128(spread(try a.map { try checked(Int128($0), p, name, path) }, validity, zero: 0))
            }
        case let (.decimal(p, _), .fixed(w, d)):
            guard w <= 16 else { throw ParquetError(.unsupported, "column '\(name)': a \(w)-byte decimal does not fit 128 bits", path: path) }
            var out = [Int128]()
            out.reserveCapacity(d.count / max(w, 1))
            try d.withUnsafeBytes { raw in
                var i = 0
                while i < raw.count {
                    out.append(try checked(bigEndianSigned(UnsafeRawBufferPointer(rebasing: raw[i..<i + w])), p, name, path))
                    i += w
                }
            }
            values = .int128(spread(out, validity, zero: 0))
        case let (.decimal(p, _), .bytes(o, d)):
            var out = [Int128]()
            out.reserveCapacity(o.count - 1)
            try d.withUnsafeBytes { raw in
                for k in 0..<o.count - 1 {
                    let s = Int(o[k]), e = Int(o[k + 1])
                    guard e - s <= 16 else { throw ParquetError(.unsupported, "column '\(name)': a \(e - s)-byte decimal does not fit 128 bits", path: path) }
                    out.append(try checked(bigEndianSigned(UnsafeRawBufferPointer(rebasing: raw[s..<e])), p, name, path))
                }
            }
            values = .int128(spread(out, validity, zero: 0))
        case let (.string, .bytes(o, d)), let (.binary, .bytes(o, d)):
            values = .bytes(offsets: validity.map { spreadOffsets(o, $0) } ?? o, data: d)
        case let (.binary, .fixed(w, d)):
            let n = w == 0 ? 0 : d.count / w
            let dense = (0...n).map { Int32($0 * w) }
            values = .bytes(offsets: validity.map { spreadOffsets(dense, $0) } ?? dense, data: d)
        default:
            throw mismatch()
        }
        return try Column(type: leaf.type, count: rows, validity: validity, values: values)
    }

    static func checked(_ v: Int128, _ precision: Int, _ name: String, _ path: String) throws -> Int128 {
        guard Decimal128.fits(v, precision: precision) else {
            throw ParquetError(.corruptPage, "column '\(name)': value \(v) does not fit decimal precision \(precision)", path: path)
        }
        return v
    }

    /// A big-endian two's-complement integer of 1...16 bytes (0 bytes is 0).
    static func bigEndianSigned(_ bytes: UnsafeRawBufferPointer) -> Int128 {
        guard let first = bytes.first else { return 0 }
        var v: Int128 = first & 0x80 != 0 ? -1 : 0
        for b in bytes { v = (v << 8) | Int128(b) }
        return v
    }

    /// Places dense values at the valid rows; null rows get `zero`.
    static func spread<T>(_ dense: [T], _ validity: Bitmap?, zero: T) -> [T] {
        guard let validity else { return dense }
        var out = [T](repeating: zero, count: validity.count)
        out.withUnsafeMutableBufferPointer { dst in
            dense.withUnsafeBufferPointer { src in
                var k = 0
                for w in 0..<validity.words.count {
                    var word = validity.words[w]
                    while word != 0 {
                        let bit = word.trailingZeroBitCount
                        // Safe: the number of set bits equals dense.count (checked by the chunk reader).
                        dst[w << 6 + bit] = src[k]
                        k += 1
                        word &= word - 1
                    }
                }
            }
        }
        return out
    }

    static func spreadBits(_ dense: Bitmap, _ validity: Bitmap) -> Bitmap {
        var out = Bitmap(count: validity.count, value: false)
        var k = 0
        for i in 0..<validity.count where validity[i] {
            if dense[k] { out[i] = true }
            k += 1
        }
        return out
    }

    /// Offsets for all rows from dense offsets: a null row is an empty value.
    static func spreadOffsets(_ dense: [Int32], _ validity: Bitmap) -> [Int32] {
        var out = [Int32](repeating: 0, count: validity.count + 1)
        var k = 0
        var end: Int32 = 0
        for i in 0..<validity.count {
            if validity[i] {
                end = dense[k + 1]
                k += 1
            }
            out[i + 1] = end
        }
        return out
    }
}

