import OpenBadges
import Testing

@testable import EndorsementStore

@Suite struct MatchExpressionTests {
    @Test(arguments: [
        ("open badges", #""open" "badges""#),
        (#""open badges" endorsement"#, #""open badges" "endorsement""#),
        ("collab*", #""collab"*"#),
        ("badge -moodle", #"("badge") NOT "moodle""#),
        (#"badge -"open source""#, #"("badge") NOT "open source""#),
        ("the badge of honour", #""badge" "honour""#),
        ("the of", #""the" "of""#),
        (#"say "hi"#, #""say" "hi""#),
        ("AND OR", #""AND" "OR""#),
        ("NEAR(a b)", #""NEAR(a" "b)""#),
        (#"x"y"#, #""x" "y""#),
    ])
    func rendersQuotedTerms(input: String, expected: String) throws {
        #expect(try MatchExpression(input).fts5 == expected)
    }

    @Test func emptyTextHasNoTerms() throws {
        #expect(try MatchExpression("").isEmpty)
        #expect(try MatchExpression("   \t").isEmpty)
    }

    @Test(arguments: ["+++", "- -", "\"\"", "***", "-badge", "-\"a b\""])
    func textWithNothingToFindIsAnInvalidQuery(input: String) {
        #expect(throws: StoreError(.invalidQuery, "")) { try MatchExpression(input) }
    }

    @Test func tooLongOrTooManyTermsIsAnInvalidQuery() {
        #expect(throws: StoreError(.invalidQuery, "")) { try MatchExpression(String(repeating: "a", count: 10_000)) }
        #expect(throws: StoreError(.invalidQuery, "")) { try MatchExpression(Array(repeating: "word", count: 40).joined(separator: " ")) }
    }

    @Test func innerQuotesAreDoubled() throws {
        // A quote cannot appear inside a word (it starts a phrase), so only phrase text could carry one: none can.
        let expression = try MatchExpression(#"badge's "it's""#)
        #expect(expression.fts5 == #""badge's" "it's""#)
    }
}

@Suite struct IRIKeyTests {
    /// The fast path and the URLComponents path agree.
    @Test(
        arguments: [
            ("https://issuer.example/badges/1", "https://issuer.example/badges/1", "issuer.example"),
            ("http://issuer.example/badges/1", "https://issuer.example/badges/1", "issuer.example"),
            ("HTTP://Issuer.Example/badges/1#x", "https://issuer.example/badges/1", "issuer.example"),
            ("https://issuer.example:443/a/./b", "https://issuer.example/a/b", "issuer.example"),
            ("https://issuer.example:8443/a", "https://issuer.example:8443/a", "issuer.example:8443"),
            ("https://issuer.example", "https://issuer.example/", "issuer.example"),
            ("https://issuer.example/a/../b", "https://issuer.example/b", "issuer.example"),
            ("https://issuer.example/a/..", "https://issuer.example/", "issuer.example"),
            ("https://issuer.example/.../b?x=1", "https://issuer.example/.../b?x=1", "issuer.example"),
            ("http://a-b.example/x?y=%41", "https://a-b.example/x?y=%41", "a-b.example"),
            ("urn:uuid:1234", "urn:uuid:1234", nil),
        ] as [(String, String, String?)])
    func matchKeyAndOrigin(input: String, key: String, origin: String?) {
        #expect(IRI(input).matchKey == key)
        #expect(IRI(input).originKey == origin)
    }
}

@Suite struct ReservedTokenTests {
    @Test func reservedFlagTokensAreNotSearchable() throws {
        #expect(throws: StoreError(.invalidQuery, "")) { try MatchExpression("xflagendorsed") }
        #expect(try MatchExpression("badge XFLAGendorsed*").fts5 == #""badge""#)
    }
}
