import Testing
import DeltaLog
@testable import DeltaStorage

@Suite struct StorageEntryTests {
    @Test func entriesCompareByAllFields() {
        #expect(StorageEntry(name: "a", size: 1, modificationTime: 2) != StorageEntry(name: "a", size: 1, modificationTime: 3))
    }
}
