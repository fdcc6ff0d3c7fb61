import Foundation
import OpenBadges
import Testing

@testable import Verification

/// Bad input gets a named fact, never a crash and never `verified`.
struct HostileInputTests {
    private let verifier = Verifier(now: testNow)

    private func encode(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    @Test func aTenMegabyteTokenIsRefusedBeforeDecoding() {
        let huge = encode(#"{"alg":"EdDSA"}"#) + "." + String(repeating: "A", count: 10 << 20) + ".AAAA"
        let report = verifier.verify(token: huge, source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.signature.detail?.contains("more than") == true)
        #expect(report.outcome == .invalid)
    }

    @Test(arguments: [
        ("not json", "header"),
        (#"["alg","EdDSA"]"#, "header"),
    ])
    func aHeaderThatIsNotAJSONObjectIsMalformed(header: String, part: String) {
        let report = verifier.verify(token: "\(encode(header)).\(encode("{}")).AAAA", source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.signature.detail?.contains(part) == true)
    }

    @Test(arguments: [
        "eyJhbGciOiJFZERTQSJ9=.e30.AAAA", "eyJhbGciOiJFZERTQSJ9.e31.AAAA", "eyJhbGciOiJFZERTQSJ9.e30", "a.b.c.d", "eyJhbGciOiJFZERTQSJ9.e30.AA+A",
    ])
    func nonCanonicalOrMisshapenTokensAreMalformed(token: String) {
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.signature.detail?.hasPrefix("malformed token") == true)
    }

    @Test(arguments: ["none", "HS256", "HS512", "RS512", "ES256K", ""])
    func algorithmsThatNeverVerify(alg: String) {
        let signer = Signer.ed25519()
        let token = signer.token(header: ["alg": .string(alg)], payload: endorsementPayload(issuer: signer.didKey))
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.signature.state == .unsupported)
        #expect(report.outcome == .couldNotCheck)
    }

    @Test func criticalHeaderExtensionsAreRefused() {
        let signer = Signer.ed25519()
        let token = signer.token(header: ["crit": .array([.string("b64")]), "b64": .bool(false)], payload: endorsementPayload(issuer: signer.didKey))
        #expect(verifier.verify(token: token, source: StaticKeySource()).signature.state == .invalid)
    }

    @Test func aJWKSetOfTenThousandKeysIsRefusedWhole() {
        let signer = Signer.ed25519()
        let keys = JSONValue.array(Array(repeating: signer.jwk, count: 10_000))
        let source = StaticKeySource(json: ["https://endorser.example/.well-known/jwks.json": .object(["keys": keys])])
        let report = verifier.verify(token: signer.token(payload: endorsementPayload(issuer: "https://endorser.example/p")), source: source)
        #expect(report.signature.state == .keyUnavailable)
        #expect(report.signature.detail?.contains("10000 keys") == true)
    }

    @Test func aSixteenThousandBitRSAKeyIsRefusedBeforeAnyArithmetic() {
        let modulus = [UInt8](repeating: 0xFF, count: 2048)  // 16 384 bits
        let jwk: JSONValue = .object(["kty": .string("RSA"), "n": .string(Base64URL.encode(modulus)), "e": .string("AQAB")])
        let token =
            "\(encode(JSONText.write(.object(["alg": .string("RS256"), "jwk": jwk])))).\(encode(endorsementPayload(issuer: "https://e.example/p"))).AAAA"
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.signature.state == .unsupported)
        #expect(report.signature.detail?.contains("16384 bits") == true)
    }

    @Test func aP256PointOffTheCurveIsNotAKey() {
        let signer = Signer.p256()
        var jwk = signer.jwk.object ?? [:]
        jwk["y"] = .string(Base64URL.encode([UInt8](repeating: 7, count: 32)))
        let token = signer.token(header: ["jwk": .object(jwk)], payload: endorsementPayload(issuer: "https://e.example/p"))
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.signature.state == .keyUnavailable)
        #expect(report.signature.detail?.contains("not on the curve") == true)
    }

    @Test func anRSASignatureOfTheWrongLengthIsInvalidNotACrash() throws {
        let signer = try Signer.rsa()
        let token = signer.token(header: ["jwk": signer.jwk], payload: endorsementPayload(issuer: "https://e.example/p"))
        let truncated = String(token.dropLast(10))
        let report = verifier.verify(token: truncated, source: StaticKeySource())
        #expect(report.signature.state == .invalid)
    }

    @Test func anUnknownDIDMethodIsUnsupported() {
        let signer = Signer.ed25519()
        let token = signer.token(header: ["kid": .string("did:velocity:0x123#key-1")], payload: endorsementPayload(issuer: "did:velocity:0x123"))
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.signature.state == .unsupported)
        #expect(report.signature.detail?.contains("velocity") == true)
    }

    @Test func aDIDDocumentForAnotherDIDIsRefused() {
        let signer = Signer.ed25519()
        let document: JSONValue = .object(["id": .string("did:web:mallory.example"), "verificationMethod": .array([])])
        let source = StaticKeySource(json: ["https://endorser.example/.well-known/did.json": document])
        let token = signer.token(
            header: ["kid": .string("did:web:endorser.example#k")], payload: endorsementPayload(issuer: "did:web:endorser.example"))
        let report = verifier.verify(token: token, source: source)
        #expect(report.signature.state == .keyUnavailable)
        #expect(report.signature.detail?.contains("mallory") == true)
    }

    /// Seeded mutations of a good token: whatever the bytes, a report comes back, and only the untouched token
    /// verifies.
    @Test func mutatedTokensNeverVerifyAndNeverTrap() {
        let signer = Signer.ed25519()
        let token = Array(signer.token(payload: endorsementPayload(issuer: signer.didKey)).utf8)
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let alphabet = Array("ABCxyz019-_.=+/{}\"".utf8)
        var verified = 0
        for _ in 0..<400 {
            var bytes = token
            let position = next() % bytes.count
            let replacement = alphabet[next() % alphabet.count]
            guard bytes[position] != replacement else { continue }
            bytes[position] = replacement
            let report = verifier.verify(token: String(decoding: bytes, as: UTF8.self), source: StaticKeySource())
            if report.outcome == .verified { verified += 1 }
        }
        #expect(verified == 0)
    }
}
