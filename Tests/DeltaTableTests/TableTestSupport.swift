import Foundation
import Columnar
import DeltaLog
@testable import DeltaTable

func temporaryTablePath(_ name: String = "table") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swift-delta-table-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

let eventSchema = Schema([Field("id", .long, nullable: false), Field("name", .string), Field("value", .double),
                          Field("date", .date)])

/// Rows `ids`, with name "n<id>", value id * 1.5 and date (id % 3) days after 2024-01-01.
func eventBatch(_ ids: Range<Int>) throws -> RecordBatch {
    let base: Int32 = 19723   // 2024-01-01
    return try RecordBatch(schema: eventSchema, columns: [
        try Column(.long, ids.map { .long(Int64($0)) }),
        try Column(.string, ids.map { $0 % 10 == 9 ? .null : .string("n\($0)") }),
        try Column(.double, ids.map { .double(Double($0) * 1.5) }),
        try Column(.date, ids.map { .date(base + Int32($0 % 3)) }),
    ])
}

/// All rows of a scan as sorted id values.
func ids(_ batches: [RecordBatch]) -> [Int64] {
    batches.flatMap { b -> [Int64] in
        let c = b.column(named: "id")!
        return c.scalars.compactMap { if case let .long(v) = $0 { return v } else { return nil } }
    }.sorted()
}
