import Columnar

/// Dremel "shredding": turns the rows of a nested Columnar column into, for one Parquet leaf,
/// a repetition level and a definition level per *entry*, plus the dense non-null leaf values.
///
/// An entry is one slot of the leaf: every row has at least one, a list contributes one per
/// element (or a single entry when it is null or empty), a map one per key/value pair.
/// - repetition level r: 0 starts a new row; r > 0 continues the list at the r-th repeated
///   node on the path (counting from the top).
/// - definition level d: how many of the OPTIONAL and REPEATED nodes on the path are present.
///   d == max means the leaf value is there (and is in the dense values); smaller d says where
///   the path stopped: a null struct/list/map, an empty list/map, or a null element.
///
/// Example: `l array<int>` (nullable list, nullable elements), schema
/// `optional group l (LIST) { repeated group list { optional int32 element; } }`, max d = 3, max r = 1.
///
/// | row            | r       | d       | values |
/// |----------------|---------|---------|--------|
/// | [1, null, 2]   | 0, 1, 1 | 3, 2, 3 | 1, 2   |
/// | null           | 0       | 0       |        |
/// | []             | 0       | 1       |        |
/// | [7]            | 0       | 3       | 7      |
///
/// and for `s struct<a:int>` (all nullable): {a:1} → (r 0, d 2, 1); {a:null} → d 1; null → d 0.
///
/// How: one pass per nesting level over three parallel arrays — `rep`, `def`, and `idx` (the
/// entry's position in the column of the current level, or -1 once the entry has ended at a
/// null or empty node, its definition level then final). A struct keeps the entries and ends
/// those whose struct is null; a list or map replaces each live entry by its elements
/// (the first keeps the entry's repetition level, the others get the list's level); the leaf
/// ends the entries whose value is null and collects the positions of the others.
/// No per-row allocation: each level allocates its arrays once.
enum LevelShredder {
    /// The result for one (column, row range) segment.
    struct Segment {
        /// The leaf's own column (inside the nested column) and the positions in it of the
        /// non-null leaf values, ascending, in entry order.
        var leafColumn: Column
        var valueIndices: [Int32]
    }

    /// Shreds rows `rows` of top-level `column` for `leaf`, appending one level per entry to
    /// `repetition` and `definition`.
    static func shred(_ column: Column, rows: Range<Int>, leaf: WriteLeaf,
                      repetition: inout [UInt8], definition: inout [UInt8]) throws -> Segment {
        guard rows.upperBound <= Int(Int32.max) else {
            throw ParquetError(.invalidArgument, "column '\(leaf.displayName)': a batch of more than 2^31 rows cannot be written; split it")
        }
        var n = rows.count
        var rep = [UInt8](repeating: 0, count: n)
        var def = [UInt8](repeating: 0, count: n)
        var idx = [Int32](unsafeUninitializedCapacity: n) { buf, count in
            var k = 0
            for i in rows { buf[k] = Int32(i); k += 1 }
            count = n
        }
        var col = column
        var curDef: UInt8 = 0
        var curRep: UInt8 = 0
        var depth = 0  // number of path names consumed, for messages
        for step in leaf.steps {
            let name = Self.name(leaf, upTo: depth)
            switch step {
            case let .structField(child, nullable):
                guard case let .structure(children) = col.values, child < children.count else {
                    throw mismatch(leaf, name, col, expected: "struct")
                }
                try endNulls(col, nullable: nullable, name: name, def: &def, idx: &idx, at: curDef)
                if nullable { curDef += 1 }
                col = children[child]
                depth += 1
            case let .list(nullable):
                guard case let .list(offsets, values) = col.values else {
                    throw mismatch(leaf, name, col, expected: "list")
                }
                try expand(col, offsets: offsets, childCount: values.count, nullable: nullable, name: name,
                           rep: &rep, def: &def, idx: &idx, n: &n, def: curDef, childRep: curRep + 1)
                curDef += (nullable ? 1 : 0) + 1
                curRep += 1
                col = values
                depth += 2  // <name>, list
            case let .mapKeys(nullable), let .mapValues(nullable):
                guard case let .map(offsets, keys, items) = col.values else {
                    throw mismatch(leaf, name, col, expected: "map")
                }
                guard keys.count == items.count else {
                    throw ParquetError(.invalidArgument, "column '\(name)': the map has \(keys.count) keys but \(items.count) values")
                }
                try expand(col, offsets: offsets, childCount: keys.count, nullable: nullable, name: name,
                           rep: &rep, def: &def, idx: &idx, n: &n, def: curDef, childRep: curRep + 1)
                curDef += (nullable ? 1 : 0) + 1
                curRep += 1
                if case .mapKeys = step { col = keys } else { col = items }
                depth += 2  // <name>, key_value
            }
        }
        // The leaf: end null values at curDef, mark the others defined and collect them.
        let nullable = leaf.field.nullable
        let maxDef = UInt8(leaf.maxDefinitionLevel)
        var values = [Int32]()
        values.reserveCapacity(n)
        let validity = col.validity
        var sawNull = false
        idx.withUnsafeBufferPointer { ix in
            def.withUnsafeMutableBufferPointer { d in
                for k in 0..<n {
                    let i = ix[k]
                    guard i >= 0 else { continue }
                    if let v = validity, !v[Int(i)] {
                        d[k] = curDef
                        sawNull = true
                    } else {
                        d[k] = maxDef
                        values.append(i)
                    }
                }
            }
        }
        if sawNull && !nullable {
            throw ParquetError(.schemaMismatch, "column '\(leaf.displayName)' is declared not null but holds nulls")
        }
        repetition.append(contentsOf: rep)
        definition.append(contentsOf: def)
        return Segment(leafColumn: col, valueIndices: values)
    }

