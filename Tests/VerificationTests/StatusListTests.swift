import Foundation
import LoopbackWeb
import OpenBadges
import SharedMaterial
import Testing

@testable import Verification

/// Status lists: the encoded bitstrings of the 1EdTech and DCC fixtures, and lists signed in the test with the
/// credential issuer's own key (believed) or someone else's (not believed).
struct StatusListTests {
    private let verifier = Verifier(now: testNow)

    @Test(
        .needsSharedMaterial,
        arguments: [
            ("conformance/openbadges-signed/1edtech/ob30/bit-string-list/testlist", [23], 16_384),
            ("conformance/openbadges-signed/dcc/status/e5WK8CbZ1GjycuPombrj", [2, 6, 8], 12_500),
        ])
    func fixtureListsDecodeToTheirSetBits(path: String, set: [Int], bytes: Int) throws {
        let list = try JSONValue.parse(bytes: SharedMaterial.bytes(path), maxDepth: 64)
        let encoded = try #require(list["credentialSubject"]?["encodedList"]?.string)
        let bits = try #require(StatusCheck.decodeList(encoded))
        #expect(bits.count == bytes)
        let found = (0..<min(bits.count * 8, 4096)).filter { StatusCheck.entry(at: $0, size: 1, in: bits) == 1 }
        #expect(found == set)
    }

