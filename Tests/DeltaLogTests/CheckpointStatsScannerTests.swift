import Testing
import Columnar
@testable import DeltaLog

/// `stats_parsed` as the encoder first wrote it: the whole stats text parsed to a `JSONValue`,
/// each leaf looked up by path. The streaming `StatsParsedWriter` must give the same columns.
private func referenceStatsParsed(_ layout: CheckpointStatsLayout, _ stats: [String?]) -> Column {
    let type = layout.statsParsedType!
    var validity = Bitmap()
    var numRecords = FixedWriter<Int64>(capacity: stats.count)
    var mins = TypedLeaves(types: layout.boundedLeaves.map(\.type), capacity: stats.count)
    var maxs = mins
    var nullCounts = layout.countedLeaves.map { _ in FixedWriter<Int64>(capacity: stats.count) }
    var tightBounds = BoolWriter(capacity: stats.count)
    func lookup(_ object: JSONValue?, _ path: [String]) -> JSONValue? {
        var v = object
        for p in path {
            guard let current = v else { return nil }
            v = current[p]
        }
        return v
    }
    for s in stats {
        guard let s, let json = try? JSONParser.parse(s), case .object = json, let n = json["numRecords"]?.int64Value else {
            validity.append(false)
            numRecords.appendNull()
            mins.appendNullRow()
            maxs.appendNullRow()
            for k in nullCounts.indices { nullCounts[k].appendNull() }
            tightBounds.appendNull()
            continue
        }
        validity.append(true)
        numRecords.append(n)
        for (k, leaf) in layout.boundedLeaves.enumerated() {
            mins.append(scalar: referenceScalar(lookup(json["minValues"], leaf.path), leaf.type), k)
            maxs.append(scalar: referenceScalar(lookup(json["maxValues"], leaf.path), leaf.type), k)
        }
        for (k, leaf) in layout.countedLeaves.enumerated() {
            if case let .number(text)? = lookup(json["nullCount"], leaf.path), let c = Int64(text) {
                nullCounts[k].append(c)
            } else {
                nullCounts[k].appendNull()
            }
        }
        tightBounds.append(optional: json["tightBounds"]?.boolValue)
    }
    let count = validity.count
    guard case let .struct(fields) = type else { preconditionFailure() }
    var children: [Column] = []
    for f in fields {
        switch f.name {
        case "numRecords": children.append(numRecords.finish())
        case "minValues": children.append(CheckpointColumns.nested(f.type, leaves: mins.types.indices.map { mins.finish($0) }, validity: validity, count: count))
        case "maxValues": children.append(CheckpointColumns.nested(f.type, leaves: maxs.types.indices.map { maxs.finish($0) }, validity: validity, count: count))
        case "nullCount": children.append(CheckpointColumns.nested(f.type, leaves: nullCounts.map { $0.finish() }, validity: validity, count: count))
        default: children.append(tightBounds.finish())
        }
    }
    return CheckpointColumns.structure(type, children, validity: validity, count: count)
}

private func streamingStatsParsed(_ layout: CheckpointStatsLayout, _ stats: [String?]) -> Column {
    var writer = StatsParsedWriter(layout: layout, type: layout.statsParsedType!, capacity: stats.count)
    for s in stats { writer.append(s) }
    return writer.finish()
}

/// Every column of a nested column, depth first, with its path (children under null parents too).
private func flattened(_ c: Column, _ path: String = "stats_parsed") -> [(String, Column)] {
    guard case let .struct(fields) = c.type, case let .structure(children) = c.values else { return [(path, c)] }
    return [(path, c)] + zip(fields, children).flatMap { flattened($1, path + "." + $0.name) }
}

private func expectSameAsReference(_ layout: CheckpointStatsLayout, _ stats: [String?], sourceLocation: SourceLocation = #_sourceLocation) {
    let expected = flattened(referenceStatsParsed(layout, stats))
    let actual = flattened(streamingStatsParsed(layout, stats))
    #expect(expected.map(\.0) == actual.map(\.0), sourceLocation: sourceLocation)
    for ((path, e), (_, a)) in zip(expected, actual) where e != a {
        for row in 0..<e.count where e.slice(row..<(row + 1)) != a.slice(row..<(row + 1)) {
            Issue.record("\(path) differs at row \(row) (stats \(stats[row] ?? "nil")): expected \(e.slice(row..<(row + 1))), got \(a.slice(row..<(row + 1)))",
                         sourceLocation: sourceLocation)
        }
    }
}

