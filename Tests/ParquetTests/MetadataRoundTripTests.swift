import Testing
@testable import Parquet

// SplitMix64 (seeded PRNG) lives in EncodingTestSupportTests.swift.

enum MetadataFixtures {
    static let statistics = Statistics(
        max: [1, 2, 3], min: [0], nullCount: 7, distinctCount: 99, maxValue: [0xFF, 0x00],
        minValue: [], isMaxValueExact: true, isMinValueExact: false)

    /// A FileMetaData with every modelled field set, including every LogicalType case.
    static let full: FileMetaData = {
        let logicalTypes: [LogicalType] = [
            .string, .map, .list, .enumType, .decimal(scale: 2, precision: 10), .date,
            .time(isAdjustedToUTC: true, unit: .millis), .time(isAdjustedToUTC: false, unit: .nanos),
            .timestamp(isAdjustedToUTC: true, unit: .micros), .timestamp(isAdjustedToUTC: false, unit: .nanos),
            .integer(bitWidth: 8, isSigned: false), .integer(bitWidth: 64, isSigned: true),
            .unknown, .json, .bson, .uuid, .float16,
        ]
        var schema = [SchemaElement(name: "spark_schema", numChildren: Int32(logicalTypes.count) + 1)]
        for (i, lt) in logicalTypes.enumerated() {
            schema.append(SchemaElement(
                type: .byteArray, typeLength: 16, repetition: .optional, name: "c\(i) ünïcode",
                convertedType: .decimal, scale: 2, precision: 10, fieldId: Int32(i), logicalType: lt))
        }
        schema.append(SchemaElement(type: PhysicalType(rawValue: 42), repetition: Repetition(rawValue: 9),
                                    name: "odd", convertedType: ConvertedType(rawValue: 77)))
        let meta = ColumnMetaData(
            type: .int64, encodings: [.plain, .rle, .rleDictionary, Encoding(rawValue: 55)],
            pathInSchema: ["a", "b", "c"], codec: .zstd, numValues: 1 << 40,
            totalUncompressedSize: 123_456_789_012, totalCompressedSize: 1234,
            keyValueMetadata: [KeyValue(key: "k", value: "v"), KeyValue(key: "nil")],
            dataPageOffset: 4, indexPageOffset: 5, dictionaryPageOffset: 3, statistics: statistics,
            encodingStats: [PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1),
                            PageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: 20)])
        let chunk = ColumnChunk(filePath: "other.parquet", fileOffset: 1000, metaData: meta,
                                offsetIndexOffset: 2000, offsetIndexLength: 30, columnIndexOffset: 3000,
                                columnIndexLength: 40)
        let group = RowGroup(
            columns: [chunk, ColumnChunk(fileOffset: 0)], totalByteSize: 5000, numRows: 77,
            sortingColumns: [SortingColumn(columnIdx: 0, descending: true, nullsFirst: false),
                             SortingColumn(columnIdx: 1, descending: false, nullsFirst: true)],
            fileOffset: 4, totalCompressedSize: 4000, ordinal: -3)
        return FileMetaData(
            version: 2, schema: schema, numRows: 77, rowGroups: [group, group],
            keyValueMetadata: [KeyValue(key: "org.apache.spark.sql.parquet.row.metadata", value: "{}")],
            createdBy: "swift-delta test", columnOrders: [.typeDefined, .unknown])
    }()
}

func decodeFooter(_ bytes: [UInt8]) throws -> FileMetaData {
    try bytes.withUnsafeBytes { try FileMetaData(decoding: $0) }
}

func decodePage(_ bytes: [UInt8]) throws -> (header: PageHeader, length: Int) {
    try bytes.withUnsafeBytes { try PageHeader.decode($0) }
}

@Suite struct MetadataRoundTripTests {
    @Test func fileMetaDataWithEveryFieldRoundTrips() throws {
        let bytes = MetadataFixtures.full.encoded()
        let decoded = try decodeFooter(bytes)
        #expect(decoded == MetadataFixtures.full)
        #expect(decoded.encoded() == bytes)
        #expect(decoded.schema.last?.type?.description == "UNKNOWN(42)")
    }

    @Test func minimalFileMetaDataRoundTrips() throws {
        let m = FileMetaData(version: 1, schema: [SchemaElement(name: "root", numChildren: 0)], numRows: 0,
                             rowGroups: [])
        #expect(try decodeFooter(m.encoded()) == m)
    }

