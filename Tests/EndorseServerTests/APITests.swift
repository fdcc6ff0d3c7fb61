import EndorseServer
import EndorseTestFixtures
import EndorsementStore
import Foundation
import OpenBadges
import Testing

/// The JSON API on a real server, called with curl, over a fixture index opened read-only.
@Suite(.serialized)  // each test starts processes; serialized to keep the machine responsive for timing-sensitive suites
struct APITests {
    let writer: EndorsementStore
    let reader: EndorsementStore

    init() throws {
        let path = try FixtureIndex.temporaryFolder().appendingPathComponent("index.sqlite").path
        writer = try FixtureIndex.build(at: path)
        reader = try EndorsementStore(path: path, mode: .readOnly)
    }

    /// Records a badge of the fixture issuer nobody endorses, as a crawl would while the server reads.
    func recordBadge(_ slug: String, name: String, description: String) throws -> IRI {
        let badge = IRI("https://issuer.example/badges/\(slug).json")
        try writer.record(
            FetchRecord(url: badge, status: 200, contentType: "application/json", body: Array("{}".utf8)),
            parsed: ParsedDocument(
                url: badge, format: .json, rootKind: .badge, rootID: badge,
                badges: [BadgeClass(id: badge, name: name, description: description, issuer: FixtureIndex.issuer)]))
        return badge
    }

