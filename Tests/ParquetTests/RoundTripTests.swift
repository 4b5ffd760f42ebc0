import Testing
import DeltaLog
import Columnar
@testable import Parquet

let flatTypes: [DataType] = [.boolean, .byte, .short, .integer, .long, .float, .double,
                             .decimal(precision: 9, scale: 2), .decimal(precision: 18, scale: 4),
                             .decimal(precision: 38, scale: 10), .decimal(precision: 1, scale: 0),
                             .string, .binary, .date, .timestamp, .timestampNtz]

@Suite struct RoundTripTests {
    @Test(arguments: flatTypes)
    func everyTypeRoundTripsWithEveryCodecAndDictionarySetting(_ type: DataType) throws {
        let values = sampleValues(type, count: 1000, seed: 42, nulls: true)
        let column = try Column(type, values)
        let batch = try RecordBatch(schema: Schema([Field("c", type)]), columns: [column])
        for codec in [CompressionCodec.zstd, .snappy, .gzip, .lz4Raw, .uncompressed] {
            for dictionary in [true, false] {
                var o = ParquetWriterOptions()
                o.codec = codec
                o.dictionary = dictionary
                o.dataPageTargetBytes = 512   // several pages
                let (reader, cols) = try roundTrip([batch], options: o)
                #expect(reader.schema == batch.schema)
                #expect(cols[0] == values, "type \(type) codec \(codec) dictionary \(dictionary)")
            }
        }
    }

    @Test(arguments: flatTypes)
    func requiredColumnsWithoutNullsRoundTrip(_ type: DataType) throws {
        let values = sampleValues(type, count: 300, seed: 7, nulls: false)
        let batch = try RecordBatch(schema: Schema([Field("c", type, nullable: false)]), columns: [try Column(type, values)])
        let (reader, cols) = try roundTrip([batch])
        #expect(reader.schema.fields[0].nullable == false)
        #expect(cols[0] == values)
    }

    @Test func emptyAndAllNullColumnsRoundTrip() throws {
        let schema = Schema([Field("a", .long), Field("s", .string)])
        let allNull = try RecordBatch(schema: schema, columns: [try Column(.long, Array(repeating: .null, count: 50)),
                                                                try Column(.string, Array(repeating: .null, count: 50))])
        let (r1, c1) = try roundTrip([allNull])
        #expect(r1.rowCount == 50)
        #expect(c1[0].allSatisfy(\.isNull) && c1[1].allSatisfy(\.isNull))
        #expect(r1.statistics(rowGroup: 0, column: 0)?.nullCount == 50)

        let path = temporaryPath("empty.parquet")
        let w = try parquetWriter(path: path, schema: schema)
        try w.close()
        let r = try parquetReader(path: path)
        #expect(r.rowCount == 0 && r.rowGroupCount == 0 && r.schema == schema)
    }

    @Test func rowGroupsAreCutByRowsAndBytesAndSpanBatches() throws {
        let schema = Schema([Field("id", .long, nullable: false), Field("s", .string)])
        var batches: [RecordBatch] = []
        var expectedIDs: [Scalar] = []
        for k in 0..<7 {
            let ids = (0..<1000).map { Scalar.long(Int64(k * 1000 + $0)) }
            expectedIDs += ids
            batches.append(try RecordBatch(schema: schema, columns: [try Column(.long, ids),
                                                                     try Column(.string, ids.map { _ in .string("v\(k)") })]))
        }
        var o = ParquetWriterOptions()
        o.rowGroupMaxRows = 2500
        let (r, cols) = try roundTrip(batches, options: o)
        #expect(r.rowGroupCount == 3)
        #expect(r.metadata.rowGroups.map(\.numRows) == [2500, 2500, 2000])
        #expect(cols[0] == expectedIDs)

        var o2 = ParquetWriterOptions()
        o2.rowGroupTargetBytes = 20_000
        let (r2, cols2) = try roundTrip(batches, options: o2)
        #expect(r2.rowGroupCount > 3)
        #expect(cols2[0] == expectedIDs)
    }

    @Test func projectionReadsOnlyTheRequestedColumnsInRequestedOrder() throws {
        let schema = Schema([Field("a", .long), Field("b", .string), Field("c", .double)])
        let batch = try RecordBatch(schema: schema, columns: [
            try Column(.long, [.long(1), .long(2)]), try Column(.string, [.string("x"), .null]),
            try Column(.double, [.double(1.5), .double(2.5)])])
        let path = temporaryPath("p.parquet")
        let w = try parquetWriter(path: path, schema: schema)
        try w.write(batch)
        try w.close()
        let r = try parquetReader(path: path)
        let b = try r.readRowGroup(0, columns: [2, 0])
        #expect(b.schema.fields.map(\.name) == ["c", "a"])
        #expect(b.columns[0].scalars == [.double(1.5), .double(2.5)])
        #expect(try r.columnIndices(["b"]) == [1])
        #expect(throws: ParquetError.self) { try r.columnIndices(["nope"]) }
    }

    @Test func writerRejectsMismatchedBatchAndExistingFile() throws {
        let path = temporaryPath("m.parquet")
        let w = try parquetWriter(path: path, schema: Schema([Field("a", .long)]))
        let bad = try RecordBatch(schema: Schema([Field("a", .integer)]), columns: [try Column(.integer, [.integer(1)])])
        #expect(throws: ParquetError.self) { try w.write(bad) }
        try w.close()
        // The storage never overwrites a file.
        #expect { _ = try parquetWriter(path: path, schema: Schema([Field("a", .long)])) } throws: {
            ($0 as? DeltaError)?.code == .io && ($0 as? DeltaError)?.errno == 17   // EEXIST
        }
        let notNull = Schema([Field("a", .long, nullable: false)])
        #expect(throws: ColumnarError.self) {
            _ = try RecordBatch(schema: notNull, columns: [try Column(.long, [.null])])
        }
    }
}
