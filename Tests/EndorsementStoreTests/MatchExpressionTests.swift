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
