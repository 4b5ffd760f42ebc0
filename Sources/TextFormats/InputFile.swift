import Foundation

/// Loads an input file memory-mapped (pages are read on demand and can be dropped again, so a
/// streaming reader does not pin the whole file in memory).
enum InputFile {
    static func load(_ path: String) throws(TextError) -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw TextError("no such file", path: path)
        }
        guard !isDir.boolValue else { throw TextError("is a directory", path: path) }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw TextError("cannot read the file", path: path)
        }
    }
}

extension InputFile {
    /// `data.withUnsafeBytes` as UInt8 with a typed error.
    static func withBytes<R>(_ data: Data, _ body: (UnsafeBufferPointer<UInt8>) throws(TextError) -> R) throws(TextError) -> R {
        do {
            return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> R in
                try body(raw.bindMemory(to: UInt8.self))
            }
        } catch let e as TextError {
            throw e
        } catch {
            throw TextError("\(error)")
        }
    }
}
