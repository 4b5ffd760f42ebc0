import Columnar

/// Builds the Columnar column of a nested top-level field (structs, lists, maps at any depth)
/// from its leaves' Dremel levels and dense values.
///
/// Every leaf entry (one per level pair) carries a repetition level r — at which repeated
/// field a new value starts (0: a new row) — and a definition level d — how many of the
/// optional or repeated fields on the leaf's path are present. For a node of the tree
/// (`NestedShape`, levels in `ShapeLevels`) with `R` repeated ancestors, `D` the definition
/// level of the innermost one, and `P` the level at which the node itself is non-null:
///
/// - an entry with r ≤ R and d ≥ D starts a value ("slot") of the node; d ≥ P says it is not null;
/// - an entry with r ≤ R and d < D stands for an empty or null ancestor: no slot here;
/// - an entry with r > R continues the current slot (a further element somewhere below it).
///
/// A list's element has R + 1 repeated ancestors and slot level E (the repeated field's
/// definition level): each entry with r ≤ R + 1 and d ≥ E starts an element, so one pass over
/// the entries gives the list's offsets (Int32, starting at 0) and validity. A null list and an
/// empty list both have no element (equal consecutive offsets); d tells them apart. Structs share
/// the slots of their fields; a map is a list of (key, value) entries. Each node takes one pass
/// over the levels of its leftmost leaf; the other leaves must agree on counts.
///
/// Example, `optional group a (LIST) { repeated group list { optional group element (LIST) {
/// repeated group list { optional int32 element } } } }` (max r 2, max d 5):
///
/// | row               | entries (r, d)                       | values |
/// |-------------------|--------------------------------------|--------|
/// | [[1, 2], [3]]     | (0,5) (2,5) (1,5)                     | 1 2 3  |
/// | null              | (0,0)                                 |        |
/// | []                | (0,1)                                 |        |
/// | [null, [], [null]] | (0,2) (1,3) (1,4)                   |        |
///
/// Outer list (R 0, D 0, P 1, E 2): slots at r = 0 → 4 rows, valid where d ≥ 1 (row 2 null),
/// elements at r ≤ 1 and d ≥ 2 → offsets [0, 2, 2, 2, 5]. Inner list (R 1, D 2, P 3, E 4): slots
/// at r ≤ 1 and d ≥ 2 → 5 slots, valid where d ≥ 3 (the third is null); elements at r ≤ 2 and d ≥ 4
/// → offsets [0, 2, 3, 3, 3, 4]. Leaf (R 2, D 4, P 5): slots where d ≥ 4 → 4 values, the last null.
///
/// Errors (a level inconsistent with the ones before it, leaves that disagree) are
/// `corruptPage` naming the column and the page holding the entry.
struct NestedAssembler {
    let leaves: [LeafColumn]
    /// The chunks of this column's leaves, from leaf index `firstLeaf` on.
    let chunks: [ColumnChunkReader.NestedOutput]
    let firstLeaf: Int
    let path: String

