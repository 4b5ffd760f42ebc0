/// Append-only byte storage in fixed-size chunks, for the strings of a `FileList` (paths, stats).
///
/// Why chunks and not one growing `[UInt8]`: a growing array doubles and copies, so at 200 MB of
/// stats it briefly holds 128 + 256 MB. Chunks never move: the slack is at most one chunk, and a
/// chunk's untouched tail is never paged in.
///
/// A value is never split across chunks; one longer than `chunkBytes` gets a chunk of its own.
/// A position is `chunk index << 32 | offset in chunk`.
///
/// Thread safety: bytes are written once, by the single owner that appends, before any reader can
/// be handed their position; they never change afterwards. Readers hold a copy of `chunkBases`
/// taken after the bytes were written (`FileListStorage` does), so a later append — which may
/// grow `chunkBases` — does not touch memory a reader uses.
final class ByteArena: @unchecked Sendable {
    static let chunkBytes = 1 << 22

    /// The start of each chunk, in order.
    private(set) var chunkBases: [UnsafeRawPointer] = []
    private var tail: UnsafeMutableRawPointer?
    private var tailUsed = 0
    private var tailCapacity = 0

    init() {}

    deinit {
        // Safe: every base was allocated by `append` with `allocate(byteCount:alignment:)`.
        for base in chunkBases { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }

    /// Copies `first` then `second` contiguously; returns the position of the first byte.
    func append(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> Int {
        let count = first.count + second.count
        if tail == nil || tailUsed + count > tailCapacity {
            let capacity = max(count, ByteArena.chunkBytes)
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: max(capacity, 1), alignment: 8)
            chunkBases.append(UnsafeRawPointer(chunk))
            tail = chunk
            tailUsed = 0
            tailCapacity = capacity
        }
        // Safe: tail was allocated above with room for `count` more bytes after tailUsed.
        let destination = tail! + tailUsed
        if let base = first.baseAddress, first.count > 0 { destination.copyMemory(from: base, byteCount: first.count) }
        if let base = second.baseAddress, second.count > 0 {
            (destination + first.count).copyMemory(from: base, byteCount: second.count)
        }
        let position = (chunkBases.count - 1) << 32 | tailUsed
        tailUsed += count
        return position
    }

    /// The bytes at `position` through the given chunk bases (a reader's copy of `chunkBases`).
    /// Valid while the arena is alive.
    @inline(__always)
    static func unsafeBytes(_ bases: UnsafeBufferPointer<UnsafeRawPointer>, at position: Int, count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: bases[position >> 32] + (position & 0xFFFF_FFFF), count: count)
    }
}
