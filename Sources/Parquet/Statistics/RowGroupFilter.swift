import Columnar

/// A predicate over row-group statistics: "can this row group contain a matching row?".
/// Answers are conservative: a row group is skipped only when its statistics prove that no row
/// matches; missing statistics always keep it.
public indirect enum RowGroupFilter: Sendable {
    public enum Comparison: Sendable { case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual }

    case compare(column: String, Comparison, Scalar)
    case isNull(column: String)
    case isNotNull(column: String)
    case and([RowGroupFilter])
    case or([RowGroupFilter])
}

extension ParquetFileReader {
    /// The row groups whose statistics do not rule out a match, in file order.
    public func rowGroups(matching filter: RowGroupFilter) -> [Int] {
        (0..<rowGroupCount).filter { mayMatch(filter, rowGroup: $0) }
    }

    func mayMatch(_ filter: RowGroupFilter, rowGroup: Int) -> Bool {
        switch filter {
        case let .and(parts): return parts.allSatisfy { mayMatch($0, rowGroup: rowGroup) }
        case let .or(parts): return parts.isEmpty || parts.contains { mayMatch($0, rowGroup: rowGroup) }
        case let .isNull(name):
            guard let s = stats(name, rowGroup) else { return true }
            return s.nullCount.map { $0 > 0 } ?? true
        case let .isNotNull(name):
            guard let s = stats(name, rowGroup), let nulls = s.nullCount else { return true }
            return nulls < Int(metadata.rowGroups[rowGroup].numRows)
        case let .compare(name, op, value):
            guard !value.isNull, let s = stats(name, rowGroup) else { return true }
            if let nulls = s.nullCount, nulls == Int(metadata.rowGroups[rowGroup].numRows) {
                return false   // only nulls: no comparison can be true
            }
            guard let lo = s.min, let hi = s.max,
                  let cLo = ScalarOrder.compare(value, lo), let cHi = ScalarOrder.compare(value, hi) else { return true }
            switch op {
            case .equal: return cLo >= 0 && cHi <= 0
            case .notEqual: return !(cLo == 0 && cHi == 0)
            case .less: return ScalarOrder.compare(lo, value).map { $0 < 0 } ?? true
            case .lessOrEqual: return cLo >= 0
            case .greater: return ScalarOrder.compare(hi, value).map { $0 > 0 } ?? true
            case .greaterOrEqual: return cHi <= 0
            }
        }
    }

    private func stats(_ name: String, _ rowGroup: Int) -> ColumnStatistics? {
        guard let c = schema.index(of: name) else { return nil }
        return statistics(rowGroup: rowGroup, column: c)
    }
}

/// Ordering of two scalars of the same primitive type (nil when they cannot be compared).
enum ScalarOrder {
    static func compare(_ a: Scalar, _ b: Scalar) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case let (.boolean(x), .boolean(y)): return cmp(x ? 1 : 0, y ? 1 : 0)
        case let (.byte(x), .byte(y)): return cmp(x, y)
        case let (.short(x), .short(y)): return cmp(x, y)
        case let (.integer(x), .integer(y)): return cmp(x, y)
        case let (.long(x), .long(y)): return cmp(x, y)
        case let (.date(x), .date(y)): return cmp(x, y)
        case let (.timestamp(x), .timestamp(y)): return cmp(x, y)
        case let (.timestampNtz(x), .timestampNtz(y)): return cmp(x, y)
        case let (.float(x), .float(y)): return x.isNaN || y.isNaN ? nil : cmp(x, y)
        case let (.double(x), .double(y)): return x.isNaN || y.isNaN ? nil : cmp(x, y)
        case let (.decimal(x, _, s1), .decimal(y, _, s2)): return s1 == s2 ? cmp(x, y) : nil
        case let (.string(x), .string(y)): return compareBytes(Array(x.utf8), Array(y.utf8))
        case let (.binary(x), .binary(y)): return compareBytes(x, y)
        default: return nil
        }
    }

    /// Unsigned byte-wise order (Parquet's order for UTF-8 strings and binary).
    static func compareBytes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
    }
}