    func column(_ shape: NestedShape, type: DataType) throws -> Column {
        switch shape {
        case let .leaf(index, levels):
            return try leafColumn(index, levels)
        case let .structure(children, levels):
            guard case let .struct(fields) = type, fields.count == children.count else { throw mismatch(type) }
            let rep = try representative(shape)
            let (count, validity) = try slots(rep, levels)
            var columns: [Column] = []
            columns.reserveCapacity(children.count)
            for (child, field) in zip(children, fields) {
                let c = try column(child, type: field.type)
                guard c.count == count else {
                    throw corrupt(rep, entry: nil, "the struct's field '\(field.name)' has \(c.count) values but its first field has \(count): the leaves of one struct disagree")
                }
                columns.append(c)
            }
            return try build(type, count, levels.nullable ? validity : nil, .structure(columns), rep)
        case let .list(element, levels):
            guard case let .array(field) = type else { throw mismatch(type) }
            let rep = try representative(shape)
            let (offsets, validity) = try elements(rep, levels, element: element.levels)
            let child = try column(element, type: field.type)
            guard Int(offsets.last!) == child.count else {
                throw corrupt(rep, entry: nil, "the list has \(offsets.last!) elements by its levels but its element column has \(child.count)")
            }
            return try build(type, offsets.count - 1, levels.nullable ? validity : nil, .list(offsets: offsets, values: child), rep)
        case let .map(key, value, levels):
            guard case let .map(keyField, valueField) = type else { throw mismatch(type) }
            let rep = try representative(shape)
            let (offsets, validity) = try elements(rep, levels, element: key.levels)
            var keys = try column(key, type: keyField.type)
            let items = try column(value, type: valueField.type)
            guard Int(offsets.last!) == keys.count, keys.count == items.count else {
                throw corrupt(rep, entry: nil, "the map has \(offsets.last!) entries by its levels but \(keys.count) keys and \(items.count) values")
            }
            if keys.nullCount > 0 {
                throw corrupt(rep, entry: nil, "a map key is null (\(keys.nullCount) null keys); map keys must be present")
            }
            keys = Column(unchecked: keys.type, count: keys.count, validity: nil, values: keys.values)
            return try build(type, offsets.count - 1, levels.nullable ? validity : nil,
                             .map(offsets: offsets, keys: keys, items: items), rep)
        }
    }

    // MARK: - Nodes

    private func leafColumn(_ index: Int, _ levels: ShapeLevels) throws -> Column {
        let chunk = chunks[index - firstLeaf]
        let leaf = leaves[index]
        let (count, validity) = leafSlots(index, levels)
        let output = ColumnChunkReader.Output(values: chunk.values, validity: validity, rowCount: count)
        let column = try ColumnAssembler.column(output, leaf: leaf, path: path)
        // A required field below a null parent has placeholder values, not nulls.
        if !levels.nullable, column.validity != nil {
            return Column(unchecked: column.type, count: column.count, validity: nil, values: column.values)
        }
        return column
    }

    private func representative(_ shape: NestedShape) throws -> Int {
        guard let i = shape.firstLeaf, i >= firstLeaf, i - firstLeaf < chunks.count else {
            throw ParquetError(.unsupported, "a nested group with no primitive field below it cannot be read", path: path)
        }
        return i
    }

    private func build(_ type: DataType, _ count: Int, _ validity: Bitmap?, _ values: ColumnValues, _ rep: Int) throws -> Column {
        do {
            return try Column(type: type, count: count, validity: validity, values: values)
        } catch {
            throw corrupt(rep, entry: nil, "\(error)")
        }
    }

    // MARK: - Passes over the levels

    /// The node's slots in the leaf's entries and their validity (nil when all are valid).
    private func slots(_ leafIndex: Int, _ node: ShapeLevels) throws -> (Int, Bitmap?) {
        let levels = chunks[leafIndex - firstLeaf].levels
        let r = UInt8(node.repetition), slot = UInt8(node.slotDefinition), present = UInt8(node.definition)
        var bits = BitWriter(capacity: levels.count)
        levels.repetition.withUnsafeBufferPointer { rep in
            levels.definition.withUnsafeBufferPointer { def in
                if slot == 0 && r == 0 {
                    // Top level: every entry with r = 0 is a row.
                    for i in 0..<def.count where rep[i] == 0 { bits.append(def[i] >= present) }
                } else if slot == 0 {
                    for i in 0..<def.count where rep[i] <= r { bits.append(def[i] >= present) }
                } else {
                    for i in 0..<def.count where rep[i] <= r && def[i] >= slot { bits.append(def[i] >= present) }
                }
            }
        }
        return (bits.count, bits.bitmap())
    }

