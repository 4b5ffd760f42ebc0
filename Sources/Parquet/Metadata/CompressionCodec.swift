/// The compression applied to the pages of a column chunk (thrift enum `CompressionCodec`).
///
/// A struct rather than an enum so that values this library does not know survive decoding
/// (they print as `UNKNOWN(n)`); compare against the static members.
public struct CompressionCodec: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let uncompressed = CompressionCodec(rawValue: 0)
    public static let snappy = CompressionCodec(rawValue: 1)
    public static let gzip = CompressionCodec(rawValue: 2)
    public static let lzo = CompressionCodec(rawValue: 3)
    public static let brotli = CompressionCodec(rawValue: 4)
    public static let lz4 = CompressionCodec(rawValue: 5)
    public static let zstd = CompressionCodec(rawValue: 6)
    public static let lz4Raw = CompressionCodec(rawValue: 7)

    /// The name used by the Parquet specification, or `UNKNOWN(n)`.
    public var description: String {
        switch rawValue {
        case 0: return "UNCOMPRESSED"
        case 1: return "SNAPPY"
        case 2: return "GZIP"
        case 3: return "LZO"
        case 4: return "BROTLI"
        case 5: return "LZ4"
        case 6: return "ZSTD"
        case 7: return "LZ4_RAW"
        default: return "UNKNOWN(\(rawValue))"
        }
    }
}

extension CompressionCodec {
    /// Parses a codec name as used in options and table properties, case-insensitively:
    /// `zstd`, `snappy`, `gzip`, `lz4_raw` / `lz4raw`, `lz4`, `none` / `uncompressed`
    /// (also `lzo` and `brotli`, which parse but cannot be used to compress or decompress).
    public init?(name: String) {
        switch name.lowercased() {
        case "none", "uncompressed": self = .uncompressed
        case "snappy": self = .snappy
        case "gzip": self = .gzip
        case "lzo": self = .lzo
        case "brotli": self = .brotli
        case "lz4": self = .lz4
        case "zstd": self = .zstd
        case "lz4_raw", "lz4raw": self = .lz4Raw
        default: return nil
        }
    }
}
