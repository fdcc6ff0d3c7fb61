import CurlHTTP
import Foundation
import LoopbackWeb
import Synchronization
import Testing

/// Ordinary fetches: virtual hosting, response fields, conditional GET, content decoding, error kinds.
struct FetcherTests {
    @Test func servesVirtualHostsThroughConnectTo() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        for (host, name) in [("issuer.example", "Issuer"), ("endorser.example", "Endorser")] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("\(host)/badges"), withIntermediateDirectories: true)
            try Data(#"{"name":"\#(name)"}"#.utf8).write(to: root.appendingPathComponent("\(host)/badges/one.json"))
        }
        let server = try LoopbackServer(responder: StaticSite(root: root))
        let fetcher = try loopbackFetcher(server)

        let issuer = try await fetcher.fetch("http://issuer.example/badges/one")
        let endorser = try await fetcher.fetch("http://endorser.example/badges/one.json?x=1")

        #expect(issuer.status == 200)
        #expect(String(decoding: issuer.body, as: UTF8.self) == #"{"name":"Issuer"}"#)
        #expect(String(decoding: endorser.body, as: UTF8.self) == #"{"name":"Endorser"}"#)
        #expect(issuer.contentType == "application/ld+json")
        #expect(issuer.url == "http://issuer.example/badges/one")
        #expect(issuer.remoteAddress == "127.0.0.1")
        #expect(issuer.httpVersion == "HTTP/1.1")
        #expect(issuer.timings.total > .zero && issuer.timings.firstByte <= issuer.timings.total)
    }

    @Test func sendsDefaultAndCustomHeaders() async throws {
        let seen = Mutex<[LoopbackRequest]>([])
        let server = try LoopbackServer { request in
            seen.withLock { $0.append(request) }
            return .text("ok")
        }
        let fetcher = try loopbackFetcher(server)

        _ = try await fetcher.fetch("http://issuer.example/a")
        _ = try await fetcher.fetch(FetchRequest(url: "http://issuer.example/b", headers: [("Accept", "text/html"), ("User-Agent", "probe/1")]))

        let requests = seen.withLock { $0 }
        try #require(requests.count == 2)
        #expect(requests[0].header("accept") == FetcherConfiguration.defaultAccept)
        #expect(requests[0].header("User-Agent") == FetcherConfiguration.defaultUserAgent)
        #expect(requests[0].header("Host") == "issuer.example")
        #expect(requests[0].header("Accept-Encoding")?.contains("gzip") == true)
        #expect(requests[1].header("Accept") == "text/html")
        #expect(requests[1].header("User-Agent") == "probe/1")
    }

    @Test func conditionalGetIsAnswered304() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("issuer.example"), withIntermediateDirectories: true)
        try Data(#"{"id":"x"}"#.utf8).write(to: root.appendingPathComponent("issuer.example/doc.json"))
        let server = try LoopbackServer(responder: StaticSite(root: root))
        let fetcher = try loopbackFetcher(server)

        let first = try await fetcher.fetch("http://issuer.example/doc")
        let etag = try #require(first.etag)
        let lastModified = try #require(first.lastModified)
        let byTag = try await fetcher.fetch(FetchRequest(url: "http://issuer.example/doc", ifNoneMatch: etag))
        let byDate = try await fetcher.fetch(FetchRequest(url: "http://issuer.example/doc", ifModifiedSince: lastModified))
        let stale = try await fetcher.fetch(FetchRequest(url: "http://issuer.example/doc", ifNoneMatch: "\"other\""))

        #expect(first.status == 200)
        #expect(byTag.status == 304 && byTag.body.isEmpty && byTag.etag == etag)
        #expect(byDate.status == 304)
        #expect(stale.status == 200)
    }

    @Test func decodesGzipBodies() async throws {
        let document = Array(String(repeating: #"{"name":"Gzip badge"}"#, count: 50).utf8)
        let server = try LoopbackServer { request in
            request.path == "/stored" ? .gzip(Gzip.stored(document)) : .gzip(Gzip.repeating(0x61, count: 100_000))
        }
        let fetcher = try loopbackFetcher(server)

        let stored = try await fetcher.fetch("http://issuer.example/stored")
        let repeated = try await fetcher.fetch("http://issuer.example/repeated")

        #expect(stored.header("content-encoding") == "gzip")
        #expect(stored.body == document)
        #expect(repeated.body == [UInt8](repeating: 0x61, count: 100_000))
    }

    @Test func reusesOneConnectionForSequentialFetches() async throws {
        let server = try LoopbackServer { request in .text(request.path) }
        let fetcher = try loopbackFetcher(server)
        for index in 0..<5 {
            let response = try await fetcher.fetch("http://issuer.example/\(index)")
            #expect(String(decoding: response.body, as: UTF8.self) == "/\(index)")
        }
        #expect(server.openConnections == 1)
    }

    @Test func returnsErrorStatusesAsResponses() async throws {
        let server = try LoopbackServer { _ in .json(#"{"error":"gone"}"#, status: 410) }
        let fetcher = try loopbackFetcher(server)
        let response = try await fetcher.fetch("http://issuer.example/retired")
        #expect(response.status == 410)
        #expect(response.redirectLocation == nil)
    }

    @Test(arguments: [
        ("file:///etc/passwd", FetchError.Code.blockedScheme), ("gopher://issuer.example/", .blockedScheme),
        ("ftp://issuer.example/x", .blockedScheme), ("http://exa mple.com/", .invalidURL), ("not a url", .invalidURL),
        ("http://nonexistent.invalid/", .dnsFailure),
    ])
    func refusesOrFailsWithTypedErrors(url: String, expected: FetchError.Code) async throws {
        let fetcher = try Fetcher(configuration: FetcherConfiguration(connectTimeout: .seconds(2), totalTimeout: .seconds(3)))
        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch(url) }
        #expect(error?.code == expected, "\(url): \(String(describing: error))")
        #expect(error?.url == url)
    }

    @Test func reportsConnectionRefused() async throws {
        let server = try LoopbackServer { _ in .text("") }
        let port = server.port
        server.stop()
        let fetcher = try Fetcher(configuration: FetcherConfiguration(allowPrivateAddresses: true))
        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://127.0.0.1:\(port)/") }
        #expect(error?.code == .connectionRefused)
        #expect(error?.reason.contains("could not connect") == true)
    }

    @Test func refusesHeaderInjection() async throws {
        let fetcher = try Fetcher()
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetch(FetchRequest(url: "http://issuer.example/", headers: [("X-A", "1\r\nX-B: 2")]))
        }
        #expect(error?.code == .invalidURL)
    }
}