private let wideSchema = """
{"type":"struct","fields":[\
{"name":"b","type":"byte","nullable":true,"metadata":{}},\
{"name":"sh","type":"short","nullable":true,"metadata":{}},\
{"name":"i","type":"integer","nullable":true,"metadata":{}},\
{"name":"l","type":"long","nullable":true,"metadata":{}},\
{"name":"f","type":"float","nullable":true,"metadata":{}},\
{"name":"x","type":"double","nullable":true,"metadata":{}},\
{"name":"dec","type":"decimal(10,2)","nullable":true,"metadata":{}},\
{"name":"big","type":"decimal(38,6)","nullable":true,"metadata":{}},\
{"name":"d","type":"date","nullable":true,"metadata":{}},\
{"name":"ts","type":"timestamp","nullable":true,"metadata":{}},\
{"name":"ntz","type":"timestamp_ntz","nullable":true,"metadata":{}},\
{"name":"str","type":"string","nullable":true,"metadata":{}},\
{"name":"bin","type":"binary","nullable":true,"metadata":{}},\
{"name":"flag","type":"boolean","nullable":true,"metadata":{}},\
{"name":"arr","type":{"type":"array","elementType":"integer","containsNull":true},"nullable":true,"metadata":{}},\
{"name":"s","type":{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}},\
{"name":"t","type":{"type":"struct","fields":[{"name":"z","type":"string","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},\
{"name":"é","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]}
"""

private func wideLayout() throws -> CheckpointStatsLayout {
    let schema = try SchemaJSON.parse(wideSchema)
    return CheckpointStatsLayout(schema: schema, partitionColumns: [], properties: TableProperties([:]))
}

