/// A packed sequence of bits, least-significant bit first within each 64-bit word
/// (bit i lives in `words[i >> 6]` at position `i & 63`). Bits past `count` are always zero.
public struct Bitmap: Sendable, Hashable {
    public internal(set) var words: [UInt64]
    public internal(set) var count: Int

    public init() {
        words = []
        count = 0
    }

    /// `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        precondition(count >= 0, "negative bitmap length")
        self.count = count
        let n = (count + 63) >> 6
        words = [UInt64](repeating: value ? ~0 : 0, count: n)
        if value { clearTail() }
    }

    /// Wraps existing words; bits past `count` are cleared.
    public init(words: [UInt64], count: Int) {
        precondition(words.count == (count + 63) >> 6, "word count does not match bit count")
        self.words = words
        self.count = count
        clearTail()
    }

    public init<S: Sequence>(_ bits: S) where S.Element == Bool {
        self.init()
        for b in bits { append(b) }
    }

    public mutating func reserveCapacity(_ bits: Int) {
        words.reserveCapacity((bits + 63) >> 6)
    }

    public subscript(i: Int) -> Bool {
        get {
            precondition(i >= 0 && i < count, "bit index out of range")
            return words[i >> 6] & (1 << UInt64(i & 63)) != 0
        }
        set {
            precondition(i >= 0 && i < count, "bit index out of range")
            if newValue {
                words[i >> 6] |= 1 << UInt64(i & 63)
            } else {
                words[i >> 6] &= ~(1 << UInt64(i & 63))
            }
        }
    }

    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        if bit { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// Appends `n` copies of `bit`.
    public mutating func append(repeating bit: Bool, count n: Int) {
        precondition(n >= 0)
        if n == 0 { return }
        let newCount = count + n
        let needed = (newCount + 63) >> 6
        if words.count < needed { words.append(contentsOf: repeatElement(0, count: needed - words.count)) }
        if bit {
            var i = count
            // Fill to the word boundary bit by bit, then whole words.
            while i < newCount && i & 63 != 0 { words[i >> 6] |= 1 << UInt64(i & 63); i += 1 }
            while i + 64 <= newCount { words[i >> 6] = ~0; i += 64 }
            while i < newCount { words[i >> 6] |= 1 << UInt64(i & 63); i += 1 }
        }
        count = newCount
    }

    /// Number of set bits.
    public var setCount: Int {
        var total = 0
        for w in words { total &+= w.nonzeroBitCount }
        return total
    }

    /// True when every bit is set.
    public var allSet: Bool { setCount == count }

    private mutating func clearTail() {
        let r = count & 63
        if r != 0 { words[words.count - 1] &= (1 << UInt64(r)) - 1 }
    }
}
