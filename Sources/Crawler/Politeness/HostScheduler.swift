import Foundation

/// Decides when each host may be contacted: at most `perHost` connections per host and `concurrency`
/// in all, a delay between requests to one host (the larger of `--delay` and the host's clamped
/// `Crawl-delay`), pauses after `Retry-After` or repeated failures, and giving a host up when it
/// keeps failing. Other hosts never wait for a slow or failing one.
///
/// The scheduler only keeps counters per host it has seen; it never holds URLs.
public actor HostScheduler {
    /// The limits a scheduler enforces.
    public struct Limits: Sendable, Hashable {
        /// Requests at once, all hosts together (`--concurrency`).
        public var concurrency: Int
        /// Requests at once to one host (`--per-host`).
        public var perHost: Int
        /// Minimum seconds between the starts of two requests to one host.
        public var delay: Double
        /// The largest `Crawl-delay` honoured, in seconds.
        public var maxCrawlDelay: Double
        /// Consecutive failures (no response, 5xx) after which a host is paused.
        public var failuresBeforePause: Int
        /// The first pause; each further pause doubles it.
        public var pause: Double
        /// Pauses after which a still-failing host is given up.
        public var pausesBeforeGivingUp: Int

        /// Creates limits; values are clamped to sensible minimums.
        public init(
            concurrency: Int = 32, perHost: Int = 2, delay: Double = 0, maxCrawlDelay: Double = 10, failuresBeforePause: Int = 5,
            pause: Double = 30, pausesBeforeGivingUp: Int = 3
        ) {
            self.concurrency = max(1, concurrency)
            self.perHost = max(1, perHost)
            self.delay = max(0, delay)
            self.maxCrawlDelay = max(0, maxCrawlDelay)
            self.failuresBeforePause = max(1, failuresBeforePause)
            self.pause = max(0, pause)
            self.pausesBeforeGivingUp = max(0, pausesBeforeGivingUp)
        }
    }

    /// How a request to a host ended, as far as the host's health goes.
    public enum Result: Sendable, Hashable {
        /// Any HTTP answer that is not a server failure (2xx, 3xx, 4xx).
        case answered
        /// No answer, a timeout, or a 5xx: counts towards pausing the host.
        case failed
        /// 429 / 503 with `Retry-After`: the host asked to wait this many seconds.
        case retryAfter(Double)
    }

    /// Where a host stands.
    public enum Availability: Sendable, Hashable {
        /// A request may start now.
        case ready
        /// All its connections (or the global ones) are busy; ask again when a request finishes.
        case busy
        /// Not before this time (delay, Crawl-delay, pause).
        case waiting(until: Date)
        /// Failed too often: do not contact it again in this crawl.
        case givenUp
    }

    private struct HostState {
        var active = 0
        var lastStart: Date?
        var crawlDelay: Double = 0
        var pausedUntil: Date?
        var consecutiveFailures = 0
        var pauses = 0
        var givenUp = false
    }

    /// The limits enforced.
    public let limits: Limits
    private var hosts: [String: HostState] = [:]
    /// Requests running now, all hosts together.
    public private(set) var active = 0

    /// Creates a scheduler that knows no host yet.
    public init(limits: Limits) {
        self.limits = limits
    }

    /// Whether a request to `host` may start at `now`.
    public func availability(of host: String, now: Date = Date()) -> Availability {
        let state = hosts[host] ?? HostState()
        if state.givenUp { return .givenUp }
        if let until = state.pausedUntil, until > now { return .waiting(until: until) }
        if active >= limits.concurrency || state.active >= limits.perHost { return .busy }
        let spacing = max(limits.delay, state.crawlDelay)
        if spacing > 0, let last = state.lastStart, last.addingTimeInterval(spacing) > now {
            return .waiting(until: last.addingTimeInterval(spacing))
        }
        return .ready
    }

    /// True when no more requests may start anywhere right now.
    public var isSaturated: Bool { active >= limits.concurrency }

    /// Starts a request to `host` if it is ready; returns false (and changes nothing) otherwise.
    public func start(_ host: String, now: Date = Date()) -> Bool {
        guard availability(of: host, now: now) == .ready else { return false }
        hosts[host, default: HostState()].active += 1
        hosts[host, default: HostState()].lastStart = now
        active += 1
        return true
    }

    /// Ends a request started with ``start(_:now:)`` and learns from how it went.
    /// - Returns: true when this result made the scheduler give the host up.
    @discardableResult
    public func finish(_ host: String, _ result: Result, now: Date = Date()) -> Bool {
        var state = hosts[host] ?? HostState()
        state.active = max(0, state.active - 1)
        active = max(0, active - 1)
        var gaveUp = false
        switch result {
        case .answered:
            state.consecutiveFailures = 0
            state.pauses = 0
        case .retryAfter(let seconds):
            let until = now.addingTimeInterval(max(0, seconds))
            state.pausedUntil = max(state.pausedUntil ?? until, until)
        case .failed:
            state.consecutiveFailures += 1
            if state.consecutiveFailures >= limits.failuresBeforePause && !state.givenUp {
                if state.pauses >= limits.pausesBeforeGivingUp {
                    state.givenUp = true
                    gaveUp = true
                } else {
                    let pause = limits.pause * pow(2, Double(state.pauses))
                    state.pausedUntil = now.addingTimeInterval(pause)
                    state.pauses += 1
                    state.consecutiveFailures = 0
                }
            }
        }
        hosts[host] = state
        return gaveUp
    }

    /// Sets the host's `Crawl-delay` (seconds), clamped to ``Limits/maxCrawlDelay``.
    public func setCrawlDelay(_ seconds: Double?, for host: String) {
        hosts[host, default: HostState()].crawlDelay = min(max(seconds ?? 0, 0), limits.maxCrawlDelay)
    }

    /// Keeps `host` from starting requests before `date` (robots.txt unavailable, for instance).
    public func pause(_ host: String, until date: Date) {
        hosts[host, default: HostState()].pausedUntil = date
    }

    /// Gives `host` up for the rest of the crawl.
    public func giveUp(_ host: String) {
        hosts[host, default: HostState()].givenUp = true
    }

    /// What ``grant(_:now:)`` allows.
    public struct Grant: Sendable, Hashable {
        /// Requests started, by host (already counted as running: end each with ``finish(_:_:now:)``).
        public var starts: [String: Int] = [:]
        /// Hosts given up: their work should be ended.
        public var givenUp: [String] = []
        /// The earliest time a host that had to wait becomes ready, if any did.
        public var nextTime: Date?
    }

    /// Starts as many of the wanted requests as the limits allow now, in one call: `demand` maps hosts
    /// to the number of requests waiting for them.
    public func grant(_ demand: [String: Int], now: Date = Date()) -> Grant {
        var grant = Grant()
        for (host, wanted) in demand where wanted > 0 {
            var started = 0
            loop: while started < wanted {
                switch availability(of: host, now: now) {
                case .ready:
                    _ = start(host, now: now)
                    started += 1
                case .busy:
                    break loop
                case .waiting(let until):
                    grant.nextTime = min(grant.nextTime ?? until, until)
                    break loop
                case .givenUp:
                    grant.givenUp.append(host)
                    break loop
                }
            }
            if started > 0 { grant.starts[host] = started }
            if active >= limits.concurrency { break }
        }
        return grant
    }

    /// The number of requests running to `host`.
    public func activeRequests(to host: String) -> Int { hosts[host]?.active ?? 0 }
}