@Suite struct CheckpointStatsScannerTests {
    @Test func layoutOfTheWideSchemaHasEveryKindOfLeaf() throws {
        let layout = try wideLayout()
        #expect(layout.boundedLeaves.map { $0.path.joined(separator: ".") }
                == ["b", "sh", "i", "l", "f", "x", "dec", "big", "d", "ts", "ntz", "str", "flag", "s.a", "s.t.z", "s.é"])
        #expect(layout.countedLeaves.count == 18)
    }

    @Test func typicalStatsMatchTheTreeParse() throws {
        let layout = try wideLayout()
        let stats: [String?] = [
            #"{"numRecords":10,"minValues":{"b":-128,"sh":300,"i":-5,"l":9007199254740993,"f":0.1,"x":-2.5e-3,"dec":12.34,"big":-1234567890123456789012.5,"d":"2024-02-29","ts":"2024-01-01T10:00:00.123Z","ntz":"2024-01-01T10:00:00.123456","str":"abc","s":{"a":1,"t":{"z":"q"},"é":5}},"maxValues":{"b":127,"sh":-300,"i":2147483647,"l":-9223372036854775808,"f":3.4028235e38,"x":1e308,"dec":-0.50,"big":0,"d":"1970-01-01","ts":"2024-03-01T00:00:00Z","ntz":"2024-03-01 00:00:00.1","str":"zzz","s":{"a":9,"t":{"z":"r"},"é":6}},"nullCount":{"b":0,"sh":1,"i":2,"l":3,"f":4,"x":5,"dec":6,"big":7,"d":8,"ts":9,"ntz":10,"str":11,"bin":12,"flag":13,"arr":14,"s":{"a":15,"t":{"z":16},"é":17}},"tightBounds":true}"#,
            nil,
            #"{"numRecords":0}"#,
            #"{"numRecords":5,"minValues":{},"maxValues":{},"nullCount":{},"tightBounds":false}"#,
            #"  {"tightBounds":null, "nullCount":{"s":{"t":{"z":3}}}, "numRecords": 7 }  "#,
        ]
        expectSameAsReference(layout, stats)
    }

    @Test func wrongTypesMissingColumnsAndOutOfRangeValuesAreNull() throws {
        let layout = try wideLayout()
        let stats: [String?] = [
            #"{"numRecords":1,"minValues":{"b":128,"sh":40000,"i":2147483648,"l":9223372036854775808,"f":1e39,"x":1e309,"dec":1.234,"big":"1","d":"2024-02-30","ts":"2024-01-01T24:00:00Z","ntz":"x","str":5}}"#,
            #"{"numRecords":1,"minValues":{"b":1.0,"sh":"1","i":true,"l":null,"f":"0.5","x":[1],"dec":{"a":1},"d":19000,"ts":1700000000000000,"ntz":-1,"str":null,"s":5}}"#,
            #"{"numRecords":1,"minValues":{"s":{"a":"1","t":7,"é":1e2}},"nullCount":{"b":-1,"sh":1.5,"i":"2","s":{"t":{"z":{"deep":1}}},"flag":true}}"#,
            #"{"numRecords":1,"minValues":[],"maxValues":"x","nullCount":null,"tightBounds":"true"}"#,
            #"{"numRecords":1,"minValues":{"d":"2024-1-5","ts":"2024-01-01","ntz":"2024-01-01T10:00","x":-0,"f":-0.0}}"#,
            #"{"numRecords":1,"minValues":{"d":"+2024-01-05","ts":"2024-01-01T10:00:00+02:00","ntz":"2024-01-01T10:00:00.1234567891Z","dec":1e1,"big":-1.5E-3}}"#,
            #"{"numRecords":1,"minValues":{"d":"20240-01-05","ts":"-0001-01-01T00:00:00Z","x":123456789012345678901234567890,"f":0.30000001192092896}}"#,
            #"{"numRecords":1,"minValues":{"d":"2024-01-05 ","ts":"2024-01-01T10:00:00.Z","x":0.1e-400,"f":1.17549435e-38}}"#,
        ]
        expectSameAsReference(layout, stats)
    }

    @Test func invalidOrIncompleteJSONGivesANullRow() throws {
        let layout = try wideLayout()
        let stats: [String?] = [
            "", "null", "5", "[]", #""{}""#, "{", #"{"numRecords":1"#, #"{"numRecords":1,}"#, #"{"numRecords":1} x"#,
            #"{"numRecords":"1"}"#, #"{"numRecords":1.5}"#, #"{"numRecords":99999999999999999999}"#, #"{"numRecords":-0}"#,
            #"{"minValues":{"l":1}}"#, #"{"numRecords":1,"minValues":{"l":01}}"#, #"{"numRecords":1,"minValues":{"str":"a\x"}}"#,
            #"{"numRecords":1,"other":[1,2,{"a":tru}]}"#, #"{"numRecords":1,"other":"\ud800"}"#, "{\"numRecords\":1,\"minValues\":{\"str\":\"a\u{01}\"}}",
            #"{"numRecords":1,"minValues":{"l":1 "x":2}}"#, #"{"numRecords":1,"other":[1,]}"#, #"{"numRecords":1,"tightBounds":nul}"#,
        ]
        expectSameAsReference(layout, stats)
    }

    @Test func repeatedKeysLastOneWinsWithItsWholeSubtree() throws {
        let layout = try wideLayout()
        let stats: [String?] = [
            #"{"numRecords":1,"numRecords":2}"#,
            #"{"numRecords":1,"numRecords":"x"}"#,
            #"{"numRecords":1,"minValues":{"l":5,"i":3},"minValues":{"l":6}}"#,
            #"{"numRecords":1,"minValues":{"s":{"a":1,"t":{"z":"x"}},"s":{"é":2}},"maxValues":{"l":1,"l":"x"}}"#,
            #"{"numRecords":1,"nullCount":{"s":{"a":1},"s":3,"l":1,"l":2},"tightBounds":true,"tightBounds":1}"#,
        ]
        expectSameAsReference(layout, stats)
    }

    @Test func escapedAndNonASCIIStringsAndKeys() throws {
        let layout = try wideLayout()
        let stats: [String?] = [
            #"{"numRecords":1,"minValues":{"str":"a\"b\\c\u00e9\ud83d\ude00","s":{"t":{"z":"héllo"},"é":3}}}"#,
            #"{"numRecords":1,"minValues":{"\u0073tr":"k","s":{"\u00e9":4,"e\u0301":5}},"maxValues":{"d":"\u0032024-01-01","ts":"2024-01-01T00:00:00\u005a"}}"#,
            #"{"numRecords":1,"minValues":{"str":""},"maxValues":{"str":"日本"}}"#,
        ]
        expectSameAsReference(layout, stats)
    }

    @Test func manyGeneratedStatsMatchTheTreeParse() throws {
        let layout = try wideLayout()
        var rng = SystemRandomNumberGenerator()
        let pieces = ["0", "-1", "1.5", "1e3", "-2.5E-7", "123456789012345678", "\"2024-05-06\"", "\"2024-05-06T07:08:09.5Z\"",
                      "\"x\"", "true", "null", "{}", "[]", "3.4028236e38", "0.1", "9007199254740993", "1e-22", "4.9e-324"]
        let keys = ["b", "sh", "i", "l", "f", "x", "dec", "big", "d", "ts", "ntz", "str", "bin", "flag", "arr", "zz"]
        var stats: [String?] = []
        for _ in 0..<400 {
            func object() -> String {
                "{" + (0..<Int.random(in: 0...6, using: &rng)).map { _ in
                    "\"\(keys.randomElement(using: &rng)!)\":\(pieces.randomElement(using: &rng)!)"
                }.joined(separator: ",") + "}"
            }
            stats.append(#"{"numRecords":3,"minValues":\#(object()),"maxValues":\#(object()),"nullCount":\#(object())}"#)
        }
        expectSameAsReference(layout, stats)
    }

    @Test func numberTextMatchesTheStringParsers() {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "1", "-1", "0.1", "0.5", "999.5", "1e22", "1e23", "9007199254740993", "9007199254740992",
                     "1.7976931348623157e308", "1e-22", "1e-23", "123456789012345678901", "0.000000000000000000001",
                     "3.4028235e38", "3.4028236e38", "16777217", "16777216", "1e10", "1e11", "-2.5E-3", "5e-324",
                     "9223372036854775807", "-9223372036854775808", "9223372036854775808", "1.0", "1E2", "0.30000000000000004"]
        for _ in 0..<3000 {
            let digits = (0..<Int.random(in: 1...20, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let lead = digits.hasPrefix("0") && digits.count > 1 ? "1" + digits.dropFirst() : digits
            var t = (Bool.random(using: &rng) ? "-" : "") + lead
            if Bool.random(using: &rng) { t += "." + String(Int.random(in: 0...999_999, using: &rng)) }
            if Int.random(in: 0..<3, using: &rng) == 0 { t += "e" + String(Int.random(in: -30...30, using: &rng)) }
            texts.append(t)
        }
        for t in texts {
            var s = t
            s.withUTF8 { u in
                let b = UnsafeRawBufferPointer(u)
                #expect(CheckpointStatsText.int64(b) == Int64(t), "int64 \(t)")
                #expect(CheckpointStatsText.double(b)?.bitPattern == Double(t)?.bitPattern, "double \(t)")
                #expect(CheckpointStatsText.float(b)?.bitPattern == Float(t)?.bitPattern, "float \(t)")
            }
        }
    }

    @Test func dateAndTimestampTextAreReadAsFileStatisticsReadsThem() {
        var texts = ["2024-02-29", "2023-02-29", "1970-01-01", "0001-01-01", "9999-12-31", "2024-13-01", "2024-00-10", "2024-01-32",
                     "2024-1-01", "+2024-01-01", "-2024-01-01", "20240-01-01", "2024-01-01T00:00:00", "2024-01-01 23:59:59.999999",
                     "2024-01-01T24:00:00Z", "2024-01-01T10:60:00Z", "2024-01-01T10:00:60Z", "2024-01-01T10:00:00.Z",
                     "2024-01-01T10:00:00.1234567Z", "2024-01-01T10:00:00.1Z", "2024-01-01T10:00Z", "2024-01-01T10:00:00+01:30",
                     "2024-01-01T10:00:00ZZ", "2024-01-01T10:00:00 ", "2024-01-01X10:00:00", "1969-12-31T23:59:59.999Z", "2024-01-0a"]
        for y in [1, 1969, 1970, 2000, 2100, 2400] {
            for m in 1...12 { texts.append(CivilTime.formatDate(days: Int64(CivilDate.days(year: y, month: m, day: 28))) + "T12:34:56.789Z") }
        }
        for t in texts {
            var s = t
            s.withUTF8 { u in
                let b = UnsafeRawBufferPointer(u)
                #expect(CheckpointStatsText.date(b) == FileStatistics.scalar(.string(t), .date, isMax: false).flatMap {
                    if case let .date(d) = $0 { return d } else { return nil }
                }, "date \(t)")
                #expect(CheckpointStatsText.timestamp(b) == FileStatistics.scalar(.string(t), .timestamp, isMax: false).flatMap {
                    if case let .timestamp(v) = $0 { return v } else { return nil }
                }, "timestamp \(t)")
            }
        }
    }

    @Test func keyTreeFindsNestedChildrenInAnyOrder() throws {
        let keys = CheckpointStatsKeys(paths: [["a"], ["s", "x"], ["s", "t", "u"], ["s", "y"], ["b"]])
        #expect(keys.nodes[0].childCount == 3)
        #expect(keys.nodes[0].leaves == 0..<5)
        var text = #"{"b":1,"s":1,"a":1,"zz":1}"#
        text.withUTF8 { u in
            var r = JSONReader(UnsafeRawBufferPointer(u))
            var hint = 0
            var found: [Int?] = []
            do throws(JSONSyntaxError) {
                _ = try r.beginObject()
                repeat {
                    let key = try r.readKey()
                    found.append(keys.child(of: 0, key: key, hint: &hint).map { keys.nodes[$0].leaf })
                    _ = try r.scanNumber()
                } while try r.nextMember()
            } catch {
                Issue.record("\(error)")
            }
            #expect(found == [4, -1, 0, nil])
        }
        let s = keys.nodes[0].firstChild + 1
        #expect(keys.nodes[s].leaves == 1..<4)
        #expect(keys.nodes[s].childCount == 3)
    }
}

