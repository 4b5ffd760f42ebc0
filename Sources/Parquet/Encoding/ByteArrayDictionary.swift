/// Dictionary builder for BYTE_ARRAY values: dense UInt32 indices for the writer, entries kept
/// in offsets + data layout for the PLAIN-encoded dictionary page.
///
/// Open addressing with linear probing over a power-of-two table kept at most half full. Each
/// table slot carries the low 32 bits of the value's hash (position and tag) and where the entry's
/// bytes live, so a probe touches only the slot and, on a tag match, the entry's bytes.
struct ByteArrayDictionary: Sendable {
    private struct Slot: Sendable {
        var hash: UInt32
        /// Entry index + 1; 0 marks an empty slot.
        var index: UInt32
        var start: UInt32
        var length: UInt32
    }

    /// dictionary entries, offsets + data layout, starting with 0
    private(set) var offsets: [Int32] = [0]
    /// Entry bytes; only the first `used` bytes are meaningful (the rest is growth room).
    private var storage: [UInt8]
    private var used = 0
    private var slots: [Slot]
    private(set) var plainEncodedSize = 0

    var data: [UInt8] { Array(storage[0..<used]) }
    var count: Int { offsets.count - 1 }

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(hash: 0, index: 0, start: 0, length: 0), count: size)
        storage = [UInt8](repeating: 0, count: max(capacity * 16, 64))
        offsets.reserveCapacity(capacity + 1)
    }

    /// Inserts the values of rows (data[offsets[r]..<offsets[r+1]] for r in rows, or all rows if nil); appends indices. Returns false if dictionary would exceed maxEntries or maxBytes (sum of PLAIN-encoded sizes = 4 + len each).
    ///
    /// On false, `indices` has gained the indices of the rows before the first one that did not
    /// fit, and the dictionary holds exactly the entries those rows need.
    mutating func insert(offsets valueOffsets: UnsafeBufferPointer<Int32>, data valueData: UnsafeRawBufferPointer,
                         rows: UnsafeBufferPointer<Int32>?, indices: inout [UInt32], maxEntries: Int, maxBytes: Int) -> Bool {
        let n = rows?.count ?? max(valueOffsets.count - 1, 0)
        guard n > 0 else { return true }
        let limit = min(maxEntries, Int(UInt32.max) - 1)
        let base = indices.count
        indices.append(contentsOf: repeatElement(0, count: n))

        var slots = self.slots
        var storage = self.storage
        var entryOffsets = self.offsets
        self.slots = []
        self.storage = []
        self.offsets = []
        var used = self.used
        var encodedSize = self.plainEncodedSize
        var i = 0
        var full = false
        let rowPointer = rows?.baseAddress
        let dataBase = valueData.baseAddress
        while i < n {
            var growTable = false
            var growData = 0
            let growAt = slots.count / 2
            indices.withUnsafeMutableBufferPointer { idxBuf in
                slots.withUnsafeMutableBufferPointer { s in
                    storage.withUnsafeMutableBytes { store in
                        let out = idxBuf.baseAddress! + base
                        let mask = s.count - 1
                        let dict = store.baseAddress!
                        while i < n {
                            let r = rowPointer.map { Int($0[i]) } ?? i
                            precondition(r >= 0 && r + 1 < valueOffsets.count, "row \(r) out of range")
                            let lo = Int(valueOffsets[r])
                            let len = Int(valueOffsets[r + 1]) - lo
                            precondition(lo >= 0 && len >= 0 && lo + len <= valueData.count, "byte array offsets out of range")
                            let p = dataBase.map { UnsafeRawPointer($0 + lo) } ?? UnsafeRawPointer(dict)
                            let hash = UInt32(truncatingIfNeeded: ByteHash.hash(p, len))
                            var h = Int(hash) & mask
                            while true {
                                let slot = s[h]
                                if slot.index == 0 {
                                    let newSize = encodedSize + 4 + len
                                    if entryOffsets.count - 1 >= limit || newSize > maxBytes || used + len > Int(Int32.max) {
                                        full = true
                                        return
                                    }
                                    if entryOffsets.count - 1 >= growAt { growTable = true; return }
                                    if used + len > store.count { growData = used + len; return }
                                    if len > 0 { (dict + used).copyMemory(from: p, byteCount: len) }
                                    let index = UInt32(truncatingIfNeeded: entryOffsets.count)
                                    s[h] = Slot(hash: hash, index: index, start: UInt32(truncatingIfNeeded: used),
                                                length: UInt32(truncatingIfNeeded: len))
                                    used += len
                                    encodedSize = newSize
                                    entryOffsets.append(Int32(truncatingIfNeeded: used))
                                    out[i] = index - 1
                                    break
                                }
                                if slot.hash == hash && Int(slot.length) == len
                                    && ByteHash.equal(UnsafeRawPointer(dict + Int(slot.start)), p, len) {
                                    out[i] = slot.index - 1
                                    break
                                }
                                h = (h &+ 1) & mask
                            }
                            i &+= 1
                        }
                    }
                }
            }
            if full { break }
            if growData > 0 {
                storage.append(contentsOf: repeatElement(0, count: max(growData, storage.count * 2) - storage.count))
            }
            if growTable {
                let size = slots.count * 2
                let mask = size - 1
                var grown = [Slot](repeating: Slot(hash: 0, index: 0, start: 0, length: 0), count: size)
                for slot in slots where slot.index != 0 {
                    var h = Int(slot.hash) & mask
                    while grown[h].index != 0 { h = (h + 1) & mask }
                    grown[h] = slot
                }
                slots = grown
            }
        }
        if full { indices.removeLast(n - i) }
        self.slots = slots
        self.storage = storage
        self.offsets = entryOffsets
        self.used = used
        self.plainEncodedSize = encodedSize
        return !full
    }
}
