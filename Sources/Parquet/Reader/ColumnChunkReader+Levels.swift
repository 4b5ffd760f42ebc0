/// The repetition and definition levels of a nested leaf's column chunk, page after page, one
/// byte per entry (levels never exceed the schema depth, which is below 64).
///
/// Level encodings read:
///
/// | page | encoding    | layout                                                                 |
/// |------|-------------|------------------------------------------------------------------------|
/// | v1   | RLE         | 4-byte little-endian length n, then n bytes of RLE/bit-packed hybrid   |
/// | v1   | BIT_PACKED  | ceil(count × width / 8) bytes, values packed most significant bit first |
/// | v2   | RLE         | the header's `repetition_levels_byte_length` / `definition_levels_byte_length` bytes of hybrid, no prefix, never compressed |
///
/// The bit width is that of the column's maximum level (`bitWidth(forMax:)`); a level above the
/// maximum is a corrupt page.
struct LevelBuffers {
    var repetition: [UInt8] = []
    var definition: [UInt8] = []
    /// Entries whose definition level is the leaf's maximum (they have a value).
    var nonNullCount = 0
    /// Entries whose repetition level is 0 (they start a row).
    var rowCount = 0
    /// The first entry and file offset of each data page, to name a page in errors.
    var pageStarts: [PageStart] = []

    struct PageStart {
        var entry: Int
        var offset: Int
    }

    var count: Int { definition.count }

    mutating func reserve(_ n: Int) {
        repetition.reserveCapacity(n)
        definition.reserveCapacity(n)
    }

    /// File offset of the page holding `entry` (the chunk start when unknown).
    func pageOffset(ofEntry entry: Int) -> Int? {
        var found: Int? = nil
        for p in pageStarts {
            if p.entry > entry { break }
            found = p.offset
        }
        return found
    }

    /// Appends a v1 page's levels; returns the non-null count and the bytes they took.
    mutating func appendV1(_ data: UnsafeRawBufferPointer, count n: Int, header: DataPageHeader,
                           leaf: LeafColumn, scratch: inout [UInt32]) throws -> (Int, Int) {
        let (repBytes, rows) = try Self.appendV1(data, count: n, encoding: header.repetitionLevelEncoding,
                                                 maxLevel: leaf.maxRepetitionLevel, counting: 0, kind: "repetition",
                                                 scratch: &scratch, into: &repetition)
        let (defBytes, nonNull) = try Self.appendV1(UnsafeRawBufferPointer(rebasing: data[repBytes...]), count: n,
                                                    encoding: header.definitionLevelEncoding, maxLevel: leaf.maxDefinitionLevel,
                                                    counting: leaf.maxDefinitionLevel, kind: "definition",
                                                    scratch: &scratch, into: &definition)
        rowCount += rows
        nonNullCount += nonNull
        return (nonNull, repBytes + defBytes)
    }

    /// Appends a v2 page's levels (their byte ranges come from the page header); returns the
    /// non-null count.
    mutating func appendV2(_ rep: UnsafeRawBufferPointer, _ def: UnsafeRawBufferPointer, count n: Int,
                           leaf: LeafColumn, scratch: inout [UInt32]) throws -> Int {
        rowCount += try Self.appendHybrid(rep, count: n, maxLevel: leaf.maxRepetitionLevel, counting: 0, kind: "repetition",
                                          scratch: &scratch, into: &repetition)
        let nonNull = try Self.appendHybrid(def, count: n, maxLevel: leaf.maxDefinitionLevel, counting: leaf.maxDefinitionLevel,
                                            kind: "definition", scratch: &scratch, into: &definition)
        nonNullCount += nonNull
        return nonNull
    }

    /// After the last page: the chunk must start a row, and the row count is the number of
    /// entries with repetition level 0.
    func validate(entries: Int, leaf: LeafColumn, path: String) throws -> Int {
        guard repetition.count == entries, definition.count == entries else {
            throw ParquetError(.corruptPage, "column '\(leaf.path.joined(separator: "."))' decoded \(repetition.count) repetition and \(definition.count) definition levels for \(entries) entries",
                               path: path)
        }
        guard let first = repetition.first else { return 0 }
        guard first == 0 else {
            throw ParquetError(.corruptPage, "column '\(leaf.path.joined(separator: "."))', page at byte \(pageStarts.first?.offset ?? 0): the first repetition level is \(first), not 0 (a row must start the column chunk)",
                               path: path, offset: pageStarts.first?.offset)
        }
        return rowCount
    }

