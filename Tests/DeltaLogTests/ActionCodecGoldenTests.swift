import Foundation
import Testing
import DeltaLog

/// The conformance pack (`../shared/conformance` next to the repository, or /work/shared/conformance).
let conformanceGolden: String = {
    let here = URL(fileURLWithPath: #filePath)
    let sibling = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance/golden").path
    return FileManager.default.fileExists(atPath: sibling) ? sibling : "/work/shared/conformance/golden"
}()

/// Every `_delta_log/*.json` commit file under the golden tables (recursively), sorted.
func goldenCommitFiles() -> [String] {
    guard let e = FileManager.default.enumerator(atPath: conformanceGolden) else { return [] }
    var files: [String] = []
    while let rel = e.nextObject() as? String {
        if rel.hasSuffix(".json"), rel.contains("_delta_log/"), !rel.contains("_delta_log/_") {
            files.append(conformanceGolden + "/" + rel)
        }
    }
    return files.sorted()
}

func readBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The commit files that cannot be parsed, because they violate the protocol on purpose
/// (metaData without its required `schemaString`). A correct reader must fail on them.
let goldenCommitsExpectedCorrupt: Set<String> = [
    "canonicalized-paths-normal-a/_delta_log/00000000000000000000.json",
    "canonicalized-paths-normal-b/_delta_log/00000000000000000000.json",
    "canonicalized-paths-special-a/_delta_log/00000000000000000000.json",
    "canonicalized-paths-special-b/_delta_log/00000000000000000000.json",
    "corrupted-last-checkpoint/_delta_log/00000000000000000000.json",
    "deltalog-commit-info/_delta_log/00000000000000000000.json",
    "deltalog-state-reconstruction-from-checkpoint-missing-metadata/_delta_log/00000000000000000000.json",
    "deltalog-state-reconstruction-from-checkpoint-missing-protocol/_delta_log/00000000000000000000.json",
    "update-deleted-directory/_delta_log/00000000000000000000.json",
    "versions-not-contiguous/_delta_log/00000000000000000000.json",
]

@Suite struct ActionCodecGoldenTests {
    @Test func everyGoldenCommitParsesAndRoundTrips() throws {
        let files = goldenCommitFiles()
        #expect(files.count > 250)
        var failures: [String] = []
        for file in files {
            let rel = String(file.dropFirst(conformanceGolden.count + 1))
            let bytes = try readBytes(file)
            do {
                let actions = try ActionCodec.parseCommit(bytes, path: rel)
                if goldenCommitsExpectedCorrupt.contains(rel) { failures.append("\(rel): parsed but should fail") }
                #expect(!actions.isEmpty || bytes.allSatisfy { $0 == 0x0A || $0 == 0x20 }, "\(rel) has no actions")
                let again = try ActionCodec.parseCommit(ActionCodec.encode(actions), path: rel)
                #expect(again == actions, "\(rel): encode → parse differs")
            } catch let e as DeltaError {
                if !goldenCommitsExpectedCorrupt.contains(rel) { failures.append("\(rel): \(e)") }
                #expect(e.code == .corruptLog && e.path == rel && e.line != nil)
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
