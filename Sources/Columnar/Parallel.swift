import Dispatch

/// Runs `body(i)` for every i in 0..<count on up to `maxWorkers` threads and returns the results
/// in index order. Each slot is written by exactly one iteration, so no locking is needed.
public func parallelMap<T: Sendable>(_ count: Int, maxWorkers: Int = ProcessorCount.active,
                                     _ body: @Sendable (Int) throws -> T) throws -> [T] {
    if count == 0 { return [] }
    let slots = ResultSlots<T>(count)
    if count == 1 || maxWorkers <= 1 {
        for i in 0..<count { slots.set(i, Result { try body(i) }) }
    } else {
        let workers = min(count, maxWorkers)
        let next = AtomicCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.increment()
                if i >= count { break }
                slots.set(i, Result { try body(i) })
            }
        }
    }
    return try slots.results()
}

/// Number of cores this process may use.
public enum ProcessorCount {
    public static let active: Int = {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private final class ResultSlots<T>: @unchecked Sendable {
    // Safe: each index is written once, by one thread, before `results()` reads them after
    // concurrentPerform has returned (which orders the writes before the reads).
    private var storage: [Result<T, any Error>?]

    init(_ n: Int) { storage = Array(repeating: nil, count: n) }

    func set(_ i: Int, _ r: Result<T, any Error>) {
        storage.withUnsafeMutableBufferPointer { $0[i] = r }
    }

    func results() throws -> [T] {
        try storage.map { try $0!.get() }
    }
}

private final class AtomicCounter: @unchecked Sendable {
    // Safe: guarded by `lock`.
    private var value = 0
    private let lock = NSLockLite()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let v = value
        value += 1
        return v
    }
}

/// A pthread mutex (Foundation-free).
private final class NSLockLite: @unchecked Sendable {
    private let m: UnsafeMutablePointer<pthread_mutex_t>
    init() {
        m = .allocate(capacity: 1)
        pthread_mutex_init(m, nil)
    }
    deinit {
        pthread_mutex_destroy(m)
        m.deallocate()
    }
    func lock() { pthread_mutex_lock(m) }
    func unlock() { pthread_mutex_unlock(m) }
}
