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
}
