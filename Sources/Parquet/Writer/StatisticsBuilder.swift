import Columnar

/// Min/max of a run of dense physical values, kept as PLAIN-encoded bytes (byte arrays without
/// their length prefix), in the order Parquet defines for the column:
/// signed for integers and decimals, IEEE for floats with NaN left out (and -0.0 as the
/// minimum / +0.0 as the maximum when a bound is zero), unsigned byte-wise for byte arrays.
struct StatisticsBuilder {
    var min: [UInt8]?
    var max: [UInt8]?
    var nullCount: Int64 = 0
    /// False once a bound was dropped (too long, or only NaNs): then no chunk bound is written.
    var boundsValid = true
    let maxValueBytes: Int
    let physical: PhysicalType

    init(physical: PhysicalType, maxValueBytes: Int) {
        self.physical = physical
        self.maxValueBytes = maxValueBytes
    }

    /// Statistics of values[range] of one page.
    static func page(_ values: DenseValues, _ range: Range<Int>, nulls: Int, physical: PhysicalType,
                     maxValueBytes: Int) -> StatisticsBuilder {
        var s = StatisticsBuilder(physical: physical, maxValueBytes: maxValueBytes)
        s.nullCount = Int64(nulls)
        guard !range.isEmpty else { return s }
        switch values {
        case let .booleans(b):
            var sawTrue = false, sawFalse = false
            for i in range { if b[i] { sawTrue = true } else { sawFalse = true } }
            s.min = [sawFalse ? 0 : 1]
            s.max = [sawTrue ? 1 : 0]
        case let .int32(a):
            a.withUnsafeBufferPointer { p in
                var lo = p[range.lowerBound], hi = lo
                for i in range { let v = p[i]; lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
                s.min = le(lo); s.max = le(hi)
            }
        case let .int64(a):
            a.withUnsafeBufferPointer { p in
                var lo = p[range.lowerBound], hi = lo
                for i in range { let v = p[i]; lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
                s.min = le(lo); s.max = le(hi)
            }
        case let .float(a):
            if let (lo, hi) = floatBounds(a, range) { s.min = le(lo.bitPattern); s.max = le(hi.bitPattern) } else { s.boundsValid = false }
        case let .double(a):
            if let (lo, hi) = floatBounds(a, range) { s.min = le(lo.bitPattern); s.max = le(hi.bitPattern) } else { s.boundsValid = false }
        case let .bytes(o, d):
            d.withUnsafeBytes { raw in
                func value(_ i: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: raw[Int(o[i])..<Int(o[i + 1])]) }
                var lo = range.lowerBound, hi = lo
                for i in range.dropFirst() {
                    let v = value(i)
                    if compareUnsigned(v, value(lo)) < 0 { lo = i }
                    if compareUnsigned(v, value(hi)) > 0 { hi = i }
                }
                if value(lo).count <= maxValueBytes && value(hi).count <= maxValueBytes {
                    s.min = Array(value(lo)); s.max = Array(value(hi))
                } else { s.boundsValid = false }
            }
        case let .fixed(w, d):
            // Fixed-length values here are big-endian two's-complement decimals: signed order.
            d.withUnsafeBytes { raw in
                func value(_ i: Int) -> Int128 { ColumnAssembler.bigEndianSigned(UnsafeRawBufferPointer(rebasing: raw[i * w..<(i + 1) * w])) }
                var lo = range.lowerBound, hi = lo
                var loV = value(lo), hiV = loV
                for i in range.dropFirst() {
                    let v = value(i)
                    if v < loV { lo = i; loV = v }
                    if v > hiV { hi = i; hiV = v }
                }
                s.min = Array(raw[lo * w..<(lo + 1) * w]); s.max = Array(raw[hi * w..<(hi + 1) * w])
            }
        }
        return s
    }

    /// Folds a page's statistics into the chunk's.
    mutating func merge(_ page: StatisticsBuilder) {
        nullCount += page.nullCount
        if !page.boundsValid {
            // An all-NaN page leaves the bounds of the others intact; an over-long value does not.
            if page.min == nil && (physical == .float || physical == .double) { return }
            boundsValid = false
            return
        }
        guard let pmin = page.min, let pmax = page.max else { return }
        if min == nil || less(pmin, min!) { min = pmin }
        if max == nil || less(max!, pmax) { max = pmax }
    }

    /// Order of two encoded bounds of this column's physical type.
    func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                switch physical {
                case .boolean: return x[0] < y[0]
                case .int32: return x.loadUnaligned(as: Int32.self) < y.loadUnaligned(as: Int32.self)
                case .int64: return x.loadUnaligned(as: Int64.self) < y.loadUnaligned(as: Int64.self)
                case .float: return Float(bitPattern: x.loadUnaligned(as: UInt32.self)) < Float(bitPattern: y.loadUnaligned(as: UInt32.self))
                    || (x.loadUnaligned(as: UInt32.self) == Float(-0.0).bitPattern && y.loadUnaligned(as: UInt32.self) == Float(0.0).bitPattern)
                case .double: return Double(bitPattern: x.loadUnaligned(as: UInt64.self)) < Double(bitPattern: y.loadUnaligned(as: UInt64.self))
                    || (x.loadUnaligned(as: UInt64.self) == Double(-0.0).bitPattern && y.loadUnaligned(as: UInt64.self) == Double(0.0).bitPattern)
                case .fixedLenByteArray: return ColumnAssembler.bigEndianSigned(x) < ColumnAssembler.bigEndianSigned(y)
                default: return compareUnsigned(x, y) < 0
                }
            }
        }
    }

    /// The Thrift statistics; legacy `min`/`max` too for types whose legacy order is signed.
    func thrift(legacy: Bool) -> Statistics {
        var s = Statistics()
        s.nullCount = nullCount
        if boundsValid, let min, let max {
            s.minValue = min
            s.maxValue = max
            if legacy { s.min = min; s.max = max }
        }
        return s
    }
}

/// Min and max of the non-NaN values, with a zero minimum as -0.0 and a zero maximum as +0.0
/// (parquet-format's rule); nil when every value is NaN.
func floatBounds<F: BinaryFloatingPoint>(_ a: [F], _ range: Range<Int>) -> (F, F)? {
    a.withUnsafeBufferPointer { p in
        var lo = F.infinity, hi = -F.infinity, any = false
        for i in range where !p[i].isNaN { any = true; lo = Swift.min(lo, p[i]); hi = Swift.max(hi, p[i]) }
        guard any else { return nil }
        if lo == 0 { lo = -0.0 }
        if hi == 0 { hi = 0.0 }
        return (lo, hi)
    }
}

@inline(__always)
func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
    withUnsafeBytes(of: v.littleEndian) { Array($0) }
}

/// Unsigned byte-wise comparison (memcmp order, shorter prefix first).
@inline(__always)
func compareUnsigned(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    if n > 0 {
        let r = memcmp(a.baseAddress!, b.baseAddress!, n)
        if r != 0 { return r < 0 ? -1 : 1 }
    }
    return a.count < b.count ? -1 : (a.count > b.count ? 1 : 0)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
