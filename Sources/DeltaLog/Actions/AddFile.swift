/// The `add` action: a data file that is part of the table from this version on.
public struct AddFile: Sendable, Hashable {
    /// A URI relative to the table root (percent-encoded as RFC 2396), or absolute.
    public var path: String
    /// Partition column name → serialized value (nil for a null value).
    public var partitionValues: [String: String?]
    public var size: Int64
    /// Milliseconds since the epoch.
    public var modificationTime: Int64
    public var dataChange: Bool
    /// Per-file statistics as a JSON string (see `FileStatistics`).
    public var stats: String?
    public var tags: [String: String?]?
    public var deletionVector: DeletionVectorDescriptor?
    public var baseRowId: Int64?
    public var defaultRowCommitVersion: Int64?
    public var clusteringProvider: String?

    public init(path: String, partitionValues: [String: String?] = [:], size: Int64, modificationTime: Int64,
                dataChange: Bool = true, stats: String? = nil, tags: [String: String?]? = nil,
                deletionVector: DeletionVectorDescriptor? = nil, baseRowId: Int64? = nil,
                defaultRowCommitVersion: Int64? = nil, clusteringProvider: String? = nil) {
        self.path = path
        self.partitionValues = partitionValues
        self.size = size
        self.modificationTime = modificationTime
        self.dataChange = dataChange
        self.stats = stats
        self.tags = tags
        self.deletionVector = deletionVector
        self.baseRowId = baseRowId
        self.defaultRowCommitVersion = defaultRowCommitVersion
        self.clusteringProvider = clusteringProvider
    }

    /// The key under which replay reconciles this file: (path, deletion vector id).
    public var key: FileKey { FileKey(path: path, deletionVectorId: deletionVector?.uniqueId) }
}

/// Identity of a logical file during log replay.
public struct FileKey: Sendable, Hashable {
    public var path: String
    public var deletionVectorId: String?
    public init(path: String, deletionVectorId: String? = nil) {
        self.path = path
        self.deletionVectorId = deletionVectorId
    }
}