    @Test(.needsSharedMaterial) func aListWhoseEmbeddedProofCannotBeCheckedIsNotBelieved() throws {
        let url = "https://status.example/list"
        let list = try SharedMaterial.bytes("conformance/openbadges-signed/1edtech/ob30/bit-string-list/testlist")
        let signer = Signer.ed25519()
        let payload = endorsementPayload(issuer: signer.didKey, extra: ["credentialStatus": Self.entry(url, index: 23)])
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource([IRI(url): .document(list)]))
        // The list's proof names a key at https://example.com/..., which is not fetched: the list is not believed.
        #expect(report.status.state == .unknown)
        #expect(report.status.detail?.contains("is not verified") == true)
        #expect(report.outcome == .couldNotCheck)
    }

    @Test func multiBitEntriesAreReadMostSignificantFirst() {
        let bits: [UInt8] = [0b1011_0000, 0b0000_0001]
        #expect(StatusCheck.entry(at: 0, size: 1, in: bits) == 1)
        #expect(StatusCheck.entry(at: 1, size: 1, in: bits) == 0)
        #expect(StatusCheck.entry(at: 0, size: 2, in: bits) == 0b10)
        #expect(StatusCheck.entry(at: 1, size: 2, in: bits) == 0b11)
        #expect(StatusCheck.entry(at: 15, size: 1, in: bits) == 1)
        #expect(StatusCheck.entry(at: 16, size: 1, in: bits) == nil)
        #expect(StatusCheck.entry(at: Int.max, size: 8, in: bits) == nil)
    }

    static func entry(_ url: String, index: Int, purpose: String = "revocation") -> JSONValue {
        .object([
            "type": .string("BitstringStatusListEntry"), "statusPurpose": .string(purpose), "statusListIndex": .string(String(index)),
            "statusListCredential": .string(url),
        ])
    }

    /// A BitstringStatusListCredential of 16 KiB with `set` bits, signed by `signer` as a VC 2.0 JWT.
    static func signedList(by signer: Signer, issuer: String, set: [Int], purpose: String = "revocation") -> String {
        var bits = [UInt8](repeating: 0, count: 16_384)
        for index in set { bits[index / 8] |= 0x80 >> UInt8(index % 8) }
        let encoded = "u" + Base64URL.encode(Gzip.stored(bits))
        let list = JSONText.write(
            .object([
                "@context": .array([.string("https://www.w3.org/ns/credentials/v2")]), "id": .string("https://status.example/list"),
                "type": .array([.string("VerifiableCredential"), .string("BitstringStatusListCredential")]), "issuer": .string(issuer),
                "validFrom": .string("2026-01-01T00:00:00Z"),
                "credentialSubject": .object([
                    "id": .string("https://status.example/list#list"), "type": .string("BitstringStatusList"), "statusPurpose": .string(purpose),
                    "encodedList": .string(encoded),
                ]),
            ]))
        return signer.token(payload: list)
    }

    @Test(arguments: [(5, StatusState.revoked), (6, StatusState.active)])
    func aListSignedByTheIssuerIsBelieved(index: Int, state: StatusState) {
        let signer = Signer.ed25519()
        let url = "https://status.example/list"
        let list = Self.signedList(by: signer, issuer: signer.didKey, set: [5, 100])
        let payload = endorsementPayload(issuer: signer.didKey, extra: ["credentialStatus": Self.entry(url, index: index)])
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource([IRI(url): .document(Array(list.utf8))]))
        #expect(report.status.state == state, "\(report.status)")
        #expect(report.outcome == (state == .active ? .verified : .notVerified))
    }

    @Test func aSuspensionListSuspends() {
        let signer = Signer.ed25519()
        let url = "https://status.example/list"
        let list = Self.signedList(by: signer, issuer: signer.didKey, set: [7], purpose: "suspension")
        let payload = endorsementPayload(issuer: signer.didKey, extra: ["credentialStatus": Self.entry(url, index: 7, purpose: "suspension")])
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource([IRI(url): .document(Array(list.utf8))]))
        #expect(report.status.state == .suspended)
    }

    @Test func aListSignedBySomeoneElseIsNotBelieved() {
        let issuer = Signer.ed25519()
        let stranger = Signer.ed25519()
        let url = "https://status.example/list"
        // The stranger's list says nothing is revoked; it must not make the credential active.
        let list = Self.signedList(by: stranger, issuer: stranger.didKey, set: [])
        let payload = endorsementPayload(issuer: issuer.didKey, extra: ["credentialStatus": Self.entry(url, index: 3)])
        let report = verifier.verify(token: issuer.token(payload: payload), source: StaticKeySource([IRI(url): .document(Array(list.utf8))]))
        #expect(report.status.state == .unknown)
        #expect(report.status.detail?.contains("not \(issuer.didKey)") == true)
        #expect(report.outcome == .couldNotCheck)
    }

    @Test func anUnfetchedListIsNeededAndUnknown() {
        let signer = Signer.ed25519()
        let payload = endorsementPayload(issuer: signer.didKey, extra: ["credentialStatus": Self.entry("https://status.example/list", index: 3)])
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource())
        #expect(report.status.state == .unknown)
        #expect(report.needed == ["https://status.example/list"])
    }

    @Test func aGzipBombIsRefused() {
        // 64 MiB of zeros in about 400 KiB: over the 4 MiB limit.
        let bomb = Gzip.repeating(0, count: 64 << 20)
        #expect(Gunzip.decompress(bomb, limit: StatusCheck.maxListBytes) == nil)
        #expect(Gunzip.decompress(Array("not gzip".utf8), limit: 1024) == nil)
        #expect(Gunzip.decompress(Gzip.stored([1, 2, 3]), limit: 1024) == [1, 2, 3])
    }

    @Test func theOB3RevocationListRevokesByID() {
        let signer = Signer.ed25519()
        let url = "https://endorser.example/revocations"
        let payload = endorsementPayload(
            issuer: signer.didKey, extra: ["credentialStatus": .object(["id": .string(url), "type": .string("1EdTechRevocationList")])])
        let list: JSONValue = .object([
            "revokedCredentials": .array([
                .object(["id": .string("https://endorser.example/endorsements/1"), "revocationReason": .string("withdrawn")])
            ])
        ])
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource(json: [url: list]))
        #expect(report.status.state == .revoked)
        #expect(report.status.detail == "withdrawn")
    }
}
