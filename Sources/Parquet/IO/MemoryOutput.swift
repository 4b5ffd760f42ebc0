/// Collects a Parquet file in memory; `bytes` holds it once the writer is closed.
public final class MemoryOutput: ParquetOutput {
    public let path: String
    public private(set) var bytes: [UInt8] = []
    public private(set) var finished = false

    public init(path: String = "<memory>") { self.path = path }

    public func write(_ buffer: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: buffer)
    }

    public func finish(sync: Bool) throws { finished = true }

    public func abort() {
        bytes = []
        finished = false
    }
}
