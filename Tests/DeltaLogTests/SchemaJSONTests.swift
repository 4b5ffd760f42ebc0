import Foundation
import Testing
import Columnar
import DeltaLog

@Suite struct SchemaJSONTests {
    @Test func parsesEveryTypeAndSerializesInSparksOrder() throws {
        let text = #"{"type":"struct","fields":[{"name":"a","type":"decimal(12, 5)","nullable":false,"metadata":{"delta.columnMapping.id":5,"delta.columnMapping.physicalName":"col-5f","comment":{"x":[1]}}},{"name":"s","type":{"type":"struct","fields":[{"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},{"name":"l","type":{"type":"array","elementType":"binary","containsNull":false},"nullable":true,"metadata":{}},{"name":"m","type":{"type":"map","keyType":"string","valueType":{"type":"array","elementType":"date","containsNull":true},"valueContainsNull":false},"nullable":true,"metadata":{}},{"name":"d","type":"decimal","nullable":true,"metadata":{}}]}"#
        let schema = try SchemaJSON.parse(text)
        #expect(schema == Schema([
            Field("a", .decimal(precision: 12, scale: 5), nullable: false,
                  metadata: ["delta.columnMapping.id": "5", "delta.columnMapping.physicalName": "\"col-5f\"", "comment": #"{"x":[1]}"#]),
            Field("s", .struct([Field("t", .timestampNtz)])),
            Field("l", .array(element: Field("element", .binary, nullable: false))),
            Field("m", .map(key: Field("key", .string, nullable: false),
                            value: Field("value", .array(element: Field("element", .date)), nullable: false))),
            Field("d", .decimal(precision: 10, scale: 0)),
        ]))
        let out = SchemaJSON.serialize(schema)
        #expect(out.hasPrefix(#"{"type":"struct","fields":[{"name":"a","type":"decimal(12,5)","nullable":false,"metadata":{"comment":{"x":[1]},"delta.columnMapping.id":5,"delta.columnMapping.physicalName":"col-5f"}}"#))
        #expect(try SchemaJSON.parse(out) == schema)
    }

    @Test func unknownTypesAreUnsupportedNamingTheColumn() {
        for (type, name) in [(#""variant""#, "variant"), (#""interval""#, "interval"), (#"{"type":"udt","class":"x"}"#, "udt")] {
            let text = #"{"type":"struct","fields":[{"name":"s","type":{"type":"struct","fields":[{"name":"v","type":\#(type),"nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]}"#
            do { _ = try SchemaJSON.parse(text); Issue.record("\(name) accepted") } catch let e as DeltaError {
                #expect(e.code == .unsupportedFeature)
                #expect(e.message == "column 's.v' has type '\(name)', which this version cannot read")
            } catch { Issue.record("\(error)") }
        }
        #expect(throws: DeltaError.self) { try SchemaJSON.parse("{\"type\":\"struct\"") }
        #expect(throws: DeltaError.self) { try SchemaJSON.parse(#"{"type":"struct","fields":[{"name":"x","type":"decimal(39,0)"}]}"#) }
    }

    @Test func everyGoldenSchemaRoundTrips() throws {
        var schemas = 0, unsupported: [String] = []
        for file in goldenCommitFiles() {
            guard let text = String(data: try Data(contentsOf: URL(fileURLWithPath: file)), encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") where line.hasPrefix("{\"metaData\"") {
                guard let action = (try? ActionCodec.parseAction(String(line))) ?? nil, case let .metadata(m) = action else { continue }
                do {
                    let schema = try SchemaJSON.parse(m.schemaString)
                    #expect(try SchemaJSON.parse(SchemaJSON.serialize(schema)) == schema, "\(file)")
                    // Spark's own text is reproduced exactly up to metadata key order.
                    if !m.schemaString.contains("\"metadata\":{\"") { #expect(SchemaJSON.serialize(schema) == m.schemaString, "\(file)") }
                    schemas += 1
                } catch let e as DeltaError where e.code == .unsupportedFeature {
                    unsupported.append(e.message)
                }
            }
        }
        #expect(schemas > 100)
        #expect(unsupported.allSatisfy { $0.contains("'variant'") }, "\(unsupported)")
    }
}
