/// Where one node of a column's tree (a struct, list, map or primitive value) sits in the
/// Dremel levels of the leaves below it. `NestedAssembler` reads the levels with these numbers.
///
/// - `definition`: a leaf entry whose definition level is ≥ this has the node's value non-null.
///   For a required node it is its parent's level (present whenever the parent is).
/// - `repetition`: how many repeated fields enclose the node (0 at the top). An entry with a
///   repetition level ≤ this starts a new value ("slot") of the node …
/// - `slotDefinition`: … provided its definition level is ≥ this, the definition level of the
///   innermost enclosing repeated field (0 at the top). Below it the entry stands for an empty
///   or null ancestor and the node has no slot there.
struct ShapeLevels: Sendable, Hashable {
    var definition: Int
    var repetition: Int
    var slotDefinition: Int
    var nullable: Bool
}

/// The tree of a top-level column as the reader assembles it. It is built by `ParquetSchema`
/// together with the column's `DataType`, so that the two always describe the same shape.
indirect enum NestedShape: Sendable {
    /// A primitive value: the leaf column at `index` of `ParquetSchema.leaves`.
    case leaf(index: Int, levels: ShapeLevels)
    case structure([NestedShape], levels: ShapeLevels)
    /// A list; the element's levels have `repetition` one more than the list's, and its
    /// `slotDefinition` is the level at which the list has at least one element.
    case list(element: NestedShape, levels: ShapeLevels)
    /// A map: a list of key/value entries (key and value have the entry's repetition and slot level).
    case map(key: NestedShape, value: NestedShape, levels: ShapeLevels)

    var levels: ShapeLevels {
        switch self {
        case let .leaf(_, l), let .structure(_, l), let .list(_, l), let .map(_, _, l): return l
        }
    }

    /// The leftmost leaf below this node: its levels stand for the node's structure.
    var firstLeaf: Int? {
        switch self {
        case let .leaf(i, _): return i
        case let .structure(children, _): return children.lazy.compactMap(\.firstLeaf).first
        case let .list(e, _): return e.firstLeaf
        case let .map(k, _, _): return k.firstLeaf
        }
    }
}
