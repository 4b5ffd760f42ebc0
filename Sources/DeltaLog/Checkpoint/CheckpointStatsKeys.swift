/// The struct levels of `minValues`/`maxValues` or `nullCount` as a tree of field names, so that
/// a stats JSON key is matched to its child by comparing bytes, without building a String.
///
/// Node 0 is the root (the `minValues` object itself). The children of a node are contiguous,
/// in schema order; a leaf node carries the index of its leaf in `CheckpointStatsLayout`'s leaf
/// list; every node carries the range of leaf indices below it (leaves are depth-first, so the
/// range is contiguous) so that a repeated key can reset what an earlier one set.
struct CheckpointStatsKeys: Sendable {
    struct Node: Sendable {
        var firstChild: Int = 0
        var childCount: Int = 0
        /// Index into the layout's leaves, or -1 for a struct.
        var leaf: Int = -1
        var leaves: Range<Int> = 0..<0
        /// Name bytes in `nameBytes`.
        var nameStart: Int = 0
        var nameCount: Int = 0
        var asciiName = true
    }

    private(set) var nodes: [Node] = [Node()]
    private var nameBytes: [UInt8] = []
    private var names: [String] = [""]

    /// `paths` are the leaves' physical paths, depth-first (siblings contiguous).
    init(paths: [[String]]) {
        nodes[0].leaves = 0..<paths.count
        build(node: 0, paths.indices.map { (paths[$0][...], $0) }[...])
    }

    private mutating func build(node: Int, _ leaves: ArraySlice<(path: ArraySlice<String>, index: Int)>) {
        // Group the leaves by their first name (contiguous runs), one child per run.
        var groups: [(name: String, members: [(path: ArraySlice<String>, index: Int)])] = []
        for leaf in leaves {
            let head = leaf.path.first!
            if groups.last?.name == head, leaf.path.count > 1, groups.last!.members.last!.path.count > 1 {
                groups[groups.count - 1].members.append(leaf)
            } else {
                groups.append((head, [leaf]))
            }
        }
        let first = nodes.count
        nodes[node].firstChild = first
        nodes[node].childCount = groups.count
        for g in groups {
            var child = Node()
            child.nameStart = nameBytes.count
            nameBytes.append(contentsOf: Array(g.name.utf8))
            child.nameCount = g.name.utf8.count
            child.asciiName = g.name.utf8.allSatisfy { $0 < 0x80 }
            child.leaves = g.members.first!.index..<(g.members.last!.index + 1)
            if g.members.count == 1 && g.members[0].path.count == 1 { child.leaf = g.members[0].index }
            nodes.append(child)
            names.append(g.name)
        }
        for (k, g) in groups.enumerated() where nodes[first + k].leaf < 0 {
            build(node: first + k, g.members.map { ($0.path.dropFirst(), $0.index) }[...])
        }
    }

    /// The child of `node` named by `key`, or nil. `hint` is the child index to try first (keys
    /// usually come in schema order); it is advanced past a match.
    @inline(__always)
    func child(of node: Int, key: JSONKey, hint: inout Int) -> Int? {
        let parent = nodes[node]
        guard parent.childCount > 0 else { return nil }
        if hint < parent.childCount, matches(parent.firstChild + hint, key) {
            defer { hint += 1 }
            return parent.firstChild + hint
        }
        for k in 0..<parent.childCount where k != hint && matches(parent.firstChild + k, key) {
            hint = k + 1
            return parent.firstChild + k
        }
        return nil
    }

    /// Key equality as `JSONValue`'s subscript has it (String ==, canonical equivalence);
    /// bytes suffice when both sides are ASCII.
    private func matches(_ n: Int, _ key: JSONKey) -> Bool {
        let node = nodes[n]
        if key.decoded == nil && node.asciiName {
            guard key.end - key.start == node.nameCount else { return false }
            var i = key.start, j = node.nameStart
            while i < key.end {
                // Safe: i < key.end <= the reader's end; j < nameStart + nameCount.
                guard key.reader.byte(i) == nameBytes[j] else { return false }
                i += 1
                j += 1
            }
            return true
        }
        return key.string == names[n]
    }
}
