import EndorsementStore
import OpenBadges
import Testing

@testable import Crawler

struct LinkPolicyTests {
    let policy = LinkPolicy(maxDepth: 3, maxPageDepth: 2)

    func entry(_ url: IRI, reason: String, depth: Int = 0, pageDepth: Int = 0) -> FrontierEntry {
        FrontierEntry(id: 1, url: url, host: url.origin ?? "", reason: reason, depth: depth, pageDepth: pageDepth, hops: 0, attempts: 0)
    }

    @Test func followsTypedLinksOfOpenBadgesDocumentsAndExploresProfiles() {
        let document = ParsedDocument(
            url: "https://issuer.example/badge.json", format: .json, rootKind: .badge,
            profiles: [Profile(id: "https://issuer.example/profile.json", url: "https://www.issuer.example/")],
            badges: [BadgeClass(id: "https://issuer.example/badge.json")],
            links: [
                Link(target: "https://issuer.example/profile.json", reason: .issuer),
                Link(target: "https://other.example/e/1.json", reason: .endorsement),
                Link(target: "https://www.issuer.example/", reason: .homepage),
                Link(target: "https://issuer.example/about.html", reason: .page),
            ])
        let decision = policy.follow(document, from: entry("https://issuer.example/badge.json", reason: CrawlReason.seed))
        let reasons = Dictionary(uniqueKeysWithValues: decision.candidates.map { ($0.url, $0) })
        #expect(reasons["https://issuer.example/profile.json"]?.reason == "issuer")
        #expect(reasons["https://other.example/e/1.json"]?.depth == 1)
        #expect(reasons["https://www.issuer.example/"]?.isExplorationPage == true)
        #expect(reasons["https://issuer.example/about.html"] == nil, "pages are followed only while exploring HTML")
        #expect(decision.hostsToExplore == ["https://issuer.example", "https://www.issuer.example"])
    }

    @Test func exploresSameHostPagesToThePageDepth() {
        let page = ParsedDocument(
            url: "https://site.example/", format: .html,
            links: [
                Link(target: "https://site.example/courses.html", reason: .page),
                Link(target: "https://elsewhere.example/x.html", reason: .page),
                Link(target: "https://site.example/badge.json", reason: .alternate),
            ])
        let fromHomepage = policy.follow(page, from: entry("https://site.example/", reason: LinkReason.homepage.rawValue))
        #expect(Set(fromHomepage.candidates.map(\.url)) == ["https://site.example/courses.html", "https://site.example/badge.json"])
        #expect(fromHomepage.candidates.first { $0.reason == "page" }?.pageDepth == 1)
        let deep = policy.follow(page, from: entry("https://site.example/", reason: LinkReason.page.rawValue, pageDepth: 2))
        #expect(deep.candidates.map(\.url) == ["https://site.example/badge.json"])
        let notExploring = policy.follow(page, from: entry("https://site.example/", reason: LinkReason.badge.rawValue))
        #expect(notExploring.candidates.map(\.url) == ["https://site.example/badge.json"])
    }

    @Test func doesNotFollowOtherDocumentsOrPastTheDepth() {
        let json = ParsedDocument(
            url: "https://x.example/data.json", format: .json, links: [Link(target: "https://x.example/y.json", reason: .related)])
        #expect(policy.follow(json, from: entry("https://x.example/data.json", reason: "seed")).candidates.isEmpty)
        let badge = ParsedDocument(
            url: "https://x.example/b.json", format: .json, badges: [BadgeClass(id: "https://x.example/b.json")],
            links: [Link(target: "https://x.example/i.json", reason: .issuer)])
        #expect(policy.follow(badge, from: entry("https://x.example/b.json", reason: "badge", depth: 3)).candidates.isEmpty)
    }

    @Test func keepsSitemapEntriesOnTheSitemapsOrigin() throws {
        let sitemap = Sitemap(kind: .urlSet, locations: ["https://site.example/a.json", "https://evil.example/b.json"])
        let candidates = policy.follow(sitemap, from: entry("https://site.example/sitemap.xml", reason: CrawlReason.sitemap))
        #expect(candidates.map(\.url) == ["https://site.example/a.json"])
        #expect(candidates.first?.reason == CrawlReason.sitemapEntry)
    }
}
