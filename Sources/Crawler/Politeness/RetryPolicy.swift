import Foundation

/// When to retry a failed fetch: exponential backoff with full jitter, bounded in attempts and delay.
///
/// 429 and 503 answers wait for their `Retry-After` (clamped to ``maxRetryAfter``); other 5xx answers,
/// timeouts and connection errors back off exponentially; 4xx answers and errors that another try
/// cannot fix are final.
public struct RetryPolicy: Sendable, Hashable {
    /// Fetch attempts per URL, the first included.
    public var maxAttempts: Int
    /// The first backoff; each retry doubles it.
    public var baseDelay: Double
    /// The longest backoff, and the longest `Retry-After` honoured.
    public var maxDelay: Double
    /// The longest `Retry-After` honoured; longer ones are treated as this.
    public var maxRetryAfter: Double

    /// Creates a policy; the defaults suit the public web.
    public init(maxAttempts: Int = 4, baseDelay: Double = 1, maxDelay: Double = 60, maxRetryAfter: Double = 300) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Hashable {
        /// Try again after this many seconds.
        case retry(after: Double)
        /// Give up: the failure is final.
        case giveUp
    }

    /// The decision for a URL that has now failed `attempts` times (1 after the first failure).
    /// - Parameters:
    ///   - status: the HTTP status, nil when there was no response.
    ///   - retryable: for failures without a response, whether another try may succeed.
    ///   - retryAfter: the response's `Retry-After` in seconds, if any.
    public func decision(attempts: Int, status: Int?, retryable: Bool, retryAfter: Double?, jitter: Double = .random(in: 0...1)) -> Decision {
        guard attempts < maxAttempts else { return .giveUp }
        switch status {
        case .some(429), .some(503):
            if let retryAfter { return .retry(after: min(max(retryAfter, 0), maxRetryAfter)) }
            return .retry(after: backoff(attempts: attempts, jitter: jitter))
        case .some(let code) where code >= 500:
            return .retry(after: backoff(attempts: attempts, jitter: jitter))
        case .some:
            return .giveUp
        case .none:
            return retryable ? .retry(after: backoff(attempts: attempts, jitter: jitter)) : .giveUp
        }
    }

    /// Exponential backoff with jitter: between half and all of `baseDelay * 2^(attempts-1)`, capped.
    public func backoff(attempts: Int, jitter: Double) -> Double {
        let exponent = min(max(attempts - 1, 0), 30)
        let ceiling = min(baseDelay * pow(2, Double(exponent)), maxDelay)
        return ceiling * (0.5 + 0.5 * min(max(jitter, 0), 1))
    }
}
