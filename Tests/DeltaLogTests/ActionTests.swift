import Testing
@testable import DeltaLog

@Suite struct ActionTests {
    @Test func deletionVectorUniqueIdIncludesOffsetWhenPresent() {
        let dv = DeletionVectorDescriptor(storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 4, sizeInBytes: 40, cardinality: 6)
        #expect(dv.uniqueId == "uab^-aqEH.-t@S}K{vb[*k^@4")
        var inline = dv
        inline.offset = nil
        #expect(inline.uniqueId == "uab^-aqEH.-t@S}K{vb[*k^")
    }

    @Test func removingAnAddKeepsItsMetadataAndKey() {
        let add = AddFile(path: "a=1/part-0.parquet", partitionValues: ["a": "1"], size: 10, modificationTime: 5, stats: "{}")
        let remove = RemoveFile(removing: add, at: 99)
        #expect(remove.key == add.key)
        #expect(remove.deletionTimestamp == 99 && remove.size == 10 && remove.partitionValues?["a"] == "1")
        #expect(remove.extendedFileMetadata == true)
    }
}
