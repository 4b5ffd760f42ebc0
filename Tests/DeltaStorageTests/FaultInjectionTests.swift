#if DEBUG
import DeltaLog
import Foundation
import Glibc
import Testing
@_spi(Testing) @testable import DeltaStorage
@_spi(Testing) import DeltaTestSupport

/// "Fail the k-th call, for every k" along each write path (RELIABILITY.md, I/O errors).
@Suite struct FaultInjectionTests {
    /// The calls of one commit into an existing `_delta_log/`.
    static func commitCalls(freshRoot: Bool) throws -> [CallKind] {
        let dir = TestDirectory(); defer { dir.remove() }
        let calls = FaultInjectingCalls()
        let storage = LocalTableStorage(root: dir.path + "/t", calls: calls)
        if !freshRoot { _ = try LocalTableStorage(root: dir.path + "/t").putIfAbsent(commitName(0), contents: [1]) }
        #expect(try storage.putIfAbsent(commitName(1), contents: payload(writer: 1, version: 1)) == .created)
        return calls.log
    }

    @Test func commitIntoExistingLogMakesExactlyTheDocumentedCalls() throws {
        #expect(try Self.commitCalls(freshRoot: false) ==
                [.open, .write, .fsync, .close, .link, .unlink, .open, .fsync, .close])
    }

    @Test func commitIntoMissingRootCreatesEachDirectoryAndSyncsItsParent() throws {
        #expect(try Self.commitCalls(freshRoot: true) ==
                [.open,                                         // ENOENT
                 .stat, .stat, .stat, .mkdir, .open, .fsync, .close, .mkdir, .open, .fsync, .close,
                 .open, .write, .fsync, .close, .link, .unlink, .open, .fsync, .close])
    }

    @Test(arguments: [EIO, ENOSPC], [false, true])
    func failingEveryCallOfACommitGivesATypedErrorAndNeverAPartialFile(errno code: Int32, freshRoot: Bool) throws {
        let calls = try Self.commitCalls(freshRoot: freshRoot)
        for persistent in [false, true] {
            for k in 1...calls.count {
                let dir = TestDirectory(); defer { dir.remove() }
                let faults = FaultInjectingCalls()
                let storage = LocalTableStorage(root: dir.path + "/t", calls: faults)
                if !freshRoot { _ = try LocalTableStorage(root: dir.path + "/t").putIfAbsent(commitName(0), contents: [1]) }
                faults.inject(.fail(errno: code), atCall: k, persistent: persistent)
                let expected = payload(writer: 1, version: 1)
                let context = "k=\(k) (\(calls[k - 1])) persistent=\(persistent)"
                var outcome: PutOutcome?
                do {
                    outcome = try storage.putIfAbsent(commitName(1), contents: expected)
                } catch let error as DeltaError {
                    #expect(error.code == .io || error.code == .commitOutcomeUnknown, "\(context): \(error)")
                    #expect(error.message.contains("(errno \(code))"), "\(context): \(error)")
                    #expect(error.path?.hasPrefix(dir.path) == true, "\(context): \(error)")   // the file or a directory being created
                    if error.code == .io {
                        #expect(dir.contents("t/" + commitName(1)) == nil, "\(context): .io but the commit exists")
                    } else {
                        #expect(dir.contents("t/" + commitName(1)) == expected, "\(context): outcome unknown but not visible")
                    }
                }
                if outcome != nil {
                    #expect(outcome == .created, "\(context)")
                    #expect(dir.contents("t/" + commitName(1)) == expected, "\(context)")
                }
                let final = dir.contents("t/" + commitName(1))
                #expect(final == nil || final == expected, "\(context): partial commit")
                // A temp file stays behind only when the failing call is the unlink meant to
                // remove it (once: step 6; persistent: any failure after the temp exists).
                let leftovers = dir.tempFiles("t/_delta_log")
                let unlinkFailed = calls[k - 1] == .unlink || (persistent && calls[(k - 1)...].contains(.unlink))
                if !unlinkFailed { #expect(leftovers == [], "\(context): temp files \(leftovers)") }
                #expect(leftovers.count <= 1, "\(context)")
            }
        }
    }

    @Test func interruptedCallsAreRetriedInvisiblyExceptFsync() throws {
        let calls = try Self.commitCalls(freshRoot: true)
        for k in 1...calls.count {
            let dir = TestDirectory(); defer { dir.remove() }
            let faults = FaultInjectingCalls()
            let storage = LocalTableStorage(root: dir.path + "/t", calls: faults)
            faults.inject(.eintr, atCall: k)
            let expected = payload(writer: 1, version: 1)
            let context = "k=\(k) (\(calls[k - 1]))"
            if calls[k - 1] == .fsync {
                // fsync is never retried: an interrupted fsync is a failed fsync.
                #expect(throws: DeltaError.self, "\(context)") { try storage.putIfAbsent(commitName(1), contents: expected) }
            } else {
                #expect(try storage.putIfAbsent(commitName(1), contents: expected) == .created, "\(context)")
                #expect(dir.contents("t/" + commitName(1)) == expected, "\(context)")
                #expect(dir.tempFiles("t/_delta_log") == [], "\(context)")
            }
        }
    }

    @Test func shortWritesAreRetriedUntilEveryByteIsWritten() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let faults = FaultInjectingCalls()
        let storage = LocalTableStorage(root: dir.path, calls: faults)
        faults.inject(.shortWrite, atCall: 1, kind: .write, persistent: true)
        let expected = payload(writer: 3, version: 0, sizeBytes: 100_000)
        #expect(try storage.putIfAbsent(commitName(0), contents: expected) == .created)
        #expect(dir.contents(commitName(0)) == expected)
        #expect(faults.log.filter { $0 == .write }.count >= 17)   // 100 000 bytes halved each time

        let file = try storage.createNew("part-1.parquet")
        try expected.withUnsafeBytes { try file.write($0) }
        try file.sync()
        try file.close()
        #expect(try storage.read("part-1.parquet") == expected)
    }

    @Test func shortReadsAreRetried() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let expected = payload(writer: 1, version: 1, sizeBytes: 50_000)
        _ = try LocalTableStorage(root: dir.path).putIfAbsent("f", contents: expected)
        let faults = FaultInjectingCalls()
        faults.inject(.shortWrite, atCall: 1, kind: .pread, persistent: true)
        faults.inject(.eintr, atCall: 3, kind: .pread)
        #expect(try LocalTableStorage(root: dir.path, calls: faults).read("f") == expected)
    }

    @Test func persistentEintrIsBoundedAndReported() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let faults = FaultInjectingCalls()
        faults.inject(.eintr, atCall: 1, kind: .write, persistent: true)
        let error = #expect(throws: DeltaError.self) {
            try LocalTableStorage(root: dir.path, calls: faults).putIfAbsent("a", contents: [1, 2, 3])
        }
        #expect(error?.code == .io)
        #expect(error?.message.contains("errno \(EINTR)") == true)
        #expect(dir.names("") == [])
    }

    @Test func linkEexistCleansUpTheTempFile() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let faults = FaultInjectingCalls()
        let storage = LocalTableStorage(root: dir.path, calls: faults)
        _ = try storage.putIfAbsent(commitName(0), contents: [1])
        #expect(try storage.putIfAbsent(commitName(0), contents: [2]) == .alreadyExists)
        #expect(dir.names("_delta_log") == ["00000000000000000000.json"])
        #expect(dir.contents(commitName(0)) == [1])
    }

    @Test func directoryFsyncFailureAfterLinkIsCommitOutcomeUnknown() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        _ = try LocalTableStorage(root: dir.path).putIfAbsent(commitName(0), contents: [1])
        let faults = FaultInjectingCalls()
        faults.inject(.fail(errno: EIO), atCall: 2, kind: .fsync)
        let error = #expect(throws: DeltaError.self) {
            try LocalTableStorage(root: dir.path, calls: faults).putIfAbsent(commitName(1), contents: [2])
        }
        #expect(error?.code == .commitOutcomeUnknown)
        #expect(error?.path == dir.path + "/" + commitName(1))
        #expect(error?.message.contains("re-read the log") == true)
        #expect(dir.contents(commitName(1)) == [2])
    }

    @Test func replaceFailingAtEveryCallKeepsOldOrNewContentWhole() throws {
        let old = Array("{\"version\":10,\"size\":4}".utf8)
        let new = Array("{\"version\":20,\"size\":8,\"parts\":null}".utf8)
        for k in 1...8 {
            let dir = TestDirectory(); defer { dir.remove() }
            try LocalTableStorage(root: dir.path).replace("_delta_log/_last_checkpoint", contents: old)
            let faults = FaultInjectingCalls()
            faults.inject(.fail(errno: ENOSPC), atCall: k)
            let storage = LocalTableStorage(root: dir.path, calls: faults)
            do { try storage.replace("_delta_log/_last_checkpoint", contents: new) } catch let error as DeltaError {
                #expect(error.code == .io || error.code == .commitOutcomeUnknown)
            }
            let now = dir.contents("_delta_log/_last_checkpoint")
            #expect(now == old || now == new, "k=\(k)")
            #expect(dir.tempFiles("_delta_log") == [], "k=\(k)")
        }
    }
}
#endif