    /// Struct level: entries whose struct is null end here with definition level `level`.
    private static func endNulls(_ col: Column, nullable: Bool, name: String,
                                 def: inout [UInt8], idx: inout [Int32], at level: UInt8) throws {
        guard let v = col.validity else { return }
        var sawNull = false
        idx.withUnsafeMutableBufferPointer { ix in
            def.withUnsafeMutableBufferPointer { d in
                for k in 0..<ix.count {
                    let i = ix[k]
                    if i >= 0 && !v[Int(i)] {
                        d[k] = level
                        ix[k] = -1
                        sawNull = true
                    }
                }
            }
        }
        if sawNull && !nullable {
            throw ParquetError(.schemaMismatch, "column '\(name)' is declared not null but holds nulls")
        }
    }

    /// List or map level: each live entry becomes its elements (or ends, null or empty).
    private static func expand(_ col: Column, offsets: [Int32], childCount: Int, nullable: Bool, name: String,
                               rep: inout [UInt8], def: inout [UInt8], idx: inout [Int32], n: inout Int,
                               def level: UInt8, childRep: UInt8) throws {
        // Live entries are ascending: the elements they expand to lie in one span of the child.
        var first: Int32 = -1, last: Int32 = -1
        for i in idx where i >= 0 {
            if first < 0 { first = i }
            last = i
        }
        guard first >= 0 else { return }  // every entry already ended above
        guard Int(last) + 1 < offsets.count, offsets[Int(first)] <= offsets[Int(last) + 1] else {
            throw ParquetError(.invalidArgument, "column '\(name)': list offsets are inconsistent")
        }
        let capacity = n + Int(offsets[Int(last) + 1] - offsets[Int(first)])
        var newRep = [UInt8](), newDef = [UInt8](), newIdx = [Int32]()
        newRep.reserveCapacity(capacity)
        newDef.reserveCapacity(capacity)
        newIdx.reserveCapacity(capacity)
        let validity = col.validity
        let emptyLevel = level + (nullable ? 1 : 0)
        var sawNull = false
        var badOffsets = false
        offsets.withUnsafeBufferPointer { off in
            for k in 0..<n {
                let i = Int(idx[k])
                if i < 0 {
                    newRep.append(rep[k]); newDef.append(def[k]); newIdx.append(-1)
                } else if let v = validity, !v[i] {
                    newRep.append(rep[k]); newDef.append(level); newIdx.append(-1)
                    sawNull = true
                } else {
                    let lo = off[i], hi = off[i + 1]
                    if lo > hi || lo < 0 || Int(hi) > childCount {
                        badOffsets = true
                        newRep.append(rep[k]); newDef.append(emptyLevel); newIdx.append(-1)
                    } else if lo == hi {
                        newRep.append(rep[k]); newDef.append(emptyLevel); newIdx.append(-1)
                    } else {
                        newRep.append(rep[k]); newDef.append(0); newIdx.append(lo)
                        var j = lo + 1
                        while j < hi {
                            newRep.append(childRep); newDef.append(0); newIdx.append(j)
                            j += 1
                        }
                    }
                }
            }
        }
        if badOffsets {
            throw ParquetError(.invalidArgument, "column '\(name)': list offsets are decreasing or past its \(childCount) elements")
        }
        if sawNull && !nullable {
            throw ParquetError(.schemaMismatch, "column '\(name)' is declared not null but holds nulls")
        }
        rep = newRep
        def = newDef
        idx = newIdx
        n = newIdx.count
    }

    /// The dotted name of the node reached after `depth` path components (for messages).
    private static func name(_ leaf: WriteLeaf, upTo depth: Int) -> String {
        leaf.path[0...min(depth, leaf.path.count - 1)].joined(separator: ".")
    }

    private static func mismatch(_ leaf: WriteLeaf, _ name: String, _ col: Column, expected: String) -> ParquetError {
        ParquetError(.schemaMismatch, "column '\(name)' (leaf '\(leaf.displayName)') should be a \(expected) but the batch holds \(col.type)")
    }
}
