/// The table properties this engine acts on, read from `metaData.configuration`.
///
/// `init` never throws: a malformed value falls back to its default (a table written by another
/// engine must stay readable). `validate` is for properties a user sets, and throws.
public struct TableProperties: Sendable, Hashable {
    /// The raw configuration.
    public var configuration: [String: String]
    /// `delta.appendOnly`: no removes of data (default false).
    public var appendOnly: Bool
    /// `delta.checkpointInterval`: commits between checkpoints (default 10).
    public var checkpointInterval: Int
    /// `delta.isolationLevel` (default WriteSerializable).
    public var isolationLevel: IsolationLevel
    /// `delta.dataSkippingNumIndexedCols`: leading columns with statistics (default 32; -1 = all).
    public var dataSkippingNumIndexedCols: Int
    /// `delta.dataSkippingStatsColumns`: comma-separated columns with statistics (overrides the count).
    public var dataSkippingStatsColumns: [String]?
    /// `delta.targetFileSize` in bytes (default 128 MiB); accepts `134217728` or `128mb`.
    public var targetFileSize: Int64
    /// `delta.logRetentionDuration` (default `interval 30 days`).
    public var logRetentionMillis: Int64
    /// `delta.deletedFileRetentionDuration` (default `interval 1 week`).
    public var deletedFileRetentionMillis: Int64
    /// `delta.enableInCommitTimestamps` (default false).
    public var enableInCommitTimestamps: Bool
    /// `delta.inCommitTimestampEnablementVersion`: first version with in-commit timestamps.
    public var inCommitTimestampEnablementVersion: Int64?
    /// `delta.enableExpiredLogCleanup` (default true).
    public var enableExpiredLogCleanup: Bool
    /// `delta.checkpoint.writeStatsAsStruct` (default true).
    public var checkpointWriteStatsAsStruct: Bool
    /// `delta.checkpoint.writeStatsAsJson` (default true).
    public var checkpointWriteStatsAsJson: Bool

    public static let defaultCheckpointInterval = 10
    public static let defaultNumIndexedCols = 32
    public static let defaultTargetFileSize: Int64 = 128 << 20
    public static let defaultLogRetentionMillis: Int64 = 30 * 86_400_000
    public static let defaultDeletedFileRetentionMillis: Int64 = 7 * 86_400_000

    public init(_ configuration: [String: String]) {
        self.configuration = configuration
        let c = configuration
        appendOnly = c[Key.appendOnly].flatMap(PropertyValue.bool) ?? false
        checkpointInterval = c[Key.checkpointInterval].flatMap(Self.checkpointInterval) ?? Self.defaultCheckpointInterval
        isolationLevel = c[Key.isolationLevel].flatMap(Self.isolationLevel) ?? .writeSerializable
        dataSkippingNumIndexedCols = c[Key.numIndexedCols].flatMap(Self.numIndexedCols) ?? Self.defaultNumIndexedCols
        dataSkippingStatsColumns = c[Key.statsColumns].map(Self.columnList)
        targetFileSize = c[Key.targetFileSize].flatMap(Self.positiveBytes) ?? Self.defaultTargetFileSize
        logRetentionMillis = c[Key.logRetention].flatMap(PropertyValue.intervalMillis) ?? Self.defaultLogRetentionMillis
        deletedFileRetentionMillis = c[Key.deletedFileRetention].flatMap(PropertyValue.intervalMillis)
            ?? Self.defaultDeletedFileRetentionMillis
        enableInCommitTimestamps = (c[Key.inCommitTimestamps] ?? c[Key.inCommitTimestampsPreview]).flatMap(PropertyValue.bool) ?? false
        inCommitTimestampEnablementVersion = c[Key.ictVersion].flatMap(PropertyValue.integer)
        enableExpiredLogCleanup = c[Key.expiredLogCleanup].flatMap(PropertyValue.bool) ?? true
        checkpointWriteStatsAsStruct = c[Key.statsAsStruct].flatMap(PropertyValue.bool) ?? true
        checkpointWriteStatsAsJson = c[Key.statsAsJson].flatMap(PropertyValue.bool) ?? true
    }

