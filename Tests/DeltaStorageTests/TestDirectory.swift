import Foundation
import Glibc
@testable import DeltaStorage

/// A fresh directory under the system temp directory, removed by `remove()`.
struct TestDirectory {
    let path: String

    init(_ label: String = #function) {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/deltastorage-\(label.prefix(while: { $0.isLetter || $0.isNumber }))-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Bytes of a file, or nil if it does not exist.
    func contents(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path + "/" + relative).map { [UInt8]($0) }
    }

    /// Names in a directory (relative), or [] if missing.
    func names(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: relative.isEmpty ? path : path + "/" + relative)) ?? []).sorted()
    }

    func tempFiles(_ relative: String) -> [String] {
        names(relative).filter { $0.hasPrefix(".tmp-") }
    }
}

/// A payload whose every byte says who wrote it, so a torn or mixed file is detectable.
func payload(writer: Int, version: Int, sizeBytes: Int = 3000) -> [UInt8] {
    let line = Array("{\"writer\":\(writer),\"version\":\(version)}\n".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(sizeBytes + line.count)
    while bytes.count < sizeBytes { bytes += line }
    return bytes
}

func commitName(_ version: Int) -> String {
    let digits = String(version)
    return "_delta_log/" + String(repeating: "0", count: 20 - digits.count) + digits + ".json"
}
