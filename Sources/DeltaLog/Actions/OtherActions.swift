/// The `txn` action: the last version an application (`appId`) committed — what makes a
/// pipeline stage's re-run skip work it already committed.
public struct SetTransaction: Sendable, Hashable {
    public var appId: String
    public var version: Int64
    /// Milliseconds since the epoch.
    public var lastUpdated: Int64?
    public init(appId: String, version: Int64, lastUpdated: Int64? = nil) {
        self.appId = appId
        self.version = version
        self.lastUpdated = lastUpdated
    }
}

/// The `cdc` action: a change-data file (parsed; this engine does not write them yet).
public struct AddCDCFile: Sendable, Hashable {
    public var path: String
    public var partitionValues: [String: String?]
    public var size: Int64
    public var dataChange: Bool
    public var tags: [String: String?]?
    public init(path: String, partitionValues: [String: String?] = [:], size: Int64, dataChange: Bool = false,
                tags: [String: String?]? = nil) {
        self.path = path
        self.partitionValues = partitionValues
        self.size = size
        self.dataChange = dataChange
        self.tags = tags
    }
}

/// The `domainMetadata` action: configuration of a named metadata domain; `removed` is a tombstone.
public struct DomainMetadata: Sendable, Hashable {
    public var domain: String
    public var configuration: String
    public var removed: Bool
    public init(domain: String, configuration: String, removed: Bool = false) {
        self.domain = domain
        self.configuration = configuration
        self.removed = removed
    }
}

/// The `sidecar` action of a V2 checkpoint: a file in `_delta_log/_sidecars/` holding file actions.
public struct SidecarFile: Sendable, Hashable {
    public var path: String
    public var sizeInBytes: Int64
    public var modificationTime: Int64
    public var tags: [String: String?]?
    public init(path: String, sizeInBytes: Int64, modificationTime: Int64, tags: [String: String?]? = nil) {
        self.path = path
        self.sizeInBytes = sizeInBytes
        self.modificationTime = modificationTime
        self.tags = tags
    }
}

/// The `checkpointMetadata` action of a V2 checkpoint.
public struct CheckpointMetadata: Sendable, Hashable {
    public var version: Int64
    public var tags: [String: String?]?
    public init(version: Int64, tags: [String: String?]? = nil) {
        self.version = version
        self.tags = tags
    }
}

/// The `commitInfo` action: provenance of a commit. Every field is optional in the protocol;
/// the whole object is also kept as parsed JSON (`raw`) so nothing another writer put there is lost.
public struct CommitInfo: Sendable, Hashable {
    /// Milliseconds since the epoch.
    public var timestamp: Int64?
    /// With in-commit timestamps enabled: the commit's timestamp (milliseconds).
    public var inCommitTimestamp: Int64?
    public var operation: String?
    /// Operation parameters; values are JSON (most writers use strings).
    public var operationParameters: [String: JSONValue]?
    public var readVersion: Int64?
    public var isolationLevel: String?
    public var isBlindAppend: Bool?
    public var operationMetrics: [String: String]?
    public var engineInfo: String?
    public var txnId: String?
    public var userMetadata: String?
    /// The complete object as read (nil for one built in memory).
    public var raw: JSONValue?

    public init(timestamp: Int64? = nil, inCommitTimestamp: Int64? = nil, operation: String? = nil,
                operationParameters: [String: JSONValue]? = nil, readVersion: Int64? = nil,
                isolationLevel: String? = nil, isBlindAppend: Bool? = nil,
                operationMetrics: [String: String]? = nil, engineInfo: String? = nil, txnId: String? = nil,
                userMetadata: String? = nil, raw: JSONValue? = nil) {
        self.timestamp = timestamp
        self.inCommitTimestamp = inCommitTimestamp
        self.operation = operation
        self.operationParameters = operationParameters
        self.readVersion = readVersion
        self.isolationLevel = isolationLevel
        self.isBlindAppend = isBlindAppend
        self.operationMetrics = operationMetrics
        self.engineInfo = engineInfo
        self.txnId = txnId
        self.userMetadata = userMetadata
        self.raw = raw
    }
}

/// One line of a commit file (or one row of a checkpoint).
public enum Action: Sendable, Hashable {
    case `protocol`(DeltaProtocol)
    case metadata(Metadata)
    case add(AddFile)
    case remove(RemoveFile)
    case cdc(AddCDCFile)
    case txn(SetTransaction)
    case commitInfo(CommitInfo)
    case domainMetadata(DomainMetadata)
    case sidecar(SidecarFile)
    case checkpointMetadata(CheckpointMetadata)
}
