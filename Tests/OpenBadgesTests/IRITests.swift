import Foundation
import Testing

@testable import OpenBadges

struct IRITests {
    @Test(arguments: [
        ("HTTP://Example.ORG:80/a/./b/../c#frag", "http://example.org/a/c"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org:443/x?v=2_0", "https://example.org/x?v=2_0"),
        ("urn:uuid:1234", "urn:uuid:1234"),
    ])
    func canonicalForm(input: String, expected: String) {
        #expect(IRI(input).canonical == IRI(expected))
    }

    @Test func fetchableOnlyForHTTP() {
        #expect(IRI("https://example.org/x").isFetchable)
        #expect(!IRI("urn:uuid:1234").isFetchable)
        #expect(!IRI("did:web:example.org").isFetchable)
        #expect(!IRI("file:///etc/passwd").isFetchable)
    }

    @Test func resolvesRelativeReferences() {
        let base = IRI("https://issuer.example/badges/one.json")
        #expect(base.resolving("two.json") == IRI("https://issuer.example/badges/two.json"))
        #expect(base.resolving("/issuer") == IRI("https://issuer.example/issuer"))
        #expect(base.resolving("https://other.example/") == IRI("https://other.example/"))
        #expect(base.origin == "https://issuer.example")
    }

    @Test(arguments: [
        ("https://Example.ORG/a?b#c", "example.org" as String?),
        ("http://example.org:8080", "example.org"),
        ("https://user:pw@example.org/x", "example.org"),
        ("http://[::1]:8080/x", "::1"),
        ("https://b\u{00FC}cher.example/x", "bücher.example"),
        ("https://exa mple.org/", nil),
        ("https:///path-only", nil),
        ("urn:uuid:1", nil),
        ("HTTPS://EXAMPLE.ORG/", "example.org"),
    ])
    func hostIsLowerCasedWithoutBrackets(text: String, host: String?) {
        let iri = IRI(text)
        #expect(iri.host == host, "\(text)")
    }

    @Test(arguments: [("https://x.example", "https"), ("HTTP://x", "http"), ("did:web:a", "did"), ("1http://x", nil), ("no-scheme", nil)])
    func schemeIsRFC3986Shaped(text: String, scheme: String?) {
        #expect(IRI(text).scheme == scheme)
    }

    @Test func ipv6OriginKeepsOneSetOfBrackets() {
        #expect(IRI("http://[::1]:8080/x").origin == "http://[::1]:8080")
    }

    @Test func trimsWhiteSpaceLikeFoundation() {
        for text in ["  https://a.example/ \n", "\u{00A0}https://a.example/\u{2003}", "https://a.example/", "", " ", "\t x \t"] {
            #expect(IRI(text).string == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }
}
