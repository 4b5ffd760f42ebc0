import Testing
@testable import Parquet

/// Decodes `T` from `bytes` with the internal reader; returns the value and bytes consumed.
func decodeThrift<T: ThriftStruct>(_: T.Type, _ bytes: [UInt8]) throws -> (T, Int) {
    try bytes.withUnsafeBytes { buf in
        var r = ThriftCompactReader(buf)
        let v = try T(thrift: &r)
        return (v, r.position)
    }
}

func thriftError(_ bytes: [UInt8], _ body: (inout ThriftCompactReader) throws -> Void) -> ParquetError? {
    bytes.withUnsafeBytes { buf in
        var r = ThriftCompactReader(buf)
        do {
            try body(&r)
            return nil
        } catch let e as ParquetError {
            return e
        } catch {
            Issue.record("non-Parquet error \(error)")
            return nil
        }
    }
}

@Suite struct ThriftCompactTests {
    @Test func handAssembledKeyValue() throws {
        // field 1 (delta 1, binary) "a"; field 2 (delta 1, binary) "bc"; stop
        let bytes: [UInt8] = [0x18, 0x01, 0x61, 0x18, 0x02, 0x62, 0x63, 0x00]
        let (kv, n) = try decodeThrift(KeyValue.self, bytes)
        #expect(kv == KeyValue(key: "a", value: "bc"))
        #expect(n == bytes.count)
        var w = ThriftCompactWriter()
        kv.write(thrift: &w)
        #expect(w.bytes == bytes)
    }

    @Test func handAssembledBoolsInHeadersAndLongFormIds() throws {
        // SortingColumn: 1: i32 7 (zigzag 14); 2: bool true (type 1); 3: bool false (type 2); stop
        let sorting: [UInt8] = [0x15, 0x0E, 0x11, 0x12, 0x00]
        #expect(try decodeThrift(SortingColumn.self, sorting).0
                == SortingColumn(columnIdx: 7, descending: true, nullsFirst: false))

