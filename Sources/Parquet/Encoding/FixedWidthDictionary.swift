/// Dictionary builders for the writer: insert values, get dense UInt32 indices; the dictionary is later PLAIN-encoded into the dictionary page.
///
/// Used for Int32, Int64, and Float/Double via their bitPattern (UInt32/UInt64) so NaN/-0.0 are
/// distinct keys by bits. Open addressing with linear probing over a power-of-two table kept at
/// most half full; the hash is a wyhash-style 64×64→128-bit multiply folded to 64 bits.
struct FixedWidthDictionary<T: FixedWidthInteger & Sendable>: Sendable {
    /// Distinct values in index order.
    private(set) var values: [T] = []
    /// Table keys, parallel to `slots`.
    private var keys: [T]
    /// Entry index + 1 per table position; 0 marks an empty position.
    private var slots: [UInt32]

    var count: Int { values.count }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [T](repeating: 0, count: size)
        slots = [UInt32](repeating: 0, count: size)
        values.reserveCapacity(capacity)
    }

    @inline(__always)
    private static func position(_ v: T, _ mask: Int) -> Int {
        let r = (UInt64(truncatingIfNeeded: v) ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(by: 0xE703_7ED1_A0B4_28DB)
        return Int(truncatingIfNeeded: r.high ^ r.low) & mask
    }

    /// Appends the index of each value (inserting new ones) to `indices`. Returns false (and stops, leaving state consistent for a PLAIN fallback) if the dictionary would exceed `maxEntries` or `maxBytes` (entries * MemoryLayout<T>.size).
    ///
    /// On false, `indices` has gained the indices of the values before the first one that did
    /// not fit (so `indices.count` tells how many were taken) and the dictionary holds exactly
    /// the entries those values need.
    @_specialize(where T == Int32)
    @_specialize(where T == Int64)
    @_specialize(where T == UInt32)
    @_specialize(where T == UInt64)
    mutating func insert(_ input: UnsafeBufferPointer<T>, indices: inout [UInt32], maxEntries: Int, maxBytes: Int) -> Bool {
        let n = input.count
        guard n > 0, let src = input.baseAddress else { return true }
        let limit = min(maxEntries, maxBytes / MemoryLayout<T>.size, Int(UInt32.max) - 1)
        let base = indices.count
        indices.append(contentsOf: repeatElement(0, count: n))

        // Work on local arrays (uniquely referenced, so no copies) and put them back at the end.
        var keys = self.keys
        var slots = self.slots
        var values = self.values
        self.keys = []
        self.slots = []
        self.values = []
        var i = 0
        var full = false
        while i < n {
            var grow = false
            let growAt = slots.count / 2
            indices.withUnsafeMutableBufferPointer { idxBuf in
                keys.withUnsafeMutableBufferPointer { k in
                    slots.withUnsafeMutableBufferPointer { s in
                        let out = idxBuf.baseAddress! + base
                        let mask = s.count - 1
                        var lastValue = src[i]
                        var lastIndex = UInt32.max  // no previous value yet
                        while i < n {
                            let v = src[i]
                            if v == lastValue && lastIndex != .max {
                                out[i] = lastIndex
                                i &+= 1
                                continue
                            }
                            var h = Self.position(v, mask)
                            while true {
                                let e = s[h]
                                if e == 0 {
                                    if values.count >= limit { full = true; return }
                                    if values.count >= growAt { grow = true; return }
                                    values.append(v)
                                    s[h] = UInt32(truncatingIfNeeded: values.count)
                                    k[h] = v
                                    lastIndex = UInt32(truncatingIfNeeded: values.count - 1)
                                    break
                                }
                                if k[h] == v {
                                    lastIndex = e &- 1
                                    break
                                }
                                h = (h &+ 1) & mask
                            }
                            lastValue = v
                            out[i] = lastIndex
                            i &+= 1
                        }
                    }
                }
            }
            if full { break }
            if grow {
                let size = slots.count * 2
                keys = [T](repeating: 0, count: size)
                slots = [UInt32](repeating: 0, count: size)
                let mask = size - 1
                for (j, v) in values.enumerated() {
                    var h = Self.position(v, mask)
                    while slots[h] != 0 { h = (h + 1) & mask }
                    slots[h] = UInt32(j + 1)
                    keys[h] = v
                }
            }
        }
        if full { indices.removeLast(n - i) }
        self.keys = keys
        self.slots = slots
        self.values = values
        return !full
    }
}
