import Testing
@testable import Columnar

/// Deterministic generator for the randomized kernel tests.
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

enum KernelFixtures {
    static let structType = DataType.struct([Field("a", .integer), Field("b", .string)])
    static let deepType = DataType.array(element: Field("element", .struct([
        Field("x", .double), Field("y", .array(element: Field("element", .string))),
    ])))
    static let mapType = DataType.map(key: Field("key", .string, nullable: false), value: Field("value", .double))

    /// One type per physical layout (and the interesting logical variants).
    static let types: [DataType] = [
        .boolean, .byte, .short, .integer, .date, .long, .timestamp, .float, .double,
        .decimal(precision: 38, scale: 2), .string, .binary, structType,
        .array(element: Field("element", .long)), mapType, deepType,
    ]

    static let doubles: [Double] = [-0.0, 0.0, .nan, -.nan, Double(nan: 7, signaling: false), .infinity, -.infinity,
                                    1.5, -1.5, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 2, 3]
    static let strings: [String] = ["", "a", "ab", "b", "é", "\u{0}", "zz", "hello world, 17+ bytes",
                                    String(repeating: "long string ", count: 6)]

    /// A random value of `type`; `nulls` is the chance of a null (at every level).
    static func scalar(_ type: DataType, _ rng: inout SplitMix64, nulls: Double = 0.2, depth: Int = 0) -> Scalar {
        if Double.random(in: 0..<1, using: &rng) < nulls { return .null }
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
        switch type {
        case .boolean: return .boolean(Bool.random(using: &rng))
        case .byte: return .byte(pick([Int8.min, Int8.max, 0, -1, 1, 2]))
        case .short: return .short(pick([Int16.min, Int16.max, 0, -1, 5]))
        case .integer: return .integer(pick([Int32.min, Int32.max, 0, -1, 1, 2, 3]))
        case .date: return .date(Int32.random(in: -3...3, using: &rng))
        case .long: return .long(pick([Int64.min, Int64.max, 0, -1, 1, 42, Int64.random(in: -5...5, using: &rng)]))
        case .timestamp: return .timestamp(Int64.random(in: -2...2, using: &rng))
        case .float: return .float(Float(pick(doubles)))
        case .double: return .double(pick(doubles))
        case .decimal(let p, let s):
            let big = Decimal128.powersOfTen[38] - 1
            return .decimal(pick([0, 1, -1, big, -big, Int128(Int.random(in: -9...9, using: &rng))]), precision: p, scale: s)
        case .string: return .string(pick(strings))
        case .binary: return .binary(Array(pick(strings).utf8) + (Bool.random(using: &rng) ? [0xFF] : []))
        case .struct(let fields):
            return .struct(fields.map { scalar($0.type, &rng, nulls: nulls, depth: depth + 1) })
        case .array(let e):
            let n = Int.random(in: 0...(depth > 1 ? 1 : 3), using: &rng)
            return .array((0..<n).map { _ in scalar(e.type, &rng, nulls: nulls, depth: depth + 1) })
        case .map(let k, let v):
            let n = Int.random(in: 0...3, using: &rng)
            return .map((0..<n).map { _ in
                (key: scalar(k.type, &rng, nulls: 0, depth: depth + 1), value: scalar(v.type, &rng, nulls: nulls, depth: depth + 1))
            })
        default: fatalError("no generator for \(type)")
        }
    }

    static func column(_ type: DataType, count: Int, _ rng: inout SplitMix64, nulls: Double = 0.2) -> Column {
        try! Column(type, (0..<count).map { _ in scalar(type, &rng, nulls: nulls) })
    }

    static func randomMask(_ n: Int, _ rng: inout SplitMix64) -> Bitmap {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return Bitmap(count: n, value: true)
        case 1: return Bitmap(count: n, value: false)
        case 2: return Bitmap((0..<n).map { _ in Int.random(in: 0..<10, using: &rng) != 0 })
        default: return Bitmap((0..<n).map { _ in Bool.random(using: &rng) })
        }
    }
}

/// Reference ordering on scalars (Spark semantics), the model for `compareRows` and sorting.
func modelCompare(_ a: Scalar, _ b: Scalar, nullsFirst: Bool) -> Int {
    func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
    func fcmp(_ x: Double, _ y: Double) -> Int {
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
        return cmp(x, y)
    }
    func bytes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return cmp(x.count, y.count)
    }
    func seq(_ x: [Scalar], _ y: [Scalar]) -> Int {
        for (p, q) in zip(x, y) {
            let c = modelCompare(p, q, nullsFirst: nullsFirst)
            if c != 0 { return c }
        }
        return cmp(x.count, y.count)
    }
    switch (a, b) {
    case (.null, .null): return 0
    case (.null, _): return nullsFirst ? -1 : 1
    case (_, .null): return nullsFirst ? 1 : -1
    case let (.boolean(x), .boolean(y)): return cmp(x ? 1 : 0, y ? 1 : 0)
    case let (.byte(x), .byte(y)): return cmp(x, y)
    case let (.short(x), .short(y)): return cmp(x, y)
    case let (.integer(x), .integer(y)), let (.date(x), .date(y)): return cmp(x, y)
    case let (.long(x), .long(y)), let (.timestamp(x), .timestamp(y)), let (.timestampNtz(x), .timestampNtz(y)):
        return cmp(x, y)
    case let (.float(x), .float(y)): return fcmp(Double(x), Double(y))
    case let (.double(x), .double(y)): return fcmp(x, y)
    case let (.decimal(x, _, _), .decimal(y, _, _)): return cmp(x, y)
    case let (.string(x), .string(y)): return bytes(Array(x.utf8), Array(y.utf8))
    case let (.binary(x), .binary(y)): return bytes(x, y)
    case let (.struct(x), .struct(y)), let (.array(x), .array(y)): return seq(x, y)
    case let (.map(x), .map(y)):
        // Entry by entry (key, then value), then the shorter map first: the same as the flattened sequence.
        return seq(x.flatMap { [$0.key, $0.value] }, y.flatMap { [$0.key, $0.value] })
    default: fatalError("model cannot compare \(a) and \(b)")
    }
}

@Suite struct SupportKernelTests {
    @Test func fixturesBuildEveryType() {
        var rng = SplitMix64(seed: 1)
        for t in KernelFixtures.types {
            let c = KernelFixtures.column(t, count: 20, &rng)
            #expect(c.count == 20)
            #expect(c.type == t)
        }
    }
}
