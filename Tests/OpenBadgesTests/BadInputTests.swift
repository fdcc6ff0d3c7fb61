import Foundation
import Testing

@testable import OpenBadges

/// Hostile or broken bodies: each gives a typed ``DocumentError`` with a code and a path, never a crash.
struct BadInputTests {
    @Test(arguments: [
        (#"{"name": "x""#, DocumentError.Code.malformedJSON),
        (#"{"name" "x"}"#, .malformedJSON),
        (#"{"a": [1, 2}"#, .malformedJSON),
        (#"{"a": tru}"#, .malformedJSON),
        (#"{"a": 01}"#, .malformedJSON),
        (#"{"a": "\q"}"#, .malformedJSON),
        (#"{"a": 1} trailing"#, .malformedJSON),
        (#"{a: 1}"#, .malformedJSON),
        ("\"just a string\"", .wrongType),
        ("42", .wrongType),
        ("null", .wrongType),
        ("", .empty),
        ("  \n\t ", .empty),
    ])
    func malformedOrWrongTypedJSON(body: String, code: DocumentError.Code) {
        let error = Fixtures.error(Array(body.utf8), contentType: "application/json")
        #expect(error?.code == code, "\(body)")
        #expect(error?.reason.isEmpty == false)
    }

    @Test func errorNamesThePathOfTheBrokenMember() {
        let error = Fixtures.error(Array(#"{"badge": {"issuer": {"endorsement": ["a", "b" : "c"]}}}"#.utf8))
        #expect(error?.code == .malformedJSON)
        #expect(error?.path == "$.badge.issuer.endorsement[2]")
    }

    @Test func nonUTF8StringIsRejectedWithItsPath() {
        var body = Array(#"{"name": "caf"#.utf8)
        body += [0xE9]  // Latin-1 é
        body += Array(#""}"#.utf8)
        let error = Fixtures.error(body)
        #expect(error?.code == .notUTF8)
        #expect(error?.path == "$.name")
    }

    @Test func utf16BodyIsNotUTF8() {
        let body: [UInt8] = [0xFF, 0xFE] + Array("{}".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(Fixtures.error(body)?.code == .notUTF8)
    }

    @Test(arguments: ["[", "{\"a\":"])
    func hundredThousandLevelsOfNestingFailCleanly(opener: String) {
        let depth = 100_000
        let closer = opener == "[" ? "]" : "}"
        let body = Array((String(repeating: opener, count: depth) + "1" + String(repeating: closer, count: depth)).utf8)
        let error = Fixtures.error(body)
        #expect(error?.code == .tooDeep)
        #expect(error?.path.hasPrefix("$") == true)
        // A raised limit is capped, so even a caller asking for more cannot overflow anything.
        let raised = Fixtures.error(body, limits: ParserLimits(maxDepth: 1_000_000))
        #expect(raised?.code == .tooDeep)
    }

    @Test func nestingWithinTheLimitParses() throws {
        let body = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        let doc = try Fixtures.parse(body)
        #expect(!doc.isOpenBadges)
    }

    @Test func fiftyMegabyteBodyIsTooLarge() {
        var body = [UInt8](repeating: UInt8(ascii: " "), count: 50 << 20)
        body[0] = UInt8(ascii: "[")
        body[body.count - 1] = UInt8(ascii: "]")
        let error = Fixtures.error(body)
        #expect(error?.code == .tooLarge)
        #expect(error?.reason.contains("\(body.count)") == true)
    }

    @Test func bodyAtTheLimitIsParsed() throws {
        let limits = ParserLimits(maxBytes: 64)
        let body = #"{"type": "Profile", "id": "https://a.example/p", "name": "A"}"#
        #expect(body.utf8.count <= 64)
        #expect(try Fixtures.parse(body, limits: limits).rootKind == .profile)
        #expect(Fixtures.error(Array((body + String(repeating: " ", count: 10)).utf8), limits: limits)?.code == .tooLarge)
    }

    @Test(arguments: [
        ("abc.def.ghi", "application/jwt"),
        ("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "application/jwt"),  // payload "not json"
        ("!!!.???.***", "application/vc+jwt"),
        ("only.two", "application/jwt"),
        ("eyJhbGciOiJSUzI1NiJ9.WzFd.c2ln", "application/jwt"),  // payload [1]: not an object
    ])
    func garbageJWTIsMalformed(token: String, contentType: String) {
        let error = Fixtures.error(Array(token.utf8), contentType: contentType)
        #expect(error?.code == .malformedJWT, "\(token)")
    }

    @Test func bareGarbageTokenWithoutContentTypeIsMalformedJWT() {
        #expect(Fixtures.error(Array("aaaa.bbbb.cccc".utf8))?.code == .malformedJWT)
    }

    @Test func wrongTypedPropertiesAreToleratedWithWarnings() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://a.example/b",
             "name": 42, "tags": [1, "x", {"a": 1}], "issuer": 7, "endorsement": [true, "https://a.example/e"],
             "issuedOn": "yesterday", "criteria": ["https://a.example/c"]}
            """#)
        let badge = try #require(doc.badges.first)
        #expect(badge.name == "42")
        #expect(badge.tags == ["1", "x"])
        #expect(badge.issuer == nil)
        #expect(badge.endorsements == ["https://a.example/e"])
        #expect(badge.criteriaURL == "https://a.example/c")
        #expect(doc.warningCodes.contains("property.wrongType"))
    }

    @Test func lenientPassDoesNotHideOtherErrors() {
        let error = Fixtures.error(Array("{\"a\": [1,\n 2,],\n \"b\": @}".utf8))
        #expect(error?.code == .malformedJSON)
    }
}
