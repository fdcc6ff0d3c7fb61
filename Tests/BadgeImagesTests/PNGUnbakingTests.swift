import BadgeImages
import Testing

/// PNG payload chunks made in the test: the variants no public sample has, and the CRC policy.
struct PNGUnbakingTests {
    static let assertion = #"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/a/1"}"#

    @Test func readsAnUncompressedITXtChunk() throws {
        let payload = try BakedBadge.unbake(PNGFixture.png([PNGFixture.iTXt("openbadges", Self.assertion)]))
        #expect(payload.imageFormat == .png)
        #expect(payload.standard == .openBadges2)
        #expect(payload.kind == .json(Self.assertion))
        #expect(payload.source == .pngChunk(type: "iTXt", keyword: "openbadges", index: 1, offset: 33))
        #expect(payload.warnings.isEmpty)
    }

    @Test func inflatesACompressedITXtChunkAndWarns() throws {
        let payload = try BakedBadge.unbake(PNGFixture.png([PNGFixture.iTXt("openbadgecredential", Self.assertion, compressed: true)]))
        #expect(payload.standard == .openBadges3)
        #expect(payload.kind == .json(Self.assertion))
        #expect(payload.warnings.map(\.code) == [.compressedPayload])
    }

    @Test func inflatesAZTXtChunkAsLatin1() throws {
        let url = Array("https://example.org/assertions/caf".utf8) + [0xE9]  // "café" in Latin-1
        let payload = try BakedBadge.unbake(PNGFixture.png([PNGFixture.zTXt("openbadges", url)]))
        #expect(payload.kind == .url("https://example.org/assertions/café"))
        #expect(payload.source == .pngChunk(type: "zTXt", keyword: "openbadges", index: 1, offset: 33))
        #expect(payload.warnings.map(\.code) == [.compressedPayload])
    }

    @Test func readsALegacyTEXtURLWithTrailingNewline() throws {
        let payload = try BakedBadge.unbake(PNGFixture.png([PNGFixture.tEXt("openbadges", Array("https://example.org/a/7\n".utf8))]))
        #expect(payload.kind == .url("https://example.org/a/7"))
    }

    @Test func acceptsTheNonstandardKeywordOpenbadgeWithAWarning() throws {
        let payload = try BakedBadge.unbake(PNGFixture.png([PNGFixture.iTXt("openbadge", "https://example.org/a/2")]))
        #expect(payload.standard == .openBadges2)
        #expect(payload.kind == .url("https://example.org/a/2"))
        #expect(payload.warnings.map(\.code) == [.nonstandardKeyword])
    }

