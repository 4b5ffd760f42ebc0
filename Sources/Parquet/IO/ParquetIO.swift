/// Bytes a `ParquetFileReader` reads: a size and reads at offsets. `ByteSource` (local file or
/// memory) is the built-in one; storage layers plug in their own.
public protocol ParquetInput: Sendable {
    var path: String { get }
    var size: Int { get }
    /// Exactly `length` bytes at `offset`, or a thrown error.
    func read(offset: Int, length: Int) throws -> [UInt8]
}

/// Where a `ParquetFileWriter` writes: bytes appended in order, then `finish()` (make durable
/// and close) or `abort()` (remove the partial file).
public protocol ParquetOutput: AnyObject {
    var path: String { get }
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func finish(sync: Bool) throws
    func abort()
}
