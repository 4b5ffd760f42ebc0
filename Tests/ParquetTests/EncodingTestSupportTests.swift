import Testing
@testable import Parquet

/// Seeded generator so random tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum EncodingTestSupport {
    /// Runs `body`; an error must be a ParquetError with code .corruptPage.
    static func expectCorruptOrSuccess(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
        } catch let e as ParquetError {
            #expect(e.code == .corruptPage, "unexpected code \(e)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("non-Parquet error \(error)", sourceLocation: sourceLocation)
        }
    }

    static func rleEncode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: bitWidth, into: &out) }
        return out
    }

    static func rleDecode(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> (values: [UInt32], consumed: Int) {
        var values = [UInt32](repeating: 0xDEAD_BEEF, count: count)
        let consumed = try bytes.withUnsafeBytes { raw in
            try values.withUnsafeMutableBufferPointer { try RLEHybrid.decode(raw, bitWidth: bitWidth, into: $0) }
        }
        return (values, consumed)
    }

    static func dbpEncode<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        var out: [UInt8] = []
        if let v = values as? [Int64] {
            v.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        } else if let v = values as? [Int32] {
            v.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &out) }
        }
        return out
    }

    static func dbpDecode64(_ bytes: [UInt8], count: Int) throws -> (values: [Int64], consumed: Int) {
        var values = [Int64](repeating: 0, count: count)
        let consumed = try bytes.withUnsafeBytes { raw in
            try values.withUnsafeMutableBufferPointer { try DeltaBinaryPacked.decode(raw, into: $0) }
        }
        return (values, consumed)
    }

    static func dbpDecode32(_ bytes: [UInt8], count: Int) throws -> (values: [Int32], consumed: Int) {
        var values = [Int32](repeating: 0, count: count)
        let consumed = try bytes.withUnsafeBytes { raw in
            try values.withUnsafeMutableBufferPointer { try DeltaBinaryPacked.decode(raw, into: $0) }
        }
        return (values, consumed)
    }

    /// Byte-array column layout (offsets starting at 0 + concatenated data) for strings.
    static func layout(_ strings: [[UInt8]]) -> (offsets: [Int32], data: [UInt8]) {
        var offsets: [Int32] = [0]
        var data: [UInt8] = []
        for s in strings {
            data += s
            offsets.append(Int32(data.count))
        }
        return (offsets, data)
    }

    static func strings(offsets: [Int32], data: [UInt8]) -> [[UInt8]] {
        (0..<(offsets.count - 1)).map { Array(data[Int(offsets[$0])..<Int(offsets[$0 + 1])]) }
    }

    static func randomBytes(_ n: Int, _ rng: inout SplitMix64) -> [UInt8] {
        (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
}
