import DeltaLog
import DeltaStorage
import Foundation

/// A sliding window over the bytes of a text input, so that a reader holds a few megabytes of a
/// file of any size: the window is the bytes `[windowStart, windowStart + window.count)` of the
/// input; a reader that reaches the window's end in the middle of a record asks to `advance`,
/// which drops what it has consumed and reads the next chunk through the storage contract
/// (`ReadableFile`). Text held in memory is one window that is already final.
final class TextInput {
    /// Bytes read per refill by default (a record longer than this grows the window).
    static let defaultChunkBytes = 4 << 20

    /// Bytes read per refill.
    let chunkBytes: Int
    let name: String
    private let file: (any ReadableFile)?
    private let size: Int
    private(set) var window: [UInt8]
    /// The input offset of `window[0]`.
    private(set) var windowStart = 0

    /// The whole file at `path` on the local file system (read a chunk at a time).
    convenience init(path: String) throws(TextError) {
        let file: any ReadableFile
        do {
            file = try LocalFiles.openForReading(path)
        } catch let e as DeltaError {
            let reason = e.errno == 2 ? "no such file" : e.errno == 21 ? "is a directory" : "cannot read the file: \(e.message)"
            throw TextError(reason, path: path)
        } catch {
            throw TextError("cannot read the file: \(error)", path: path)
        }
        try self.init(file: file, name: path)
    }

    /// A file of any storage, read a chunk at a time.
    init(file: any ReadableFile, name: String, chunkBytes: Int = TextInput.defaultChunkBytes) throws(TextError) {
        self.name = name
        self.file = file
        self.size = file.size
        self.chunkBytes = max(1, chunkBytes)
        self.window = []
        try fill(from: 0)
    }

    /// Text in memory.
    init(bytes: [UInt8], name: String) {
        self.name = name
        self.file = nil
        self.size = bytes.count
        self.chunkBytes = bytes.count
        self.window = bytes
    }

    /// True when the window reaches the end of the input (no more bytes to read).
    var isFinal: Bool { windowStart + window.count >= size }

    /// Drops the bytes before window index `keep` and appends the next chunk; returns how far
    /// window indexes moved (`keep`). Call only when `!isFinal`.
    func advance(keepingFrom keep: Int) throws(TextError) -> Int {
        precondition(!isFinal, "advance past the end of the input")
        window.removeSubrange(0..<keep)
        windowStart += keep
        try append(chunkBytes)
        return keep
    }

    /// Positions the window at input offset `offset` (for a second pass); returns the window index
    /// of that offset.
    func seek(to offset: Int) throws(TextError) -> Int {
        if offset >= windowStart && offset <= windowStart + window.count { return offset - windowStart }
        try fill(from: offset)
        return 0
    }

    private func fill(from offset: Int) throws(TextError) {
        window = []
        windowStart = offset
        try append(chunkBytes)
    }

    private func append(_ count: Int) throws(TextError) {
        guard let file else { return }
        let from = windowStart + window.count
        let n = min(count, size - from)
        guard n > 0 else { return }
        do {
            window.append(contentsOf: try file.read(offset: from, length: n))
        } catch {
            throw TextError("cannot read \(n) bytes at offset \(from): \(error)", path: name)
        }
    }
}