    /// `slots` for a leaf: its repetition levels never exceed its node's, so only definition
    /// levels matter, and a required leaf needs no validity.
    private func leafSlots(_ leafIndex: Int, _ node: ShapeLevels) -> (Int, Bitmap?) {
        let levels = chunks[leafIndex - firstLeaf].levels
        let slot = UInt8(node.slotDefinition), present = UInt8(node.definition)
        return levels.definition.withUnsafeBufferPointer { def in
            if present == slot {
                var count = 0
                for d in def { count &+= d >= slot ? 1 : 0 }
                return (count, nil)
            }
            var bits = BitWriter(capacity: def.count)
            if slot == 0 {
                for d in def { bits.append(d >= present) }
            } else {
                for d in def where d >= slot { bits.append(d >= present) }
            }
            return (bits.count, bits.bitmap())
        }
    }

    /// A list's (or map's) offsets and validity from one pass, checking that every entry that
    /// continues a list (r > R) belongs to a list that has an element.
    private func elements(_ leafIndex: Int, _ node: ShapeLevels, element: ShapeLevels) throws -> ([Int32], Bitmap?) {
        let levels = chunks[leafIndex - firstLeaf].levels
        let r = UInt8(node.repetition), slot = UInt8(node.slotDefinition), present = UInt8(node.definition)
        let elementSlot = UInt8(element.slotDefinition)
        var bits = BitWriter(capacity: levels.count)
        var offsets: [Int32] = []
        offsets.reserveCapacity(levels.count + 1)
        var bad: Int? = nil
        levels.repetition.withUnsafeBufferPointer { rep in
            levels.definition.withUnsafeBufferPointer { def in
                var children: Int32 = 0
                var open = false   // the current slot has an element that later entries may continue
                for i in 0..<def.count {
                    let rl = rep[i], dl = def[i]
                    if rl <= r {
                        if dl >= slot {
                            offsets.append(children)
                            bits.append(dl >= present)
                            open = dl >= elementSlot
                            if open { children &+= 1 }
                        } else {
                            open = false
                        }
                    } else {
                        guard open, dl >= elementSlot else { bad = i; return }
                        if rl == r &+ 1 { children &+= 1 }
                    }
                }
                offsets.append(children)
            }
        }
        if let bad {
            throw corrupt(leafIndex, entry: bad, "repetition level \(levels.repetition[bad]) with definition level \(levels.definition[bad]) continues a list that has no element there")
        }
        return (offsets, bits.bitmap())
    }

    // MARK: - Errors

    private func corrupt(_ leafIndex: Int, entry: Int?, _ what: String) -> ParquetError {
        let name = leaves[leafIndex].path.joined(separator: ".")
        let levels = chunks[leafIndex - firstLeaf].levels
        let offset = entry.flatMap { levels.pageOffset(ofEntry: $0) } ?? levels.pageStarts.first?.offset
        let place = entry.map { "level entry \($0)" + (offset.map { " (page at byte \($0))" } ?? "") + ": " } ?? ""
        return ParquetError(.corruptPage, "column '\(name)': \(place)\(what)", path: path, offset: offset)
    }

    private func mismatch(_ type: DataType) -> ParquetError {
        ParquetError(.corruptMetadata, "the schema's shape does not match its type \(type)", path: path)
    }
}

/// Appends bits to 64-bit words without per-bit bounds checks on a growing Bitmap.
private struct BitWriter {
    var words: [UInt64] = []
    var current: UInt64 = 0
    var count = 0
    var unset = 0

    init(capacity: Int) { words.reserveCapacity((capacity + 63) >> 6) }

    @inline(__always)
    mutating func append(_ bit: Bool) {
        if bit { current |= 1 << UInt64(count & 63) } else { unset &+= 1 }
        count &+= 1
        if count & 63 == 0 {
            words.append(current)
            current = 0
        }
    }

    /// nil when every bit is set.
    mutating func bitmap() -> Bitmap? {
        guard unset > 0 else { return nil }
        if count & 63 != 0 { words.append(current) }
        return Bitmap(words: words, count: count)
    }
}
