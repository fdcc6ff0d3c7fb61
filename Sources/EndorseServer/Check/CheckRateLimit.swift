import Foundation

/// How many checks one client may ask for: a token bucket per client address. Checks fetch from the web on the
/// client's behalf, so a client must not be able to turn the server into a crawler of its choosing.
public struct CheckRateLimit: Sendable, Hashable {
    /// Checks a client may make at once.
    public var burst: Int
    /// Checks a client regains per minute.
    public var perMinute: Double

    public init(burst: Int = 10, perMinute: Double = 20) {
        self.burst = burst
        self.perMinute = perMinute
    }
}

/// The buckets of ``CheckRateLimit``, by client address.
actor CheckRateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let limit: CheckRateLimit
    private var buckets: [String: Bucket] = [:]
    /// The most clients tracked; beyond it, full buckets are forgotten first.
    private let maxClients = 10_000

    init(limit: CheckRateLimit) {
        self.limit = limit
    }

    /// Takes one check from `client`'s bucket: nil when allowed, else the seconds until one is regained.
    func take(client: String) -> Int? {
        let now = ContinuousClock.now
        var bucket = buckets[client] ?? Bucket(tokens: Double(limit.burst), updated: now)
        let elapsed = Double((now - bucket.updated).components.seconds) + Double((now - bucket.updated).components.attoseconds) / 1e18
        bucket.tokens = min(Double(limit.burst), bucket.tokens + elapsed * limit.perMinute / 60)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return max(1, Int(((1 - bucket.tokens) * 60 / max(limit.perMinute, 0.001)).rounded(.up)))
        }
        bucket.tokens -= 1
        if buckets.count >= maxClients, buckets[client] == nil { prune(now: now) }
        buckets[client] = bucket
        return nil
    }

    private func prune(now: ContinuousClock.Instant) {
        let refill = Double(limit.burst) * 60 / max(limit.perMinute, 0.001)
        buckets = buckets.filter { (now - $0.value.updated) < .seconds(refill) }
        if buckets.count >= maxClients { buckets.removeAll() }
    }
}
