import Columnar
import Testing
@testable import Parquet

private func i(_ v: Int32?) -> Scalar { v.map { .integer($0) } ?? .null }
private func l(_ v: Int64) -> Scalar { .long(v) }
private func s(_ v: String?) -> Scalar { v.map { .string($0) } ?? .null }
private func list(_ v: Scalar...) -> Scalar { .array(v) }
private func map(_ v: (Scalar, Scalar)...) -> Scalar { .map(v.map { (key: $0.0, value: $0.1) }) }

@Suite struct NestedReadTests {
    // MARK: - Files written by pyarrow

    /// The five rows of NestedReadFixtures, column by column.
    static let fixtureRows: [[Scalar]] = [
        [l(1), l(2), l(3), l(4), l(5)],
        [.struct([i(1), s("x")]), .null, .struct([.null, s("y")]), .struct([i(4), .null]), .null],
        [list(i(1), i(2)), .null, list(), list(.null, i(3)), list(i(4))],
        [list(list(s("a")), list(s("b"), s("c"))), list(list(), .null), .null, list(.null), list(list(.null))],
        [map((s("k"), i(1)), (s("j"), .null)), .null, map(), map((s("z"), i(3))), map((s("a"), i(1)))],
        [.struct([list(map((s("k"), .struct([i(1), list(l(1), l(2))]))))]),
         .null,
         .struct([.null]),
         .struct([list(.null, map())]),
         .struct([list(map((s("q"), .null), (s("r"), .struct([.null, .null]))))])],
    ]

