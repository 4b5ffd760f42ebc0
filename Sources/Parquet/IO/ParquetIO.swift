/// Bytes a `ParquetFileReader` reads: a size and reads at offsets. The module does no I/O of
/// its own: a storage layer's files implement this (DeltaLog's `ReadableFile` refines it), and
/// `MemoryInput` serves bytes already in memory.
public protocol ParquetInput: Sendable {
    var path: String { get }
    var size: Int { get }
    /// Exactly `length` bytes at `offset`, or a thrown error.
    func read(offset: Int, length: Int) throws -> [UInt8]
}

/// Where a `ParquetFileWriter` writes: bytes appended in order, then `finish()` (make durable
/// and close) or `abort()` (remove the partial file). DeltaLog's `WritableFile` refines it;
/// `MemoryOutput` collects the bytes in memory.
public protocol ParquetOutput: AnyObject {
    var path: String { get }
    func write(_ bytes: UnsafeRawBufferPointer) throws
    func finish(sync: Bool) throws
    func abort()
}
