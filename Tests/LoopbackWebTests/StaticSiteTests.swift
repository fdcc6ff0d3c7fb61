import Foundation
import LoopbackWeb
import Testing

struct StaticSiteTests {
    /// ROOT/issuer.example with files, folders, a routes file and a private file.
    static func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        let host = root.appendingPathComponent("issuer.example")
        let files: [String: String] = [
            "index.html": "<h1>home</h1>",
            "badges/one.json": #"{"id":"one"}"#,
            "badges/index.json": #"{"id":"list"}"#,
            "profile": #"  {"id":"profile"}"#,
            "blob": "binary",
            "notes.txt": "notes",
            "feed.xml": "<feed/>",
            "token.jwt": "a.b.c",
            "with space.json": "{}",
            "_secret.json": #"{"secret":true}"#,
            "_routes.txt": "# scripted\n/badges/old 301 /badges/one\n/endorsements/retired 410\n/flaky 503  # sometimes\n",
        ]
        for (path, text) in files {
            let url = host.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try Data("outside".utf8).write(to: root.appendingPathComponent("outside.json"))
        return root
    }

    static func get(_ site: StaticSite, _ path: String, host: String = "Issuer.Example:8080", headers: [(String, String)] = []) -> LoopbackResponse {
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        let request = LoopbackRequest(
            method: "GET", path: parts[0], query: parts.count > 1 ? parts[1] : nil,
            headers: [.init(name: "Host", value: host)] + headers.map { .init(name: $0.0, value: $0.1) })
        return site.respond(to: request)
    }

    static func text(_ response: LoopbackResponse) -> String { String(decoding: response.body, as: UTF8.self) }
    static func header(_ response: LoopbackResponse, _ name: String) -> String? {
        response.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    @Test(
        arguments: [
            ("/", 200, "<h1>home</h1>", "text/html; charset=utf-8"),
            ("/badges/one", 200, #"{"id":"one"}"#, "application/ld+json"),
            ("/badges/one.json?v=2", 200, #"{"id":"one"}"#, "application/ld+json"),
            ("/badges", 200, #"{"id":"list"}"#, "application/ld+json"),
            ("/badges/", 200, #"{"id":"list"}"#, "application/ld+json"),
            ("/profile", 200, #"  {"id":"profile"}"#, "application/ld+json"),
            ("/blob", 200, "binary", "application/octet-stream"),
            ("/notes.txt", 200, "notes", "text/plain; charset=utf-8"),
            ("/feed.xml", 200, "<feed/>", "application/xml"),
            ("/token.jwt", 200, "a.b.c", "application/jwt"),
            ("/with%20space", 200, "{}", "application/ld+json"),
            ("/_secret.json", 404, nil, nil), ("/_routes.txt", 404, nil, nil),
            ("/../outside.json", 404, nil, nil), ("/badges/%2e%2e/%2e%2e/outside", 404, nil, nil),
            ("/missing", 404, nil, nil),
        ] as [(String, Int, String?, String?)])
    func servesFilesByConvention(path: String, status: Int, body: String?, contentType: String?) throws {
        let root = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let response = Self.get(StaticSite(root: root), path)
        #expect(response.status == status, "\(path)")
        if let body { #expect(Self.text(response) == body) }
        if let contentType { #expect(Self.header(response, "Content-Type") == contentType) }
        if status == 404 { #expect(Self.text(response).contains("not found")) }
    }

    @Test func answersRoutesBeforeFiles() throws {
        let root = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = StaticSite(root: root)
        let moved = Self.get(site, "/badges/old")
        #expect(moved.status == 301 && Self.header(moved, "Location") == "/badges/one")
        #expect(Self.get(site, "/endorsements/retired").status == 410)
        #expect(Self.get(site, "/flaky?x=1").status == 503)
        #expect(Self.get(site, "/badges/one", host: "other.example").status == 404)
    }

    @Test func validatorsGive304() throws {
        let root = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = StaticSite(root: root)
        let first = Self.get(site, "/badges/one")
        let etag = try #require(Self.header(first, "ETag"))
        let lastModified = try #require(Self.header(first, "Last-Modified"))
        #expect(lastModified.hasSuffix(" GMT"))
        #expect(Self.get(site, "/badges/one", headers: [("If-None-Match", etag)]).status == 304)
        #expect(Self.get(site, "/badges/one", headers: [("If-None-Match", "\"nope\", \(etag)")]).status == 304)
        #expect(Self.get(site, "/badges/one", headers: [("If-None-Match", "\"nope\"")]).status == 200)
        #expect(Self.get(site, "/badges/one", headers: [("If-Modified-Since", lastModified)]).status == 304)
        #expect(Self.get(site, "/badges/one", headers: [("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")]).status == 200)
        #expect(Self.header(Self.get(site, "/"), "ETag") != etag)
    }

    @Test func appliesTheConfiguredDelay() throws {
        let root = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(Self.get(StaticSite(root: root, delay: .milliseconds(20)), "/").delay == .milliseconds(20))
    }
}
