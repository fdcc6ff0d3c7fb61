import BadgeImages
import Testing

/// Hostile images: each ends in a named error, in bounded time, without allocating what the input claims.
struct HostileImageTests {
    /// Fails when `work` takes longer than `limit`.
    static func expectQuick<T>(_ limit: Duration = .seconds(2), _ work: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) rethrows
        -> T
    {
        let clock = ContinuousClock()
        let started = clock.now
        let result = try work()
        #expect(clock.now - started < limit, "took \(clock.now - started)", sourceLocation: sourceLocation)
        return result
    }

    @Test func aZlibBombIsRefusedQuickly() throws {
        // 100 MB of zeros in about 100 KB: inflating stops just past the 1 MB payload limit.
        let bomb = PNGFixture.zeros(count: 100_000_000)
        #expect(bomb.count < 200_000)
        for chunk in [
            PNGFixture.chunk("iTXt", Array("openbadges".utf8) + [0, 1, 0, 0, 0] + bomb),
            PNGFixture.chunk("zTXt", Array("openbadgecredential".utf8) + [0, 0] + bomb),
        ] {
            let png = PNGFixture.png([chunk])
            let error = try Self.expectQuick { try #require(throws: UnbakeError.self) { try BakedBadge.unbake(png) } }
            #expect(error.code == .decompressionBomb)
            #expect(error.reason.contains("1000000"))
        }
    }

    @Test func aSmallerLimitAppliesToCompressedText() throws {
        let text = String(repeating: "a", count: 5_000)
        let png = PNGFixture.png([PNGFixture.iTXt("openbadges", "{\"a\":\"\(text)\"}", compressed: true)])
        #expect(throws: UnbakeError(code: .decompressionBomb, reason: "")) {
            try BakedBadge.unbake(png, limits: UnbakeLimits(maxPayloadBytes: 4_096))
        }
        #expect(throws: UnbakeError(code: .tooLarge, reason: "")) {
            try BakedBadge.unbake(
                PNGFixture.png([PNGFixture.iTXt("openbadges", "{\"a\":\"\(text)\"}")]), limits: UnbakeLimits(maxPayloadBytes: 4_096))
        }
    }

    @Test func aOneGigabyteLengthIsRefusedBeforeAnyAllocation() throws {
        // An iTXt chunk header claiming 1 GiB, followed by a few bytes: compared with what remains, never allocated.
        let claim = PNGFixture.bigEndian(1 << 30) + Array("iTXt".utf8) + Array("openbadges".utf8) + [0, 0, 0, 0, 0] + Array("x".utf8)
        let png = PNGFixture.signature + PNGFixture.header + claim
        let error = try Self.expectQuick { try #require(throws: UnbakeError.self) { try BakedBadge.unbake(png) } }
        #expect(error.code == .malformedPNG)
        #expect(error.reason.contains("1073741824"))
        let beyondPNG = PNGFixture.signature + PNGFixture.header + PNGFixture.bigEndian(0x8000_0000) + Array("IDAT".utf8) + [0, 0, 0, 0]
        #expect(throws: UnbakeError(code: .malformedPNG, reason: "")) { try BakedBadge.unbake(beyondPNG) }
    }

    @Test func tenThousandChunksBeforeAPayloadAreTooMany() throws {
        let filler = PNGFixture.chunk("tEXt", Array("Comment".utf8) + [0, 0x41])
        let many = PNGFixture.png(Array(repeating: filler, count: 10_000) + [PNGFixture.iTXt("openbadges", "https://example.org/late")])
        let error = try Self.expectQuick { try #require(throws: UnbakeError.self) { try BakedBadge.unbake(many) } }
        #expect(error.code == .tooManyChunks)
        // After the payload, the same flood is only a warning: the rest of the stream may be discarded.
        let afterPayload = PNGFixture.png([PNGFixture.iTXt("openbadges", "https://example.org/early")] + Array(repeating: filler, count: 10_000))
        let payload = try BakedBadge.unbake(afterPayload)
        #expect(payload.kind == .url("https://example.org/early"))
        #expect(payload.warnings.map(\.code) == [.damagedAfterPayload])
    }

    @Test func anImageOverTheSizeLimitIsRefusedUnread() throws {
        let png = PNGFixture.png([PNGFixture.iTXt("openbadges", "https://example.org/a")])
        #expect(throws: UnbakeError(code: .tooLarge, reason: "")) { try BakedBadge.unbake(png, limits: UnbakeLimits(maxImageBytes: png.count - 1)) }
        #expect(try BakedBadge.unbake(png, limits: UnbakeLimits(maxImageBytes: png.count)).kind == .url("https://example.org/a"))
    }

    @Test func aHugeSVGBodyIsTooLarge() throws {
        let body = "{\"a\":\"" + String(repeating: "x", count: 1_000_001) + "\"}"
        let svg = Array("<svg xmlns:o=\"https://purl.imsglobal.org/ob/v3p0\"><o:credential><![CDATA[\(body)]]></o:credential></svg>".utf8)
        let error = try Self.expectQuick { try #require(throws: UnbakeError.self) { try BakedBadge.unbake(svg) } }
        #expect(error.code == .tooLarge)
    }

    @Test func aLargeOrdinarySVGIsScannedQuickly() throws {
        // About 2 MB of paths after the badge element: one linear pass (8 MB take about 35 ms in a release build).
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:o="http://openbadges.org"><o:assertion verify="https://example.org/a"/>"#
        let path = ##"<path fill="#E44D26" d="M108.382,0h23.077v22.8h21.11V0h23.078v69.044H152.57v-23.12h-21.11v23.12h-23.077V0z"/>"## + "\n"
        svg += String(repeating: path, count: 20_000) + "</svg>"
        let bytes = Array(svg.utf8)
        #expect(bytes.count < UnbakeLimits.default.maxImageBytes)
        let payload = try Self.expectQuick(.seconds(5)) { try BakedBadge.unbake(bytes) }
        #expect(payload.warnings.isEmpty)
    }

    @Test(arguments: [
        [UInt8](),
        Array("GIF89a".utf8),
        [0x89, 0x50, 0x4E, 0x47],
        Array("<html><body><svg/></body></html>".utf8),
        Array("<?xml version=\"1.0\"?><!-- only a comment -->".utf8),
        [0xFF, 0xFE, 0x3C, 0x00, 0x73, 0x00],
    ])
    func nonImagesAreNamed(bytes: [UInt8]) throws {
        let error = try #require(throws: UnbakeError.self) { try BakedBadge.unbake(bytes) }
        #expect(error.code == .notAnImage)
    }

    @Test func aCredentialDocumentIsNotAnImageAndSaysSo() throws {
        let error = try #require(throws: UnbakeError.self) { try BakedBadge.unbake(Array(#"{"type":"Assertion"}"#.utf8)) }
        #expect(error.code == .notAnImage)
        #expect(error.reason.contains("credential document"))
    }

    @Test func aBadChunkTypeIsMalformed() throws {
        let png = PNGFixture.signature + PNGFixture.header + PNGFixture.bigEndian(0) + [0x49, 0x44, 0x00, 0x54] + [0, 0, 0, 0]
        #expect(throws: UnbakeError(code: .malformedPNG, reason: "")) { try BakedBadge.unbake(png) }
    }
}
