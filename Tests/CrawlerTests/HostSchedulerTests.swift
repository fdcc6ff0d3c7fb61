import Foundation
import Testing

@testable import Crawler

struct HostSchedulerTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func limitsConnectionsPerHostAndInAll() async {
        let scheduler = HostScheduler(limits: .init(concurrency: 3, perHost: 2))
        #expect(await scheduler.start("a", now: start))
        #expect(await scheduler.start("a", now: start))
        #expect(await !scheduler.start("a", now: start))
        #expect(await scheduler.availability(of: "a", now: start) == .busy)
        #expect(await scheduler.start("b", now: start))
        #expect(await !scheduler.start("c", now: start))
        await scheduler.finish("a", .answered, now: start)
        #expect(await scheduler.start("c", now: start))
    }

    @Test func spacesRequestsByDelayAndClampedCrawlDelay() async {
        let scheduler = HostScheduler(limits: .init(perHost: 4, delay: 1, maxCrawlDelay: 5))
        #expect(await scheduler.start("a", now: start))
        #expect(await scheduler.availability(of: "a", now: start) == .waiting(until: start.addingTimeInterval(1)))
        await scheduler.setCrawlDelay(60, for: "a")
        #expect(await scheduler.availability(of: "a", now: start) == .waiting(until: start.addingTimeInterval(5)))
        #expect(await scheduler.start("a", now: start.addingTimeInterval(5)))
        #expect(await scheduler.start("b", now: start))
    }

    @Test func honoursRetryAfterWithoutStallingOthers() async {
        let scheduler = HostScheduler(limits: .init())
        _ = await scheduler.start("a", now: start)
        await scheduler.finish("a", .retryAfter(30), now: start)
        #expect(await scheduler.availability(of: "a", now: start) == .waiting(until: start.addingTimeInterval(30)))
        #expect(await scheduler.availability(of: "b", now: start) == .ready)
        #expect(await scheduler.availability(of: "a", now: start.addingTimeInterval(31)) == .ready)
    }

    @Test func pausesThenGivesUpAFailingHost() async {
        let scheduler = HostScheduler(limits: .init(failuresBeforePause: 2, pause: 10, pausesBeforeGivingUp: 1))
        var now = start
        for _ in 0..<2 {
            _ = await scheduler.start("bad", now: now)
            await scheduler.finish("bad", .failed, now: now)
        }
        #expect(await scheduler.availability(of: "bad", now: now) == .waiting(until: now.addingTimeInterval(10)))
        #expect(await scheduler.availability(of: "good", now: now) == .ready)
        now = now.addingTimeInterval(11)
        _ = await scheduler.start("bad", now: now)
        await scheduler.finish("bad", .failed, now: now)
        _ = await scheduler.start("bad", now: now)
        #expect(await scheduler.finish("bad", .failed, now: now))
        #expect(await scheduler.availability(of: "bad", now: now.addingTimeInterval(1000)) == .givenUp)
    }

    static let retryCases: [(status: Int?, retryable: Bool, retryAfter: Double?, attempts: Int, expected: RetryPolicy.Decision)] = [
        (429, false, 7, 1, .retry(after: 7)),
        (503, false, 9999, 1, .retry(after: 300)),
        (500, false, nil, 1, .retry(after: 1)),
        (500, false, nil, 3, .retry(after: 4)),
        (500, false, nil, 4, .giveUp),
        (404, false, nil, 1, .giveUp),
        (410, false, nil, 1, .giveUp),
        (nil, true, nil, 2, .retry(after: 2)),
        (nil, false, nil, 1, .giveUp),
    ]

    @Test(arguments: retryCases)
    func retryDecisions(_ row: (status: Int?, retryable: Bool, retryAfter: Double?, attempts: Int, expected: RetryPolicy.Decision)) {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 60, maxRetryAfter: 300)
        let decision = policy.decision(attempts: row.attempts, status: row.status, retryable: row.retryable, retryAfter: row.retryAfter, jitter: 1)
        #expect(decision == row.expected)
    }

    @Test func backoffJitterStaysWithinBounds() {
        let policy = RetryPolicy(baseDelay: 2, maxDelay: 10)
        for attempts in 1...8 {
            let low = policy.backoff(attempts: attempts, jitter: 0)
            let high = policy.backoff(attempts: attempts, jitter: 1)
            #expect(low == high / 2)
            #expect(high <= 10)
        }
    }
}
