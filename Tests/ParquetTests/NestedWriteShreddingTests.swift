import Testing
import Columnar
@testable import Parquet

/// Repetition levels, definition levels and dense values of every leaf of one nested column.
struct ShreddedLeaf: Equatable, CustomStringConvertible {
    var path: String
    var rep: [UInt8]
    var def: [UInt8]
    var values: [String]
    var description: String { "\(path): r\(rep) d\(def) v\(values)" }
}

/// Shreds `rows` of a one-column schema (in the given segments) the way the writer does.
func shredded(_ field: Field, _ rows: [Scalar], segments: [Range<Int>]? = nil) throws -> [ShreddedLeaf] {
    let column = try Column(field.type, rows)
    return try shredded(field, column, segments: segments ?? [0..<rows.count])
}

func shredded(_ field: Field, _ column: Column, segments: [Range<Int>]) throws -> [ShreddedLeaf] {
    let tree = try WriteSchema(Schema([field]))
    return try tree.leaves.map { leaf in
        let input = try ChunkInput(nestedSegments: segments.map { (column, $0) }, leaf: leaf)
        let levels = try #require(input.levels)
        return ShreddedLeaf(path: leaf.displayName, rep: levels.repetition, def: levels.definition,
                            values: denseStrings(input.values))
    }
}

func denseStrings(_ v: DenseValues) -> [String] {
    switch v {
    case let .booleans(b): return (0..<b.count).map { "\(b[$0])" }
    case let .int32(a): return a.map { "\($0)" }
    case let .int64(a): return a.map { "\($0)" }
    case let .float(a): return a.map { "\($0)" }
    case let .double(a): return a.map { "\($0)" }
    case let .bytes(o, d): return (0..<o.count - 1).map { String(decoding: d[Int(o[$0])..<Int(o[$0 + 1])], as: UTF8.self) }
    case let .fixed(w, d): return stride(from: 0, to: d.count, by: max(w, 1)).map { "\(Array(d[$0..<$0 + w]))" }
    }
}

@Suite struct NestedWriteShreddingTests {
    // MARK: The Dremel paper's Document example (Melnik et al. 2010, figure 2/3)

    /// `repeated` fields of the paper as required lists of required elements: the levels are
    /// then exactly the paper's (the 3-level LIST wrapper of a REQUIRED list adds only the
    /// repeated level the paper's field has).
    static let language = Field("element", .struct([Field("Code", .string, nullable: false), Field("Country", .string)]), nullable: false)
    static let name = Field("element", .struct([Field("Language", .array(element: language), nullable: false),
                                                Field("Url", .string)]), nullable: false)
    static let document = Field("Document", .struct([
        Field("DocId", .long, nullable: false),
        Field("Links", .struct([Field("Backward", .array(element: Field("element", .long, nullable: false)), nullable: false),
                                Field("Forward", .array(element: Field("element", .long, nullable: false)), nullable: false)])),
        Field("Name", .array(element: name), nullable: false),
    ]), nullable: false)

    static func lang(_ code: String, _ country: String?) -> Scalar { .struct([.string(code), country.map { .string($0) } ?? .null]) }
    static let r1: Scalar = .struct([
        .long(10),
        .struct([.array([]), .array([.long(20), .long(40), .long(60)])]),
        .array([.struct([.array([lang("en-us", "us"), lang("en", nil)]), .string("http://A")]),
                .struct([.array([]), .string("http://B")]),
                .struct([.array([lang("en-gb", "gb")]), .null])]),
    ])
    static let r2: Scalar = .struct([
        .long(20),
        .struct([.array([.long(10), .long(30)]), .array([.long(80)])]),
        .array([.struct([.array([]), .string("http://C")])]),
    ])

    @Test func dremelPaperDocumentShredsToThePapersLevels() throws {
        let leaves = try shredded(Self.document, [Self.r1, Self.r2])
        let expected = [
            ShreddedLeaf(path: "Document.DocId", rep: [0, 0], def: [0, 0], values: ["10", "20"]),
            ShreddedLeaf(path: "Document.Links.Backward.list.element", rep: [0, 0, 1], def: [1, 2, 2], values: ["10", "30"]),
            ShreddedLeaf(path: "Document.Links.Forward.list.element", rep: [0, 1, 1, 0], def: [2, 2, 2, 2], values: ["20", "40", "60", "80"]),
            ShreddedLeaf(path: "Document.Name.list.element.Language.list.element.Code", rep: [0, 2, 1, 1, 0], def: [2, 2, 1, 2, 1],
                         values: ["en-us", "en", "en-gb"]),
            ShreddedLeaf(path: "Document.Name.list.element.Language.list.element.Country", rep: [0, 2, 1, 1, 0], def: [3, 2, 1, 3, 1],
                         values: ["us", "gb"]),
            ShreddedLeaf(path: "Document.Name.list.element.Url", rep: [0, 1, 1, 0], def: [2, 2, 1, 2],
                         values: ["http://A", "http://B", "http://C"]),
        ]
        #expect(leaves == expected)
        let tree = try WriteSchema(Schema([Self.document]))
        #expect(tree.leaves.map(\.maxDefinitionLevel) == [0, 2, 2, 2, 3, 2])
        #expect(tree.leaves.map(\.maxRepetitionLevel) == [0, 1, 1, 2, 2, 1])
    }

