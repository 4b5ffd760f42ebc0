import Columnar
import DeltaLog
import Dispatch
import Foundation

/// Streams a `TableScan`'s rows: files are decoded on up to `ProcessorCount.active` threads, at
/// most `window` files ahead of the one being consumed (so memory holds a bounded number of
/// decoded files, whatever the table's size), and their batches are delivered in file order.
/// With a limit, no file is started once enough rows were delivered.
///
/// Dropping the reader early stops the decoding threads after the files they are on.
public final class ScanReader: RecordBatchReader, @unchecked Sendable {
    // Safe: `pending`, `pendingIndex` and `delivered` are touched only by the one consumer
    // calling `next()`; `shared` synchronizes itself.
    public let schema: Schema
    private let shared: Shared
    private var pending: [RecordBatch] = []
    private var pendingIndex = 0
    private var delivered = 0
    private let limit: Int?

    init(scan: TableScan) {
        schema = scan.schema
        limit = scan.options.limit
        let workers = max(1, min(ProcessorCount.active, scan.files.count))
        shared = Shared(scan: scan, window: max(2, 2 * workers))
        if limit == 0 { return }
        for _ in 0..<workers {
            let shared = self.shared
            DispatchQueue.global().async { shared.work() }
        }
    }

    deinit { shared.cancel() }

    public func next() throws -> RecordBatch? {
        while true {
            if let limit, delivered >= limit {
                shared.cancel()
                return nil
            }
            if pendingIndex < pending.count {
                var batch = pending[pendingIndex]
                pendingIndex += 1
                if let limit, delivered + batch.rowCount > limit { batch = batch.slice(0..<(limit - delivered)) }
                delivered += batch.rowCount
                return batch
            }
            guard let file = try shared.take() else { return nil }
            pending = file
            pendingIndex = 0
        }
    }

    /// The state the decoding threads share with the consumer, guarded by one condition.
    private final class Shared: @unchecked Sendable {
        // Safe: the mutable fields are touched only while `condition` is locked.
        let scan: TableScan
        let window: Int
        private let condition = NSCondition()
        /// The next file a worker starts.
        private var nextToStart = 0
        /// The next file the consumer takes.
        private var nextToTake = 0
        private var done: [Int: Result<[RecordBatch], any Error>] = [:]
        private var cancelled = false

        init(scan: TableScan, window: Int) {
            self.scan = scan
            self.window = window
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }

        /// A worker: start the next file inside the window, decode it, publish it; repeat.
        func work() {
            while true {
                condition.lock()
                while !cancelled && nextToStart < scan.files.count && nextToStart >= nextToTake + window {
                    condition.wait()
                }
                guard !cancelled, nextToStart < scan.files.count else {
                    condition.unlock()
                    return
                }
                let index = nextToStart
                nextToStart += 1
                condition.unlock()
                let result = Result { try scan.read(file: index) }
                condition.lock()
                done[index] = result
                condition.broadcast()
                condition.unlock()
            }
        }

        /// The consumer: the next file's batches in order, nil after the last.
        func take() throws -> [RecordBatch]? {
            condition.lock()
            defer { condition.unlock() }
            if nextToTake >= scan.files.count { return nil }
            while done[nextToTake] == nil { condition.wait() }
            let result = done.removeValue(forKey: nextToTake)!
            nextToTake += 1
            condition.broadcast()
            return try result.get()
        }
    }
}
