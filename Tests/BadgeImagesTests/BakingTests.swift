import BadgeImages
import Testing

/// Baking PNG and SVG images (for the sample web's own badges), checked by unbaking the result.
struct BakingTests {
    static let json = #"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/a/1","note":"]]> é"}"#
    static let jws = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2V4YW1wbGUub3JnIn0.c2ln"

    @Test(arguments: BakedStandard.allCases)
    func aBakedPNGUnbakesToTheSamePayload(standard: BakedStandard) throws {
        let baked = try BakedBadge.bake(png: PNGFixture.png(), payload: Self.json, keyword: standard.pngKeyword)
        let payload = try BakedBadge.unbake(baked)
        #expect(payload.standard == standard)
        #expect(payload.kind == .json(Self.json))
        #expect(payload.warnings.isEmpty)
        // The iTXt chunk goes just before IEND: the image ends with it and the 12-byte IEND.
        guard case .pngChunk("iTXt", standard.pngKeyword, 2, let offset) = payload.source else {
            Issue.record("unexpected source \(payload.source)")
            return
        }
        #expect(baked.count - offset == 12 + standard.pngKeyword.utf8.count + 5 + Self.json.utf8.count + 12)
    }

    @Test func rebakingReplacesTheOldPayloadChunks() throws {
        let old = PNGFixture.png([PNGFixture.tEXt("openbadges", Array("https://example.org/old".utf8)), PNGFixture.tEXt("Software", Array("x".utf8))])
        let baked = try BakedBadge.bake(png: old, payload: Self.jws, keyword: "openbadgecredential")
        let payload = try BakedBadge.unbake(baked)
        #expect(payload.kind == .jwt(Self.jws))
        #expect(payload.warnings.isEmpty)
        #expect(baked.count == old.count - (12 + 11 + 23) + (12 + 19 + 5 + Self.jws.utf8.count))
    }

    @Test func bakingRefusesBadInput() throws {
        #expect(throws: UnbakeError(code: .cannotBake, reason: "")) { try BakedBadge.bake(png: PNGFixture.png(), payload: "x", keyword: "") }
        #expect(throws: UnbakeError(code: .cannotBake, reason: "")) { try BakedBadge.bake(png: Array("GIF89a".utf8), payload: "x") }
        #expect(throws: UnbakeError(code: .malformedPNG, reason: "")) { try BakedBadge.bake(png: Array(PNGFixture.png().dropLast(4)), payload: "x") }
        #expect(throws: UnbakeError(code: .cannotBake, reason: "")) { try BakedBadge.bake(svg: Array("<html/>".utf8), payload: Self.jws) }
        #expect(throws: UnbakeError(code: .unrecognizedPayload, reason: "")) { try BakedBadge.bake(svg: Array("<svg/>".utf8), payload: "hello") }
    }

    static let plainSVG = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
          <circle cx="5" cy="5" r="4"/>
        </svg>
        """

    @Test(arguments: BakedStandard.allCases)
    func aBakedSVGUnbakesToTheSamePayload(standard: BakedStandard) throws {
        for (payload, part) in [
            (Self.json, PayloadSource.SVGPart.body), (Self.jws, .verifyAttribute), ("https://example.org/a?b=1&c=2", .verifyAttribute),
        ] {
            let baked = try BakedBadge.bake(svg: Array(Self.plainSVG.utf8), payload: payload, standard: standard)
            let unbaked = try BakedBadge.unbake(baked)
            #expect(unbaked.standard == standard)
            #expect(unbaked.kind.text == payload)
            #expect(unbaked.warnings.isEmpty)
            #expect(
                unbaked.source
                    == .svgElement(name: "\(standard.svgPrefix):\(standard.svgElementName)", namespace: standard.svgNamespace, part: part, line: 3))
            let text = String(decoding: baked, as: UTF8.self)
            #expect(
                text.contains(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" xmlns:\(standard.svgPrefix)=\"\(standard.svgNamespace)\">"))
        }
    }

    @Test func rebakingAnSVGReplacesTheOldElement() throws {
        let once = try BakedBadge.bake(svg: Array(Self.plainSVG.utf8), payload: "https://example.org/old")
        let twice = try BakedBadge.bake(svg: once, payload: Self.json)
        let payload = try BakedBadge.unbake(twice)
        #expect(payload.kind == .json(Self.json))
        #expect(payload.warnings.isEmpty)
        #expect(!String(decoding: twice, as: UTF8.self).contains("example.org/old"))
        #expect(String(decoding: twice, as: UTF8.self).ranges(of: "xmlns:openbadges").count == 1)
    }

    @Test func bakingASelfClosingRootAndAConflictingPrefix() throws {
        let empty = try BakedBadge.unbake(BakedBadge.bake(svg: Array("<svg/>".utf8), payload: Self.jws, standard: .openBadges3))
        #expect(empty.kind == .jwt(Self.jws))
        let conflicting = Array(#"<svg xmlns:openbadges="https://example.org/else"><g/></svg>"#.utf8)
        let baked = try BakedBadge.unbake(BakedBadge.bake(svg: conflicting, payload: Self.jws, standard: .openBadges2))
        #expect(baked.standard == .openBadges2)
        #expect(baked.warnings.isEmpty)
    }
}
