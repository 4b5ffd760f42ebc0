/// How often and how long to wait before retrying a commit that lost the race for a version.
public struct CommitRetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int = 20
    public var baseDelayMillis: Int = 5
    public var maxDelayMillis: Int = 1000

    public init(maxAttempts: Int = 20, baseDelayMillis: Int = 5, maxDelayMillis: Int = 1000) {
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
