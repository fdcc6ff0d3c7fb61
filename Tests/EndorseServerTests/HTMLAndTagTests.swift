import EndorsementStore
import Foundation
import OpenBadges
import Testing

@testable import EndorseServer

/// Escaping in the HTML page, and entity tags.
struct HTMLAndTagTests {
    @Test func escapingCoversMarkupAndQuotes() {
        #expect(HTMLText.escape(#"<script>alert("x")</script> & 'y'"#) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    }

    @Test func snippetsMarkMatchesAndEscapeTheRest() {
        #expect(HTMLText.snippet("a [python] <b>") == "a <mark>python</mark> &lt;b&gt;")
        #expect(HTMLText.snippet("[open") == "<mark>open</mark>")
        #expect(HTMLText.snippet("close]") == "close]")
    }

    @Test func linksEncodeValues() {
        #expect(HTMLText.link([("badge", "https://x.example/b?a=1&b=2")]) == "/?badge=https%3A%2F%2Fx.example%2Fb%3Fa%3D1%26b%3D2")
    }

    @Test func renderedPageEscapesStoredText() {
        var page = HTMLPage()
        page.query = #""><script>"#
        let hit = BadgeHit(
            id: "https://x.example/b", name: "<img src=x onerror=alert(1)>", issuer: ProfileSummary(id: "https://x.example/i", name: "I & Co"),
            endorsementCount: 1, endorsers: [ProfileSummary(id: "https://e.example/p", name: "<i>E</i>")], snippet: "[x] <y>")
        page.body = page.resultsView(
            SearchPage(query: page.query, total: 1, limit: 20, offset: 0, hits: [hit]), parameters: SearchParameters(text: "x"))
        let html = page.document()
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<i>E</i>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("I &amp; Co"))
        #expect(html.contains(#"value="&quot;&gt;&lt;script&gt;""#))
    }

    @Test func aCappedCountShowsAPlus() {
        let hit = BadgeHit(id: "https://x.example/b", name: "B", endorsementCount: 1)
        var capped = HTMLPage()
        capped.body = capped.resultsView(
            SearchPage(query: "x", total: 10_000, totalIsExact: false, limit: 20, offset: 0, hits: [hit]), parameters: SearchParameters(text: "x"))
        #expect(capped.document().contains(#"id="summary">10000+ badges match"#))
        var exact = HTMLPage()
        exact.body = exact.resultsView(
            SearchPage(query: "x", total: 10_000, limit: 20, offset: 0, hits: [hit]), parameters: SearchParameters(text: "x"))
        #expect(exact.document().contains(#"id="summary">10000 badges match"#))
    }

    @Test func endorsementLabelsAreSpelledOut() {
        var page = HTMLPage()
        let endorsement = EndorsementView(
            id: "https://e.example/1", endorser: ProfileSummary(id: "https://e.example/p", name: "E"), target: "https://x.example/b",
            targetKind: .badge, comment: "ok", acknowledged: .unacknowledged, publishedBy: [.endorser], verification: .unverified)
        let html = page.badgeView(
            BadgeEndorsements(badge: BadgeSummary(id: "https://x.example/b", name: "B"), endorsements: [endorsement], issuerEndorsements: []))
        #expect(html.contains("not acknowledged by the issuer"))
        #expect(html.contains("unverified: found elsewhere, possible spoof"))
        #expect(html.contains("published by endorser"))
        #expect(html.contains("Nobody endorses the issuer yet."))
    }

    @Test func entityTagsDependOnTokenAndTarget() {
        let tag = EntityTag.make(changeToken: "7", target: "/api/search?q=python")
        #expect(tag == EntityTag.make(changeToken: "7", target: "/api/search?q=python"))
        #expect(tag != EntityTag.make(changeToken: "8", target: "/api/search?q=python"))
        #expect(tag != EntityTag.make(changeToken: "7", target: "/api/search?q=rust"))
        #expect(tag.count == 34 && tag.hasPrefix("\"") && tag.hasSuffix("\""))
    }

    @Test func ifNoneMatchListsAndWeakTags() {
        let tag = #""abc""#
        #expect(EntityTag.matches(ifNoneMatch: tag, tag: tag))
        #expect(EntityTag.matches(ifNoneMatch: #""x", W/"abc""#, tag: tag))
        #expect(EntityTag.matches(ifNoneMatch: "*", tag: tag))
        #expect(!EntityTag.matches(ifNoneMatch: #""abd""#, tag: tag))
    }
}
