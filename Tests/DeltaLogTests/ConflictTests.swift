import Testing
@testable import DeltaLog

/// Reads partition `p == value` (what the layer above builds from an Expressions predicate).
struct PartitionEquals: FilePredicate {
    var value: String
    func mayMatch(_ file: AddFile) -> Bool { file.partitionValues["p"] == .some(value) }
}

/// The conflict matrix (RELIABILITY.md): setup, what the transaction read, what concurrent
/// writers committed, what the transaction commits, isolation level → outcome.
@Suite struct ConflictTests {
    enum Read: Sendable { case nothing, wholeTable, partition(String), files([String]), partitionAndFiles(String, [String]), appIds([String]) }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var read: Read
        var winners: [[Action]]
        var commits: [Action]
        var level: IsolationLevel = .writeSerializable
        var expected: ConflictKind?
        /// The version the conflict names (readVersion is 2, winners are 3, 4, …).
        var conflictVersion: Int64 = 3
        var testDescription: String { name }
    }

    static let blind = CommitInfo(operation: "WRITE", isBlindAppend: true)
    static let notBlind = CommitInfo(operation: "MERGE", isBlindAppend: false)
    static func blindAppend(_ path: String, p: String) -> [Action] { [.commitInfo(blind), .add(testAdd(path, p: p))] }
    static func rewrite(_ path: String, p: String) -> [Action] { [.commitInfo(notBlind), .add(testAdd(path, p: p))] }
    static let newMetadata = Action.metadata(testMetadata(partitionColumns: ["p"], configuration: ["delta.appendOnly": "true"]))
    static let newProtocol = Action.protocol(DeltaProtocol(minReaderVersion: 1, minWriterVersion: 3))
    static let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "dv1", sizeInBytes: 4, cardinality: 1)
    static func compact(_ paths: [String], into path: String, p: String) -> [Action] {
        paths.map { .remove(testRemove($0, p: p, dataChange: false)) } + [.add(testAdd(path, p: p, dataChange: false))]
    }

    static let cases: [Case] = [
        // Appends.
        Case(name: "blind append vs blind append", read: .nothing, winners: [blindAppend("w", p: "1")], commits: [.add(testAdd("t", p: "1"))]),
        Case(name: "blind append vs blind append, serializable", read: .nothing, winners: [blindAppend("w", p: "1")],
             commits: [.add(testAdd("t", p: "1"))], level: .serializable),
        Case(name: "whole-table read vs blind append, serializable", read: .wholeTable, winners: [blindAppend("w", p: "2")],
             commits: [.add(testAdd("t", p: "1"))], level: .serializable, expected: .concurrentAppend(path: "w")),
        Case(name: "whole-table read vs blind append, write-serializable", read: .wholeTable, winners: [blindAppend("w", p: "2")],
             commits: [.add(testAdd("t", p: "1"))]),
        Case(name: "whole-table read vs non-blind append, write-serializable", read: .wholeTable, winners: [rewrite("w", p: "2")],
             commits: [.add(testAdd("t", p: "1"))], expected: .concurrentAppend(path: "w")),
        Case(name: "whole-table read vs append without commitInfo counts as non-blind", read: .wholeTable,
             winners: [[.add(testAdd("w", p: "2"))]], commits: [.add(testAdd("t"))], expected: .concurrentAppend(path: "w")),
        Case(name: "whole-table read vs append, snapshot isolation", read: .wholeTable, winners: [rewrite("w", p: "2")],
             commits: [.add(testAdd("t", p: "1"))], level: .snapshotIsolation),
        Case(name: "disjoint partitions", read: .partitionAndFiles("1", ["a1"]), winners: [rewrite("w", p: "2")],
             commits: [.remove(testRemove("a1", p: "1")), .add(testAdd("t", p: "1"))], level: .serializable),
        Case(name: "overlapping partitions", read: .partitionAndFiles("1", ["a1"]), winners: [rewrite("w", p: "1")],
             commits: [.remove(testRemove("a1", p: "1")), .add(testAdd("t", p: "1"))], expected: .concurrentAppend(path: "w")),
        Case(name: "overlapping partitions, blind winner, write-serializable", read: .partition("1"), winners: [blindAppend("w", p: "1")],
             commits: [.add(testAdd("t", p: "1"))]),
        Case(name: "overlapping partitions, blind winner, serializable", read: .partition("1"), winners: [blindAppend("w", p: "1")],
             commits: [.add(testAdd("t", p: "1"))], level: .serializable, expected: .concurrentAppend(path: "w")),
        Case(name: "winner adds with dataChange=false do not count", read: .partition("1"),
             winners: [[.commitInfo(notBlind), .add(testAdd("w", p: "1", dataChange: false))]],
             commits: [.add(testAdd("t", p: "1"))], level: .serializable),
        // Deletes.
        Case(name: "delete vs read", read: .files(["a1"]), winners: [[.commitInfo(notBlind), .remove(testRemove("a1", p: "1"))]],
             commits: [.add(testAdd("t", p: "1"))], expected: .concurrentDeleteRead(path: "a1")),
        Case(name: "delete of an unread file", read: .partitionAndFiles("1", ["a1"]),
             winners: [[.commitInfo(notBlind), .remove(testRemove("b2", p: "2"))]],
             commits: [.remove(testRemove("a1", p: "1"))]),
        Case(name: "delete vs whole-table read", read: .wholeTable, winners: [[.remove(testRemove("b2", p: "2"))]],
             commits: [.add(testAdd("t", p: "1"))], expected: .concurrentDeleteRead(path: "b2")),
        Case(name: "delete vs delete", read: .nothing, winners: [[.remove(testRemove("a1", p: "1"))]],
             commits: [.remove(testRemove("a1", p: "1"))], expected: .concurrentDeleteDelete(path: "a1")),
        Case(name: "delete vs delete of a read file reports the read first", read: .files(["a1"]),
             winners: [[.remove(testRemove("a1", p: "1"))]], commits: [.remove(testRemove("a1", p: "1"))],
             expected: .concurrentDeleteRead(path: "a1")),
        Case(name: "deletion vector update of a read file", read: .files(["a1"]),
             winners: [[.remove(testRemove("a1", p: "1")), .add(AddFile(path: "a1", partitionValues: ["p": "1"], size: 10, modificationTime: 1, deletionVector: dv))]],
             commits: [.remove(testRemove("a1", p: "1"))], level: .snapshotIsolation, expected: .concurrentDeleteRead(path: "a1")),
        // Metadata and protocol.
        Case(name: "metadata change", read: .nothing, winners: [[newMetadata]], commits: [.add(testAdd("t"))], expected: .metadataChanged),
        Case(name: "protocol change", read: .nothing, winners: [[newProtocol]], commits: [.add(testAdd("t"))], expected: .protocolChanged),
        Case(name: "protocol is checked before metadata", read: .nothing, winners: [[newMetadata, newProtocol]],
             commits: [.add(testAdd("t"))], expected: .protocolChanged),
        Case(name: "metadata is checked before txn", read: .nothing,
             winners: [[.txn(SetTransaction(appId: "etl", version: 4)), newMetadata]],
             commits: [.txn(SetTransaction(appId: "etl", version: 4))], expected: .metadataChanged),
        Case(name: "txn metadata change vs blind append", read: .nothing, winners: [blindAppend("w", p: "1")],
             commits: [newMetadata], expected: .concurrentAppend(path: "w")),
        Case(name: "concurrent create", read: .nothing, winners: [createActions], commits: createActions, expected: .protocolChanged),
        // Application transactions.
        Case(name: "same appId written", read: .nothing, winners: [[.txn(SetTransaction(appId: "etl", version: 4)), .add(testAdd("w"))]],
             commits: [.txn(SetTransaction(appId: "etl", version: 4)), .add(testAdd("t"))], expected: .concurrentTransaction(appId: "etl")),
        Case(name: "same appId read", read: .appIds(["etl"]), winners: [[.txn(SetTransaction(appId: "etl", version: 9))]],
             commits: [.add(testAdd("t"))], expected: .concurrentTransaction(appId: "etl")),
        Case(name: "different appId", read: .appIds(["etl"]), winners: [[.txn(SetTransaction(appId: "other", version: 4)), .commitInfo(blind), .add(testAdd("w"))]],
             commits: [.txn(SetTransaction(appId: "etl", version: 5)), .add(testAdd("t"))]),
        // Compaction (dataChange = false) runs at snapshot isolation.
        Case(name: "compaction vs blind append", read: .files(["a1", "a2"]), winners: [blindAppend("w", p: "1")],
             commits: compact(["a1", "a2"], into: "c", p: "1")),
        Case(name: "compaction vs non-blind append, serializable", read: .files(["a1", "a2"]), winners: [rewrite("w", p: "1")],
             commits: compact(["a1", "a2"], into: "c", p: "1"), level: .serializable),
        Case(name: "compaction vs delete of its files", read: .files(["a1", "a2"]),
             winners: [[.commitInfo(notBlind), .remove(testRemove("a2", p: "1"))]],
             commits: compact(["a1", "a2"], into: "c", p: "1"), expected: .concurrentDeleteRead(path: "a2")),
        Case(name: "compaction vs delete of other files", read: .files(["a1", "a2"]),
             winners: [[.commitInfo(notBlind), .remove(testRemove("b2", p: "2"))]],
             commits: compact(["a1", "a2"], into: "c", p: "1")),
        Case(name: "compaction vs compaction of the same files", read: .nothing, winners: [compact(["a1"], into: "c2", p: "1")],
             commits: compact(["a1", "a2"], into: "c", p: "1"), expected: .concurrentDeleteDelete(path: "a1")),
        Case(name: "compaction with whole-table read ignores unrelated deletes", read: .wholeTable,
             winners: [[.remove(testRemove("b2", p: "2"))]], commits: compact(["a1"], into: "c", p: "1")),
        // Winners that change nothing, and several winners.
        Case(name: "winner with only commitInfo", read: .wholeTable, winners: [[.commitInfo(notBlind)]],
             commits: [.remove(testRemove("a1", p: "1"))], level: .serializable),
        Case(name: "second winner conflicts", read: .files(["a1"]),
             winners: [blindAppend("w", p: "2"), [.commitInfo(notBlind), .remove(testRemove("a1", p: "1"))]],
             commits: [.remove(testRemove("a1", p: "1"))], expected: .concurrentDeleteRead(path: "a1"), conflictVersion: 4),
        Case(name: "third winner changes metadata", read: .nothing, winners: [blindAppend("w", p: "2"), blindAppend("x", p: "1"), [newMetadata]],
             commits: [.add(testAdd("t"))], expected: .metadataChanged, conflictVersion: 5),
        Case(name: "append check precedes delete-read", read: .partitionAndFiles("1", ["a1"]),
             winners: [[.commitInfo(notBlind), .remove(testRemove("a1", p: "1")), .add(testAdd("w", p: "1"))]],
             commits: [.remove(testRemove("a1", p: "1"))], expected: .concurrentAppend(path: "w")),
        // Domain metadata.
        Case(name: "same domain", read: .nothing, winners: [[.domainMetadata(DomainMetadata(domain: "d", configuration: "1"))]],
             commits: [.domainMetadata(DomainMetadata(domain: "d", configuration: "2"))], expected: .metadataChanged),
        Case(name: "different domain", read: .nothing, winners: [[.domainMetadata(DomainMetadata(domain: "e", configuration: "1"))]],
             commits: [.domainMetadata(DomainMetadata(domain: "d", configuration: "2"))]),
    ]

    static func setup() throws -> Snapshot {
        try replay([createActions + [.add(testAdd("a1", p: "1")), .add(testAdd("a2", p: "1")), .add(testAdd("b2", p: "2"))],
                    [.add(testAdd("b3", p: "2"))], [.commitInfo(CommitInfo(operation: "OPTIMIZE"))]])
    }

    @Test func matrixHasAtLeastThirtyCases() { #expect(Self.cases.count >= 30) }

    @Test(arguments: cases) func matrix(_ c: Case) throws {
        let snapshot = try Self.setup()
        var state = TransactionState(readSnapshot: snapshot, isolationLevel: c.level)
        switch c.read {
        case .nothing: break
        case .wholeTable: state.readWholeTable = true
        case let .partition(p): state.readPredicates = [PartitionEquals(value: p)]
        case let .files(paths): state.readFiles = Set(paths.map { FileKey(path: $0) })
        case let .partitionAndFiles(p, paths):
            state.readPredicates = [PartitionEquals(value: p)]
            state.readFiles = Set(paths.map { FileKey(path: $0) })
        case let .appIds(ids): state.readAppIds = Set(ids)
        }
        state.actions = c.commits
        let winners = c.winners.enumerated().map { (version: snapshot.version + 1 + Int64($0.offset), actions: $0.element) }
        if let expected = c.expected {
            let error = try #require(throws: DeltaError.self) { try ConflictChecker.check(state, against: winners) }
            #expect(error.code == .conflict)
            #expect(error.conflict == expected)
            #expect(error.message.contains("version \(c.conflictVersion)"), "\(error.message)")
            switch expected {
            case let .concurrentAppend(path), let .concurrentDeleteRead(path), let .concurrentDeleteDelete(path):
                #expect(error.message.contains("'\(path)'"))
            case let .concurrentTransaction(appId):
                #expect(error.message.contains("'\(appId)'"))
            case .protocolChanged, .metadataChanged, .retriesExhausted:
                break
            }
        } else {
            try ConflictChecker.check(state, against: winners)
        }
    }

    @Test func noWinnersNeverConflict() throws {
        var state = TransactionState(readSnapshot: try Self.setup())
        state.readWholeTable = true
        try ConflictChecker.check(state, against: [])
    }
}
