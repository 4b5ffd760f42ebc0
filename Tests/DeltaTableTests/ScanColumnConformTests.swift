import Columnar
import DeltaLog
import Testing
@testable import DeltaTable

/// `DeltaTable.cast`: a data file's column takes the table's type. Regression for the golden
/// table `hive/deltatbl-map-types-correctly`, whose Parquet map stores its value as `required`
/// while the table's schema says `valueContainsNull: true`: the scan used to refuse the file with
/// "column 'c14' is map<string,long> in data file … but map<string,long> in the table".
@Suite struct ScanColumnConformTests {
    @Test func mapWithRequiredValueTakesTheTablesNullableValueType() throws {
        let fileType = DataType.map(key: Field("key", .string, nullable: false), value: Field("value", .long, nullable: false))
        let tableType = DataType.map(key: Field("key", .string, nullable: false), value: Field("value", .long, nullable: true))
        let rows: [Scalar] = [.map([(.string("a"), .long(1)), (.string("b"), .long(2))]), .null, .map([])]
        let column = try Column(fileType, rows)

        let conformed = try DeltaTable.cast(column, to: tableType, column: "c14", file: "part-0.parquet")

        #expect(conformed.type == tableType)
        #expect((0..<3).map { conformed.scalar(at: $0) } == rows)
    }

    @Test func structFieldsAreMatchedByNameMissingOnesReadAsNullAndExtraOnesAreDropped() throws {
        let fileType = DataType.struct([Field("b", .string), Field("a", .integer, nullable: false), Field("gone", .long)])
        let tableType = DataType.struct([Field("a", .long, metadata: ["comment": "widened"]), Field("b", .string),
                                         Field("new", .array(element: Field("element", .integer)))])
        let column = try Column(fileType, [.struct([.string("x"), .integer(7), .long(9)]), .null])

        let conformed = try DeltaTable.cast(column, to: tableType, column: "s", file: "part-0.parquet")

        #expect(conformed.type == tableType)
        #expect(conformed.scalar(at: 0) == .struct([.long(7), .string("x"), .null]))
        #expect(conformed.scalar(at: 1) == .null)
    }

    @Test func arrayElementsAreConformedRecursively() throws {
        let fileType = DataType.array(element: Field("item", .struct([Field("v", .integer, nullable: false)]), nullable: false))
        let tableType = DataType.array(element: Field("element", .struct([Field("v", .integer)]), nullable: true))
        let rows: [Scalar] = [.array([.struct([.integer(1)]), .struct([.integer(2)])]), .array([])]
        let conformed = try DeltaTable.cast(try Column(fileType, rows), to: tableType, column: "l", file: "f")
        #expect(conformed.type == tableType)
        #expect((0..<2).map { conformed.scalar(at: $0) } == rows)
    }

    @Test func nestedShapeMismatchIsADataFileErrorNamingTheColumn() throws {
        let column = try Column(.array(element: Field("element", .integer)), [.array([.integer(1)])])
        let error = #expect(throws: DeltaError.self) {
            try DeltaTable.cast(column, to: .struct([Field("a", .integer)]), column: "x", file: "part-0.parquet")
        }
        #expect(error?.code == .dataFile)
        #expect(error?.message.contains("column 'x'") == true)
    }
}
