/// A Parquet file held in memory (tests, fuzzing, bytes fetched whole from elsewhere).
public struct MemoryInput: ParquetInput {
    public let path: String
    public let bytes: [UInt8]
    public var size: Int { bytes.count }

    public init(bytes: [UInt8], path: String = "<memory>") {
        self.bytes = bytes
        self.path = path
    }

    /// Throws `.truncated` if the range is outside the bytes.
    public func read(offset: Int, length: Int) throws -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= size, length <= size - offset else {
            throw ParquetError(.truncated, "a read of \(length) bytes at offset \(offset) runs past the end of the \(size)-byte file",
                               path: path, offset: offset)
        }
        return Array(bytes[offset..<offset + length])
    }
}
