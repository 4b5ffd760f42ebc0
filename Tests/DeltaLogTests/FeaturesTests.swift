import Testing
import Columnar
@testable import DeltaLog

@Suite struct FeaturesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var p: DeltaProtocol
        var readable: String?   // nil = ok, else the feature/version text in the message
        var writable: String?
        var testDescription: String { "r\(p.minReaderVersion)/w\(p.minWriterVersion) \(p.readerFeatures ?? []) \(p.writerFeatures ?? [])" }
    }

    static func features(_ r: [String]?, _ w: [String]?) -> DeltaProtocol {
        DeltaProtocol(minReaderVersion: r == nil ? 1 : 3, minWriterVersion: 7, readerFeatures: r, writerFeatures: w)
    }

    static let cases: [Case] = [
        Case(p: DeltaProtocol(minReaderVersion: 1, minWriterVersion: 1)),
        Case(p: DeltaProtocol(minReaderVersion: 1, minWriterVersion: 2)),
        Case(p: DeltaProtocol(minReaderVersion: 1, minWriterVersion: 3), writable: "'checkConstraints'"),
        Case(p: DeltaProtocol(minReaderVersion: 1, minWriterVersion: 4), writable: "'checkConstraints'"),
        Case(p: DeltaProtocol(minReaderVersion: 1, minWriterVersion: 5), writable: "'checkConstraints'"),
        Case(p: DeltaProtocol(minReaderVersion: 1, minWriterVersion: 6), writable: "'checkConstraints'"),
        Case(p: DeltaProtocol(minReaderVersion: 2, minWriterVersion: 5), readable: "'columnMapping'", writable: "'columnMapping'"),
        Case(p: DeltaProtocol(minReaderVersion: 4, minWriterVersion: 7), readable: "reader version 4", writable: "reader version 4"),
        Case(p: DeltaProtocol(minReaderVersion: 1, minWriterVersion: 8), writable: "writer version 8"),
        Case(p: features(["timestampNtz"], ["timestampNtz"])),
        Case(p: features(["timestampNtz", "vacuumProtocolCheck"], ["timestampNtz", "vacuumProtocolCheck", "appendOnly", "invariants"])),
        Case(p: features(nil, ["domainMetadata", "appendOnly"])),
        Case(p: features(["deletionVectors"], ["deletionVectors"]), readable: "'deletionVectors'", writable: "'deletionVectors'"),
        Case(p: features(["columnMapping"], ["columnMapping"]), readable: "'columnMapping'", writable: "'columnMapping'"),
        Case(p: features(["v2Checkpoint"], ["v2Checkpoint"]), writable: "'v2Checkpoint'"),
        Case(p: features(nil, ["changeDataFeed"]), writable: "'changeDataFeed'"),
        Case(p: features(nil, ["rowTracking", "domainMetadata"]), writable: "'rowTracking'"),
        Case(p: features(nil, ["inCommitTimestamp"]), writable: "'inCommitTimestamp'"),
        Case(p: features(nil, ["identityColumns"]), writable: "'identityColumns'"),
        Case(p: features(nil, ["generatedColumns"]), writable: "'generatedColumns'"),
        Case(p: features(nil, ["checkConstraints"]), writable: "'checkConstraints'"),
    ]

    @Test(arguments: cases) func matrix(_ c: Case) throws {
        if let text = c.readable {
            let error = try #require(throws: DeltaError.self) { try TableFeatures.checkReadable(c.p, tablePath: "./events") }
            #expect(error.code == .unsupportedFeature)
            #expect(error.message.contains(text) && error.message.hasPrefix("table at ./events"), "\(error.message)")
        } else {
            try TableFeatures.checkReadable(c.p, tablePath: "./events")
        }
        if let text = c.writable {
            let error = try #require(throws: DeltaError.self) { try TableFeatures.checkWritable(c.p, tablePath: "./events") }
            #expect(error.code == .unsupportedFeature)
            #expect(error.message.contains(text), "\(error.message)")
        } else {
            try TableFeatures.checkWritable(c.p, tablePath: "./events")
        }
    }

    @Test func readerFeatureMessageMatchesTheStyleGuide() throws {
        let error = try #require(throws: DeltaError.self) {
            try TableFeatures.checkReadable(Self.features(["columnMapping"], ["columnMapping"]), tablePath: "./events")
        }
        #expect(error.message == "table at ./events has reader feature 'columnMapping' which this version cannot read")
    }

    static let plain = Schema([Field("id", .long), Field("s", .string)])
    static let nestedNtz = Schema([Field("id", .long),
                                   Field("m", .map(key: Field("key", .string, nullable: false),
                                                   value: Field("value", .array(element: Field("element", .timestampNtz)))))])
    static let ntzFeatures = DeltaProtocol(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: ["timestampNtz"])

    @Test func requiredProtocolDefaultsToReader1Writer2() {
        #expect(TableFeatures.requiredProtocol(schema: Self.plain, configuration: [:], current: nil) == .default)
        #expect(TableFeatures.requiredProtocol(schema: Self.plain, configuration: ["delta.appendOnly": "true"], current: nil) == .default)
    }

    @Test func requiredProtocolForTimestampNtzAnywhere() {
        #expect(TableFeatures.requiredProtocol(schema: Self.nestedNtz, configuration: [:], current: nil) == Self.ntzFeatures)
        var schema = Self.nestedNtz
        schema.fields[0].metadata["delta.invariants"] = #"{"expression":{"expression":"id > 0"}}"#
        let p = TableFeatures.requiredProtocol(schema: schema, configuration: ["delta.appendOnly": "true"], current: nil)
        #expect(p == DeltaProtocol(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"],
                                   writerFeatures: ["appendOnly", "invariants", "timestampNtz"]))
    }

    @Test func requiredProtocolNeverDowngrades() {
        let w4 = DeltaProtocol(minReaderVersion: 1, minWriterVersion: 4)
        #expect(TableFeatures.requiredProtocol(schema: Self.plain, configuration: [:], current: w4) == w4)
        #expect(TableFeatures.requiredProtocol(schema: Self.plain, configuration: [:], current: Self.ntzFeatures) == Self.ntzFeatures)
        let upgraded = TableFeatures.requiredProtocol(schema: Self.nestedNtz, configuration: [:], current: w4)
        #expect(upgraded == DeltaProtocol(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"],
            writerFeatures: ["appendOnly", "changeDataFeed", "checkConstraints", "generatedColumns", "invariants", "timestampNtz"]))
        let writerOnly = DeltaProtocol(minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ["domainMetadata"])
        #expect(TableFeatures.requiredProtocol(schema: Self.plain, configuration: [:], current: writerOnly) == writerOnly)
        #expect(TableFeatures.requiredProtocol(schema: Self.plain, configuration: ["delta.appendOnly": "true"], current: writerOnly)
                == DeltaProtocol(minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ["appendOnly", "domainMetadata"]))
        #expect(TableFeatures.requiredProtocol(schema: Self.nestedNtz, configuration: [:], current: writerOnly)
                == DeltaProtocol(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: ["timestampNtz"], writerFeatures: ["domainMetadata", "timestampNtz"]))
    }

    @Test func invariantsAreFoundAtAnyDepth() {
        let schema = Schema([
            Field("x", .long, metadata: ["delta.invariants": #"{"expression":{"expression":"x > 3"}}"#]),
            Field("s", .struct([Field("y", .string, metadata: ["delta.invariants": #" { "expression" : { "expression" : "s.y <> \"a\u0041\"" } } "#])])),
            Field("bad", .long, metadata: ["delta.invariants": "not json"]),
        ])
        let found = TableFeatures.invariants(in: schema)
        #expect(found.map(\.column) == ["x", "s.y", "bad"])
        #expect(found.map(\.expression) == ["x > 3", "s.y <> \"aA\"", "not json"])
        #expect(TableFeatures.invariants(in: Self.plain).isEmpty)
    }
}