    // MARK: pyarrow's levels for nullable lists, maps and structs

    @Test func nullableListOfNullableIntsDistinguishesNullEmptyAndNullElements() throws {
        let f = Field("l", .array(element: Field("element", .integer)))
        let rows: [Scalar] = [.array([.integer(1), .null, .integer(2)]), .null, .array([]), .array([.integer(7)]), .array([.null])]
        #expect(try shredded(f, rows) == [
            ShreddedLeaf(path: "l.list.element", rep: [0, 1, 1, 0, 0, 0, 0], def: [3, 2, 3, 0, 1, 3, 2], values: ["1", "2", "7"]),
        ])
    }

    @Test func requiredListOfRequiredElementsHasOnlyTheRepeatedLevel() throws {
        let f = Field("l", .array(element: Field("element", .long, nullable: false)), nullable: false)
        let rows: [Scalar] = [.array([.long(1), .long(2)]), .array([]), .array([.long(3)])]
        #expect(try shredded(f, rows) == [ShreddedLeaf(path: "l.list.element", rep: [0, 1, 0, 0], def: [1, 1, 0, 1], values: ["1", "2", "3"])])
    }

    @Test func listOfListsOfStrings() throws {
        let inner = Field("element", .array(element: Field("element", .string)))
        let f = Field("ll", .array(element: inner))
        let rows: [Scalar] = [
            .array([.array([.string("a"), .string("b")]), .array([]), .null, .array([.null, .string("c")])]),
            .null,
            .array([]),
            .array([.array([.string("d")])]),
        ]
        // max def 5 (ll, list, element, list, element), max rep 2.
        #expect(try shredded(f, rows) == [
            ShreddedLeaf(path: "ll.list.element.list.element",
                         rep: [0, 2, 1, 1, 1, 2, 0, 0, 0],
                         def: [5, 5, 3, 2, 4, 5, 0, 1, 5],
                         values: ["a", "b", "c", "d"]),
        ])
    }

    @Test func mapWithNullValuesEmptyAndNullMaps() throws {
        let f = Field("m", .map(key: Field("key", .string, nullable: false), value: Field("value", .integer)))
        let rows: [Scalar] = [.map([(.string("a"), .integer(1)), (.string("b"), .null)]), .null, .map([]), .map([(.string("c"), .integer(3))])]
        #expect(try shredded(f, rows) == [
            ShreddedLeaf(path: "m.key_value.key", rep: [0, 1, 0, 0, 0], def: [2, 2, 0, 1, 2], values: ["a", "b", "c"]),
            ShreddedLeaf(path: "m.key_value.value", rep: [0, 1, 0, 0, 0], def: [3, 2, 0, 1, 3], values: ["1", "3"]),
        ])
    }

    @Test func nullStructDiffersFromStructOfNulls() throws {
        let f = Field("s", .struct([Field("a", .integer), Field("b", .string, nullable: false)]))
        let rows: [Scalar] = [.struct([.integer(1), .string("x")]), .struct([.null, .string("y")]), .null]
        #expect(try shredded(f, rows) == [
            ShreddedLeaf(path: "s.a", rep: [0, 0, 0], def: [2, 1, 0], values: ["1"]),
            ShreddedLeaf(path: "s.b", rep: [0, 0, 0], def: [1, 1, 0], values: ["x", "y"]),
        ])
    }

    @Test func deepStructListMapStructList() throws {
        // struct<l: list<map<string, struct<a:int, b:list<long>>>>>
        let inner = Field("value", .struct([Field("a", .integer), Field("b", .array(element: Field("element", .long)))]))
        let m = Field("element", .map(key: Field("key", .string, nullable: false), value: inner))
        let f = Field("s", .struct([Field("l", .array(element: m))]))
        let rows: [Scalar] = [
            .struct([.array([.map([(.string("k"), .struct([.integer(1), .array([.long(5), .null])])),
                                   (.string("n"), .null)]),
                             .null,
                             .map([])])]),
            .null,
            .struct([.null]),
            .struct([.array([.map([(.string("z"), .struct([.null, .array([])]))])])]),
        ]
        let leaves = try shredded(f, rows)
        // Levels: s(1) l(2) list(3,r1) element map(4) key_value(5,r2) key(5) value(6) a(7) b(7) list(8,r3) element(9)
        #expect(leaves == [
            ShreddedLeaf(path: "s.l.list.element.key_value.key", rep: [0, 2, 1, 1, 0, 0, 0], def: [5, 5, 3, 4, 0, 1, 5],
                         values: ["k", "n", "z"]),
            ShreddedLeaf(path: "s.l.list.element.key_value.value.a", rep: [0, 2, 1, 1, 0, 0, 0], def: [7, 5, 3, 4, 0, 1, 6],
                         values: ["1"]),
            ShreddedLeaf(path: "s.l.list.element.key_value.value.b.list.element", rep: [0, 3, 2, 1, 1, 0, 0, 0],
                         def: [9, 8, 5, 3, 4, 0, 1, 7], values: ["5"]),
        ])
    }

    // MARK: Slices and segments

    @Test func segmentsOfSeveralBatchesAndOffsetRangesConcatenate() throws {
        let f = Field("l", .array(element: Field("element", .integer)))
        let rows: [Scalar] = [.array([.integer(1)]), .null, .array([.integer(2), .integer(3)]), .array([]), .array([.null])]
        let whole = try shredded(f, rows)
        let split = try shredded(f, rows, segments: [0..<2, 2..<3, 3..<5])
        #expect(whole == split)
        let tail = try shredded(f, rows, segments: [2..<5])
        #expect(tail == [ShreddedLeaf(path: "l.list.element", rep: [0, 1, 0, 0], def: [3, 3, 1, 2], values: ["2", "3"])])
    }

    @Test func nullListSlotWithElementsBehindItIsNull() throws {
        // Arrow allows a null list slot to span elements; they must not be written.
        let values = try Column(.integer, [.integer(1), .integer(2), .integer(3)])
        let validity = Bitmap([true, false])
        let type = DataType.array(element: Field("element", .integer))
        let column = try Column(type: type, count: 2, validity: validity, values: .list(offsets: [0, 1, 3], values: values))
        #expect(try shredded(Field("l", type), column, segments: [0..<2]) == [
            ShreddedLeaf(path: "l.list.element", rep: [0, 0], def: [3, 0], values: ["1"]),
        ])
    }

    @Test func decimalsTimestampsAndBooleansInsideLists() throws {
        let f = Field("s", .struct([Field("d", .array(element: Field("element", .decimal(precision: 25, scale: 2)))),
                                    Field("t", .array(element: Field("element", .timestamp))),
                                    Field("b", .array(element: Field("element", .boolean)))]))
        let rows: [Scalar] = [.struct([.array([.decimal(-1, precision: 25, scale: 2)]), .array([.timestamp(7)]), .array([.boolean(true), .null, .boolean(false)])])]
        let leaves = try shredded(f, rows)
        #expect(leaves.map(\.values) == [["\([UInt8](repeating: 255, count: 11))"], ["7"], ["true", "false"]])
        #expect(leaves[2].def == [4, 3, 4])
    }

    // MARK: Errors

    @Test func nullsInANotNullNestedFieldAreASchemaMismatchNamingThePath() throws {
        let f = Field("l", .array(element: Field("element", .integer, nullable: false)))
        let e = #expect(throws: ParquetError.self) { try shredded(f, [.array([.integer(1), .null])]) }
        #expect(e?.code == .schemaMismatch)
        #expect(e?.message.contains("l.list.element") == true)

        let s = Field("s", .struct([Field("a", .integer)]), nullable: false)
        let e2 = #expect(throws: ParquetError.self) { try shredded(s, [.struct([.integer(1)]), .null]) }
        #expect(e2?.code == .schemaMismatch)
        #expect(e2?.message.contains("'s'") == true)
    }

    @Test func structWithoutFieldsIsRefused() throws {
        let e = #expect(throws: ParquetError.self) { try WriteSchema(Schema([Field("s", .struct([]))])) }
        #expect(e?.code == .invalidArgument)
        #expect(e?.message.contains("'s'") == true)
    }
}
