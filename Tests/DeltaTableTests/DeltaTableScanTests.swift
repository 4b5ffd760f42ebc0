import Testing
import Foundation
import Columnar
import DeltaLog
import Expressions
@testable import DeltaTable

@Suite struct DeltaTableScanTests {
    func table() throws -> DeltaTable {
        let t = DeltaTable(path: temporaryTablePath())
        // Three commits with disjoint id ranges → stats let the scan skip files.
        try t.write([try eventBatch(0..<100)], partitionBy: ["date"])
        try t.write([try eventBatch(100..<200)])
        try t.write([try eventBatch(200..<300)])
        return t
    }

    @Test func predicateFiltersRowsAndSkipsFilesByStatsAndPartitions() throws {
        let t = try table()
        let byId = try t.scan(where: "id >= 250")
        #expect(ids(try byId.batches()) == (250..<300).map(Int64.init))
        #expect(byId.skippedFiles == 6)   // the first two commits' three files each
        let byDate = try t.scan(where: "date = DATE '2024-01-02'")
        #expect(byDate.files.count == 3)
        #expect(ids(try byDate.batches()) == (0..<300).filter { $0 % 3 == 1 }.map(Int64.init))
        let both = try t.scan(where: "date = '2024-01-03' AND value > 420")
        #expect(ids(try both.batches()) == (0..<300).filter { $0 % 3 == 2 && Double($0) * 1.5 > 420 }.map(Int64.init))
        #expect(ids(try t.scan(where: "name IS NULL").batches()) == (0..<300).filter { $0 % 10 == 9 }.map(Int64.init))
    }

    @Test func projectionReturnsColumnsInTheRequestedOrderIncludingPartitionColumns() throws {
        let t = try table()
        let batches = try t.scan(columns: ["date", "id"], where: "id < 3").batches()
        #expect(batches.allSatisfy { $0.schema.fields.map(\.name) == ["date", "id"] })
        let rows = batches.flatMap { b in (0..<b.rowCount).map { [b.columns[0].scalar(at: $0), b.columns[1].scalar(at: $0)] } }
        #expect(Set(rows.map { "\($0)" }).count == 3)
        #expect(rows.contains { $0 == [.date(19723), .long(0)] })
        #expect { _ = try t.scan(columns: ["nope"], where: nil) } throws: { ($0 as? DeltaError)?.code == .invalidArgument }
    }

    @Test func limitStopsEarlyAndBadPredicatesAreClearErrors() throws {
        let t = try table()
        #expect(try t.scan(where: nil, limit: 7).batches().reduce(0) { $0 + $1.rowCount } == 7)
        #expect { _ = try t.scan(where: "id >") } throws: { ($0 as? DeltaError)?.code == .invalidArgument }
        #expect { _ = try t.scan(where: "nosuch = 1") } throws: { ($0 as? DeltaError)?.code == .invalidArgument }
    }

    @Test func timeTravelByVersionAndTimestamp() throws {
        let t = try table()
        #expect(ids(try t.scan(snapshot: try t.snapshot(version: 1)).batches()) == (0..<200).map(Int64.init))
        #expect { _ = try t.snapshot(version: 9) } throws: { ($0 as? DeltaError)?.code == .versionNotFound }
        let history = try t.history()
        let v1Time = history.first { $0.version == 1 }!.timestamp
        #expect(try t.snapshot(at: v1Time).version == 1)
        #expect(try t.snapshot(at: history.first!.timestamp).version == 2)
        #expect(try t.snapshot(version: 2).timestampMillis == history.first!.timestamp.millisecondsSinceEpoch)
        let far = PointInTime(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000) + 3_600_000)
        #expect { _ = try t.snapshot(at: far) } throws: { ($0 as? DeltaError)?.code == .versionNotFound }
        #expect { _ = try t.snapshot(at: PointInTime(millisecondsSinceEpoch: 0)) } throws: { ($0 as? DeltaError)?.code == .versionNotFound }
    }

    @Test func describeSummarisesTheVersion() throws {
        let t = try table()
        let d = try t.describe()
        #expect(d.version == 2 && d.numFiles == 9 && d.numRecords == 300 && d.partitionColumns == ["date"])
        #expect(d.sizeInBytes > 0)
    }

    @Test func notATableIsAClearError() throws {
        #expect { _ = try DeltaTable(path: temporaryTablePath()).snapshot() } throws: { ($0 as? DeltaError)?.code == .notATable }
    }
}
