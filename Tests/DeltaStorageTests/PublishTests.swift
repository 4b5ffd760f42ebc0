import DeltaLog
import Foundation
import Testing
@testable import DeltaStorage

@Suite struct PublishTests {
    func finished(_ storage: LocalTableStorage, _ path: String, _ bytes: [UInt8]) throws {
        let file = try storage.createNew(path)
        try bytes.withUnsafeBytes { try file.write($0) }
        try file.sync()
        try file.close()
    }

    @Test func publishLinksAFinishedFileIntoPlaceOnceAndRemovesTheTemporary() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        try finished(storage, "_delta_log/.tmp-a", [1, 2, 3])
        #expect(try storage.publish("_delta_log/.tmp-a", as: "_delta_log/5.checkpoint.parquet") == .created)
        #expect(try storage.read("_delta_log/5.checkpoint.parquet") == [1, 2, 3])
        #expect(try !storage.exists("_delta_log/.tmp-a"))
        // A second publisher of the same name loses and its temporary file is removed.
        try finished(storage, "_delta_log/.tmp-b", [9])
        #expect(try storage.publish("_delta_log/.tmp-b", as: "_delta_log/5.checkpoint.parquet") == .alreadyExists)
        #expect(try storage.read("_delta_log/5.checkpoint.parquet") == [1, 2, 3])
        #expect(try !storage.exists("_delta_log/.tmp-b"))
        #expect(try storage.list(directory: "_delta_log").map(\.name) == ["5.checkpoint.parquet"])
    }

    @Test func publishAcrossDirectoriesIsRefused() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        try finished(storage, "a/.tmp-x", [1])
        let e = #expect(throws: DeltaError.self) { try storage.publish("a/.tmp-x", as: "b/x") }
        #expect(e?.code == .invalidArgument)
        #expect(try !storage.exists("b/x"))
    }

    @Test func publishOfAMissingTemporaryIsAnIOError() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let e = #expect(throws: DeltaError.self) { try storage.publish("_delta_log/.tmp-gone", as: "_delta_log/x") }
        #expect(e?.code == .io)
    }
}
