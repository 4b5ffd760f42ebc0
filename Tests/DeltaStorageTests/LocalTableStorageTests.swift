import DeltaLog
import Foundation
import Testing
@testable import DeltaStorage

@Suite struct LocalTableStorageTests {
    @Test func listSortsByNameBytesSkipsDotEntriesAndReportsSizeAndKind() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let names = ["日本", "a b", "9.json", "é.json", "Z", "10.json", "a"]
        for (i, name) in names.enumerated() {
            #expect(try storage.putIfAbsent("d/" + name, contents: Array(repeating: 1, count: i)) == .created)
        }
        try FileManager.default.createDirectory(atPath: dir.path + "/d/sub", withIntermediateDirectories: false)
        let entries = try storage.list(directory: "d")
        #expect(entries.map(\.name) == ["10.json", "9.json", "Z", "a", "a b", "sub", "é.json", "日本"])
        #expect(entries.first { $0.name == "日本" }?.size == 0)
        #expect(entries.first { $0.name == "10.json" }?.size == 5)
        #expect(entries.filter(\.isDirectory).map(\.name) == ["sub"])
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(entries.allSatisfy { abs($0.modificationTime - now) < 60_000 })
    }

    @Test func listOfMissingDirectoryIsEmpty() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        #expect(try LocalTableStorage(root: dir.path + "/nope").list(directory: "_delta_log") == [])
    }

    @Test func readOfMissingFileThrowsIoNamingTheAbsolutePath() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let error = #expect(throws: DeltaError.self) { try storage.read("_delta_log/00000000000000000007.json") }
        #expect(error?.code == .io)
        #expect(error?.path == dir.path + "/_delta_log/00000000000000000007.json")
        #expect(error?.message.contains("No such file or directory (errno 2)") == true)
        #expect(error?.message.contains(dir.path + "/_delta_log/00000000000000000007.json") == true)
    }

    @Test func putIfAbsentCreatesRootAndLogDirectoriesThenRefusesASecondWriter() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path + "/new/table/")
        #expect(storage.root == dir.path + "/new/table")
        #expect(try storage.putIfAbsent(commitName(0), contents: payload(writer: 1, version: 0)) == .created)
        #expect(try storage.putIfAbsent(commitName(0), contents: payload(writer: 2, version: 0)) == .alreadyExists)
        #expect(try storage.read(commitName(0)) == payload(writer: 1, version: 0))
        #expect(dir.names("new/table/_delta_log") == ["00000000000000000000.json"])
        #expect(try storage.exists(commitName(0)))
        #expect(try !storage.exists(commitName(1)))
    }

    @Test func emptyContentsAreCommittedAsAnEmptyFile() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        #expect(try storage.putIfAbsent("x", contents: []) == .created)
        #expect(try storage.read("x") == [])
    }

    @Test func replaceSwapsTheWholeContentAndLeavesNoTempFile() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        try storage.replace("_delta_log/_last_checkpoint", contents: Array("{\"version\":10}".utf8))
        try storage.replace("_delta_log/_last_checkpoint", contents: Array("{\"version\":20,\"size\":3}".utf8))
        #expect(try storage.read("_delta_log/_last_checkpoint") == Array("{\"version\":20,\"size\":3}".utf8))
        #expect(dir.names("_delta_log") == ["_last_checkpoint"])
    }

    @Test func createNewWritesSyncsAndNeverOverwrites() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let file = try storage.createNew("date=2024-01-01/part-0001.parquet")
        try [UInt8](repeating: 7, count: 100_000).withUnsafeBytes { try file.write($0) }
        try [UInt8]([1, 2, 3]).withUnsafeBytes { try file.write($0) }
        #expect(file.bytesWritten == 100_003)
        try file.sync()
        try file.close()
        #expect(try storage.read("date=2024-01-01/part-0001.parquet").count == 100_003)
        let again = #expect(throws: DeltaError.self) { try storage.createNew("date=2024-01-01/part-0001.parquet") }
        #expect(again?.code == .io)
        #expect(again?.message.contains("errno 17") == true)
        #expect(try storage.read("date=2024-01-01/part-0001.parquet").count == 100_003)
    }

    @Test func abortRemovesThePartialFile() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let file = try storage.createNew("part-0002.parquet")
        try [UInt8](repeating: 1, count: 10).withUnsafeBytes { try file.write($0) }
        file.abort()
        #expect(try !storage.exists("part-0002.parquet"))
    }

    @Test func openForReadingReadsRangesAndRejectsOutOfBounds() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        _ = try storage.putIfAbsent("f.bin", contents: bytes)
        let file = try storage.openForReading("f.bin")
        #expect(file.size == 1000)
        #expect(try file.read(offset: 990, length: 10) == Array(bytes[990...]))
        #expect(try file.read(offset: 1000, length: 0) == [])
        let error = #expect(throws: DeltaError.self) { try file.read(offset: 995, length: 10) }
        #expect(error?.code == .io)
        #expect(error?.path == dir.path + "/f.bin")
    }

    @Test func concurrentPreadsReturnTheirOwnRanges() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let bytes = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        _ = try storage.putIfAbsent("f.bin", contents: bytes)
        let file = try storage.openForReading("f.bin")
        let mismatches = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let offset = i * 1024
            if (try? file.read(offset: offset, length: 1024)) != Array(bytes[offset..<offset + 1024]) {
                mismatches.add(1)
            }
        }
        #expect(mismatches.value == 0)
    }

    @Test func deleteReportsWhetherTheFileExisted() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        _ = try storage.putIfAbsent("a", contents: [1])
        #expect(try storage.delete("a"))
        #expect(try !storage.delete("a"))
    }

    @Test(arguments: ["", "/etc/passwd", "../x", "a/../b", "a//b", "./a", "a/"])
    func pathsThatCouldEscapeTheTableAreRejected(path: String) throws {
        let storage = LocalTableStorage(root: "/nonexistent-root")
        let error = #expect(throws: DeltaError.self) { try storage.read(path) }
        #expect(error?.code == .invalidArgument)
    }

    @Test func syncDirectoryOfRootAndMissingDirectory() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        try storage.syncDirectory("")
        let error = #expect(throws: DeltaError.self) { try storage.syncDirectory("missing") }
        #expect(error?.code == .io)
        #expect(error?.path == dir.path + "/missing")
    }
}

/// A tiny lock-protected counter for tests.
final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var v: Int
    init(_ v: Int) { self.v = v }
    func add(_ n: Int) { lock.lock(); v += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return v }
}
