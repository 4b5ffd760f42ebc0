import Testing
@testable import DeltaLog

/// A seeded generator, so a failing randomized case replays from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The reference order: path bytes, then deletion vector id (nil first) bytes.
func referencePrecedes(_ a: FileKey, _ b: FileKey) -> Bool {
    let pa = Array(a.path.utf8), pb = Array(b.path.utf8)
    if pa != pb { return pa.lexicographicallyPrecedes(pb) }
    switch (a.deletionVectorId, b.deletionVectorId) {
    case (nil, _): return b.deletionVectorId != nil
    case (_, nil): return false
    case let (x?, y?): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
    }
}

let dvA = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 4,
                                   sizeInBytes: 40, cardinality: 6, maxRowIndex: 99)
let dvB = DeletionVectorDescriptor(storageType: "i", pathOrInlineDv: "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L",
                                   sizeInBytes: 12, cardinality: 2)

/// Files exercising every field: nil vs empty stats and partition values, null vs "" values,
/// tags, deletion vectors, row tracking, clustering, unicode paths and more partition keys than
/// the builder dictionary-encodes.
func variedFiles() -> [AddFile] {
    let manyKeys = Dictionary(uniqueKeysWithValues: (0..<40).map { ("k\($0)", $0 % 3 == 0 ? nil : "v\($0)" as String?) })
    return [
        AddFile(path: "date=2024-01-01/part-00000.parquet", partitionValues: ["date": "2024-01-01"], size: 100,
                modificationTime: 1_700_000_000_000, dataChange: true, stats: #"{"numRecords":10}"#),
        AddFile(path: "date=__HIVE_DEFAULT_PARTITION__/b.parquet", partitionValues: ["date": nil], size: 0,
                modificationTime: -1, dataChange: false, stats: ""),
        AddFile(path: "c.parquet", partitionValues: ["date": ""], size: Int64.max, modificationTime: Int64.min),
        AddFile(path: "d.parquet", size: 7, modificationTime: 3, stats: nil, tags: [:]),
        AddFile(path: "e.parquet", partitionValues: ["date": "2024-01-01", "region": "eu"], size: 8, modificationTime: 4,
                tags: ["INSERTION_TIME": "1700000000000000", "nullTag": nil], deletionVector: dvA,
                baseRowId: 0, defaultRowCommitVersion: 12, clusteringProvider: "liquid"),
        AddFile(path: "f.parquet", partitionValues: ["region": "us"], size: 9, modificationTime: 5, deletionVector: dvB),
        AddFile(path: "dir/ü/日本語/😀 file%20x.parquet", size: 10, modificationTime: 6, stats: #"{"minValues":{"s":"é"}}"#),
        AddFile(path: "", size: 11, modificationTime: 7),
        AddFile(path: "many.parquet", partitionValues: manyKeys, size: 12, modificationTime: 8),
        AddFile(path: "big-stats.parquet", size: 13, modificationTime: 9,
                stats: String(repeating: "x", count: ByteArena.chunkBytes + 17)),
        AddFile(path: "e.parquet", size: 14, modificationTime: 10),
    ]
}

@Suite struct FileListTests {
    @Test func roundTripsEveryFieldInGivenOrder() {
        let files = variedFiles()
        let list = FileList(files)
        #expect(list.count == files.count)
        #expect(Array(list) == files)
        for (i, f) in files.enumerated() {
            #expect(list.path(at: i) == f.path)
            #expect(list.size(at: i) == f.size)
            #expect(list.modificationTime(at: i) == f.modificationTime)
            #expect(list.dataChange(at: i) == f.dataChange)
            #expect(list.stats(at: i) == f.stats)
            #expect(list.deletionVector(at: i) == f.deletionVector)
            #expect(list.key(at: i) == f.key)
            #expect(list.withUnsafePathBytes(at: i) { Array($0) } == Array(f.path.utf8))
            for column in ["date", "region", "k1", "k3", "k39", "absent"] {
                #expect(list.partitionValue(at: i, column: column) == (f.partitionValues[column] ?? nil))
            }
        }
        #expect(list.totalBytes == files.reduce(0) { $0 &+ $1.size })
        #expect(list == FileList(files))
        #expect(list != FileList(Array(files.dropLast())))
    }

    @Test func nullPartitionValueIsDistinctFromEmptyAndFromAbsent() {
        let list = FileList(variedFiles())
        #expect(list[1].partitionValues == ["date": nil])
        #expect(list[1].partitionValues.keys.contains("date"))
        #expect(list[2].partitionValues == ["date": ""])
        #expect(list[3].partitionValues.isEmpty)
        #expect(list[3].stats == nil && list[1].stats == "")
        #expect(list[3].tags == [:] && list[0].tags == nil)
    }

    @Test func emptyList() {
        #expect(FileList.empty.isEmpty)
        #expect(FileList.empty.first == nil)
        #expect(FileList([]) == FileList.empty)
        #expect(FileList.empty.totalBytes == 0)
        #expect(FileList.empty.index(ofKey: FileKey(path: "a")) == nil)
    }

    @Test func sortsByteWiseByPathThenDeletionVector() {
        // U+212B (Angstrom sign, E2 84 AB) sorts after U+00C6 (C3 86) byte-wise, though Swift's
        // `<` normalizes it to U+00C5 and puts it first.
        let paths = ["b", "a", "\u{212B}", "\u{00C6}", "Z", "a/b", "abcdefgh", "abcdefghi", "abcdefgh\u{0}",
                     "abcdefgh\u{0}\u{0}", "abcdefgh0", "", "part-00000-aaaaaaaa-0000.parquet",
                     "part-00000-aaaaaaaa-0001.parquet", "part-00000-aaaaaaaa-0001.parquet.crc", "😀", "\u{FFFF}"]
        var files = paths.map { AddFile(path: $0, size: 1, modificationTime: 0) }
        files += [AddFile(path: "a", size: 2, modificationTime: 0, deletionVector: dvA),
                  AddFile(path: "a", size: 3, modificationTime: 0, deletionVector: dvB)]
        let sorted = FileList(sortingByKey: files)
        let expected = files.sorted { referencePrecedes($0.key, $1.key) }
        #expect(Array(sorted) == expected)
        #expect(sorted.isStrictlySortedByKey())
        #expect(sorted.firstIndex { $0.path == "\u{00C6}" }! < sorted.firstIndex { $0.path == "\u{212B}" }!)
        for (i, f) in expected.enumerated() { #expect(sorted.index(ofKey: f.key) == i) }
        #expect(sorted.index(ofKey: FileKey(path: "a", deletionVectorId: "nope")) == nil)
        #expect(sorted.index(ofKey: FileKey(path: "zzz")) == nil)
    }

    @Test(arguments: 0..<20)
    func randomPathsSortLikeTheReference(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let alphabet: [String] = ["a", "b", "/", "=", "0", "\u{0}", "é", "😀"]
        let prefixes = ["", "part-00000-", "date=2024-01-01/part-0000", String(repeating: "x", count: 30)]
        let files = (0..<(1 + Int(rng.next() % 400))).map { i -> AddFile in
            var path = prefixes[Int(rng.next() % UInt64(prefixes.count))]
            for _ in 0..<(rng.next() % 20) { path += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let dv: DeletionVectorDescriptor? = rng.next() % 5 == 0 ? (rng.next() % 2 == 0 ? dvA : dvB) : nil
            return AddFile(path: path, size: Int64(i), modificationTime: 0, deletionVector: dv)
        }
        let sorted = FileList(sortingByKey: files)
        // Equal keys keep their order: a stable reference sort.
        let expected = files.enumerated().sorted {
            referencePrecedes($0.element.key, $1.element.key)
                || (!referencePrecedes($1.element.key, $0.element.key) && $0.offset < $1.offset)
        }.map(\.element)
        #expect(Array(sorted) == expected)
    }

    @Test func snapshotInitSortsAndConverts() throws {
        let files = variedFiles().filter { $0.path != "e.parquet" || $0.deletionVector != nil }
        let s = try Snapshot(version: 0, protocolAction: .default, metadata: testMetadata(), files: files,
                             tombstones: [RemoveFile(path: "zz"), RemoveFile(path: "aa")], transactions: [:],
                             domainMetadata: [:], timestampMillis: 0, schemaParser: testSchemaParser)
        #expect(Array(s.files) == files.sorted { referencePrecedes($0.key, $1.key) })
        #expect(s.tombstones.map(\.path) == ["aa", "zz"])
        #expect(s.totalBytes == files.reduce(0) { $0 &+ $1.size })
        #expect(Set(s.files.map(\.key)).count == files.count)
    }
}
