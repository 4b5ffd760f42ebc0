import Foundation
import Columnar
import DeltaLog
import DeltaStorage
@testable import Parquet

/// A writer of a new local file (through the storage, as every file the engine writes).
func parquetWriter(path: String, schema: Schema, options: ParquetWriterOptions = .init()) throws -> ParquetFileWriter {
    try ParquetFileWriter(output: try LocalFiles.createNew(path), schema: schema, options: options)
}

/// A reader of a local file (through the storage).
func parquetReader(path: String, options: ParquetReaderOptions = .init()) throws -> ParquetFileReader {
    try ParquetFileReader(input: try LocalFiles.openForReading(path), options: options)
}

/// A fresh temporary directory per call; removed at process exit is not guaranteed, so tests
/// keep files small.
func temporaryPath(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swift-delta-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

/// `../shared/conformance` relative to the repository root.
let conformanceRoot: String = {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance").path
}()

/// Writes `batches` and reads the whole file back as one list of scalars per column.
func roundTrip(_ batches: [RecordBatch], options: ParquetWriterOptions = .init()) throws -> (ParquetFileReader, [[Scalar]]) {
    let path = temporaryPath("t.parquet")
    let w = try parquetWriter(path: path, schema: batches[0].schema, options: options)
    for b in batches { try w.write(b) }
    try w.close()
    let r = try parquetReader(path: path)
    var cols = Array(repeating: [Scalar](), count: r.schema.count)
    for g in 0..<r.rowGroupCount {
        let b = try r.readRowGroup(g)
        for (i, c) in b.columns.enumerated() { cols[i] += c.scalars }
    }
    return (r, cols)
}

extension SplitMix64 {
    mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

/// Sample values of every flat type, including boundaries and nulls.
func sampleValues(_ type: DataType, count: Int, seed: UInt64, nulls: Bool) -> [Scalar] {
    var rng = SplitMix64(seed: seed)
    var out: [Scalar] = []
    let edges: [Scalar]
    switch type {
    case .boolean: edges = [.boolean(true), .boolean(false)]
    case .byte: edges = [.byte(.min), .byte(.max), .byte(0), .byte(-1)]
    case .short: edges = [.short(.min), .short(.max), .short(0)]
    case .integer: edges = [.integer(.min), .integer(.max), .integer(0)]
    case .long: edges = [.long(.min), .long(.max), .long(0), .long(-1)]
    case .float: edges = [.float(-0.0), .float(0.0), .float(.nan), .float(.infinity), .float(-.infinity), .float(.leastNonzeroMagnitude), .float(.greatestFiniteMagnitude)]
    case .double: edges = [.double(-0.0), .double(0.0), .double(.nan), .double(.infinity), .double(-.infinity), .double(.leastNonzeroMagnitude), .double(.greatestFiniteMagnitude)]
    case let .decimal(p, s):
        let m = Decimal128.powersOfTen[p] - 1
        edges = [.decimal(m, precision: p, scale: s), .decimal(-m, precision: p, scale: s), .decimal(0, precision: p, scale: s)]
    case .string: edges = [.string(""), .string("héllo wörld ✓"), .string(String(repeating: "x", count: 5000))]
    case .binary: edges = [.binary([]), .binary([0, 255, 0]), .binary(Array(repeating: 7, count: 300))]
    case .date: edges = [.date(0), .date(-719162), .date(2932896), .date(-1)]
    case .timestamp: edges = [.timestamp(0), .timestamp(-1), .timestamp(253402300799999999), .timestamp(-62135596800000000)]
    case .timestampNtz: edges = [.timestampNtz(0), .timestampNtz(-1), .timestampNtz(1_700_000_000_123_456)]
    default: edges = []
    }
    out += edges
    while out.count < count {
        if nulls && rng.next() % 5 == 0 { out.append(.null); continue }
        let r = rng.next()
        switch type {
        case .boolean: out.append(.boolean(r & 1 == 1))
        case .byte: out.append(.byte(Int8(truncatingIfNeeded: r)))
        case .short: out.append(.short(Int16(truncatingIfNeeded: r % 50)))
        case .integer: out.append(.integer(Int32(truncatingIfNeeded: r % 1000)))
        case .long: out.append(.long(Int64(bitPattern: r)))
        case .float: out.append(.float(Float(Int64(r % 100_000)) / 7))
        case .double: out.append(.double(Double(Int64(bitPattern: r)) / 3))
        case let .decimal(p, s): out.append(.decimal(Int128(Int64(bitPattern: r)) % Decimal128.powersOfTen[min(p, 18)], precision: p, scale: s))
        case .string: out.append(.string("s\(r % 37)"))
        case .binary: out.append(.binary(Array("b\(r % 11)".utf8)))
        case .date: out.append(.date(Int32(r % 40000) - 20000))
        case .timestamp: out.append(.timestamp(Int64(bitPattern: r) / 4096))
        case .timestampNtz: out.append(.timestampNtz(Int64(bitPattern: r) / 4096))
        default: out.append(.null)
        }
    }
    return Array(out.prefix(count))
}

/// Scalar equality where NaN equals NaN and -0.0 differs from 0.0 (bit patterns).
func sameScalars(_ a: [Scalar], _ b: [Scalar]) -> Bool { a == b }
