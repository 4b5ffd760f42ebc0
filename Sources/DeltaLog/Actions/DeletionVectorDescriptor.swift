/// Where a file's deletion vector lives (`deletionVector` of add/remove).
public struct DeletionVectorDescriptor: Sendable, Hashable {
    /// `u` (relative path, UUID-encoded), `i` (inline), `p` (absolute path).
    public var storageType: String
    public var pathOrInlineDv: String
    public var offset: Int32?
    public var sizeInBytes: Int32
    public var cardinality: Int64
    public var maxRowIndex: Int64?

    public init(storageType: String, pathOrInlineDv: String, offset: Int32? = nil, sizeInBytes: Int32,
                cardinality: Int64, maxRowIndex: Int64? = nil) {
        self.storageType = storageType
        self.pathOrInlineDv = pathOrInlineDv
        self.offset = offset
        self.sizeInBytes = sizeInBytes
        self.cardinality = cardinality
        self.maxRowIndex = maxRowIndex
    }

    /// The protocol's unique id: storageType + pathOrInlineDv, plus `@offset` when present.
    public var uniqueId: String {
        offset.map { "\(storageType)\(pathOrInlineDv)@\($0)" } ?? "\(storageType)\(pathOrInlineDv)"
    }
}
