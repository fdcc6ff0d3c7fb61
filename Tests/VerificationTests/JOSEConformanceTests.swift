import Foundation
import OpenBadges
import SharedMaterial
import Testing

@testable import Verification

/// Public vectors written by others (`../shared/conformance/`): the JOSE cookbook (RFC 7520), RFC 8037, RFC 7515
/// appendix A.3, and the 1EdTech validator's signed OB 2.0 badges, CLR 2.0 and OB 3.0 JWTs.
@Suite(.needsSharedMaterial)
struct JOSEConformanceTests {
    @Test func sharedMaterialIsPresentUnderCI() {
        expectSharedMaterialUnderCI()
    }

    private static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(bytes: SharedMaterial.bytes("conformance/" + path), maxDepth: 64)
    }

    /// Splits a cookbook compact token: its payloads are text, not JSON, so the primitive is checked directly.
    private static func check(_ compact: String, algorithm: SignatureAlgorithm, key: PublicKey) -> Bool {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(parts[2]) else { return false }
        return algorithm.isValid(signature: signature, for: Array("\(parts[0]).\(parts[1])".utf8), key: key)
    }

    @Test func cookbookRS256VerifiesAndATamperedOneDoesNot() throws {
        let vector = try Self.json("jose/jws/4_1.rsa_v15_signature.json")
        let key = try JWK(try #require(vector["input"]?["key"])).key
        let compact = try #require(vector["output"]?["compact"]?.string)
        #expect(key.bits == 2048)
        #expect(Self.check(compact, algorithm: .rs256, key: key))
        var flipped = Array(compact.utf8)
        flipped[20] = flipped[20] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(!Self.check(String(decoding: flipped, as: UTF8.self), algorithm: .rs256, key: key))
        #expect(!Self.check(compact, algorithm: .es256, key: key))
    }

    @Test func rfc8037EdDSAVerifies() throws {
        let vector = try Self.json("jose/curve25519/jws.json")
        let key = try JWK(try #require(vector["input"]?["key"])).key
        #expect(Self.check(try #require(vector["output"]?["compact"]?.string), algorithm: .edDSA, key: key))
    }

    @Test func rfc7515AppendixA3ES256VerifiesOverTheOriginalPayloadBytes() throws {
        let token = String(decoding: try SharedMaterial.bytes("conformance/jose/rfc7515-A3/es256.jwt"), as: UTF8.self)
        let key = try JWK(try Self.json("jose/rfc7515-A3/es256.public.jwk.json")).key
        let parsed = try SignedToken(token)
        #expect(parsed.algorithm == "ES256")
        #expect(SignatureAlgorithm.es256.isValid(signature: parsed.signature, for: parsed.signingInput, key: key))
    }

    @Test(arguments: ["jose/jws/4_2.rsa-pss_signature.json", "jose/jws/4_3.ecdsa_signature.json"])
    func cookbookPS384AndES512AreUnsupported(path: String) throws {
        let vector = try Self.json(path)
        let alg = try #require(vector["input"]?["alg"]?.string)
        #expect(SignatureAlgorithm(rawValue: alg) == nil)
        // The same alg on a credential token is reported, never verified.
        let header = Base64URL.encode(Array(#"{"alg":"\#(alg)","jwk":{"kty":"EC","crv":"P-521"}}"#.utf8))
        let payload = Base64URL.encode(Array(endorsementPayload(issuer: "https://endorser.example/profile").utf8))
        let report = Verifier(now: testNow).verify(token: "\(header).\(payload).AAAA", source: StaticKeySource())
        #expect(report.signature.state == .unsupported)
        #expect(report.signature.detail?.contains(alg) == true)
        #expect(report.outcome == .couldNotCheck)
    }

    // MARK: 1EdTech OB 2.0 SignedBadge

    /// The validator's test resource map: `http(s)://example.org/X` is `ob20/assets/X`.
    private static func ob20Source() throws -> StaticKeySource {
        let folder = SharedMaterial.url("conformance/openbadges-signed/1edtech/ob20/assets")
        var answers: [IRI: KeySourceAnswer] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
            answers[IRI("https://example.org/\(file)")] = .document(bytes)
            answers[IRI("http://example.org/\(file)")] = .document(bytes)
        }
        return StaticKeySource(answers)
    }

    private static func ob20Report(_ file: String) throws -> VerificationReport {
        let token = String(decoding: try SharedMaterial.bytes("conformance/openbadges-signed/1edtech/ob20/\(file)"), as: UTF8.self)
        return Verifier(now: testNow).verify(token: token, source: try ob20Source())
    }

    @Test func ob20SignedBadgeWithoutRevocationListIsVerified() throws {
        let report = try Self.ob20Report("simple.jwt")
        #expect(report.form == .ob2Signed)
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .bound, "\(report.keyBinding)")
        #expect(report.issuer == "https://example.org/organization.json")
        #expect(report.keyID == "http://example.org/key1.json")
        #expect(report.status.state == .none)
        #expect(report.outcome == .verified, "\(report.summary)")
    }

    @Test func ob20SignedBadgeOnAnEmptyRevocationListIsActive() throws {
        let report = try Self.ob20Report("simple-not-revoked.jwt")
        #expect(report.status.state == .active)
        #expect(report.outcome == .verified, "\(report.summary)")
    }

    @Test func ob20SignedBadgeOnTheRevocationListIsRevokedWithItsReason() throws {
        let report = try Self.ob20Report("simple-revoked.jwt")
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .bound)
        #expect(report.status.state == .revoked)
        #expect(report.status.detail == "A good reason, for sure")
        #expect(report.outcome == .notVerified)
    }

    @Test func ob20SignedBadgeWhoseIssuerProfileIsNotFetchedSaysWhatItNeeds() throws {
        var source = try Self.ob20Source()
        source.answers[IRI("https://example.org/organization.json")] = nil
        let token = String(decoding: try SharedMaterial.bytes("conformance/openbadges-signed/1edtech/ob20/simple.jwt"), as: UTF8.self)
        let report = Verifier(now: testNow).verify(token: token, source: source)
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .unbound)
        #expect(report.needed == ["https://example.org/organization.json"])
        #expect(report.outcome == .couldNotCheck)
    }

    // MARK: CLR 2.0 and OB 3.0 VC-JWT

    @Test func clr20JWTWithAHeaderKeyHasAValidSignatureButNoBinding() throws {
        let token = String(decoding: try SharedMaterial.bytes("conformance/openbadges-signed/1edtech/clr20/simple.jwt"), as: UTF8.self)
        let report = Verifier(now: testNow).verify(token: token, source: StaticKeySource())
        #expect(report.form == .vcJWT11)
        #expect(report.signature.state == .valid, "\(report.signature)")
        #expect(report.keyID == "jwk")
        #expect(report.keyBinding.state == .unbound)
        #expect(report.outcome != .verified)
    }

    @Test func ob30JWTThatNamesNoKeyReportsTheKeyUnavailable() throws {
        let token = String(decoding: try SharedMaterial.bytes("conformance/openbadges-signed/1edtech/ob30/simple.jwt"), as: UTF8.self)
        let report = Verifier(now: testNow).verify(token: token, source: StaticKeySource())
        #expect(report.form == .vcJWT11)
        #expect(report.signature.state == .keyUnavailable, "\(report.signature)")
        #expect(report.outcome == .couldNotCheck)
    }
}
