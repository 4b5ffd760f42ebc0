import DeltaLog
import Testing
import Foundation
import Columnar
@testable import Parquet

@Suite struct CorruptFileTests {
    func sampleFile() throws -> [UInt8] {
        let schema = Schema([Field("id", .long), Field("s", .string), Field("d", .decimal(precision: 20, scale: 2))])
        let path = temporaryPath("c.parquet")
        var o = ParquetWriterOptions()
        o.rowGroupMaxRows = 40
        o.dataPageTargetBytes = 100
        let w = try parquetWriter(path: path, schema: schema, options: o)
        try w.write(try RecordBatch(schema: schema, columns: [
            try Column(.long, sampleValues(.long, count: 100, seed: 1, nulls: true)),
            try Column(.string, sampleValues(.string, count: 100, seed: 2, nulls: true)),
            try Column(.decimal(precision: 20, scale: 2), sampleValues(.decimal(precision: 20, scale: 2), count: 100, seed: 3, nulls: true))]))
        try w.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func readEverything(_ bytes: [UInt8]) throws {
        var o = ParquetReaderOptions()
        o.maxValuesPerColumnChunk = 1 << 16
        let r = try ParquetFileReader(bytes: bytes, path: "x.parquet", options: o)
        for g in 0..<r.rowGroupCount { _ = try r.readRowGroup(g) }
    }

    @Test func everyTruncationThrowsAParquetError() throws {
        let bytes = try sampleFile()
        for n in 0..<bytes.count {
            do {
                try readEverything(Array(bytes[0..<n]))
                Issue.record("a file truncated to \(n) of \(bytes.count) bytes was read without error")
            } catch let e as ParquetError {
                #expect(e.path == "x.parquet")
            }
        }
    }

    @Test func flippedBytesNeverCrashAndNeverThrowOtherErrors() throws {
        let bytes = try sampleFile()
        var rng = SplitMix64(seed: 99)
        for _ in 0..<3000 {
            var b = bytes
            for _ in 0..<rng.int(1..<4) { b[rng.int(0..<b.count)] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
            do { try readEverything(b) } catch is ParquetError {}
        }
    }

    @Test func badMagicAndMissingFileAreNamed() throws {
        var bytes = try sampleFile()
        bytes[0] = 0x51
        #expect { try readEverything(bytes) } throws: { ($0 as? ParquetError)?.code == .badMagic }
        #expect { _ = try parquetReader(path: "/nonexistent/dir/f.parquet") } throws: {
            ($0 as? DeltaError)?.code == .io && ($0 as? DeltaError)?.path == "/nonexistent/dir/f.parquet"
        }
        #expect { _ = try ParquetFileReader(bytes: Array("PAR1PAR1".utf8)) } throws: { ($0 as? ParquetError)?.code == .truncated }
    }
}
