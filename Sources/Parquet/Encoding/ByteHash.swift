/// A fast non-cryptographic hash for short byte strings (wyhash-style: loads of the first and
/// last bytes, 128-bit multiply-fold mixing), and a word-at-a-time equality check.
enum ByteHash {
    private static let s0: UInt64 = 0xA076_1D64_78BD_642F
    private static let s1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let s2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    @inline(__always)
    static func hash(_ p: UnsafeRawPointer, _ len: Int) -> UInt64 {
        var a: UInt64 = 0
        var b: UInt64 = 0
        var seed = s0
        if len <= 16 {
            if len >= 8 {
                a = p.loadUnaligned(as: UInt64.self)
                b = p.loadUnaligned(fromByteOffset: len - 8, as: UInt64.self)
            } else if len >= 4 {
                a = UInt64(p.loadUnaligned(as: UInt32.self))
                b = UInt64(p.loadUnaligned(fromByteOffset: len - 4, as: UInt32.self))
            } else if len > 0 {
                a = UInt64(p.load(as: UInt8.self)) << 16
                    | UInt64(p.load(fromByteOffset: len >> 1, as: UInt8.self)) << 8
                    | UInt64(p.load(fromByteOffset: len - 1, as: UInt8.self))
            }
        } else {
            var i = 0
            while len - i > 16 {
                seed = mix(p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ s1,
                           p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ seed)
                i += 16
            }
            a = p.loadUnaligned(fromByteOffset: len - 16, as: UInt64.self)
            b = p.loadUnaligned(fromByteOffset: len - 8, as: UInt64.self)
        }
        return mix(s2 ^ UInt64(len), mix(a ^ s1, b ^ seed))
    }

    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ len: Int) -> Bool {
        var i = 0
        while i + 8 <= len {
            if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < len {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i += 1
        }
        return true
    }
}
