/// The error every Parquet operation throws: a matchable code, the file and byte offset
/// involved (when known), and a message that says what happened and what to do.
public struct ParquetError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The file is shorter than its structure says (footer, page, or length past the end).
        case truncated
        /// The file does not start/end with `PAR1`.
        case badMagic
        /// The Thrift-encoded metadata or a page header cannot be decoded.
        case corruptMetadata
        /// A page's contents cannot be decoded (bad levels, bad encoding data, wrong counts).
        case corruptPage
        /// Decompression failed or produced the wrong size.
        case decompressionFailed
        /// A feature of the file this reader does not implement (encoding, codec, type).
        case unsupported
        /// A column name, type or option the caller passed is not valid.
        case invalidArgument
        /// The data given to the writer does not match its schema.
        case schemaMismatch
        /// An operating-system call failed.
        case io
    }

    public var code: Code
    public var message: String
    /// The file involved, when known.
    public var path: String?
    /// Byte offset in the file, when known.
    public var offset: Int?

    public init(_ code: Code, _ message: String, path: String? = nil, offset: Int? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.offset = offset
    }

    /// A copy that names `path` (kept if already set).
    public func at(path: String) -> ParquetError {
        var e = self
        if e.path == nil { e.path = path }
        return e
    }

    public var description: String {
        var where_ = ""
        if let p = path { where_ += p }
        if let o = offset { where_ += (where_.isEmpty ? "" : " ") + "at byte \(o)" }
        return where_.isEmpty ? "\(code.rawValue): \(message)" : "\(where_): \(code.rawValue): \(message)"
    }
}
