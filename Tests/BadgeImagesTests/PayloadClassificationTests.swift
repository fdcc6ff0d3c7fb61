import BadgeImages
import Testing

/// What a payload is (URL, JSON object, compact JWS, or a named error), and what raw bytes are (sniffing).
struct PayloadClassificationTests {
    static func classify(_ text: String) throws(UnbakeError) -> PayloadKind {
        try BakedBadge.unbake(PNGFixture.png([PNGFixture.iTXt("openbadges", text)])).kind
    }

    static let header = "eyJhbGciOiJSUzI1NiJ9"  // {"alg":"RS256"}
    static let claims = "eyJpc3MiOiJodHRwczovL2V4YW1wbGUub3JnIn0"  // {"iss":"https://example.org"}

    @Test func classifiesTheThreeKinds() throws {
        #expect(try Self.classify("  https://example.org/assertions/1 \r\n") == .url("https://example.org/assertions/1"))
        #expect(try Self.classify("HTTP://EXAMPLE.ORG/a") == .url("HTTP://EXAMPLE.ORG/a"))
        #expect(
            try Self.classify("\n{\"a\": [1, 2.5e-3, true, null, {\"b\": \"\\u00e9\"}]}\n")
                == .json("{\"a\": [1, 2.5e-3, true, null, {\"b\": \"\\u00e9\"}]}"))
        #expect(try Self.classify("\(Self.header).\(Self.claims).c2lnbmF0dXJl") == .jwt("\(Self.header).\(Self.claims).c2lnbmF0dXJl"))
        // An unsecured JWS has an empty signature; it is still a compact JWS by syntax (verification refuses it).
        #expect(try Self.classify("\(Self.header).\(Self.claims).") == .jwt("\(Self.header).\(Self.claims)."))
    }

    @Test(arguments: [
        "a.b.c",  // header is not JSON
        "eyJhbGciOiJub25lIn0.bm90IGpzb24.c2ln",  // payload "not json"
        "eyJhbGciOiJub25lIn0.eyJhIjox",  // two parts
        "eyJhbGciOiJub25lIn0.eyJhIjoxfQ.c2ln.YQ.Yg",  // five parts: a JWE
        "eyJhbGciOiJub25lIn0..c2ln",  // empty payload
        "eyJhbGciOiJub25lIn0.eyJhIjoxfQ.c2ln.",  // four parts
        "W10.eyJhIjoxfQ.c2ln",  // header [] is not an object
        "eyJhbGciOiJub25lIn0x.eyJhIjoxfQ.c2ln",  // header length 4n + 1
    ])
    func tokensThatAreNotCompactJWSAreNamed(token: String) throws {
        let error = try #require(throws: UnbakeError.self) { try Self.classify(token) }
        #expect(error.code == .invalidJWS, "\(error)")
        #expect(error.payloadText == token)
    }

    @Test(arguments: [
        "{verify:{\"url\":\"http://example.org\"}}",
        "{\"a\":1,}",
        "{\"a\":01}",
        "{\"a\":\"tab\there\"}",
        "{\"a\":1} {\"b\":2}",
        "{\"a\":[1,2}",
        "[{\"a\":1}]",
        "{\"a\":\"\\x\"}",
    ])
    func brokenJSONIsNamed(text: String) throws {
        let error = try #require(throws: UnbakeError.self) { try Self.classify(text) }
        #expect(error.code == .invalidJSON, "\(error)")
    }

    @Test(arguments: ["hello", "urn:uuid:1234", "https://", "https://exa mple.org/", "ftp://example.org/a", "<xml/>"])
    func otherTextIsUnrecognized(text: String) throws {
        let error = try #require(throws: UnbakeError.self) { try Self.classify(text) }
        #expect(error.code == .unrecognizedPayload, "\(error)")
    }

    @Test func blankTextIsEmpty() throws {
        #expect(throws: UnbakeError(code: .emptyPayload, reason: "")) { try Self.classify(" \n\t ") }
    }

    @Test func deeplyNestedJSONIsRefusedNotRecursedInto() throws {
        let deep = String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)
        let error = try #require(throws: UnbakeError.self) { try Self.classify(deep) }
        #expect(error.code == .invalidJSON)
        #expect(error.reason.contains("nesting deeper"), "\(error)")
        let shallow = String(repeating: "{\"a\":", count: 50) + "1" + String(repeating: "}", count: 50)
        #expect(try Self.classify(shallow) == .json(shallow))
    }

    @Test func sniffsByContent() {
        #expect(BakedBadge.sniff(PNGFixture.png()) == .png)
        #expect(BakedBadge.sniff(Array("<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE svg [<!ENTITY a \"b\">]>\n<svg/>".utf8)) == .svg)
        #expect(BakedBadge.sniff(Array("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>".utf8)) == .svg)
        #expect(BakedBadge.sniff([0xEF, 0xBB, 0xBF] + Array(" \n{\"a\":1}".utf8)) == .json)
        #expect(BakedBadge.sniff(Array("[1]".utf8)) == .json)
        #expect(BakedBadge.sniff(Array("\(Self.header).\(Self.claims).c2ln\n".utf8)) == .jws)
        #expect(BakedBadge.sniff(Array("<html><svg/></html>".utf8)) == .unknown)
        #expect(BakedBadge.sniff(Array("a.b".utf8)) == .unknown)
        #expect(BakedBadge.sniff(Array("text <svg/>".utf8)) == .unknown)
        #expect(BakedBadge.sniff([]) == .unknown)
    }
}