    @Test(arguments: [("v1 PLAIN", NestedReadFixtures.v1plain), ("v2 dictionary", NestedReadFixtures.v2dict)])
    func pyarrowNestedFileReadsEveryColumnLikePyarrow(_ name: String, _ bytes: [UInt8]) throws {
        let (reader, cols) = try readColumns(bytes)
        #expect(reader.schema.fields.map(\.type.description) == [
            "long", "struct<a:integer,b:string>", "array<integer>", "array<array<string>>", "map<string,integer>",
            "struct<x:array<map<string,struct<a:integer,b:array<long>>>>>",
        ])
        for (k, expected) in Self.fixtureRows.enumerated() {
            #expect(cols[k] == expected, "column \(reader.schema.fields[k].name) of the \(name) file")
        }
    }

    @Test func listColumnHasOffsetsFromZeroAndEqualOffsetsForNullAndEmptyLists() throws {
        let reader = try ParquetFileReader(bytes: NestedReadFixtures.v1plain)
        let column = try reader.readRowGroup(0, columns: [2]).columns[0]
        guard case let .list(offsets, values) = column.values else { Issue.record("not a list column"); return }
        #expect(offsets == [0, 2, 2, 2, 4, 5])
        #expect(column.validity.map { v in (0..<5).map { v[$0] } } == [true, false, true, true, true])
        #expect(values.count == 5)
        #expect(values.validity.map { v in (0..<5).map { v[$0] } } == [true, true, false, true, true])
    }

    @Test func projectionByTopLevelIndexReturnsNestedColumnsInTheAskedOrder() throws {
        let reader = try ParquetFileReader(bytes: NestedReadFixtures.v2dict)
        let batch = try reader.readRowGroup(0, columns: [5, 0, 4])
        #expect(batch.schema.fields.map(\.name) == ["deep", "id", "m"])
        #expect(batch.columns[0].scalars == Self.fixtureRows[5])
        #expect(batch.columns[2].scalars == Self.fixtureRows[4])
        #expect(try reader.readAll(columns: ["ll"])[0].columns[0].scalars == Self.fixtureRows[3])
    }

    // MARK: - Legacy layouts (hand-assembled)

    @Test func legacyTwoLevelListOfRepeatedPrimitiveInsideListGroup() throws {
        // optional group a (LIST) { repeated int32 element }: rows [1, 2], null, [], [3].
        let file = NestedFileBuilder(
            schema: [root(1), group("a", .optional, children: 1, converted: .list), primitive("element", .int32, .repeated)],
            leaves: [.init(physical: .int32, path: ["a", "element"], rep: [0, 1, 0, 0, 0], def: [2, 2, 0, 1, 2],
                           maxRep: 1, maxDef: 2, values: [plain(Int32(1)), plain(Int32(2)), plain(Int32(3))])],
            numRows: 4).build()
        let (reader, cols) = try readColumns(file)
        #expect(reader.schema.fields[0].type == .array(element: Field("element", .integer, nullable: false)))
        #expect(cols[0] == [list(i(1), i(2)), .null, list(), list(i(3))])
    }

    @Test func bareRepeatedFieldsAreRequiredListsOfRequiredElements() throws {
        // repeated int32 r; repeated group g { required int32 a; optional binary b (UTF8) }
        let file = NestedFileBuilder(
            schema: [root(2), primitive("r", .int32, .repeated),
                     group("g", .repeated, children: 2), primitive("a", .int32, .required), primitive("b", .byteArray, .optional, string: true)],
            leaves: [
                .init(physical: .int32, path: ["r"], rep: [0, 1, 0, 0], def: [1, 1, 0, 1], maxRep: 1, maxDef: 1,
                      values: [plain(Int32(1)), plain(Int32(2)), plain(Int32(3))]),
                .init(physical: .int32, path: ["g", "a"], rep: [0, 1, 0, 0], def: [1, 1, 0, 1], maxRep: 1, maxDef: 1,
                      values: [plain(Int32(10)), plain(Int32(20)), plain(Int32(30))]),
                .init(physical: .byteArray, path: ["g", "b"], rep: [0, 1, 0, 0], def: [2, 1, 0, 2], maxRep: 1, maxDef: 2,
                      values: [plain("x"), plain("y")]),
            ],
            numRows: 3).build()
        let (reader, cols) = try readColumns(file)
        #expect(reader.schema.fields.map(\.nullable) == [false, false])
        #expect(reader.schema.fields[1].type.description == "array<struct<a:integer,b:string>>")
        #expect(cols[0] == [list(i(1), i(2)), list(), list(i(3))])
        #expect(cols[1] == [list(.struct([i(10), s("x")]), .struct([i(20), .null])), list(), list(.struct([i(30), s("y")]))])
    }

    @Test(arguments: ["array", "a_tuple"])
    func legacyRepeatedGroupNamedArrayOrTupleIsTheStructElement(_ name: String) throws {
        // optional group a (LIST) { repeated group <name> { required int32 x } }: rows [{1}, {2}], [].
        let file = NestedFileBuilder(
            schema: [root(1), group("a", .optional, children: 1, converted: .list), group(name, .repeated, children: 1),
                     primitive("x", .int32, .required)],
            leaves: [.init(physical: .int32, path: ["a", name, "x"], rep: [0, 1, 0], def: [2, 2, 1], maxRep: 1, maxDef: 2,
                           values: [plain(Int32(1)), plain(Int32(2))])],
            numRows: 2).build()
        let (reader, cols) = try readColumns(file)
        #expect(reader.schema.fields[0].type.description == "array<struct<x:integer>>")
        #expect(cols[0] == [list(.struct([i(1)]), .struct([i(2)])), list()])
    }

    @Test func legacyMapKeyValueAnnotatedMap() throws {
        // optional group m (MAP_KEY_VALUE) { repeated group map { required binary key (UTF8); optional int32 value } }
        let file = NestedFileBuilder(
            schema: [root(1), group("m", .optional, children: 1, converted: .mapKeyValue), group("map", .repeated, children: 2),
                     primitive("key", .byteArray, .required, string: true), primitive("value", .int32, .optional)],
            leaves: [
                .init(physical: .byteArray, path: ["m", "map", "key"], rep: [0, 1, 0, 0], def: [2, 2, 0, 1], maxRep: 1, maxDef: 2,
                      values: [plain("a"), plain("b")]),
                .init(physical: .int32, path: ["m", "map", "value"], rep: [0, 1, 0, 0], def: [3, 2, 0, 1], maxRep: 1, maxDef: 3,
                      values: [plain(Int32(1))]),
            ],
            numRows: 3).build()
        let (reader, cols) = try readColumns(file)
        #expect(reader.schema.fields[0].type.description == "map<string,integer>")
        #expect(cols[0] == [map((s("a"), i(1)), (s("b"), .null)), .null, map()])
    }

    @Test func requiredFieldOfANullStructHasNoNullsOfItsOwn() throws {
        // optional group s { required int32 a }: rows {a: 1}, null.
        let file = NestedFileBuilder(
            schema: [root(1), group("s", .optional, children: 1), primitive("a", .int32, .required)],
            leaves: [.init(physical: .int32, path: ["s", "a"], rep: [0, 0], def: [1, 0], maxRep: 0, maxDef: 1, values: [plain(Int32(1))])],
            numRows: 2).build()
        let reader = try ParquetFileReader(bytes: file)
        let column = try reader.readRowGroup(0).columns[0]
        #expect(column.scalars == [.struct([i(1)]), .null])
        guard case let .structure(children) = column.values else { Issue.record("not a struct"); return }
        #expect(children[0].validity == nil)
        #expect(children[0].count == 2)
    }

    // MARK: - Pages

    /// list<int> (3-level, optional elements) rows [1, 2, 3], null, [], [null, 4, 5, 6], [7]:
    /// 10 entries, max rep 1, max def 3.
    static func threeLevelList(pageBreaks: [Int], v2: Bool = false, encoding: Encoding = .rle) -> [UInt8] {
        NestedFileBuilder(
            schema: [root(1), group("l", .optional, children: 1, logical: .list), group("list", .repeated, children: 1),
                     primitive("element", .int32, .optional)],
            leaves: [.init(physical: .int32, path: ["l", "list", "element"],
                           rep: [0, 1, 1, 0, 0, 0, 1, 1, 1, 0], def: [3, 3, 3, 0, 1, 2, 3, 3, 3, 3], maxRep: 1, maxDef: 3,
                           values: [1, 2, 3, 4, 5, 6, 7].map { plain(Int32($0)) }, pageBreaks: pageBreaks, v2: v2, levelEncoding: encoding)],
            numRows: 5).build()
    }

    static let threeLevelRows: [Scalar] = [list(i(1), i(2), i(3)), .null, list(), list(.null, i(4), i(5), i(6)), list(i(7))]

    @Test(arguments: [[], [1], [2, 7], [1, 2, 3, 4, 5, 6, 7, 8, 9]])
    func rowsWhoseLevelsStraddleDataPagesV1(_ breaks: [Int]) throws {
        #expect(try readColumns(Self.threeLevelList(pageBreaks: breaks)).1[0] == Self.threeLevelRows)
    }

    @Test func dataPagesV2() throws {
        #expect(try readColumns(Self.threeLevelList(pageBreaks: [3, 5], v2: true)).1[0] == Self.threeLevelRows)
    }

    @Test func deprecatedBitPackedLevels() throws {
        #expect(try readColumns(Self.threeLevelList(pageBreaks: [4], encoding: .bitPacked)).1[0] == Self.threeLevelRows)
    }

    // MARK: - Corrupt levels

    private func corruptList(rep: [UInt32], def: [UInt32], values: Int, rows: Int, maxRep: Int = 1, maxDef: Int = 3) -> [UInt8] {
        NestedFileBuilder(
            schema: [root(1), group("l", .optional, children: 1, logical: .list), group("list", .repeated, children: 1),
                     primitive("element", .int32, .optional)],
            leaves: [.init(physical: .int32, path: ["l", "list", "element"], rep: rep, def: def, maxRep: maxRep, maxDef: maxDef,
                           values: (0..<values).map { plain(Int32($0)) })],
            numRows: rows).build()
    }

    private func expectCorrupt(_ bytes: [UInt8], _ words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try readColumns(bytes)
            Issue.record("no error", sourceLocation: sourceLocation)
        } catch let e as ParquetError {
            #expect(e.code == .corruptPage, "\(e)", sourceLocation: sourceLocation)
            #expect(e.path == "nested.parquet", sourceLocation: sourceLocation)
            #expect(e.offset != nil, "\(e)", sourceLocation: sourceLocation)
            for w in words { #expect(e.message.contains(w), "\(e.message)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func repetitionLevelAboveTheMaximumIsACorruptPage() {
        // list<list<int>>: max rep 2 (bit width 2), so a 3 fits the bits but not the schema.
        let file = NestedFileBuilder(
            schema: [root(1), group("a", .optional, children: 1, logical: .list), group("list", .repeated, children: 1),
                     group("element", .optional, children: 1, logical: .list), group("list", .repeated, children: 1),
                     primitive("element", .int32, .optional)],
            leaves: [.init(physical: .int32, path: ["a", "list", "element", "list", "element"], rep: [0, 3], def: [5, 5],
                           maxRep: 2, maxDef: 5, values: [plain(Int32(1)), plain(Int32(2))])],
            numRows: 1).build()
        expectCorrupt(file, ["a.list.element.list.element", "repetition level 3", "maximum 2", "page at byte 4"])
    }

    @Test func definitionLevelAboveTheMaximumIsACorruptPage() {
        // optional group l (LIST) { repeated group list { required int32 element } }: max def 2.
        let file = NestedFileBuilder(
            schema: [root(1), group("l", .optional, children: 1, logical: .list), group("list", .repeated, children: 1),
                     primitive("element", .int32, .required)],
            leaves: [.init(physical: .int32, path: ["l", "list", "element"], rep: [0, 0], def: [2, 3], maxRep: 1, maxDef: 2,
                           values: [plain(Int32(1))])],
            numRows: 2).build()
        expectCorrupt(file, ["l.list.element", "definition level 3", "maximum 2"])
    }

    @Test func firstRepetitionLevelNotZeroIsACorruptPage() {
        expectCorrupt(corruptList(rep: [1, 0], def: [3, 3], values: 2, rows: 1), ["first repetition level is 1"])
    }

    @Test func continuingANullOrEmptyListIsACorruptPage() {
        expectCorrupt(corruptList(rep: [0, 1], def: [0, 3], values: 1, rows: 1), ["l.list.element", "level entry 1", "no element"])
        expectCorrupt(corruptList(rep: [0, 1], def: [1, 3], values: 1, rows: 1), ["level entry 1"])
    }

    @Test func rowCountDisagreeingWithTheRowGroupIsACorruptPage() {
        expectCorrupt(corruptList(rep: [0, 1, 0], def: [3, 3, 3], values: 3, rows: 3), ["decoded 2 rows"])
    }

    @Test func leavesOfOneStructDisagreeingOnCountsIsACorruptPage() {
        // repeated group g { required int32 a; required int32 b }: a says [x, y] in row 0, b says [x].
        let file = NestedFileBuilder(
            schema: [root(1), group("g", .repeated, children: 2), primitive("a", .int32, .required), primitive("b", .int32, .required)],
            leaves: [
                .init(physical: .int32, path: ["g", "a"], rep: [0, 1], def: [1, 1], maxRep: 1, maxDef: 1, values: [plain(Int32(1)), plain(Int32(2))]),
                .init(physical: .int32, path: ["g", "b"], rep: [0], def: [1], maxRep: 1, maxDef: 1, values: [plain(Int32(1))]),
            ],
            numRows: 1).build()
        expectCorrupt(file, ["g.a", "disagree"])
    }

    @Test func pageClaimingMoreValuesThanItsLevelsHoldIsAnError() {
        var leaf = NestedFileBuilder.Leaf(physical: .int32, path: ["l", "list", "element"], rep: [0, 1], def: [3, 3], maxRep: 1, maxDef: 3,
                                          values: [plain(Int32(1)), plain(Int32(2))])
        leaf.claimedEntries = 40
        let file = NestedFileBuilder(
            schema: [root(1), group("l", .optional, children: 1, logical: .list), group("list", .repeated, children: 1),
                     primitive("element", .int32, .optional)],
            leaves: [leaf], numRows: 1).build()
        #expect(throws: ParquetError.self) { _ = try readColumns(file) }
    }

    @Test func truncatingANestedFileAnywhereThrowsAndNeverCrashes() {
        let bytes = NestedReadFixtures.v1plain
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: ParquetError.self) { _ = try readColumns(Array(bytes[..<cut])) }
        }
        // Flipping bytes of the data region gives an error or some data, never a trap.
        for k in stride(from: 4, to: 900, by: 3) {
            var b = bytes
            b[k] ^= 0x5a
            _ = try? readColumns(b)
        }
    }
}