    /// One v1 level section; returns the bytes it took and how many levels equal `target`.
    /// A maximum level of 0 means the section is absent and every level is 0.
    private static func appendV1(_ data: UnsafeRawBufferPointer, count n: Int, encoding: Encoding, maxLevel: Int,
                                 counting target: Int, kind: String, scratch: inout [UInt32],
                                 into out: inout [UInt8]) throws -> (Int, Int) {
        if maxLevel == 0 {
            out.append(contentsOf: repeatElement(0, count: n))
            return (0, target == 0 ? n : 0)
        }
        switch encoding {
        case .rle:
            guard data.count >= 4 else { throw ParquetError(.corruptPage, "\(kind) levels are shorter than their length prefix") }
            let length = Int(data.loadUnaligned(as: UInt32.self).littleEndian)
            guard length <= data.count - 4 else {
                throw ParquetError(.corruptPage, "\(kind) levels claim \(length) bytes but the page has \(data.count - 4)")
            }
            let matches = try appendHybrid(UnsafeRawBufferPointer(rebasing: data[4..<4 + length]), count: n, maxLevel: maxLevel,
                                           counting: target, kind: kind, scratch: &scratch, into: &out)
            return (4 + length, matches)
        case .bitPacked:
            let width = bitWidth(forMax: UInt32(maxLevel))
            let length = (n * width + 7) / 8
            guard length <= data.count else {
                throw ParquetError(.corruptPage, "bit-packed \(kind) levels need \(length) bytes but the page has \(data.count)")
            }
            var worst: UInt8 = 0
            var matches = 0
            let t = UInt8(target)
            appendDecoded(&out, count: n, zero: 0) { dst in
                var bit = 0
                for i in 0..<n {
                    var v: UInt8 = 0
                    for _ in 0..<width {
                        // Safe: bit < n × width ≤ 8 × length ≤ 8 × data.count.
                        v = v << 1 | (data[bit >> 3] >> (7 - UInt8(bit & 7))) & 1
                        bit += 1
                    }
                    worst = max(worst, v)
                    matches &+= v == t ? 1 : 0
                    dst[i] = v
                }
            }
            if Int(worst) > maxLevel { throw tooHigh(kind, Int(worst), maxLevel) }
            return (length, matches)
        default:
            throw ParquetError(.unsupported, "\(kind) level encoding \(encoding)")
        }
    }

    /// RLE/bit-packed hybrid levels without a length prefix; returns how many equal `target`.
    private static func appendHybrid(_ data: UnsafeRawBufferPointer, count n: Int, maxLevel: Int, counting target: Int,
                                     kind: String, scratch: inout [UInt32], into out: inout [UInt8]) throws -> Int {
        if maxLevel == 0 {
            out.append(contentsOf: repeatElement(0, count: n))
            return target == 0 ? n : 0
        }
        if scratch.count < n { scratch = [UInt32](repeating: 0, count: n) }
        let width = bitWidth(forMax: UInt32(maxLevel))
        _ = try scratch.withUnsafeMutableBufferPointer {
            try RLEHybrid.decode(data, bitWidth: width, into: UnsafeMutableBufferPointer(rebasing: $0[0..<n]))
        }
        var worst: UInt32 = 0
        var matches = 0
        let t = UInt32(target)
        scratch.withUnsafeBufferPointer { src in
            appendDecoded(&out, count: n, zero: 0) { dst in
                for i in 0..<n {
                    let v = src[i]
                    worst = max(worst, v)
                    matches &+= v == t ? 1 : 0
                    dst[i] = UInt8(truncatingIfNeeded: v)
                }
            }
        }
        if worst > UInt32(maxLevel) { throw tooHigh(kind, Int(worst), maxLevel) }
        return matches
    }

    private static func tooHigh(_ kind: String, _ level: Int, _ maxLevel: Int) -> ParquetError {
        ParquetError(.corruptPage, "\(kind) level \(level) is above the column's maximum \(maxLevel)")
    }
}
