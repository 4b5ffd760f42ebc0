/// The `protocol` action: the reader and writer versions a client needs, and with reader 3 /
/// writer 7 the named table features.
public struct DeltaProtocol: Sendable, Hashable {
    public var minReaderVersion: Int
    public var minWriterVersion: Int
    /// Present only when `minReaderVersion == 3`.
    public var readerFeatures: [String]?
    /// Present only when `minWriterVersion == 7`.
    public var writerFeatures: [String]?

    public init(minReaderVersion: Int, minWriterVersion: Int, readerFeatures: [String]? = nil, writerFeatures: [String]? = nil) {
        self.minReaderVersion = minReaderVersion
        self.minWriterVersion = minWriterVersion
        self.readerFeatures = readerFeatures
        self.writerFeatures = writerFeatures
    }

    /// What new tables get unless they need a feature: reader 1, writer 2.
    public static let `default` = DeltaProtocol(minReaderVersion: 1, minWriterVersion: 2)
}
