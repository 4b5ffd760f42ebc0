import Foundation
import Columnar
import TextFormats

func batch(_ fields: [(String, DataType)], _ columns: [[Scalar]]) throws -> RecordBatch {
    let schema = Schema(fields.map { Field($0.0, $0.1) })
    return try RecordBatch(schema: schema, columns: zip(fields, columns).map { try Column($0.0.1, $0.1) })
}

func readCSV(_ text: String, schema: String? = nil) throws -> (Schema, [RecordBatch]) {
    let r = try CSVReader(data: Data(text.utf8), name: "input.csv", schema: schema.map { try SchemaDDL.parse($0) })
    return (r.schema, try r.readAll())
}
