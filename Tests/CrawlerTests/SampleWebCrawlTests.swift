import Crawler
import EndorsementStore
import Foundation
import LoopbackWeb
import OpenBadges
import Testing
import Verification

/// End to end: the shipped sample web served on loopback, crawled from its issuer seeds with the real
/// fetcher, parser and store, checked against its ground truth (Seeds/sample-web.expected.json).
struct SampleWebCrawlTests {
    struct Expected: Decodable {
        struct ExpectedEndorsement: Decodable {
            var ref: String
            var id: String?
            var endorser: String?
            var target: String
            var comment: String?
            var acknowledged: Bool?
            var publishedBy: [String]
            var verification: String
            var revoked: Bool
            /// What checking the signature of a signed endorsement finds.
            var signature: SignatureExpectation?
        }
        struct SignatureExpectation: Decodable {
            var alg: String?
            var keyBinding: String?
            var status: String?
            var validity: String?
            var outcome: String
        }
        struct Missing: Decodable { var id: String }
        var endorsements: [ExpectedEndorsement]
        var mustNotBeFound: [Missing]
        var neverFetched: [String]
    }

    static let root = CrawlHarness.packageRoot.appendingPathComponent("Seeds")

    static func expected() throws -> Expected {
        let data = try Data(contentsOf: root.appendingPathComponent("sample-web.expected.json"))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    /// With `idleWriter` the commits run in the idle scheduling class: same facts, same single fetch per URL.
    @Test(arguments: [false, true])
    func findsEveryEndorsementWithItsFactsAndFetchesNothingDisallowed(idleWriter: Bool) async throws {
        let servers = try await SampleWebServers(root: Self.root.appendingPathComponent("sample-web"))
        defer { servers.stop() }
        var configuration = CrawlHarness.quickConfiguration()
        configuration.idleWriter = idleWriter
        let harness = try CrawlHarness(port: servers.plain.port, tls: servers.tls, configuration: configuration)
        let seeds = try SeedList.read(path: Self.root.appendingPathComponent("sample-issuers.txt").path)
        let summary = try await harness.crawl(seeds)
        #expect(!summary.interrupted)
        #expect(summary.frontier[.queued] == 0)

        let expected = try Self.expected()
        for endorsement in expected.endorsements {
            Self.check(try Self.find(endorsement, in: harness.store), against: endorsement)
        }
        for missing in expected.mustNotBeFound {
            let detail = try? harness.store.document(id: IRI(missing.id))
            #expect(detail == nil || (detail?.kind == "document" && detail?.status == nil), "\(missing.id) must not be fetched or indexed")
        }
        let requests = servers.plainRequests.requests + servers.secureRequests.requests
        for url in expected.neverFetched {
            let components = try #require(URLComponents(string: url))
            let hostAndPath = "\(components.host ?? "")\(components.path)"
            #expect(!requests.contains(hostAndPath), "\(hostAndPath) is disallowed by robots.txt and must not be fetched")
        }
        // Every document was fetched once: no URL twice, per scheme (robots.txt is fetched once per origin).
        for (scheme, recorded) in [("http", servers.plainRequests.requests), ("https", servers.secureRequests.requests)] {
            let repeated = Dictionary(grouping: recorded, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(repeated.isEmpty, "fetched more than once over \(scheme): \(repeated.sorted())")
        }
    }

    @Test func aRecrawlIsConditionalAndKeepsTheIndex() async throws {
        let recorder = RecordingResponder(StaticSite(root: Self.root.appendingPathComponent("sample-web")))
        let server = try LoopbackServer(responder: recorder)
        defer { server.stop() }
        let harness = try CrawlHarness(port: server.port)
        let seeds = try SeedList.read(path: Self.root.appendingPathComponent("sample-issuers.txt").path)
        let first = try await harness.crawl(seeds)
        #expect(recorder.conditionalRequests == 0)

        // Nothing is stale yet: a second crawl fetches nothing.
        let before = recorder.requests.count
        let idle = try await harness.crawler.run(.seeds(seeds))
        #expect(idle.fetched == 0)
        #expect(recorder.requests.count == before)

        // Everything is stale: every document is asked for again, conditionally, and the index is unchanged.
        var configuration = harness.crawler.configuration
        configuration.recrawlAfter = 0
        let recrawler = Crawler(configuration: configuration, store: harness.store, frontier: harness.frontier, fetcher: harness.fetcher)
        let second = try await recrawler.run(.seeds(seeds))
        #expect(second.fetched > 0)
        #expect(recorder.conditionalRequests > first.index.documentsByStatus["200", default: 0] / 2)
        #expect(second.index.endorsements == first.index.endorsements)
        #expect(second.index.endorsementsByAcknowledgement == first.index.endorsementsByAcknowledgement)
        #expect(second.index.endorsementsByVerification == first.index.endorsementsByVerification)
        #expect(second.frontier[.queued] == 0)
    }

    @Test func stopsAtMaxDocumentsAndContinuesLater() async throws {
        let server = try LoopbackServer(responder: StaticSite(root: Self.root.appendingPathComponent("sample-web")))
        defer { server.stop() }
        var configuration = CrawlHarness.quickConfiguration()
        configuration.maxDocuments = 10
        let harness = try CrawlHarness(port: server.port, configuration: configuration)
        let seeds = try SeedList.read(path: Self.root.appendingPathComponent("sample-issuers.txt").path)
        let bounded = try await harness.crawl(seeds)
        #expect(bounded.reachedMaxDocuments)
        #expect(bounded.frontier.finished >= 10 && bounded.frontier.finished < 10 + configuration.limits.concurrency * 2)
        #expect(bounded.frontier[.queued] > 0)

        configuration.maxDocuments = 100_000
        let rest = try await Crawler(configuration: configuration, store: harness.store, frontier: harness.frontier, fetcher: harness.fetcher)
            .run(.resume)
        #expect(!rest.reachedMaxDocuments)
        #expect(rest.frontier[.queued] == 0)
        #expect(rest.index.endorsements >= 10)
    }

    static func check(_ view: EndorsementView?, against endorsement: Expected.ExpectedEndorsement) {
        guard let view else {
            Issue.record("endorsement \(endorsement.ref) was not found")
            return
        }
        let acknowledgement: Acknowledgement = endorsement.acknowledged.map { $0 ? .acknowledged : .unacknowledged } ?? .unknown
        #expect(view.acknowledged == acknowledgement, "\(endorsement.ref) acknowledged")
        #expect(Set(view.publishedBy.map(\.rawValue)) == Set(endorsement.publishedBy), "\(endorsement.ref) publishedBy")
        #expect(view.verification.rawValue == endorsement.verification, "\(endorsement.ref) verification")
        #expect(view.revoked == endorsement.revoked, "\(endorsement.ref) revoked")
        guard let signature = endorsement.signature else { return }
        guard let check = view.signatureCheck else {
            Issue.record("\(endorsement.ref): signed, but no signature check was recorded")
            return
        }
        #expect(check.outcome.rawValue == signature.outcome, "\(endorsement.ref) outcome: \(check.summary)")
        if let alg = signature.alg { #expect(check.algorithm == alg, "\(endorsement.ref) alg") }
        if let binding = signature.keyBinding {
            #expect(check.keyBinding.state.rawValue == binding, "\(endorsement.ref) key binding: \(check.summary)")
        }
        if let status = signature.status { #expect(check.status.state.rawValue == status, "\(endorsement.ref) status: \(check.summary)") }
        if let validity = signature.validity { #expect(check.validity.state.rawValue == validity, "\(endorsement.ref) validity") }
    }

    static func find(_ expected: Expected.ExpectedEndorsement, in store: EndorsementStore) throws -> EndorsementView? {
        let candidates: [EndorsementView]
        if let endorser = expected.endorser {
            candidates = try store.endorsements(byEndorser: IRI(endorser)).endorsements
        } else {
            let lookup = try store.endorsers(ofBadge: IRI(expected.target))
            candidates = lookup.endorsements + lookup.issuerEndorsements
        }
        if let id = expected.id { return candidates.first { $0.id == IRI(id) } }
        return candidates.first { $0.target == IRI(expected.target) && $0.comment == expected.comment }
    }
}
