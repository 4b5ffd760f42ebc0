import Testing
@testable import Parquet

@Suite struct ParquetErrorTests {
    @Test func descriptionNamesFileAndOffset() {
        let e = ParquetError(.truncated, "footer length 99 exceeds file size 12", path: "x.parquet", offset: 4)
        #expect(e.description == "x.parquet at byte 4: truncated: footer length 99 exceeds file size 12")
    }
}
