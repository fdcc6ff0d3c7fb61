import Foundation
import Testing

@testable import OpenBadges

/// The links extracted for the crawler: reasons, sources, resolution, filtering and de-duplication.
struct LinkTests {
    @Test(arguments: [
        ("https://api.badgr.io/public/issuers/abc123", "https://api.badgr.io/public/issuers/abc123/badges" as String?),
        ("https://api.badgr.io/public/issuers/abc123.json?v=2_0", "https://api.badgr.io/public/issuers/abc123/badges"),
        ("https://badges.example/public/issuers/X/", "https://badges.example/public/issuers/X/badges"),
        ("https://badges.example/issuers/X", nil),
        ("https://badges.example/public/issuers/X/badges", nil),
    ])
    func badgrIssuerGetsAListingLink(id: String, listing: String?) throws {
        let doc = try Fixtures.parse(#"{"type": "Issuer", "id": "\#(id)", "name": "I"}"#, url: id)
        #expect(doc.links.first { $0.reason == .listing }?.target == listing.map { IRI($0) })
        if listing != nil { #expect(doc.links.first { $0.reason == .listing }?.source == IRI(id)) }
    }

    @Test func declaredIDDifferentFromURLIsLinked() throws {
        let moved = try Fixtures.parse(#"{"type": "Profile", "id": "https://canonical.example/p"}"#, url: "https://mirror.example/p")
        #expect(moved.hasLink("https://canonical.example/p", .declaredID))
        let same = try Fixtures.parse(#"{"type": "Profile", "id": "HTTPS://Canonical.example:443/p#me"}"#, url: "https://canonical.example/p")
        #expect(!same.links.contains { $0.reason == .declaredID })
    }

    @Test func onlyHTTPTargetsAreLinked() throws {
        let doc = try Fixtures.parse(
            #"""
            {"type": "BadgeClass", "id": "urn:uuid:1", "issuer": "mailto:x@y.z", "related": ["ftp://f.example/x", "did:web:a", "https://ok.example/r"],
             "endorsement": ["urn:uuid:2", "file:///etc/passwd", "javascript:alert(1)", "https://ok.example/e"]}
            """#)
        #expect(Set(doc.links.map(\.target)) == ["https://ok.example/r", "https://ok.example/e"])
        #expect(doc.badges.first?.endorsements.count == 4)
    }

    @Test func linksAreDeduplicatedPerReason() throws {
        let doc = try Fixtures.parse(
            #"""
            {"type": "BadgeClass", "id": "https://b.example/1", "issuer": "https://b.example/org",
             "endorsement": ["https://b.example/e", "https://b.example/e", {"type": "Endorsement", "issuer": "https://b.example/org", "claim": "https://b.example/1"}]}
            """#, url: "https://b.example/1")
        #expect(doc.links.filter { $0.target == "https://b.example/e" }.count == 1)
        #expect(doc.hasLink("https://b.example/org", .issuer))
        #expect(doc.hasLink("https://b.example/org", .endorser))
        #expect(doc.badges.first?.endorsements.count == 2)
        let keys = Set(doc.links.map { "\($0.reason) \($0.target)" })
        #expect(keys.count == doc.links.count)
    }

    @Test func everyReasonCarriesItsSource() throws {
        let doc = try Fixtures.parse(
            #"""
            {"type": "Assertion", "id": "https://i.example/a", "badge": "https://i.example/b", "recipient": {"identity": "x"},
             "endorsement": [{"type": "Endorsement", "id": "https://e.example/1", "issuer": "https://e.example/org", "claim": "https://i.example/a"}]}
            """#, url: "https://i.example/a")
        #expect(doc.links.first { $0.reason == .badge }?.source == "https://i.example/a")
        #expect(doc.links.first { $0.reason == .endorser }?.source == "https://e.example/1")
        #expect(doc.links.first { $0.reason == .endorsementSubject }?.source == "https://e.example/1")
        #expect(doc.assertions.first?.endorsements == ["https://e.example/1"])
    }
}