        // Statistics with long-form headers: type i64 (6), id 3 as zigzag i16 (6), value 5 (zigzag 10);
        // then id 4 via delta 1: i64 -1 (zigzag 1); stop
        let stats: [UInt8] = [0x06, 0x06, 0x0A, 0x16, 0x01, 0x00]
        #expect(try decodeThrift(Statistics.self, stats).0 == Statistics(nullCount: 5, distinctCount: -1))
    }

    @Test func primitivesRoundTrip() throws {
        var w = ThriftCompactWriter()
        let i64s: [Int64] = [0, 1, -1, 63, -64, 64, Int64.max, Int64.min, 1 << 40]
        for v in i64s { w.writeI64(v) }
        w.writeI32(Int32.min)
        w.writeI16(Int16.max)
        w.writeI8(-5)
        w.writeDouble(-2.5)
        w.writeString("héllo")
        w.writeBinary([UInt8]())
        w.writeBoolElement(true)
        w.writeBoolElement(false)
        w.writeListHeader(elementType: .i32, count: 300)
        w.writeMapHeader(keyType: .binary, valueType: .i64, count: 2)
        w.writeMapHeader(keyType: .binary, valueType: .i64, count: 0)
        let bytes = w.bytes + [UInt8](repeating: 0, count: 600)
        try bytes.withUnsafeBytes { buf in
            var r = ThriftCompactReader(buf)
            for v in i64s { #expect(try r.readI64() == v) }
            #expect(try r.readI32() == Int32.min)
            #expect(try r.readI16() == Int16.max)
            #expect(try r.readI8() == -5)
            #expect(try r.readDouble() == -2.5)
            #expect(try r.readString() == "héllo")
            #expect(try r.readBinary() == [])
            #expect(try r.readBoolElement() == true)
            #expect(try r.readBoolElement() == false)
            let list = try r.readListHeader()
            #expect(list.elementType == .i32 && list.count == 300)
            let map = try r.readMapHeader()
            #expect(map.keyType == .binary && map.valueType == .i64 && map.count == 2)
            #expect(try r.readMapHeader().count == 0)
        }
    }

    @Test func fieldIdsOutOfOrderAndFarApartRoundTrip() throws {
        var w = ThriftCompactWriter()
        let saved = w.beginStruct()
        w.writeI32(field: 5, 1)
        w.writeI32(field: 2, 2)       // backwards: long form
        w.writeI32(field: 300, 3)     // far: long form
        w.writeBool(field: 301, true)
        w.endStruct(saved)
        let fields: [(Int16, ThriftType)] = try w.bytes.withUnsafeBytes { buf in
            var r = ThriftCompactReader(buf)
            var out: [(Int16, ThriftType)] = []
            let s = try r.beginStruct()
            while let f = try r.readFieldHeader() {
                out.append((f.id, f.type))
                try r.skip(f)
            }
            r.endStruct(s)
            #expect(r.remaining == 0)
            return out
        }
        #expect(fields.map(\.0) == [5, 2, 300, 301])
        #expect(fields.last?.1 == .booleanTrue)
    }

    @Test func unknownFieldsAreSkippedAtAnyDepth() throws {
        var w = ThriftCompactWriter()
        let saved = w.beginStruct()
        w.writeString(field: 1, "k")
        // field 3: struct { 1: double, 2: list<binary>, 3: map<i32, struct{1: list<list<i64>>}>, 4: set<bool> }
        w.writeStruct(field: 3) { w in
            w.writeDouble(field: 1, 3.25)
            w.writeStringList(field: 2, ["x", "yy"])
            w.writeFieldHeader(id: 3, type: .map)
            w.writeMapHeader(keyType: .i32, valueType: .struct, count: 2)
            for k in 0..<2 {
                w.writeI32(Int32(k))
                let s = w.beginStruct()
                w.writeFieldHeader(id: 1, type: .list)
                w.writeListHeader(elementType: .list, count: 2)
                for _ in 0..<2 {
                    w.writeListHeader(elementType: .i64, count: 20)
                    for v in 0..<20 { w.writeI64(Int64(v) << 33) }
                }
                w.endStruct(s)
            }
            w.writeFieldHeader(id: 4, type: .set)
            w.writeListHeader(elementType: .booleanTrue, count: 3)
            w.writeBoolElement(true); w.writeBoolElement(false); w.writeBoolElement(true)
        }
        w.writeString(field: 2, "v")
        w.writeBool(field: 10, false)
        w.writeI64(field: 1000, 42)
        w.writeI8(field: 1001, 7)
        w.writeI16(field: 1002, -7)
        w.writeFieldHeader(id: 1003, type: .map)
        w.writeMapHeader(keyType: .binary, valueType: .binary, count: 0)
        w.endStruct(saved)
        let (kv, n) = try decodeThrift(KeyValue.self, w.bytes)
        #expect(kv == KeyValue(key: "k", value: "v"))
        #expect(n == w.bytes.count)
    }

    @Test func knownFieldWithWrongWireTypeIsSkipped() throws {
        // KeyValue where field 2 (value) arrives as i32: skipped, value stays nil.
        let bytes: [UInt8] = [0x18, 0x01, 0x61, 0x15, 0x02, 0x00]
        #expect(try decodeThrift(KeyValue.self, bytes).0 == KeyValue(key: "a", value: nil))
        // ...and a required field with the wrong type is then reported missing.
        let bad: [UInt8] = [0x15, 0x02, 0x00]
        #expect(throws: ParquetError.self) { try decodeThrift(KeyValue.self, bad) }
    }

    @Test func hugeListHeaderThrowsBeforeAllocating() {
        // FileMetaData field 2 (list) of structs claiming 2^31 elements, in a 20-byte buffer.
        var bytes: [UInt8] = [0x29, 0xFC, 0x80, 0x80, 0x80, 0x80, 0x08]
        bytes += [UInt8](repeating: 0, count: 20 - bytes.count)
        let e = bytes.withUnsafeBytes { buf -> ParquetError? in
            do {
                _ = try FileMetaData(decoding: buf)
                return nil
            } catch { return error as? ParquetError }
        }
        #expect(e?.code == .corruptMetadata)
        #expect(e?.offset == 1)
        // The same through skip (unknown field 20) and a map header.
        let skipped = thriftError([0x09, 0x28, 0xFC, 0x80, 0x80, 0x80, 0x80, 0x08, 0, 0]) { r in
            let s = try r.beginStruct()
            while let f = try r.readFieldHeader() { try r.skip(f) }
            r.endStruct(s)
        }
        #expect(skipped?.code == .corruptMetadata)
        let map = thriftError([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x88, 0, 0]) { r in _ = try r.readMapHeader() }
        #expect(map?.code == .corruptMetadata)
    }

    @Test func binaryLengthPastEndThrows() {
        let e = thriftError([0x05, 0x61, 0x62]) { r in _ = try r.readBinary() }
        #expect(e?.code == .corruptMetadata)
        #expect(e?.offset == 0)
    }

    @Test func varintOverflowAndRangeChecks() {
        #expect(thriftError([UInt8](repeating: 0xFF, count: 11)) { r in _ = try r.readVarint() } != nil)
        #expect(thriftError([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]) { r in
            _ = try r.readVarint()
        } != nil)
        // 2^40 does not fit an i32 / i16.
        #expect(thriftError([0x80, 0x80, 0x80, 0x80, 0x80, 0x20]) { r in _ = try r.readI32() } != nil)
        #expect(thriftError([0x80, 0x80, 0x04]) { r in _ = try r.readI16() } != nil)
        #expect(thriftError([0x01, 0x02]) { r in _ = try r.readDouble() } != nil)
        // Field id delta overflowing Int16 (long-form id 32767 then a delta).
        #expect(thriftError([0x05, 0xFE, 0xFF, 0x03, 0x00, 0x15, 0x00]) { r in
            let s = try r.beginStruct()
            while let f = try r.readFieldHeader() { try r.skip(f) }
            r.endStruct(s)
        } != nil)
        // Invalid field and element types.
        #expect(thriftError([0x1D]) { r in _ = try r.readFieldHeader() } != nil)
        #expect(thriftError([0x10]) { r in _ = try r.readListHeader() } != nil)
    }

    @Test func nestingDepthIsLimited() {
        // 100 nested structs (each: field 1 of type struct).
        let structs = [UInt8](repeating: 0x1C, count: 100) + [UInt8](repeating: 0, count: 101)
        let e = thriftError(structs) { r in try r.skip(.struct) }
        #expect(e?.code == .corruptMetadata)
        #expect(e?.message.contains("nested") == true)
        // 100 nested single-element lists.
        let lists = [UInt8](repeating: 0x19, count: 100) + [0x15, 0x00]
        #expect(thriftError(lists) { r in try r.skip(.list) }?.message.contains("nested") == true)
        // 60 levels are fine.
        let ok = [UInt8](repeating: 0x1C, count: 60) + [UInt8](repeating: 0, count: 61)
        #expect(thriftError(ok) { r in try r.skip(.struct) } == nil)
    }
}
