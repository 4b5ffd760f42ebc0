import DeltaLog
import Foundation
import Synchronization
import Testing
@testable import DeltaStorage

@Suite struct PutIfAbsentRaceTests {
    /// 8 threads race for each of 200 versions: exactly one wins each, its file is whole, and
    /// the losers leave nothing behind.
    @Test func eightWritersRacingForTwoHundredVersionsGetExactlyOneWinnerEach() throws {
        let dir = TestDirectory(); defer { dir.remove() }
        let storage = LocalTableStorage(root: dir.path)
        let writers = 8, versions = 200
        let winners = Mutex([[Int]](repeating: [], count: versions))
        let errors = Mutex([String]())
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for writer in 0..<writers {
            group.enter()
            let thread = Thread {
                start.wait()
                for version in 0..<versions {
                    do {
                        if try storage.putIfAbsent(commitName(version), contents: payload(writer: writer, version: version)) == .created {
                            winners.withLock { $0[version].append(writer) }
                        }
                    } catch {
                        errors.withLock { $0.append("\(error)") }
                    }
                }
                group.leave()
            }
            thread.start()
        }
        for _ in 0..<writers { start.signal() }
        group.wait()
        #expect(errors.withLock { $0 } == [])
        let won = winners.withLock { $0 }
        for version in 0..<versions {
            #expect(won[version].count == 1, "version \(version) winners \(won[version])")
            if let writer = won[version].first {
                #expect(dir.contents(commitName(version)) == payload(writer: writer, version: version))
            }
        }
        #expect(dir.tempFiles("_delta_log") == [])
        #expect(try storage.list(directory: "_delta_log").count == versions)
    }
}
