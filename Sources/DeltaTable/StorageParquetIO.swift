import DeltaLog
import DeltaStorage
import Parquet

/// A storage file as a Parquet reader's input.
struct StorageParquetInput: ParquetInput {
    let file: any ReadableFile
    var path: String { file.path }
    var size: Int { file.size }
    func read(offset: Int, length: Int) throws -> [UInt8] { try file.read(offset: offset, length: length) }
}

/// A new storage file as a Parquet writer's output.
final class StorageParquetOutput: ParquetOutput {
    let file: any WritableFile
    init(_ file: any WritableFile) { self.file = file }
    var path: String { file.path }
    func write(_ bytes: UnsafeRawBufferPointer) throws { try file.write(bytes) }
    func finish(sync: Bool) throws {
        if sync { try file.sync() }
        try file.close()
    }
    func abort() { file.abort() }
}
