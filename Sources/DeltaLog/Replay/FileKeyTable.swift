/// An open-addressing hash table (linear probing) from a file key — (path bytes, deletion vector
/// id) — to replay's latest entry for it: a live file row or a tombstone.
///
/// The table stores no keys: a slot is `hash32 << 32 | entry` (0 = empty), and the caller checks a
/// candidate entry's key against its own storage. The 32 hash bits both place the slot and filter
/// candidates, so growing needs no rehash of the keys and a mismatch rarely touches key bytes.
/// Entries are never deleted (a removed file's slot changes to its tombstone), so probing needs no
/// deletion markers. The hash is seeded per table, so crafted paths cannot force collisions.
struct FileKeyTable {
    /// An entry: nonzero; `tombstoneBit` set for tombstone index `entry & ~tombstoneBit`,
    /// clear for file row `entry - 1`.
    static let tombstoneBit: UInt32 = 1 << 31

    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0
    let seed: UInt64

    init(expectedKeys: Int) {
        var capacity = 16
        while capacity < expectedKeys * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        seed = UInt64.random(in: 0...UInt64.max)
    }

    /// The slot holding the entry whose key `matches`, or the empty slot where the key belongs.
    @inline(__always)
    func find(hash: UInt32, matches: (UInt32) -> Bool) -> (slot: Int, entry: UInt32?) {
        var i = Int(hash) & mask
        while true {
            let value = slots[i]
            if value == 0 { return (i, nil) }
            if UInt32(truncatingIfNeeded: value >> 32) == hash {
                let entry = UInt32(truncatingIfNeeded: value)
                if matches(entry) { return (i, entry) }
            }
            i = (i + 1) & mask
        }
    }

    /// Stores `entry` in `slot` (from `find` with no mutation since); grows past half full.
    @inline(__always)
    mutating func set(slot: Int, hash: UInt32, entry: UInt32) {
        if slots[slot] == 0 { count += 1 }
        slots[slot] = UInt64(hash) << 32 | UInt64(entry)
        if count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for value in old where value != 0 {
            var i = Int(value >> 32) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = value
        }
    }

    /// A 32-bit hash of a key. Mixes 8 bytes at a time (multiply–xorshift, as in wyhash/murmur
    /// finalizers); the deletion vector id, when present, is mixed in after a separator.
    @inline(__always)
    func hash(_ path: UnsafeRawBufferPointer, deletionVectorId: String?) -> UInt32 {
        var h = FileKeyTable.mix(seed, path)
        if var id = deletionVectorId {
            h = id.withUTF8 { FileKeyTable.mix(h ^ 0xA5A5_A5A5_A5A5_A5A5, UnsafeRawBufferPointer($0)) }
        }
        return UInt32(truncatingIfNeeded: h >> 32)
    }

    @inline(__always)
    private static func mix(_ seed: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var i = 0
        while i + 8 <= bytes.count {
            // Safe: i + 8 ≤ bytes.count.
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        if i < bytes.count {
            var word: UInt64 = 0
            for k in i..<bytes.count { word |= UInt64(bytes[k]) << UInt64(8 * (k - i)) }
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        }
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
