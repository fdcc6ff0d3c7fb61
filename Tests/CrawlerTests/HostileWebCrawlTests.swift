import Crawler
import CurlHTTP
import EndorsementStore
import Foundation
import LoopbackWeb
import OpenBadges
import Synchronization
import Testing

/// A hostile web: every host misbehaves in its own way; the crawl must finish and record each failure.
struct HostileWebCrawlTests {
    /// Scripted hosts, with the time of every request.
    final class HostileWeb: LoopbackResponder {
        private let log = Mutex<[(path: String, at: Date)]>([])

        func respond(to request: LoopbackRequest) -> LoopbackResponse {
            let host = request.host ?? "?"
            let key = host + request.path
            let previous = log.withLock { log in
                defer { log.append((key, Date())) }
                return log.filter { $0.path == key }.count
            }
            if request.path == "/robots.txt" {
                return host == "down.example" ? .text("busy", status: 500) : .text("nothing here", status: 404)
            }
            switch key {
            case "slow.example/doc.json":
                return .json(Self.badge("slow")).delayed(by: .seconds(3))
            case "flaky.example/badge.json":
                return previous < 2 ? .text("oops", status: 500) : .json(Self.badge("flaky"))
            case "throttle.example/badge.json":
                return previous == 0
                    ? LoopbackResponse(status: 429, headers: [("Retry-After", "1")], body: Array("slow down".utf8)) : .json(Self.badge("throttle"))
            case "stall.example/badge.json":
                // A day's Retry-After: the URL waits at most maxRetryAfter, and so must its host.
                return previous == 0
                    ? LoopbackResponse(status: 429, headers: [("Retry-After", "86400")], body: Array("come back tomorrow".utf8))
                    : .json(Self.badge("stall"))
            case "stall.example/second.json":
                return .json(Self.badge("stall"))
            case "loop.example/a":
                return .redirect(to: "/b")
            case "loop.example/b":
                return .redirect(to: "http://loop.example/a")
            case "huge.example/big.json":
                return .json("{\"name\": \"" + String(repeating: "x", count: 1 << 20) + "\"}")
            case "broken.example/bad.json":
                return .json("{ \"@context\": \"https://w3id.org/openbadges/v2\", \"type\": ")
            case "broken.example/page.html":
                return LoopbackResponse(headers: [("Content-Type", "text/html")], body: Array("<html><a href=\"x.json".utf8))
            default:
                return .text("not found", status: 404)
            }
        }

        static func badge(_ name: String) -> String {
            #"{"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "http://\#(name).example/badge.json", "name": "\#(name)"}"#
        }

        func requests(_ key: String) -> [Date] { log.withLock { $0.filter { $0.path == key }.map(\.at) } }
    }

    @Test func finishesAndRecordsEveryFailure() async throws {
        let web = HostileWeb()
        let server = try LoopbackServer(responder: web)
        defer { server.stop() }
        let harness = try CrawlHarness(port: server.port, timeout: 1)
        let seeds: [IRI] = [
            "http://slow.example/doc.json", "http://flaky.example/badge.json", "http://throttle.example/badge.json", "http://loop.example/a",
            "http://huge.example/big.json", "http://broken.example/bad.json", "http://broken.example/page.html", "http://down.example/x.json",
            "http://missing.example/gone.json",
        ]
        let summary = try await harness.crawl(seeds)
        #expect(!summary.interrupted)
        #expect(summary.frontier[.queued] == 0 && summary.frontier[.inFlight] == 0)

        func state(_ url: IRI) throws -> (FrontierState, String?)? { try harness.frontier.state(of: url).map { ($0.state, $0.code) } }
        #expect(try state("http://slow.example/doc.json")?.1 == "timeout")
        #expect(try state("http://flaky.example/badge.json")?.0 == .done)
        #expect(web.requests("flaky.example/badge.json").count == 3)
        #expect(try state("http://throttle.example/badge.json")?.0 == .done)
        let throttled = web.requests("throttle.example/badge.json")
        #expect(throttled.count == 2)
        if throttled.count == 2 { #expect(throttled[1].timeIntervalSince(throttled[0]) >= 0.9, "Retry-After: 1 was honoured") }
        #expect(web.requests("loop.example/a").count == 1)
        #expect(web.requests("loop.example/b").count == 1)
        #expect(try state("http://huge.example/big.json")?.1 == "bodyTooLarge")
        #expect(try state("http://broken.example/bad.json")?.1 == "malformedJSON")
        #expect(try state("http://broken.example/page.html")?.0 == .done)
        #expect(try state("http://down.example/x.json")?.1 == "robotsUnavailable")
        #expect(web.requests("down.example/x.json").isEmpty, "nothing is fetched from a host whose robots.txt answers 5xx")
        #expect(try state("http://missing.example/gone.json")?.1 == "http404")
        #expect(web.requests("missing.example/gone.json").count == 1, "a 404 is final")

        // Each failure is in the index too.
        for url: IRI in ["http://slow.example/doc.json", "http://huge.example/big.json", "http://down.example/x.json"] {
            let detail = try harness.store.document(id: url)
            #expect(detail.error != nil, "\(url) is recorded with its error")
        }
        #expect(try harness.store.document(id: "http://flaky.example/badge.json").status == 200)
    }

    @Test func aDaysRetryAfterPausesTheHostNoLongerThanTheRetryCap() async throws {
        let web = HostileWeb()
        let server = try LoopbackServer(responder: web)
        defer { server.stop() }
        let harness = try CrawlHarness(port: server.port, timeout: 1)
        let crawl = Task { try await harness.crawl(["http://stall.example/badge.json", "http://stall.example/second.json"]) }
        // Paused for the server's day, the crawl would never end: give it a minute, then stop it and fail.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            crawl.cancel()
        }
        let summary = try await crawl.value
        watchdog.cancel()
        #expect(!summary.interrupted, "the host stayed paused for the server's Retry-After")
        #expect(try harness.frontier.state(of: "http://stall.example/badge.json")?.state == .done)
        #expect(try harness.frontier.state(of: "http://stall.example/second.json")?.state == .done)
        #expect(web.requests("stall.example/badge.json").count == 2)
    }

    @Test func refusesLoopbackAddressesWithoutTheOption() async throws {
        let web = HostileWeb()
        let server = try LoopbackServer(responder: web)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let path = folder.path("index.sqlite")
        let store = try EndorsementStore(path: path, mode: .readWrite)
        let frontier = Frontier(store: store)
        let fetcher = try CurlPageFetcher(configuration: .init(connectTimeout: .seconds(1), totalTimeout: .seconds(2)))
        let crawler = Crawler(configuration: CrawlHarness.quickConfiguration(), store: store, frontier: frontier, fetcher: fetcher)
        let url = IRI("http://127.0.0.1:\(server.port)/doc.json")
        let summary = try await crawler.run(.seeds([url]))
        #expect(summary.frontier[.queued] == 0)
        #expect(try frontier.state(of: url)?.code == "blockedAddress")
        #expect(web.requests("127.0.0.1/doc.json").isEmpty)
        #expect(try store.document(id: url).error?.contains("blockedAddress") == true)
    }
}
