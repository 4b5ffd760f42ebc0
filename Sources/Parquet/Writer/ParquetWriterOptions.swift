import Columnar

/// How a `ParquetFileWriter` encodes data.
public struct ParquetWriterOptions: Sendable {
    /// Compression of every page. zstd is the Delta protocol's recommendation.
    public var codec: CompressionCodec = .zstd
    /// zstd level (default 1) or gzip level (default 6); ignored by other codecs.
    public var compressionLevel: Int32? = nil
    /// A row group is closed once its input reaches about this many bytes (in memory).
    public var rowGroupTargetBytes: Int = 128 << 20
    /// A row group is also closed after this many rows, when set.
    public var rowGroupMaxRows: Int? = nil
    /// Data pages are cut at about this many bytes of encoded values.
    public var dataPageTargetBytes: Int = 1 << 20
    /// Dictionary-encode columns (all but booleans) while the
    /// dictionary stays under `dictionaryPageLimitBytes`; otherwise the chunk is written PLAIN.
    public var dictionary: Bool = true
    public var dictionaryPageLimitBytes: Int = 1 << 20
    /// Write page and column-chunk min/max/null-count statistics.
    public var statistics: Bool = true
    /// Min/max values longer than this are left out of the statistics.
    public var statisticsMaxValueBytes: Int = 4096
    /// Encode column chunks on this many threads.
    public var parallelism: Int = ProcessorCount.active
    /// fsync the file before `close()` returns.
    public var syncOnClose: Bool = false
    /// Key/value pairs stored in the footer.
    public var keyValueMetadata: [String: String] = [:]

    public init() {}
}

extension ParquetWriterOptions {
    /// The `created_by` string written in the footer.
    public static let createdBy = "swift-delta version 0.1.0"
}