    @Test func everyTruncationThrows() {
        let bytes = MetadataFixtures.full.encoded()
        for n in 0..<bytes.count {
            let prefix = Array(bytes[..<n])
            do {
                _ = try decodeFooter(prefix)
                Issue.record("prefix of \(n) bytes decoded")
            } catch let e as ParquetError {
                #expect(e.code == .corruptMetadata)
                if let o = e.offset { #expect(o >= 0 && o <= n) }
            } catch {
                Issue.record("non-Parquet error \(error)")
            }
        }
    }

    @Test func randomByteFlipsNeverCrash() {
        let original = MetadataFixtures.full.encoded()
        var rng = SplitMix64(seed: 0x5EED)
        var decodedCount = 0
        for _ in 0..<4000 {
            var bytes = original
            let flips = Int.random(in: 1...4, using: &rng)
            for _ in 0..<flips {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &rng)) }
            do {
                _ = try decodeFooter(bytes)
                decodedCount += 1
            } catch is ParquetError {
            } catch {
                Issue.record("non-Parquet error \(error)")
            }
        }
        // Page headers too.
        var page: [UInt8] = []
        PageHeader(type: .dataPageV2, uncompressedPageSize: 100, compressedPageSize: 80, crc: 5,
                   dataPageHeaderV2: DataPageHeaderV2(numValues: 10, numNulls: 1, numRows: 10, encoding: .plain,
                                                      definitionLevelsByteLength: 3, repetitionLevelsByteLength: 0,
                                                      statistics: MetadataFixtures.statistics)).encode(into: &page)
        for _ in 0..<2000 {
            var bytes = page
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            do { _ = try decodePage(bytes) } catch is ParquetError {} catch { Issue.record("\(error)") }
        }
        #expect(decodedCount < 4000)
    }

    @Test func randomGarbageNeverCrashes() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            let n = Int.random(in: 0..<64, using: &rng)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            do { _ = try decodeFooter(bytes) } catch is ParquetError {} catch { Issue.record("\(error)") }
            do { _ = try decodePage(bytes) } catch is ParquetError {} catch { Issue.record("\(error)") }
        }
    }

    @Test func missingRequiredFieldIsNamed() {
        var w = ThriftCompactWriter()
        let saved = w.beginStruct()
        w.writeI32(field: 1, 1)
        w.writeStructList(field: 2, [SchemaElement(name: "root")])
        w.writeStructList(field: 4, [RowGroup]())
        w.endStruct(saved)
        #expect(throws: ParquetError(.corruptMetadata, "FileMetaData is missing required field 'num_rows'",
                                     offset: 0)) {
            try decodeFooter(w.bytes)
        }
    }

    @Test func unrecognizedUnionMembersSurvive() throws {
        var w = ThriftCompactWriter()
        let s = w.beginStruct()
        w.writeString(field: 4, "v")
        w.writeStruct(field: 10) { w in
            // VARIANT (16) with a nested field, as a newer writer would emit.
            w.writeStruct(field: 16) { w in w.writeI8(field: 1, 1) }
        }
        w.endStruct(s)
        let (element, _) = try decodeThrift(SchemaElement.self, w.bytes)
        #expect(element.logicalType == .unrecognized(fieldId: 16))
        // Unrecognized logical types are omitted on encode.
        var w2 = ThriftCompactWriter()
        element.write(thrift: &w2)
        #expect(try decodeThrift(SchemaElement.self, w2.bytes).0 == SchemaElement(name: "v"))

        // A TIMESTAMP with an unknown unit member.
        var w3 = ThriftCompactWriter()
        let s3 = w3.beginStruct()
        w3.writeString(field: 4, "ts")
        w3.writeStruct(field: 10) { w in
            w.writeStruct(field: 8) { w in
                w.writeBool(field: 1, true)
                w.writeStruct(field: 2) { w in w.writeStruct(field: 9) { _ in } }
            }
        }
        w3.endStruct(s3)
        #expect(try decodeThrift(SchemaElement.self, w3.bytes).0.logicalType == .unrecognized(fieldId: 8))

        // ColumnOrder members other than TYPE_ORDER.
        var w4 = ThriftCompactWriter()
        let s4 = w4.beginStruct()
        w4.writeStruct(field: 2) { _ in }
        w4.endStruct(s4)
        #expect(try decodeThrift(ColumnOrder.self, w4.bytes).0 == .unknown)
    }

    @Test func pageHeadersRoundTrip() throws {
        let headers = [
            PageHeader(type: .dataPage, uncompressedPageSize: 1000, compressedPageSize: 600, crc: -12345,
                       dataPageHeader: DataPageHeader(numValues: 100, encoding: .rleDictionary,
                                                      definitionLevelEncoding: .rle,
                                                      repetitionLevelEncoding: .bitPacked,
                                                      statistics: MetadataFixtures.statistics)),
            PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0,
                       dataPageHeader: DataPageHeader(numValues: 0, encoding: .plain,
                                                      definitionLevelEncoding: .rle,
                                                      repetitionLevelEncoding: .rle)),
            PageHeader(type: .dataPageV2, uncompressedPageSize: Int32.max, compressedPageSize: 77,
                       dataPageHeaderV2: DataPageHeaderV2(numValues: 50, numNulls: 5, numRows: 40,
                                                          encoding: .deltaBinaryPacked,
                                                          definitionLevelsByteLength: 7,
                                                          repetitionLevelsByteLength: 9, isCompressed: false,
                                                          statistics: Statistics(nullCount: 5))),
            PageHeader(type: .dataPageV2, uncompressedPageSize: 10, compressedPageSize: 10,
                       dataPageHeaderV2: DataPageHeaderV2(numValues: 1, numNulls: 0, numRows: 1, encoding: .plain,
                                                          definitionLevelsByteLength: 0,
                                                          repetitionLevelsByteLength: 0)),
            PageHeader(type: .dictionaryPage, uncompressedPageSize: 64, compressedPageSize: 32,
                       dictionaryPageHeader: DictionaryPageHeader(numValues: 8, encoding: .plain, isSorted: true)),
            PageHeader(type: .dictionaryPage, uncompressedPageSize: 64, compressedPageSize: 32,
                       dictionaryPageHeader: DictionaryPageHeader(numValues: 8, encoding: .plainDictionary)),
        ]
        for h in headers {
            var out: [UInt8] = [0xAA, 0xBB]
            h.encode(into: &out)
            #expect(Array(out.prefix(2)) == [0xAA, 0xBB])
            let body = Array(out.dropFirst(2))
            // Trailing page bytes after the header must not be consumed.
            let (decoded, length) = try decodePage(body + [1, 2, 3, 4, 5])
            #expect(decoded == h)
            #expect(length == body.count)
        }
    }

    @Test func dataPageHeaderV2IsCompressedDefaultsToTrue() throws {
        var w = ThriftCompactWriter()
        let s = w.beginStruct()
        w.writeI32(field: 1, 3)
        w.writeI32(field: 2, 0)
        w.writeI32(field: 3, 3)
        w.writeI32(field: 4, 0)
        w.writeI32(field: 5, 0)
        w.writeI32(field: 6, 0)
        w.endStruct(s)
        #expect(try decodeThrift(DataPageHeaderV2.self, w.bytes).0.isCompressed == true)
    }

    @Test func negativeSizesAndCountsAreRejected() {
        let bad = [
            PageHeader(type: .dataPage, uncompressedPageSize: -1, compressedPageSize: 10),
            PageHeader(type: .dataPage, uncompressedPageSize: 10, compressedPageSize: -10),
            PageHeader(type: .dataPage, uncompressedPageSize: 10, compressedPageSize: 10,
                       dataPageHeader: DataPageHeader(numValues: -1, encoding: .plain,
                                                      definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)),
            PageHeader(type: .dictionaryPage, uncompressedPageSize: 10, compressedPageSize: 10,
                       dictionaryPageHeader: DictionaryPageHeader(numValues: -5, encoding: .plain)),
            PageHeader(type: .dataPageV2, uncompressedPageSize: 10, compressedPageSize: 10,
                       dataPageHeaderV2: DataPageHeaderV2(numValues: 1, numNulls: 2, numRows: 1, encoding: .plain,
                                                          definitionLevelsByteLength: 0,
                                                          repetitionLevelsByteLength: 0)),
            PageHeader(type: .dataPageV2, uncompressedPageSize: 10, compressedPageSize: 10,
                       dataPageHeaderV2: DataPageHeaderV2(numValues: 1, numNulls: 0, numRows: 1, encoding: .plain,
                                                          definitionLevelsByteLength: -1,
                                                          repetitionLevelsByteLength: 0)),
        ]
        for h in bad {
            var out: [UInt8] = []
            h.encode(into: &out)
            #expect(performing: { try decodePage(out) }, throws: { ($0 as? ParquetError)?.code == .corruptMetadata })
        }
    }

    @Test func enumDescriptionsAndCodecNames() {
        #expect(PhysicalType.fixedLenByteArray.description == "FIXED_LEN_BYTE_ARRAY")
        #expect(PhysicalType.byteArray.description == "BYTE_ARRAY")
        #expect(PhysicalType(rawValue: 8).description == "UNKNOWN(8)")
        #expect(ConvertedType.enumType.description == "ENUM")
        #expect(ConvertedType.interval.rawValue == 21)
        #expect(Encoding.byteStreamSplit.description == "BYTE_STREAM_SPLIT")
        #expect(Encoding.rleDictionary.rawValue == 8)
        #expect(PageType.dataPageV2.description == "DATA_PAGE_V2")
        #expect(Repetition.repeated.description == "REPEATED")
        #expect(CompressionCodec.lz4Raw.description == "LZ4_RAW")
        #expect(CompressionCodec(name: "ZSTD") == .zstd)
        #expect(CompressionCodec(name: "Snappy") == .snappy)
        #expect(CompressionCodec(name: "gzip") == .gzip)
        #expect(CompressionCodec(name: "lz4_raw") == .lz4Raw)
        #expect(CompressionCodec(name: "LZ4RAW") == .lz4Raw)
        #expect(CompressionCodec(name: "lz4") == .lz4)
        #expect(CompressionCodec(name: "none") == .uncompressed)
        #expect(CompressionCodec(name: "UNCOMPRESSED") == .uncompressed)
        #expect(CompressionCodec(name: "deflate") == nil)
    }
}
