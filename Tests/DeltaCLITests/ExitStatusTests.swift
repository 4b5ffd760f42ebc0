import DeltaLog
import Foundation
import Glibc
import Parquet
import Testing
@testable import DeltaCLI

/// `deltactl`'s exit statuses (README, "Exit codes"): the mapping for every error code, and each
/// status produced by a real situation through the built binary.
@Suite struct ExitStatusMappingTests {
    @Test func everyDeltaErrorCodeHasItsStatus() {
        let expected: [DeltaError.Code: CLIExitStatus] = [
            .notATable: .failure, .versionNotFound: .failure, .invalidValue: .failure, .invalidArgument: .failure,
            .tableExists: .failure, .constraintViolation: .failure,
            .conflict: .conflict,
            .corruptLog: .corrupt, .versionGap: .corrupt, .unsupportedFeature: .corrupt, .invalidSchema: .corrupt,
            .dataFile: .corrupt,
            .io: .io, .commitOutcomeUnknown: .io,
        ]
        #expect(Set(expected.keys) == Set(DeltaError.Code.allCases))
        for (code, status) in expected {
            #expect(CLIExitStatus.status(for: DeltaError(code, "x")) == status, "\(code)")
        }
    }

    @Test func parquetErrorsOfDamagedFilesAreCorruptAndOthersFailOrIO() {
        let corrupt: [ParquetError.Code] = [.truncated, .badMagic, .corruptMetadata, .corruptPage, .decompressionFailed, .unsupported]
        for code in corrupt { #expect(CLIExitStatus.status(for: ParquetError(code, "x")) == .corrupt, "\(code)") }
        #expect(CLIExitStatus.status(for: ParquetError(.io, "x")) == .io)
        #expect(CLIExitStatus.status(for: ParquetError(.invalidArgument, "x")) == .failure)
        #expect(CLIExitStatus.status(for: ParquetError(.schemaMismatch, "x")) == .failure)
    }

    @Test func otherErrorsAreOne() {
        #expect(CLIExitStatus.status(for: CLIFailure("x")) == .failure)
        #expect(CLIExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5])
    }
}

@Suite(.enabled(if: CLI.available, "needs the built deltactl binary"))
struct ExitStatusTests {
    /// A table with one commit (ids 1…3) in a fresh directory.
    func table() throws -> (dir: URL, table: String) {
        let dir = try CLI.tempDir()
        let table = dir.appendingPathComponent("t").path
        let rows = try CLI.write("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n", "rows.jsonl", in: dir)
        let r = try CLI.run(["write", table, "--from", rows, "--schema", "id long"])
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, table)
    }

    func commitPath(_ table: String, _ version: Int) -> String {
        table + "/_delta_log/" + String(format: "%020d.json", version)
    }

    func expectError(_ r: CLIRun, _ status: Int32, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "exit \(r.status), stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("deltactl: error: ") && r.stderr.split(separator: "\n").count == 1,
                "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(needle), "\(needle) not in \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func usageErrorsAreTwo() throws {
        let (_, table) = try table()
        expectError(try CLI.run(["scan", table, "--bogus"]), 2, "--bogus")
        expectError(try CLI.run(["write", table, "--from", "x.jsonl", "--app-id", "a"]), 2, "--app-id and --app-version go together")
        #expect(DeltaCommand.run(arguments: ["scan", table, "--limit", "-1"]) == 2)
    }

    @Test func missingTableVersionAndBadPredicateAreOne() throws {
        let (dir, table) = try table()
        expectError(try CLI.run(["scan", dir.appendingPathComponent("nothing").path]), 1, "notATable")
        expectError(try CLI.run(["scan", table, "--version", "7"]), 1, "versionNotFound")
        // The library's error says "predicate"; the CLI names its option.
        expectError(try CLI.run(["scan", table, "--where", "id >"]), 1, "--where: syntax at character 5")
    }

    @Test func aWriteThatLosesToAConflictingCommitIsThree() throws {
        let (dir, table) = try table()
        let rows = try CLI.write("{\"id\":10}\n", "more.jsonl", in: dir)
        // Versions 1 and 2 are FIFOs: reading them (after the log was listed) blocks the writer
        // until this test lets it go, so the conflicting commit below lands deterministically
        // between the write's snapshot and its commit. An empty commit file is a valid commit.
        let fifos = [commitPath(table, 1), commitPath(table, 2)]
        for f in fifos { #expect(mkfifo(f, 0o644) == 0) }
        let metaData = try String(contentsOfFile: commitPath(table, 0), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("{\"metaData\"") }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["write", table, "--from", rows, "--schema", "id long"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // The writer has listed the log once it opens version 1.
        try releaseReader(fifos[0])
        // A concurrent writer commits version 3, changing the metadata.
        try Data((String(try #require(metaData)) + "\n").utf8).write(to: URL(fileURLWithPath: commitPath(table, 3)))
        try releaseReader(fifos[1])
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 3, "stderr: \(stderr)")
        #expect(stderr.hasPrefix("deltactl: error: ") && stderr.contains("conflict"), "\(stderr)")
    }

    /// Waits (up to a minute) until a process opens `fifo` for reading, then lets it read an
    /// empty file.
    func releaseReader(_ fifo: String) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd >= 0 {
                close(fd)
                return
            }
            guard errno == ENXIO else { throw CLIFailure("open \(fifo): errno \(errno)") }
            usleep(5_000)
        }
        throw CLIFailure("no reader opened \(fifo)")
    }

    @Test func corruptOrUnsupportedTablesAndFilesAreFour() throws {
        // A garbage commit.
        var (dir, table) = try self.table()
        try Data("this is not JSON\n".utf8).write(to: URL(fileURLWithPath: commitPath(table, 1)))
        expectError(try CLI.run(["scan", table]), 4, "corruptLog")
        // A reader feature this version does not know.
        (dir, table) = try self.table()
        let feature = #"{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["futureFeature"],"writerFeatures":["futureFeature"]}}"#
        try Data((feature + "\n").utf8).write(to: URL(fileURLWithPath: commitPath(table, 1)))
        expectError(try CLI.run(["scan", table]), 4, "reader feature 'futureFeature'")
        expectError(try CLI.run(["describe", table]), 4, "unsupportedFeature")
        // A damaged data file, and a missing one.
        (dir, table) = try self.table()
        let data = try #require(try FileManager.default.contentsOfDirectory(atPath: table).first { $0.hasSuffix(".parquet") })
        try Data("PAR1 not really".utf8).write(to: URL(fileURLWithPath: table + "/" + data))
        expectError(try CLI.run(["scan", table]), 4, "dataFile")
        try FileManager.default.removeItem(atPath: table + "/" + data)
        expectError(try CLI.run(["scan", table]), 4, "does not exist")
        // A Parquet file that is not one.
        let bad = try CLI.write("hello, world\n", "bad.parquet", in: dir)
        expectError(try CLI.run(["parquet", "cat", bad]), 4, bad)
        expectError(try CLI.run(["parquet", "schema", bad]), 4, bad)
    }

    @Test func aFileWhereTheTableDirectoryShouldBeIsFive() throws {
        let dir = try CLI.tempDir()
        let file = try CLI.write("x", "plain-file", in: dir)
        expectError(try CLI.run(["scan", file]), 5, "errno \(ENOTDIR)")
        expectError(try CLI.run(["create", file + "/t", "--schema", "id long"]), 5, "errno \(ENOTDIR)")
        #expect(DeltaCommand.run(arguments: ["history", file]) == 5)
    }
}
