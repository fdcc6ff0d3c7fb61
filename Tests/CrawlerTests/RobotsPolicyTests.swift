import OpenBadges
import Testing

@testable import Crawler

struct RobotsPolicyTests {
    static let file = """
        # a comment
        User-agent: googlebot
        Disallow: /

        User-agent: *
        Disallow: /private/
        Allow: /private/public-page
        Disallow: /*.pdf$
        Disallow: /search?q=
        Crawl-delay: 3

        User-agent: Endorse
        User-agent: other
        Disallow: /endorse-only/
        Allow: /page
        Disallow: /*.php
        Disallow: /%7Efred/
        Disallow: /caf%c3%a9/
        Crawl-delay: 1.5

        user-agent: endorse
        Disallow: /second-group/

        Sitemap: https://example.org/sitemap.xml
        Sitemap: /relative-sitemap.xml
        """

    static let cases: [(path: String, allowed: Bool)] = [
        ("/", true),
        ("/endorse-only/x", false),
        ("/second-group/x", false),  // both matching groups are combined
        ("/private/secret", true),  // the * group does not apply to us
        ("/page", true),
        ("/index.php", false),
        ("/index.php?x=1", false),
        ("/~fred/x", false),  // %7E is unreserved: decoded before comparing
        ("/%7efred/x", false),
        ("/café/menu", false),  // non-ASCII percent-encoded before comparing
        ("/caf%C3%A9/menu", false),
        ("/robots.txt", true),
    ]

    @Test(arguments: cases)
    func matchesTheGroupOfOurProductToken(_ row: (path: String, allowed: Bool)) {
        let policy = RobotsPolicy(parsing: Array(Self.file.utf8), productToken: "endorse", base: "https://example.org/robots.txt")
        #expect(policy.allows(path: row.path) == row.allowed, "\(row.path)")
    }

    static let starCases: [(path: String, allowed: Bool)] = [
        ("/private/secret", false),
        ("/private/public-page", true),  // longer Allow wins
        ("/doc.pdf", false),
        ("/doc.pdf?x", true),  // $ anchors the end
        ("/search?q=x", false),
        ("/search", true),
        ("/endorse-only/x", true),
    ]

    @Test(arguments: starCases)
    func otherAgentsUseTheStarGroup(_ row: (path: String, allowed: Bool)) {
        let policy = RobotsPolicy(parsing: Array(Self.file.utf8), productToken: "someone", base: "https://example.org/robots.txt")
        #expect(policy.allows(path: row.path) == row.allowed, "\(row.path)")
        #expect(policy.crawlDelay == 3)
    }

    @Test func crawlDelayAndSitemaps() {
        let policy = RobotsPolicy(parsing: Array(Self.file.utf8), productToken: "Endorse", base: "https://example.org/robots.txt")
        #expect(policy.crawlDelay == 1.5)
        #expect(policy.sitemaps == ["https://example.org/sitemap.xml", "https://example.org/relative-sitemap.xml"])
    }

    @Test func allowWinsATieOfEqualLength() {
        let policy = RobotsPolicy(parsing: Array("User-agent: *\nDisallow: /a\nAllow: /a\n".utf8), productToken: "endorse")
        #expect(policy.allows(path: "/a/b"))
        let wildcard = RobotsPolicy(parsing: Array("User-agent: *\nDisallow: /*/b\nAllow: /a/*\n".utf8), productToken: "endorse")
        #expect(wildcard.allows(path: "/a/b"))
    }

    @Test func emptyDisallowAndRulesOutsideGroupsAreIgnored() {
        let policy = RobotsPolicy(parsing: Array("Disallow: /\nUser-agent: *\nDisallow:\n".utf8), productToken: "endorse")
        #expect(policy.allows(path: "/anything"))
        #expect(RobotsPolicy(parsing: [], productToken: "endorse").allows(path: "/x"))
    }

    @Test func matchingURLsUsesPathAndQuery() {
        let policy = RobotsPolicy(parsing: Array("User-agent: *\nDisallow: /x?secret\n".utf8), productToken: "endorse")
        #expect(!policy.allows(IRI("https://example.org/x?secret=1#frag")))
        #expect(policy.allows(IRI("https://example.org/x")))
        #expect(policy.allows(IRI("https://example.org")))
    }

    @Test func hostilePatternsStayCheap() {
        let pattern = String(repeating: "*a", count: 200) + "$"
        let policy = RobotsPolicy(parsing: Array("User-agent: *\nDisallow: \(pattern)\n".utf8), productToken: "endorse")
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = policy.allows(path: "/" + String(repeating: "a", count: 2000) + "b") }
        #expect(elapsed < .seconds(1))
    }

    static let fetchCases: [(status: Int?, expected: String)] = [
        (200, "policy"), (404, "allowAll"), (403, "allowAll"), (301, "redirect"), (500, "unavailable"), (503, "unavailable"),
        (nil, "unavailable"),
    ]

    @Test(arguments: fetchCases)
    func fetchOutcomesFollowRFC9309(_ row: (status: Int?, expected: String)) {
        let outcome = RobotsPolicy.outcome(
            status: row.status, body: Array("User-agent: *\nDisallow: /\n".utf8), location: "https://example.org/elsewhere.txt",
            url: "https://example.org/robots.txt", productToken: "endorse")
        switch outcome {
        case .policy(let policy) where policy == .allowAll: #expect(row.expected == "allowAll")
        case .policy: #expect(row.expected == "policy")
        case .redirect: #expect(row.expected == "redirect")
        case .unavailable: #expect(row.expected == "unavailable")
        }
    }
}
