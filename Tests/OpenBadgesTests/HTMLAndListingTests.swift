import Foundation
import Testing

@testable import OpenBadges

/// HTML pages (embedded JSON-LD, alternates, anchors) and Badgr-style listing arrays.
struct HTMLAndListingTests {
    private let page = #"""
        <!DOCTYPE html>
        <html><head>
          <title>Badge</title>
          <link rel="stylesheet" href="/style.css">
          <link rel="alternate" type="application/ld+json" href="/badges/1.json?format=json&amp;v=2_0">
          <LINK REL='alternate nofollow' TYPE='application/json' HREF='alt2.json'>
          <!-- <script type="application/ld+json">{"type": "Profile", "id": "https://hidden.example/"}</script> -->
          <script type="application/ld+json">
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://site.example/badges/one",
             "name": "Embedded Badge", "issuer": "https://site.example/issuer", "tags": ["a",]}
          </script>
          <script type="application/ld+json">{ this is not json }</script>
          <script>var x = "<a href='/not-a-link'>";</script>
        </head><body>
          <a href="/about">About</a> <a href=/contact>Contact</a> <a href="https://site.example/about">Again</a>
          <a href="https://elsewhere.example/page">Elsewhere</a>
          <a href="https://elsewhere.example/badge.json">JSON elsewhere</a>
          <a href="mailto:x@site.example">Mail</a> <a href="javascript:void(0)">JS</a> <a>no href</a>
        </body></html>
        """#

    @Test func pageYieldsEmbeddedObjectsAndLinks() throws {
        let doc = try Fixtures.parse(page, url: "https://site.example/badges/1", contentType: "text/html; charset=utf-8")
        #expect(doc.format == .html)
        #expect(doc.rootKind == nil)
        #expect(doc.badges.map(\.name) == ["Embedded Badge"])
        #expect(doc.profiles.isEmpty)
        #expect(doc.warningCodes == ["json.trailingComma", "html.jsonld.invalid"])
        #expect(doc.hasLink("https://site.example/badges/1.json?format=json&v=2_0", .alternate))
        #expect(doc.hasLink("https://site.example/badges/alt2.json", .alternate))
        #expect(doc.hasLink("https://elsewhere.example/badge.json", .alternate))
        #expect(doc.hasLink("https://site.example/about", .page))
        #expect(doc.hasLink("https://site.example/contact", .page))
        #expect(doc.hasLink("https://site.example/issuer", .issuer))
        #expect(doc.links.first { $0.reason == .issuer }?.source == "https://site.example/badges/one")
        #expect(doc.hasLink("https://site.example/badges/one", .declaredID))
        #expect(doc.links.first { $0.reason == .alternate }?.source == "https://site.example/badges/1")
        #expect(!doc.links.contains { $0.target.host == "elsewhere.example" && $0.reason == .page })
        #expect(!doc.links.contains { $0.target.string.contains("not-a-link") || $0.target.string.contains("style.css") })
        #expect(!doc.links.contains { $0.target.host == "hidden.example" })
        #expect(doc.links.filter { $0.target == "https://site.example/about" }.count == 1)
    }

    @Test func leadingAngleBracketIsSniffedAsHTML() throws {
        let doc = try Fixtures.parse("<html><a href='/x'>x</a></html>", url: "https://site.example/", contentType: nil)
        #expect(doc.format == .html)
        #expect(doc.hasLink("https://site.example/x", .page))
    }

    @Test func jsonMislabelledAsHTMLIsReadAsJSON() throws {
        let doc = try Fixtures.parse(#"{"type": "Profile", "id": "https://site.example/p", "name": "P"}"#, contentType: "text/html")
        #expect(doc.format == .json)
        #expect(doc.rootKind == .profile)
    }

    @Test func pageLinksAreBounded() throws {
        let anchors = (0..<50).map { "<a href=\"/p/\($0)\">\($0)</a>" }.joined()
        let limits = ParserLimits(maxPageLinks: 10)
        let doc = try Fixtures.parse("<html>\(anchors)</html>", url: "https://site.example/", contentType: "text/html", limits: limits)
        #expect(doc.links.filter { $0.reason == .page }.count == 10)
    }

    @Test func baseHrefChangesResolution() throws {
        let doc = try Fixtures.parse(
            #"<html><head><base href="https://site.example/root/"></head><a href="page">p</a></html>"#,
            url: "https://site.example/other/index.html", contentType: "text/html")
        #expect(doc.hasLink("https://site.example/root/page", .page))
    }

    @Test func jsonLDGraphInAScript() throws {
        let doc = try Fixtures.parse(
            #"""
            <script type="application/ld+json"><!--
            {"@context": "https://w3id.org/openbadges/v2", "@graph": [
              {"type": "Issuer", "id": "https://site.example/issuer", "name": "Org", "url": "https://site.example/"},
              {"type": "BadgeClass", "id": "https://site.example/b/1", "name": "One"}]}
            --></script>
            """#, url: "https://site.example/", contentType: "text/html")
        #expect(doc.profiles.map(\.name) == ["Org"])
        #expect(doc.badges.map(\.name) == ["One"])
    }

    @Test func badgrListingArrayGivesBadgesAndLinks() throws {
        let doc = try Fixtures.parse(
            #"""
            [{"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://api.badgr.io/public/badges/AAA",
              "name": "First", "issuer": "https://api.badgr.io/public/issuers/ISS", "criteria": {"narrative": "x"}, "alignment": [], "tags": []},
             {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://api.badgr.io/public/badges/BBB?v=2_0",
              "name": "Second", "issuer": "https://api.badgr.io/public/issuers/ISS"},
             "noise", 42]
            """#, url: "https://api.badgr.io/public/issuers/ISS/badges")
        #expect(doc.format == .json)
        #expect(doc.rootKind == nil)
        #expect(doc.badges.map(\.name) == ["First", "Second"])
        #expect(doc.hasLink("https://api.badgr.io/public/badges/AAA", .badge))
        #expect(doc.hasLink("https://api.badgr.io/public/badges/BBB?v=2_0", .badge))
        #expect(doc.links.first { $0.reason == .badge }?.source == "https://api.badgr.io/public/issuers/ISS/badges")
        #expect(doc.hasLink("https://api.badgr.io/public/issuers/ISS", .issuer))
    }
}
