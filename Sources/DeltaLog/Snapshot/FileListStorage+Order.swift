/// The order of a snapshot's files: path as UTF-8 bytes (byte-wise, i.e. by code point, not
/// Swift's Unicode-aware `String <`), then deletion vector id with no vector first, ids also
/// byte-wise. Byte-wise is what other engines do and what a `memcmp` can check quickly.
enum ByteOrder {
    /// Negative, zero or positive as `a` sorts before, equal to or after `b`, byte-wise.
    @inline(__always)
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        var i = 0
        while i + 8 <= common {
            // Safe: i + 8 ≤ count of both buffers.
            let x = UInt64(bigEndian: a.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let y = UInt64(bigEndian: b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if x != y { return x < y ? -1 : 1 }
            i += 8
        }
        while i < common {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) } }
    }

    /// Deletion vector ids: nil first, then byte-wise.
    static func compare(deletionVector a: String?, _ b: String?) -> Int {
        switch (a, b) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?): return compare(x, y)
        }
    }

    static func compare(_ a: FileKey, _ b: FileKey) -> Int {
        let byPath = compare(a.path, b.path)
        return byPath != 0 ? byPath : compare(deletionVector: a.deletionVectorId, b.deletionVectorId)
    }
}

extension FileListStorage {
    /// Byte-wise key comparison of two rows.
    func compareKeys(_ a: Int, _ b: Int) -> Int {
        let byPath = withUnsafePathBytes(a) { x in withUnsafePathBytes(b) { y in ByteOrder.compare(x, y) } }
        return byPath != 0 ? byPath : ByteOrder.compare(deletionVector: deletionVectorId(a), deletionVectorId(b))
    }

    /// Byte-wise comparison of a row's key with `key`.
    func compareKey(_ row: Int, _ key: FileKey) -> Int {
        var path = key.path
        let byPath = path.withUTF8 { y in withUnsafePathBytes(row) { x in ByteOrder.compare(x, UnsafeRawBufferPointer(y)) } }
        return byPath != 0 ? byPath : ByteOrder.compare(deletionVector: deletionVectorId(row), key.deletionVectorId)
    }

    /// `rows` sorted by key; rows with equal keys keep their relative order.
    ///
    /// An MSD sort on 8-byte big-endian prefixes: sort (prefix, bytes remaining, row) items by
    /// prefix, then re-sort each run of equal prefixes by its next 8 bytes, and so on. Each pass
    /// compares integers in a contiguous array; path bytes are touched once per 8 bytes of common
    /// prefix instead of once per comparison.
    func sortedByKey(_ rows: [Int32]) -> [Int32] {
        guard rows.count > 1 else { return rows }
        var items = [SortItem](repeating: SortItem(prefix: 0, remaining: 0, row: 0), count: rows.count)
        chunkBases.withUnsafeBufferPointer { bases in
            starts.withUnsafeBufferPointer { starts in
                pathLengths.withUnsafeBufferPointer { lengths in
                    /// The item for `row` holding path bytes depth..<depth+8.
                    @inline(__always) func item(_ row: Int32, depth: Int) -> SortItem {
                        let r = Int(row)
                        let remaining = Int(lengths[r]) - depth
                        let start = starts[r]
                        // Safe: depth ≤ length (callers only go deeper while ≥ 9 bytes remain).
                        let bytes = bases[start >> 32] + (start & 0xFFFF_FFFF) + depth
                        var prefix: UInt64 = 0
                        if remaining >= 8 {
                            prefix = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
                        } else {
                            for k in 0..<remaining {
                                prefix |= UInt64(bytes.load(fromByteOffset: k, as: UInt8.self)) << UInt64(56 - 8 * k)
                            }
                        }
                        return SortItem(prefix: prefix, remaining: UInt8(min(remaining, 9)), row: row)
                    }
                    items.withUnsafeMutableBufferPointer { all in
                        for i in rows.indices { all[i] = item(rows[i], depth: 0) }
                        var work: [(low: Int, high: Int, depth: Int)] = [(0, rows.count, 0)]
                        while let (low, high, depth) = work.popLast() {
                            var run = UnsafeMutableBufferPointer(rebasing: all[low..<high])
                            if depth > 0 { for i in run.indices { run[i] = item(run[i].row, depth: depth) } }
                            run.sort { ($0.prefix, $0.remaining, $0.row) < ($1.prefix, $1.remaining, $1.row) }
                            var i = 0
                            while i < run.count {
                                var j = i + 1
                                while j < run.count && run[j].prefix == run[i].prefix && run[j].remaining == run[i].remaining { j += 1 }
                                if j - i > 1 {
                                    if run[i].remaining == 9 {
                                        work.append((low + i, low + j, depth + 8))
                                    } else {
                                        // Equal paths: order by deletion vector id (rare).
                                        var ties = UnsafeMutableBufferPointer(rebasing: run[i..<j])
                                        ties.sort {
                                            let c = ByteOrder.compare(deletionVector: deletionVectorId(Int($0.row)),
                                                                      deletionVectorId(Int($1.row)))
                                            return c != 0 ? c < 0 : $0.row < $1.row
                                        }
                                    }
                                }
                                i = j
                            }
                        }
                    }
                }
            }
        }
        return items.map(\.row)
    }
}

/// One row during `sortedByKey`: the next 8 path bytes (zero-padded, big-endian), how many
/// bytes remained at this depth (capped at 9 = "more than these 8"), and the row.
struct SortItem {
    var prefix: UInt64
    var remaining: UInt8
    var row: Int32
}