/// The reference reading of one statistics value in its JSON form (see `FileStatistics`) as the
/// leaf's type; `.null` when it cannot be read as that type.
private func referenceScalar(_ v: JSONValue?, _ type: DataType) -> Scalar {
    switch (type, v) {
    case let (.date, .string(t)?):
        if let x = CivilTime.parseDate(t, .partitionValue) { return .date(x) }
    case let (.timestamp, .string(t)?):
        if let micros = CivilTime.parseTimestamp(t, .partitionValue) { return .timestamp(micros) }
    case let (.timestampNtz, .string(t)?):
        if let micros = CivilTime.parseTimestamp(t, .partitionValue) { return .timestampNtz(micros) }
    case let (.byte, .number(n)?): if let x = Int64(n).flatMap({ Int8(exactly: $0) }) { return .byte(x) }
    case let (.short, .number(n)?): if let x = Int64(n).flatMap({ Int16(exactly: $0) }) { return .short(x) }
    case let (.integer, .number(n)?): if let x = Int64(n).flatMap({ Int32(exactly: $0) }) { return .integer(x) }
    case let (.long, .number(n)?): if let x = Int64(n) { return .long(x) }
    // Dates and timestamps given as numbers are taken as their stored integers (days, micros).
    case let (.date, .number(n)?): if let x = Int64(n) { return .date(Int32(truncatingIfNeeded: x)) }
    case let (.timestamp, .number(n)?): if let x = Int64(n) { return .timestamp(x) }
    case let (.timestampNtz, .number(n)?): if let x = Int64(n) { return .timestampNtz(x) }
    case let (.float, .number(n)?): if let x = Float(n), x.isFinite { return .float(x) }
    case let (.double, .number(n)?): if let x = Double(n), x.isFinite { return .double(x) }
    case let (.decimal(p, sc), .number(n)?):
        if let x = DecimalText.parse(Substring(n), precision: p, scale: sc) { return .decimal(x, precision: p, scale: sc) }
    case let (.string, .string(t)?): return .string(t)
    case let (.boolean, .bool(b)?): return .boolean(b)
    default: break
    }
    return .null
}