    @Test func healthz() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/healthz")
            #expect(reply.status == 200)
            #expect(reply.text == #"{"status":"ok"}"#)
        }
    }

    @Test func searchAnswersAPageOfEndorsedBadges() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/api/search?q=python")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "application/json; charset=utf-8")
            let page = try reply.decode(SearchPage.self)
            #expect(page.total == 2)
            #expect(Set(page.hits.map(\.id)) == [FixtureIndex.pythonBasics, FixtureIndex.pythonAdvanced])
            #expect(reply.text.contains(#""query":"python""#), "sorted, compact, unescaped: \(reply.text.prefix(200))")
            #expect(!reply.text.contains(#"\/"#))
        }
    }

    @Test func searchParametersApply() async throws {
        try await withServer(store: reader) { base in
            let all = try await HTTPReply.get(base + "/api/search?q=rust&all=true").decode(SearchPage.self)
            #expect(all.hits.map(\.id) == [FixtureIndex.rust])
            let paged = try await HTTPReply.get(base + "/api/search?q=python&limit=1&offset=1").decode(SearchPage.self)
            #expect(paged.hits.count == 1 && paged.offset == 1 && paged.limit == 1 && paged.total == 2)
            let filtered = try await HTTPReply.get(base + "/api/search?q=python&endorser=" + encoded(FixtureIndex.acme.string))
                .decode(SearchPage.self)
            #expect(filtered.hits.map(\.id) == [FixtureIndex.pythonBasics])
            let spaced = try await HTTPReply.get(base + "/api/search?q=python+basics").decode(SearchPage.self)
            #expect(spaced.query == "python basics")
        }
    }

    static let badParameters = [
        ("/api/search", "missingParameter"),
        ("/api/search?q=", "missingParameter"),
        ("/api/search?q=+++", "missingParameter"),
        ("/api/search?q=python&limit=0", "invalidParameter"),
        ("/api/search?q=python&limit=101", "invalidParameter"),
        ("/api/search?q=python&limit=ten", "invalidParameter"),
        ("/api/search?q=python&offset=-1", "invalidParameter"),
        ("/api/search?q=python&offset=99999999999999999999999", "invalidParameter"),
        ("/api/search?q=python&all=maybe", "invalidParameter"),
        ("/api/search?q=python&acknowledged=perhaps", "invalidParameter"),
        ("/api/search?q=python&verification=trusted", "invalidParameter"),
        ("/api/search?q=%ZZ", "invalidParameter"),
        ("/api/search?q=" + String(repeating: "python+", count: 60), "invalidQuery"),
        ("/api/search?q=%21%21%21", "invalidQuery"),
        ("/api/search?q=-python", "invalidQuery"),
        ("/api/endorsers", "missingParameter"),
        ("/api/endorsers?badge=", "missingParameter"),
        ("/api/endorsed-by", "missingParameter"),
        ("/api/documents", "missingParameter"),
        ("/api/documents?id=" + String(repeating: "x", count: 600), "invalidParameter"),
    ]

    /// One server for the whole table: each case is one request.
    @Test func badParametersGet400WithAReason() async throws {
        try await withServer(store: reader) { base in
            for (target, code) in Self.badParameters {
                let reply = try await HTTPReply.get(base + target)
                #expect(reply.status == 400, "\(target): \(reply.text)")
                #expect(try reply.errorCode() == code, "\(target): \(reply.text)")
                #expect(reply.headers["content-type"] == "application/json; charset=utf-8")
            }
        }
    }

    @Test func endorsersByIRIAssertionAndWords() async throws {
        try await withServer(store: reader) { base in
            let byIRI = try await HTTPReply.get(base + "/api/endorsers?badge=" + encoded(FixtureIndex.pythonBasics.string))
            #expect(byIRI.status == 200)
            let answer = try byIRI.decode(BadgeEndorsements.self)
            #expect(answer.endorsements.map(\.endorser?.id) == [FixtureIndex.acme])
            #expect(answer.issuerEndorsements.map(\.endorser?.id) == [FixtureIndex.beta])
            let byAssertion = try await HTTPReply.get(base + "/api/endorsers?badge=" + encoded(FixtureIndex.assertion.string))
            #expect(try byAssertion.decode(BadgeEndorsements.self).badge.id == FixtureIndex.pythonBasics)
            let byName = try await HTTPReply.get(base + "/api/endorsers?badge=Python+Advanced")
            #expect(try byName.decode(BadgeEndorsements.self).badge.id == FixtureIndex.pythonAdvanced)
        }
    }

    @Test func ambiguousWordsGet409WithCandidates() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/api/endorsers?badge=python")
            #expect(reply.status == 409)
            #expect(try reply.errorCode() == "ambiguous")
            #expect(reply.text.contains(FixtureIndex.pythonBasics.string) && reply.text.contains(FixtureIndex.pythonAdvanced.string))
        }
    }

    @Test func endorsedByDocumentsAndStats() async throws {
        try await withServer(store: reader) { base in
            let endorsed = try await HTTPReply.get(base + "/api/endorsed-by?endorser=Acme+Corp").decode(EndorserEndorsements.self)
            #expect(Set(endorsed.endorsements.compactMap(\.target)) == [FixtureIndex.pythonBasics, FixtureIndex.markup])
            let document = try await HTTPReply.get(base + "/api/documents?id=" + encoded(FixtureIndex.rust.string)).decode(DocumentDetail.self)
            #expect(document.kind == "badge" && document.name == "Rust Intro")
            let stats = try await HTTPReply.get(base + "/api/stats").decode(IndexStats.self)
            #expect(stats.badges == 4 && stats.endorsements == 4)
        }
    }

    @Test func unknownIRIGets404() async throws {
        try await withServer(store: reader) { base in
            for prefix in ["/api/endorsers?badge=", "/api/endorsed-by?endorser=", "/api/documents?id="] {
                let reply = try await HTTPReply.get(base + prefix + encoded("https://nowhere.example/x.json"))
                #expect(reply.status == 404, "\(prefix): \(reply.text)")
                #expect(try reply.errorCode() == "notFound")
            }
        }
    }

    @Test func etagGives304UntilTheIndexChanges() async throws {
        try await withServer(store: reader) { base in
            let url = base + "/api/search?q=python"
            let first = try await HTTPReply.get(url)
            let tag = try #require(first.headers["etag"])
            #expect(first.headers["cache-control"] == "no-cache")
            let again = try await HTTPReply.get(url, headers: ["If-None-Match": tag])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            let otherQuery = try await HTTPReply.get(base + "/api/search?q=rust&all=1", headers: ["If-None-Match": tag])
            #expect(otherQuery.status == 200, "a tag belongs to one request")

            // A crawl writes while the server reads the same file.
            let badge = try recordBadge("python-web", name: "Python Web", description: "Python web services.")
            let changed = try await HTTPReply.get(url, headers: ["If-None-Match": tag])
            #expect(changed.status == 200)
            #expect(changed.headers["etag"] != tag)
            let all = try await HTTPReply.get(base + "/api/search?q=python&all=true").decode(SearchPage.self)
            #expect(all.hits.contains { $0.id == badge })
        }
    }

    @Test func repeatedRequestsAreAnsweredFromTheCacheUntilTheIndexChanges() async throws {
        try await withServer(store: reader) { base in
            let url = base + "/api/search?q=python"
            let first = try await HTTPReply.get(url)
            #expect(first.headers["x-endorse-cache"] == "miss")
            let second = try await HTTPReply.get(url)
            #expect(second.headers["x-endorse-cache"] == "hit")
            #expect(second.body == first.body)
            #expect(second.headers["content-type"] == first.headers["content-type"])
            #expect(second.headers["etag"] == first.headers["etag"])
            // Another query string is another answer; a bad request's answer is kept too, status and all.
            #expect(try await HTTPReply.get(url + "&limit=1").headers["x-endorse-cache"] == "miss")
            let bad = try await HTTPReply.get(base + "/api/search?q=python&limit=0")
            let badAgain = try await HTTPReply.get(base + "/api/search?q=python&limit=0")
            #expect(bad.status == 400 && badAgain.status == 400)
            #expect(badAgain.headers["x-endorse-cache"] == "hit")
            #expect(try badAgain.errorCode() == "invalidParameter")
            // The page too.
            _ = try await HTTPReply.get(base + "/?q=python")
            let page = try await HTTPReply.get(base + "/?q=python")
            #expect(page.headers["x-endorse-cache"] == "hit")
            #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)

            // The index changes: the kept answer is not served again.
            let badge = try recordBadge("python-cached", name: "Python Cached", description: "Python caches.")
            let all = base + "/api/search?q=python&all=true"
            _ = try await HTTPReply.get(all)
            let after = try await HTTPReply.get(url)
            #expect(after.headers["x-endorse-cache"] == "miss")
            #expect(after.headers["etag"] != first.headers["etag"])
            let allAfter = try await HTTPReply.get(all)
            #expect(allAfter.headers["x-endorse-cache"] == "hit")
            #expect(try allAfter.decode(SearchPage.self).hits.contains { $0.id == badge })
            // /healthz is not an answer from the index.
            #expect(try await HTTPReply.get(base + "/healthz").headers["x-endorse-cache"] == nil)
        }
    }

    @Test func corsAllowsGetFromAnyOrigin() async throws {
        try await withServer(store: reader) { base in
            let reply = try await HTTPReply.get(base + "/api/stats", headers: ["Origin": "https://app.example"])
            #expect(reply.headers["access-control-allow-origin"] == "*")
            let preflight = try await HTTPReply.get(
                base + "/api/search?q=python", headers: ["Origin": "https://app.example", "Access-Control-Request-Method": "GET"],
                method: "OPTIONS")
            #expect(preflight.status == 204)
            #expect(preflight.headers["access-control-allow-methods"]?.contains("GET") == true)
            #expect(preflight.headers["access-control-allow-origin"] == "*")
        }
    }
}
