import OpenBadges
import Testing

@testable import Crawler

struct SitemapTests {
    @Test func readsAURLSet() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://example.org/badges/1.json</loc><lastmod>2024-01-01</lastmod></url>
              <url><loc> https://example.org/about </loc></url>
              <url><loc>ftp://example.org/nope</loc></url>
            </urlset>
            """
        let sitemap = try #require(Sitemap(parsing: Array(xml.utf8)))
        #expect(sitemap.kind == .urlSet)
        #expect(sitemap.locations == ["https://example.org/badges/1.json", "https://example.org/about"])
        #expect(!sitemap.truncated)
    }

    @Test func readsAnIndexWithPrefixedNames() throws {
        let xml = """
            <sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sm:sitemap><sm:loc>https://example.org/a.xml</sm:loc></sm:sitemap>
            </sm:sitemapindex>
            """
        let sitemap = try #require(Sitemap(parsing: Array(xml.utf8)))
        #expect(sitemap.kind == .index)
        #expect(sitemap.locations == ["https://example.org/a.xml"])
    }

    @Test func boundsTheNumberOfEntries() throws {
        let urls = (0..<100).map { "<url><loc>https://example.org/\($0)</loc></url>" }.joined()
        let sitemap = try #require(Sitemap(parsing: Array("<urlset>\(urls)</urlset>".utf8), maxEntries: 10))
        #expect(sitemap.locations.count == 10)
        #expect(sitemap.truncated)
    }

    @Test func readsTextSitemaps() throws {
        let sitemap = try #require(Sitemap(parsing: Array("https://example.org/a\n\nhttps://example.org/b\n".utf8)))
        #expect(sitemap.kind == .text)
        #expect(sitemap.locations.count == 2)
    }

    @Test(arguments: ["<html><body>not a sitemap</body></html>", "{\"json\": true}", "", "<urlset><url><loc>https://x.org/"])
    func rejectsOrSalvagesOtherBodies(_ body: String) {
        let sitemap = Sitemap(parsing: Array(body.utf8))
        if body.hasPrefix("<urlset") {
            #expect(sitemap?.kind == .urlSet)
        } else {
            #expect(sitemap == nil)
        }
    }
}
