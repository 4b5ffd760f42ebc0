import Testing
@testable import DeltaLog

@Suite struct PropertiesTests {
    @Test func defaults() {
        let p = TableProperties([:])
        #expect(!p.appendOnly)
        #expect(p.checkpointInterval == 10)
        #expect(p.isolationLevel == .writeSerializable)
        #expect(p.dataSkippingNumIndexedCols == 32)
        #expect(p.dataSkippingStatsColumns == nil)
        #expect(p.targetFileSize == 134_217_728)
        #expect(p.logRetentionMillis == 30 * 86_400_000)
        #expect(p.deletedFileRetentionMillis == 7 * 86_400_000)
        #expect(!p.enableInCommitTimestamps)
        #expect(p.inCommitTimestampEnablementVersion == nil)
        #expect(p.enableExpiredLogCleanup)
        #expect(p.checkpointWriteStatsAsStruct && p.checkpointWriteStatsAsJson)
    }

    @Test func parsesEveryProperty() {
        let p = TableProperties([
            "delta.appendOnly": "TRUE", "delta.checkpointInterval": "25", "delta.isolationLevel": "Serializable",
            "delta.dataSkippingNumIndexedCols": "-1", "delta.dataSkippingStatsColumns": "a, b.c ,d",
            "delta.targetFileSize": "64mb", "delta.logRetentionDuration": "interval 2 days",
            "delta.deletedFileRetentionDuration": "36 hours", "delta.enableInCommitTimestamps": "true",
            "delta.inCommitTimestampEnablementVersion": "7", "delta.enableExpiredLogCleanup": "false",
            "delta.checkpoint.writeStatsAsStruct": "false", "delta.checkpoint.writeStatsAsJson": "false",
        ])
        #expect(p.appendOnly)
        #expect(p.checkpointInterval == 25)
        #expect(p.isolationLevel == .serializable)
        #expect(p.dataSkippingNumIndexedCols == -1)
        #expect(p.dataSkippingStatsColumns == ["a", "b.c", "d"])
        #expect(p.targetFileSize == 64 << 20)
        #expect(p.logRetentionMillis == 2 * 86_400_000)
        #expect(p.deletedFileRetentionMillis == 36 * 3_600_000)
        #expect(p.enableInCommitTimestamps)
        #expect(p.inCommitTimestampEnablementVersion == 7)
        #expect(!p.enableExpiredLogCleanup)
        #expect(!p.checkpointWriteStatsAsStruct && !p.checkpointWriteStatsAsJson)
    }

    static let intervalCases: [(String, Int64)] = [
        ("interval 30 days", 30 * 86_400_000), ("30 days", 30 * 86_400_000), ("interval 1 week", 7 * 86_400_000),
        ("INTERVAL 2 WEEKS", 14 * 86_400_000), ("interval 1 day 12 hours", 36 * 3_600_000), ("5 minutes", 300_000),
        ("interval 10 seconds", 10_000), ("250 milliseconds", 250), ("1500 microseconds", 1), ("0 days", 0),
    ]

    @Test(arguments: intervalCases)
    func intervals(_ text: String, _ millis: Int64) {
        #expect(PropertyValue.intervalMillis(text) == millis)
    }

    @Test(arguments: ["", "interval", "30", "days 30", "interval -1 days", "interval 1 fortnight", "interval 1.5 days",
                      "interval 999999999999999 weeks"])
    func badIntervals(_ text: String) {
        #expect(PropertyValue.intervalMillis(text) == nil)
    }

    static let sizeCases: [(String, Int64)] = [("134217728", 134_217_728), ("128mb", 128 << 20), ("128 MiB", 128 << 20),
                                               ("1g", 1 << 30), ("512kb", 512 << 10), ("100b", 100)]

    @Test(arguments: sizeCases)
    func sizes(_ text: String, _ bytes: Int64) {
        #expect(PropertyValue.bytes(text) == bytes)
    }

    @Test func malformedValuesFallBackToDefaultsWhenReading() {
        let p = TableProperties(["delta.checkpointInterval": "ten", "delta.appendOnly": "yes", "delta.targetFileSize": "-5",
                                 "delta.isolationLevel": "Chaos", "delta.logRetentionDuration": "forever"])
        #expect(p.checkpointInterval == 10 && !p.appendOnly && p.targetFileSize == 128 << 20)
        #expect(p.isolationLevel == .writeSerializable && p.logRetentionMillis == 30 * 86_400_000)
    }

    static let badValues: [(String, String)] = [
        ("delta.appendOnly", "yes"), ("delta.checkpointInterval", "0"), ("delta.checkpointInterval", "ten"),
        ("delta.isolationLevel", "Chaos"), ("delta.dataSkippingNumIndexedCols", "-2"), ("delta.targetFileSize", "big"),
        ("delta.logRetentionDuration", "30"), ("delta.deletedFileRetentionDuration", "interval 1 eon"),
        ("delta.enableInCommitTimestamps", "1"), ("delta.dataSkippingStatsColumns", " , "),
        ("delta.inCommitTimestampEnablementVersion", "-3"),
    ]

    @Test(arguments: badValues)
    func validateRejects(_ key: String, _ value: String) throws {
        let error = try #require(throws: DeltaError.self) { try TableProperties.validate([key: value, "other.prop": "x"]) }
        #expect(error.code == .invalidValue)
        #expect(error.message.hasPrefix("table property \(key) = '\(value)' is invalid: expected"), "\(error.message)")
    }

    @Test func validateAcceptsGoodAndUnknownProperties() throws {
        try TableProperties.validate(["delta.appendOnly": "false", "delta.checkpointInterval": "5", "delta.isolationLevel": "SnapshotIsolation",
                                      "delta.logRetentionDuration": "interval 60 days", "spark.whatever": "?", "delta.unknownThing": "x"])
    }
}
