import OpenBadges
import Testing

@Suite struct CompactJWSPartsTests {
    @Test func locatesThePartsAndTheSigningInput() throws {
        let parts = try #require(CompactJWSParts(" \n eyJh.eyJi.c2ln\t"))
        #expect(parts.token == "eyJh.eyJi.c2ln")
        #expect(String(decoding: parts.bytes[parts.header], as: UTF8.self) == "eyJh")
        #expect(String(decoding: parts.bytes[parts.payload], as: UTF8.self) == "eyJi")
        #expect(String(decoding: parts.bytes[parts.signature], as: UTF8.self) == "c2ln")
        #expect(String(decoding: parts.signingInput, as: UTF8.self) == "eyJh.eyJi")
        #expect(parts.usesTokenAlphabet)
    }

    @Test(arguments: ["", "a.b", "a.b.c.d", "....", "a b c"])
    func anythingButThreePartsIsNotAToken(text: String) {
        #expect(CompactJWSParts(text) == nil)
    }

    @Test(arguments: [".b.c", "a..c", "a.b+c.d", "a.b.c=", "é.b.c"])
    func emptyHeadersAndForeignBytesAreOutsideTheAlphabet(text: String) {
        #expect(CompactJWSParts(text)?.usesTokenAlphabet != true)
    }

    @Test func anEmptySignatureIsAPart() throws {
        let parts = try #require(CompactJWSParts("eyJh.eyJi."))
        #expect(parts.signature.isEmpty)
        #expect(parts.usesTokenAlphabet)
    }
}
