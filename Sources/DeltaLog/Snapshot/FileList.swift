/// A snapshot's live files, stored by column (see `FileListStorage`) instead of as `[AddFile]`:
/// a million files take about their raw bytes (paths + stats) plus ~40 bytes each, instead of
/// ~700 bytes each in heap strings and dictionaries.
///
/// It is a random-access collection of `AddFile`: `files[i]` materializes one `AddFile`, so
/// `for f in files`, `map`, `count` and `first` work as with an array. Loops over many files
/// that need one field should use the accessors that do not materialize (`path(at:)`,
/// `size(at:)`, `stats(at:)`, `partitionValue(at:column:)`, `key(at:)`).
///
/// Immutable and cheap to copy (one reference plus an optional order).
public struct FileList: RandomAccessCollection, Sendable {
    public typealias Element = AddFile
    public typealias Index = Int
    public typealias Indices = Range<Int>

    let storage: FileListStorage
    /// The storage row of each element; nil when element i is row i.
    let order: [Int32]?

    init(storage: FileListStorage, order: [Int32]?) {
        self.storage = storage
        self.order = order
    }

    /// The files in the given order.
    public init(_ files: [AddFile]) {
        var builder = FileListBuilder(expectedRows: files.count)
        for file in files { builder.append(file) }
        self.init(storage: builder.freeze(), order: nil)
    }

    /// The files sorted by key (byte-wise path, then deletion vector id, nil first); files with
    /// equal keys keep their order.
    init(sortingByKey files: [AddFile]) {
        let unsorted = FileList(files)
        self = unsorted.sortedByKey()
    }

    public static let empty = FileList(storage: FileListStorage.empty, order: nil)

    public var startIndex: Int { 0 }
    public var endIndex: Int { order?.count ?? storage.rowCount }

    @inline(__always)
    func row(_ i: Int) -> Int {
        if let order { return Int(order[i]) }
        precondition(i >= 0 && i < storage.rowCount, "FileList: index \(i) out of range")
        return i
    }

    /// Materializes element `i` as an `AddFile`.
    public subscript(i: Int) -> AddFile { storage.file(row(i)) }

    public func path(at i: Int) -> String { storage.path(row(i)) }
    public func size(at i: Int) -> Int64 { storage.sizes[row(i)] }
    public func modificationTime(at i: Int) -> Int64 { storage.modificationTimes[row(i)] }
    public func dataChange(at i: Int) -> Bool { storage.dataChange(row(i)) }
    public func stats(at i: Int) -> String? { storage.stats(row(i)) }
    public func deletionVector(at i: Int) -> DeletionVectorDescriptor? { storage.extras(row(i))?.deletionVector }
    public func key(at i: Int) -> FileKey {
        let r = row(i)
        return FileKey(path: storage.path(r), deletionVectorId: storage.deletionVectorId(r))
    }

    /// The file's value for partition column `column`: nil for a null value and for a file without
    /// that key (both mean null in the protocol; `self[i].partitionValues` tells them apart).
    public func partitionValue(at i: Int, column: String) -> String? {
        storage.partitionValue(row(i), column: column) ?? nil
    }

    /// Calls `body` with the UTF-8 bytes of element `i`'s path, valid only inside `body`.
    public func withUnsafePathBytes<R>(at i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafePathBytes(row(i), body)
    }

    /// Sum of the sizes.
    public var totalBytes: Int64 {
        var total: Int64 = 0
        if let order { for r in order { total &+= storage.sizes[Int(r)] } } else { for s in storage.sizes { total &+= s } }
        return total
    }

    /// The position of the file with `key`, by binary search — the list must be sorted by key
    /// (as `Snapshot.files` is). O(log n), no allocation per probe beyond the key's own bytes.
    public func index(ofKey key: FileKey) -> Int? {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) >> 1
            if storage.compareKey(row(middle), key) < 0 { low = middle + 1 } else { high = middle }
        }
        return low < count && storage.compareKey(row(low), key) == 0 ? low : nil
    }

    /// The same files sorted by key (byte-wise path, then deletion vector id, nil first).
    func sortedByKey() -> FileList {
        let rows = order ?? (0..<Int32(storage.rowCount)).map { $0 }
        let sorted = storage.sortedByKey(rows)
        return FileList(storage: storage, order: FileList.isIdentity(sorted, rowCount: storage.rowCount) ? nil : sorted)
    }

    static func isIdentity(_ order: [Int32], rowCount: Int) -> Bool {
        guard order.count == rowCount else { return false }
        for (i, r) in order.enumerated() where Int(r) != i { return false }
        return true
    }

    /// Whether element i-1 sorts strictly before element i for every i (byte-wise keys).
    func isStrictlySortedByKey() -> Bool {
        for i in indices.dropFirst() where storage.compareKeys(row(i - 1), row(i)) >= 0 { return false }
        return true
    }
}

extension FileList: Equatable {
    /// Equal when they hold the same files in the same order.
    public static func == (lhs: FileList, rhs: FileList) -> Bool {
        if lhs.storage === rhs.storage && lhs.order == rhs.order { return true }
        guard lhs.count == rhs.count else { return false }
        for i in lhs.indices where lhs[i] != rhs[i] { return false }
        return true
    }
}

extension FileList: CustomDebugStringConvertible {
    public var debugDescription: String { "FileList(\(Array(self)))" }
}
