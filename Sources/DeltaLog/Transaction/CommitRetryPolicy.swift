/// How often and how long to wait before retrying a commit that lost the race for a version.
///
/// A losing writer only re-checks the new commits and tries the next version, so attempts are
/// cheap; like Spark (which retries practically without limit) the default allows many, with
/// short full-jitter backoff so that no writer starves among equals. Real conflicts end the
/// commit on the first check, whatever this says.
public struct CommitRetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelayMillis: Int
    public var maxDelayMillis: Int

    /// The one default every commit uses unless told otherwise: 1000 attempts, 1 ms base, 100 ms cap.
    public static let `default` = CommitRetryPolicy()

    public init(maxAttempts: Int = 1000, baseDelayMillis: Int = 1, maxDelayMillis: Int = 100) {
        self.maxAttempts = maxAttempts
        self.baseDelayMillis = baseDelayMillis
        self.maxDelayMillis = maxDelayMillis
    }

    /// Full-jitter exponential backoff: `random × min(maxDelay, base × 2^(attempt-1))`, with
    /// `attempt` 1-based and `random` in [0, 1). Never negative, never above `maxDelayMillis`.
    public func delayMillis(attempt: Int, random: Double) -> Int {
        let cap = max(0, maxDelayMillis)
        let exponent = min(max(attempt, 1) - 1, 40)
        let (grown, overflow) = max(0, baseDelayMillis).multipliedReportingOverflow(by: 1 << exponent)
        let ceiling = overflow ? cap : min(cap, grown)
        let r = random.isFinite ? min(max(random, 0), 1) : 0
        return min(ceiling, Int((Double(ceiling) * r).rounded(.down)))
    }
}
