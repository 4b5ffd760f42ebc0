/// The `remove` action: a logical file that is no longer part of the table (a tombstone,
/// kept until `delta.deletedFileRetentionDuration` so that vacuum does not delete it early).
public struct RemoveFile: Sendable, Hashable {
    public var path: String
    /// Milliseconds since the epoch.
    public var deletionTimestamp: Int64?
    public var dataChange: Bool
    public var extendedFileMetadata: Bool?
    public var partitionValues: [String: String?]?
    public var size: Int64?
    public var stats: String?
    public var tags: [String: String?]?
    public var deletionVector: DeletionVectorDescriptor?
    public var baseRowId: Int64?
    public var defaultRowCommitVersion: Int64?

    public init(path: String, deletionTimestamp: Int64? = nil, dataChange: Bool = true,
                extendedFileMetadata: Bool? = nil, partitionValues: [String: String?]? = nil,
                size: Int64? = nil, stats: String? = nil, tags: [String: String?]? = nil,
                deletionVector: DeletionVectorDescriptor? = nil, baseRowId: Int64? = nil,
                defaultRowCommitVersion: Int64? = nil) {
        self.path = path
        self.deletionTimestamp = deletionTimestamp
        self.dataChange = dataChange
        self.extendedFileMetadata = extendedFileMetadata
        self.partitionValues = partitionValues
        self.size = size
        self.stats = stats
        self.tags = tags
        self.deletionVector = deletionVector
        self.baseRowId = baseRowId
        self.defaultRowCommitVersion = defaultRowCommitVersion
    }

    public var key: FileKey { FileKey(path: path, deletionVectorId: deletionVector?.uniqueId) }

    /// The tombstone for removing `add` at `timestamp` (milliseconds), keeping its metadata.
    public init(removing add: AddFile, at timestamp: Int64, dataChange: Bool = true) {
        self.init(path: add.path, deletionTimestamp: timestamp, dataChange: dataChange,
                  extendedFileMetadata: true, partitionValues: add.partitionValues, size: add.size,
                  stats: add.stats, tags: add.tags, deletionVector: add.deletionVector,
                  baseRowId: add.baseRowId, defaultRowCommitVersion: add.defaultRowCommitVersion)
    }
}
