import EndorsementStore
import Foundation
import OpenBadges
import Testing

struct FrontierTests {
    @Test func canonicalisesAndDeduplicates() throws {
        let folder = try TemporaryFolder()
        let frontier = try Frontier(path: folder.path("index.sqlite"))
        let inserted = try frontier.enqueue([
            FrontierCandidate(url: "HTTPS://Example.org:443/a/./b#x", reason: "seed"),
            FrontierCandidate(url: "https://example.org/a/b", reason: "seed"),
            FrontierCandidate(url: "mailto:someone@example.org", reason: "seed"),
        ])
        #expect(inserted == 1)
        #expect(try frontier.state(of: "https://example.org/a/b")?.state == .queued)
        #expect(try frontier.counts()[.queued] == 1)
    }

    @Test func claimsPerHostAndRoundRobin() throws {
        let folder = try TemporaryFolder()
        let frontier = try Frontier(path: folder.path("index.sqlite"))
        let candidates = (0..<3).flatMap { host in
            (0..<5).map { FrontierCandidate(url: IRI("https://h\(host).example/\($0)"), reason: "seed") }
        }
        try frontier.enqueue(candidates)
        let first = try frontier.claim(maxHosts: 2, perHost: 2)
        #expect(first.entries.count == 4)
        #expect(Set(first.entries.map(\.host)) == ["https://h0.example", "https://h1.example"])
        #expect(first.entries.filter { $0.host == "https://h0.example" }.map(\.url) == ["https://h0.example/0", "https://h0.example/1"])
        let second = try frontier.claim(maxHosts: 2, perHost: 2, after: first.cursor)
        #expect(second.entries.first?.host == "https://h2.example")
        let excluded = try frontier.claim(maxHosts: 5, perHost: 1, excluding: ["https://h0.example"])
        #expect(!excluded.entries.contains { $0.host == "https://h0.example" })
        #expect(try frontier.counts()[.inFlight] == 10)
    }

    @Test func recoversInFlightEntriesAfterADeath() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("index.sqlite")
        do {
            let frontier = try Frontier(path: path)
            try frontier.enqueue((0..<4).map { FrontierCandidate(url: IRI("https://a.example/\($0)"), reason: "seed") })
            let claimed = try frontier.claim(maxHosts: 1, perHost: 3).entries
            try frontier.complete(claimed[0], .done, discovered: [FrontierCandidate(url: "https://b.example/", reason: "issuer", depth: 1)])
        }
        let reopened = try Frontier(path: path)
        #expect(try reopened.counts()[.inFlight] == 2)
        #expect(try reopened.recoverInFlight() == 2)
        let counts = try reopened.counts()
        #expect(counts[.queued] == 4)
        #expect(counts[.done] == 1)
        #expect(counts.isUnfinished)
        let again = try reopened.claim(maxHosts: 10, perHost: 10).entries
        #expect(!again.contains { $0.url == "https://a.example/0" })
        #expect(again.count == 4)
    }

    @Test func retriesWaitForTheirTime() throws {
        let folder = try TemporaryFolder()
        let frontier = try Frontier(path: folder.path("index.sqlite"))
        try frontier.enqueue([FrontierCandidate(url: "https://a.example/x", reason: "seed")])
        let now = Date()
        let entry = try #require(try frontier.claim(maxHosts: 1, perHost: 1, now: now).entries.first)
        try frontier.retry(entry, notBefore: now.addingTimeInterval(60), code: "timeout")
        #expect(try frontier.claim(maxHosts: 1, perHost: 1, now: now).entries.isEmpty)
        #expect(try frontier.nextReadyTime().map { abs($0.timeIntervalSince(now) - 60) < 1 } == true)
        let later = try frontier.claim(maxHosts: 1, perHost: 1, now: now.addingTimeInterval(61)).entries
        #expect(later.first?.attempts == 1)
    }

    @Test func boundsExplorationPagesPerHost() throws {
        let folder = try TemporaryFolder()
        let frontier = try Frontier(path: folder.path("index.sqlite"))
        let pages = (0..<10).map { FrontierCandidate(url: IRI("https://site.example/p\($0)"), reason: "page", isExplorationPage: true) }
        #expect(try frontier.enqueue(pages, maxPagesPerHost: 3) == 3)
        #expect(try frontier.enqueue(pages, maxPagesPerHost: 3) == 0)
        #expect(try frontier.enqueue([FrontierCandidate(url: "https://site.example/badge.json", reason: "badge")], maxPagesPerHost: 3) == 1)
        #expect(try frontier.markExplored("https://site.example"))
        #expect(try !frontier.markExplored("https://site.example"))
    }

    @Test func givesUpAHostsQueueAndRequeuesStaleEntries() throws {
        let folder = try TemporaryFolder()
        let frontier = try Frontier(path: folder.path("index.sqlite"))
        try frontier.enqueue((0..<3).map { FrontierCandidate(url: IRI("https://down.example/\($0)"), reason: "seed") })
        try frontier.enqueue([FrontierCandidate(url: "https://up.example/", reason: "seed")])
        let ended = try frontier.endQueued(host: "https://down.example", FrontierOutcome(state: .failed, code: "hostGivenUp"))
        #expect(ended.count == 3)
        let counts = try frontier.counts()
        #expect(counts.byCode["hostGivenUp"] == 3)
        #expect(counts[.queued] == 1)
        #expect(try frontier.requeueFinished(before: Date().addingTimeInterval(1)) == 3)
        #expect(try frontier.counts()[.queued] == 4)
    }
}
