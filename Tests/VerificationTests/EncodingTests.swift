import Foundation
import OpenBadges
import Testing

@testable import Verification

struct EncodingTests {
    @Test(arguments: [("", [UInt8]()), ("AA", [0]), ("AAE", [0, 1]), ("_-8", [0xFF, 0xEF]), ("AQID", [1, 2, 3])])
    func base64urlDecodesCanonicalText(text: String, bytes: [UInt8]) {
        #expect(Base64URL.decode(text) == bytes)
        #expect(Base64URL.encode(bytes) == text)
    }

    /// Padding, the standard alphabet, an impossible length and non-zero trailing bits are all refused: each would
    /// give a second spelling of the same bytes.
    @Test(arguments: ["AA==", "AB", "AAF", "a+b/", "A", "AAAAA", "AA AA", "AA\n"])
    func base64urlRefusesOtherSpellings(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func lenientDecodingAcceptsTrailingBitsButNothingElse() {
        #expect(Base64URL.decode("AB") == nil)
        #expect(Base64URL.decodeLenient("AB"[...]) == [0])
        #expect(Base64URL.decodeLenient("A"[...]) == nil)
        #expect(Base64URL.decodeLenient("a+b/"[...]) == nil)
    }

    @Test func base58RoundTripsRandomBytesOfEveryLength() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...96 {
            for zeros in [0, 1, 3] where zeros <= length {
                let bytes = [UInt8](repeating: 0, count: zeros) + (zeros..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                guard !bytes.isEmpty else { continue }
                #expect(Base58.decode(Base58.encode(bytes)[...]) == bytes, "\(bytes)")
            }
        }
        // Carries across limbs: all-0xFF numbers, and the largest 88-character value.
        #expect(Base58.decode(Base58.encode([UInt8](repeating: 0xFF, count: 64))[...]) == [UInt8](repeating: 0xFF, count: 64))
        #expect(Base58.decode(String(repeating: "z", count: 88)[...])?.count == 65)
    }

    @Test func base58RoundTripsLeadingZeros() {
        let bytes: [UInt8] = [0, 0, 1, 2, 255, 0, 7]
        let text = Base58.encode(bytes)
        #expect(text.hasPrefix("11"))
        #expect(Base58.decode(text[...]) == bytes)
        #expect(Base58.decode("0OIl"[...]) == nil)
    }

    @Test func didKeyOfAnEd25519Key() throws {
        // The W3C vc-di-eddsa test vectors' key: an Ed25519 multikey, 0xed01 followed by 32 bytes.
        let key = try DIDKey.key(of: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        guard case .ed25519(let bytes) = key.material else {
            Issue.record("not an Ed25519 key: \(key)")
            return
        }
        #expect(bytes.count == 32)
        #expect(Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + bytes) == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    }

    @Test func didKeyOfAP256KeyRoundTrips() throws {
        let signer = Signer.p256()
        let key = try DIDKey.key(of: signer.didKey)
        #expect(signer.didKey.hasPrefix("did:key:zDn"))
        #expect(key == (try JWK(signer.jwk).key))
    }

    @Test(arguments: [
        "did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc",  // X25519: a key-agreement key, not a signing key
        "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",  // secp256k1
        "did:key:6Mk", "did:key:", "did:web:example.com",
    ])
    func didKeyRefusesOtherKeys(did: String) {
        #expect(throws: KeyError.self) { try DIDKey.key(of: did) }
    }

    @Test(arguments: [
        ("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"),
        ("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"),
        ("did:web:example.com%3A3000:user:alice#key-1", "https://example.com:3000/user/alice/did.json"),
        ("did:web:Example.COM", "https://example.com/.well-known/did.json"),
    ])
    func didWebDocumentURLs(did: String, url: String) {
        #expect(DIDWeb.documentURL(of: did) == IRI(url))
    }

    @Test(arguments: ["did:web:", "did:web:example.com::x", "did:web:a%2Fb.com", "did:web:example.com:..", "did:key:z6Mk"])
    func didWebRefusesMalformedDIDs(did: String) {
        #expect(DIDWeb.documentURL(of: did) == nil)
    }

    @Test func pkcs1DERReadsBackAsTheSameKey() throws {
        let signer = try Signer.rsa()
        let key = try JWK(signer.jwk).key
        #expect(try PublicKey(pem: signer.pem) == key)
        #expect(key.bits == 2048)
        #expect(!key.isWeak)
    }
}
