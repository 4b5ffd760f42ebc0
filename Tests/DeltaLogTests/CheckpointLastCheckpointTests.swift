import Foundation
import Testing
@testable import DeltaLog

@Suite struct CheckpointLastCheckpointTests {
    @Test func garbageTornEmptyAndOutOfRangeGiveNil() {
        let valid = #"{"version":10,"size":13,"parts":2,"sizeInBytes":100,"numOfAddFiles":5}"#
        let bad = [
            "", " ", "garbage", "[]", "null", "10", #"{"size":13}"#, #"{"version":10}"#,
            #"{"version":-1,"size":13}"#, #"{"version":10,"size":-2}"#,
            #"{"version":99999999999999999999,"size":1}"#, #"{"version":1.5,"size":1}"#, #"{"version":"10","size":1}"#,
            #"{"version":10,"size":13,"parts":0}"#, #"{"version":10,"size":13,"parts":"2"}"#,
            #"{"version":10,"size":13,"parts":99999999999}"#,
        ]
        for text in bad { #expect(LastCheckpoint.parse(Array(text.utf8)) == nil, "\(text)") }
        // Every torn prefix of a valid file is rejected (none is a complete object).
        let bytes = Array(valid.utf8)
        for n in 0..<bytes.count { #expect(LastCheckpoint.parse(Array(bytes.prefix(n))) == nil) }
        #expect(LastCheckpoint.parse(bytes) == LastCheckpoint(version: 10, size: 13, parts: 2, sizeInBytes: 100, numOfAddFiles: 5))
        #expect(LastCheckpoint.parse([0xFF, 0xFE, 0x00]) == nil)
    }

    @Test func roundTripWritesSchemaAsObject() throws {
        var last = LastCheckpoint(version: 7, size: 12, parts: nil, sizeInBytes: 2048, numOfAddFiles: 9,
                                  checkpointSchema: #"{"type":"struct","fields":[]}"#)
        last.checksum = "abc"
        let text = String(decoding: last.encoded(), as: UTF8.self)
        #expect(text == #"{"version":7,"size":12,"sizeInBytes":2048,"numOfAddFiles":9,"checkpointSchema":{"type":"struct","fields":[]},"checksum":"abc"}"#)
        #expect(LastCheckpoint.parse(last.encoded()) == last)
        let minimal = LastCheckpoint(version: 0, size: 2)
        #expect(String(decoding: minimal.encoded(), as: UTF8.self) == #"{"version":0,"size":2}"#)
        #expect(LastCheckpoint.parse(minimal.encoded()) == minimal)
    }

    @Test func sparkWrittenFilesParse() throws {
        let multi = try LastCheckpoint.parse(readBytes(conformanceGolden + "/multi-part-checkpoint/_delta_log/_last_checkpoint"))
        #expect(multi?.version == 1)
        #expect(multi?.size == 12)
        #expect(multi?.parts == 2)
        #expect(multi?.numOfAddFiles == 10)
        let schema = try #require(multi?.checkpointSchema)
        #expect(try SchemaJSON.parse(schema).fields.map(\.name) == ["txn", "add", "remove", "metaData", "protocol", "domainMetadata"])
        // Re-encoding keeps the schema object.
        #expect(LastCheckpoint.parse(multi!.encoded()) == multi)

        let v2 = try LastCheckpoint.parse(readBytes(conformanceGolden + "/v2-checkpoint-json/_delta_log/_last_checkpoint"))
        #expect(v2?.version == 2)
        #expect(v2?.checksum == "d09f95a326aab562c60d415a32ddd216")
        #expect(v2?.v2Checkpoint?["path"]?.stringValue == "00000000000000000002.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.json")
        #expect(LastCheckpoint.parse(v2!.encoded()) == v2)

        let plain = try LastCheckpoint.parse(readBytes(conformanceGolden + "/corrupted-last-checkpoint/_delta_log/_last_checkpoint"))
        #expect(plain == LastCheckpoint(version: 10, size: 13))
        // The kernel's corrupted _last_checkpoint is empty.
        #expect(try LastCheckpoint.parse(readBytes(conformanceGolden + "/corrupted-last-checkpoint-kernel/_delta_log/_last_checkpoint")) == nil)
    }

    @Test func everyGoldenLastCheckpointParses() throws {
        guard let e = FileManager.default.enumerator(atPath: conformanceGolden) else { return }
        var parsed = 0
        while let rel = e.nextObject() as? String {
            guard rel.hasSuffix("_delta_log/_last_checkpoint"), !rel.contains("corrupted-last-checkpoint-kernel") else { continue }
            let last = LastCheckpoint.parse(try readBytes(conformanceGolden + "/" + rel))
            #expect(last != nil, "\(rel)")
            parsed += 1
        }
        #expect(parsed >= 10)
    }
}