    @Test func readsACLRCredentialChunk() throws {
        let payload = try BakedBadge.unbake(PNGFixture.png([PNGFixture.iTXt("clrcredential", #"{"type":["VerifiableCredential","ClrCredential"]}"#)]))
        #expect(payload.standard == .clr2)
        #expect(payload.source == .pngChunk(type: "iTXt", keyword: "clrcredential", index: 1, offset: 33))
    }

    @Test func keywordsAreCaseSensitiveAndOtherTextChunksAreSkipped() throws {
        let png = PNGFixture.png([
            PNGFixture.tEXt("Software", Array("GIMP".utf8)), PNGFixture.iTXt("OpenBadges", "https://example.org/no"),
            PNGFixture.iTXt("XML:com.adobe.xmp", "<x:xmpmeta/>"),
        ])
        let error = try #require(throws: UnbakeError.self) { try BakedBadge.unbake(png) }
        #expect(error.code == .noPayload)
        #expect(error.reason.contains("not a baked badge"))
    }

    @Test func usesTheFirstOfTwoPayloadChunksAndNamesBoth() throws {
        let png = PNGFixture.png([
            PNGFixture.iTXt("openbadges", "https://example.org/first"),
            PNGFixture.tEXt("openbadgecredential", Array("https://example.org/second".utf8)),
        ])
        let payload = try BakedBadge.unbake(png)
        #expect(payload.kind == .url("https://example.org/first"))
        let warning = try #require(payload.warnings.first)
        #expect(payload.warnings.count == 1)
        #expect(warning.code == .secondPayload)
        #expect(warning.message.contains("tEXt \"openbadgecredential\" (chunk 2"))
        #expect(warning.message.contains("iTXt \"openbadges\" (chunk 1, byte 33)"))
    }

    @Test func aCRCMismatchInThePayloadChunkIsFatal() throws {
        let png = PNGFixture.png([PNGFixture.iTXt("openbadges", "https://example.org/a/3", corruptCRC: true)])
        let error = try #require(throws: UnbakeError.self) { try BakedBadge.unbake(png) }
        #expect(error.code == .crcMismatch)
        #expect(error.location == "byte 33")
    }

    @Test func aCRCMismatchElsewhereIsAWarning() throws {
        let damaged = PNGFixture.chunk("tIME", [0x07, 0xE8, 1, 2, 3, 4, 5], corruptCRC: true)
        let payload = try BakedBadge.unbake(PNGFixture.png([damaged, PNGFixture.iTXt("openbadges", "https://example.org/a/4")]))
        #expect(payload.kind == .url("https://example.org/a/4"))
        #expect(payload.warnings.map(\.code) == [.crcMismatchIgnored])
    }

    @Test func aTruncatedPNGBeforeThePayloadIsMalformed() throws {
        let whole = PNGFixture.png([PNGFixture.iTXt("openbadges", Self.assertion)])
        for cut in [8, 10, 33 + 5, 33 + 40] {
            let error = try #require(throws: UnbakeError.self) { try BakedBadge.unbake(Array(whole[0..<cut])) }
            #expect(error.code == .malformedPNG, "cut at \(cut)")
            #expect(error.reason.contains("truncated"), "cut at \(cut)")
        }
    }

    @Test func damageAfterThePayloadIsAWarning() throws {
        let whole = PNGFixture.png([PNGFixture.iTXt("openbadges", "https://example.org/a/5")])
        let payload = try BakedBadge.unbake(Array(whole.dropLast(3)))
        #expect(payload.kind == .url("https://example.org/a/5"))
        #expect(payload.warnings.map(\.code) == [.damagedAfterPayload])
        #expect(payload.warnings[0].message.contains("truncated"))
    }

    @Test func aPNGWithoutIENDIsMalformed() throws {
        let png = PNGFixture.signature + PNGFixture.header + PNGFixture.pixels
        let error = try #require(throws: UnbakeError.self) { try BakedBadge.unbake(png) }
        #expect(error.code == .malformedPNG)
        #expect(error.reason.contains("without an IEND"))
    }

    @Test func unreadableTextIsNamed() throws {
        let cases: [[UInt8]] = [
            PNGFixture.chunk("iTXt", Array("openbadges".utf8) + [0, 2, 0, 0, 0] + Array("x".utf8)),  // compression flag 2
            PNGFixture.chunk("iTXt", Array("openbadges".utf8) + [0, 1, 0, 0, 0, 0x78, 0x9C, 0xFF, 0xFF]),  // corrupt zlib
            PNGFixture.chunk("zTXt", Array("openbadges".utf8) + [0, 1] + PNGFixture.compress([0x41])),  // method 1
            PNGFixture.chunk("iTXt", Array("openbadges".utf8) + [0, 0, 0, 0, 0, 0xC3, 0x28]),  // not UTF-8
            PNGFixture.chunk("iTXt", Array("openbadges".utf8) + [0, 0, 0]),  // no language tag
        ]
        for chunk in cases {
            let error = try #require(throws: UnbakeError.self) { try BakedBadge.unbake(PNGFixture.png([chunk])) }
            #expect(error.code == .unreadablePayload, "\(error)")
        }
    }
}
