import CurlHTTP
import LoopbackWeb
import Testing

/// Redirects come back hop by hop; the caller-side helper follows them up to a limit.
struct FetcherRedirectTests {
    static func redirectingServer() throws -> LoopbackServer {
        try LoopbackServer { request in
            switch request.path {
            case "/r1": .redirect(to: "/r2", status: 301)
            case "/r2": .redirect(to: "http://endorser.example/r3", status: 307)
            case "/r3": .json(#"{"id":"r3"}"#)
            case "/a/b/c": .redirect(to: "../up?x=1", status: 303)
            case "/loop-a": .redirect(to: "/loop-b")
            case "/loop-b": .redirect(to: "/loop-a")
            default: .json("{}", status: 404)
            }
        }
    }

    @Test func returnsEachHopWithAnAbsoluteLocation() async throws {
        let server = try Self.redirectingServer()
        let fetcher = try loopbackFetcher(server)
        let first = try await fetcher.fetch("http://issuer.example/r1?q=1")
        #expect(first.status == 301)
        #expect(first.redirectLocation == "http://issuer.example/r2")
        #expect(first.body.isEmpty)
    }

    @Test func resolvesARelativeLocation() async throws {
        let server = try Self.redirectingServer()
        let fetcher = try loopbackFetcher(server)
        let response = try await fetcher.fetch("http://issuer.example/a/b/c")
        #expect(response.status == 303)
        #expect(response.redirectLocation == "http://issuer.example/a/up?x=1")
    }

    @Test func followsAChainHopByHop() async throws {
        let server = try Self.redirectingServer()
        let fetcher = try loopbackFetcher(server)
        let response = try await fetcher.fetchFollowingRedirects(FetchRequest(url: "http://issuer.example/r1"))
        #expect(response.status == 200)
        #expect(response.url == "http://endorser.example/r3")
        #expect(response.redirectChain == ["http://issuer.example/r1", "http://issuer.example/r2"])
    }

    @Test func stopsALoopAtMaxRedirects() async throws {
        let hits = Counter()
        let server = try LoopbackServer { request in
            hits.increment()
            return .redirect(to: request.path == "/loop-a" ? "/loop-b" : "/loop-a")
        }
        let fetcher = try loopbackFetcher(server) { $0.maxRedirects = 4 }
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetchFollowingRedirects(FetchRequest(url: "http://issuer.example/loop-a"))
        }
        #expect(error?.code == .tooManyRedirects)
        #expect(hits.count == 5)
    }

    @Test func limitCanBeNarrowedPerCall() async throws {
        let server = try Self.redirectingServer()
        let fetcher = try loopbackFetcher(server)
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetchFollowingRedirects(FetchRequest(url: "http://issuer.example/r1"), maxRedirects: 1)
        }
        #expect(error?.code == .tooManyRedirects)
    }
}