    /// Property names.
    public enum Key {
        public static let appendOnly = "delta.appendOnly"
        public static let checkpointInterval = "delta.checkpointInterval"
        public static let isolationLevel = "delta.isolationLevel"
        public static let numIndexedCols = "delta.dataSkippingNumIndexedCols"
        public static let statsColumns = "delta.dataSkippingStatsColumns"
        public static let targetFileSize = "delta.targetFileSize"
        public static let logRetention = "delta.logRetentionDuration"
        public static let deletedFileRetention = "delta.deletedFileRetentionDuration"
        public static let inCommitTimestamps = "delta.enableInCommitTimestamps"
        public static let inCommitTimestampsPreview = "delta.enableInCommitTimestamps-preview"
        public static let ictVersion = "delta.inCommitTimestampEnablementVersion"
        public static let ictTimestamp = "delta.inCommitTimestampEnablementTimestamp"
        public static let expiredLogCleanup = "delta.enableExpiredLogCleanup"
        public static let statsAsStruct = "delta.checkpoint.writeStatsAsStruct"
        public static let statsAsJson = "delta.checkpoint.writeStatsAsJson"
    }

    /// Throws `.invalidValue` naming the first malformed property (in name order) and what it accepts.
    /// Unknown properties are allowed: other engines define their own.
    public static func validate(_ configuration: [String: String]) throws {
        let boolKeys = [Key.appendOnly, Key.inCommitTimestamps, Key.inCommitTimestampsPreview, Key.expiredLogCleanup,
                        Key.statsAsStruct, Key.statsAsJson]
        for (key, value) in configuration.sorted(by: { $0.key < $1.key }) {
            let expected: String?
            switch key {
            case _ where boolKeys.contains(key):
                expected = PropertyValue.bool(value) == nil ? "true or false" : nil
            case Key.checkpointInterval:
                expected = checkpointInterval(value) == nil ? "a positive integer" : nil
            case Key.isolationLevel:
                expected = isolationLevel(value) == nil ? "Serializable, WriteSerializable or SnapshotIsolation" : nil
            case Key.numIndexedCols:
                expected = numIndexedCols(value) == nil ? "an integer ≥ -1 (-1 = all columns)" : nil
            case Key.statsColumns:
                expected = columnList(value).isEmpty ? "a comma-separated list of column names" : nil
            case Key.targetFileSize:
                expected = positiveBytes(value) == nil ? "a positive size such as 134217728 or 128mb" : nil
            case Key.logRetention, Key.deletedFileRetention:
                expected = PropertyValue.intervalMillis(value) == nil ? "an interval such as 'interval 30 days'" : nil
            case Key.ictVersion, Key.ictTimestamp:
                expected = PropertyValue.integer(value).map { $0 >= 0 } == true ? nil : "a non-negative integer"
            default:
                expected = nil
            }
            if let expected {
                throw DeltaError(.invalidValue, "table property \(key) = '\(value)' is invalid: expected \(expected)")
            }
        }
    }

    private static func checkpointInterval(_ text: String) -> Int? {
        guard let v = PropertyValue.integer(text), v > 0, v <= Int64(Int32.max) else { return nil }
        return Int(v)
    }

    private static func isolationLevel(_ text: String) -> IsolationLevel? {
        let t = PropertyValue.trimmed(text).lowercased()
        return IsolationLevel.allCases.first { $0.rawValue.lowercased() == t }
    }

    private static func numIndexedCols(_ text: String) -> Int? {
        guard let v = PropertyValue.integer(text), v >= -1, v <= Int64(Int32.max) else { return nil }
        return Int(v)
    }

    private static func positiveBytes(_ text: String) -> Int64? {
        guard let v = PropertyValue.bytes(text), v > 0 else { return nil }
        return v
    }

    private static func columnList(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0.trimmingBlanks()) }.filter { !$0.isEmpty }
    }
}
