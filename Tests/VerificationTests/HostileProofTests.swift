import Crypto
import Foundation
import OpenBadges
import Testing

@testable import Verification

/// Documents built to make JSON-LD processing or canonicalization expensive or ambiguous, each carrying a
/// well-formed eddsa-rdfc-2022 proof by a did:key: every one ends in a named fact, in bounded time, never signed.
@Suite struct HostileProofTests {
    static let key = Curve25519.Signing.PrivateKey()
    static var did: String { "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + key.publicKey.rawRepresentation) }

    /// `members` as a credential with a proof (the proof value is random: the document never gets that far).
    static func credential(_ members: [String: JSONValue], context: JSONValue = .array([.string("https://www.w3.org/ns/credentials/v2")])) -> JSONValue {
        var all = members
        all["@context"] = context
        all["type"] = .array([.string("VerifiableCredential")])
        all["issuer"] = .string(did)
        all["proof"] = .object([
            "type": .string("DataIntegrityProof"), "cryptosuite": .string("eddsa-rdfc-2022"),
            "verificationMethod": .string(did + "#" + did.dropFirst("did:key:".count)), "proofPurpose": .string("assertionMethod"),
            "proofValue": .string(Multibase.encodeBase58btc(Array(repeating: 7, count: 64))),
        ])
        return .object(all)
    }

    static func check(_ credential: JSONValue, expect states: Set<SignatureState>, mentioning words: String) {
        let report = Verifier().verify(credential: credential, source: StaticKeySource())
        #expect(states.contains(report.signature.state), "\(report.signature.state): \(report.signature.detail ?? "")")
        #expect(report.signature.detail?.contains(words) == true, "\(report.signature.detail ?? "")")
        #expect(report.outcome != .verified)
    }

    @Test func aContextEndorseDoesNotShipIsNeverFetched() {
        let context: JSONValue = .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://evil.example/context.jsonld")])
        Self.check(Self.credential(["name": .string("x")], context: context), expect: [.unsupported], mentioning: "https://evil.example/context.jsonld")
    }

    /// A document as text, the way one arrives: nesting is bounded by the reader before any JSON-LD processing.
    static func verifyText(_ text: String) -> VerificationReport {
        Verifier().verify(bytes: Array(text.utf8), source: StaticKeySource())
    }

    @Test func tenThousandNestedScopedContextsAreRefusedByTheReader() {
        let contexts = String(repeating: #"{"deep":{"@id":"https://example.org/deep","@context":"#, count: 10_000) + "{}"
            + String(repeating: "}}", count: 10_000)
        let report = Self.verifyText(#"{"@context":["https://www.w3.org/ns/credentials/v2","# + contexts + #"],"proof":{"type":"DataIntegrityProof"}}"#)
        #expect(report.signature.state == .invalid)
        #expect(report.signature.detail?.contains("not JSON endorse reads") == true, "\(report.signature.detail ?? "")")
    }

    @Test func nestingWithinTheReadersBoundStopsAtTheProcessorsOrIsCanonicalized() throws {
        // 60 levels: read, then processed (within JSON-LD's own depth bound), and the random proof value fails.
        let context = #"{"child":{"@id":"https://example.org/child"}}"#
        let nested = String(repeating: #"{"child":"#, count: 55) + #""bottom""# + String(repeating: "}", count: 55)
        let text = #"{"@context":["https://www.w3.org/ns/credentials/v2",\#(context)],"type":["VerifiableCredential"],"issuer":"\#(Self.did)","child":\#(nested),"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","verificationMethod":"\#(Self.did)#\#(Self.did.dropFirst(8))","proofPurpose":"assertionMethod","proofValue":"\#(Multibase.encodeBase58btc(Array(repeating: 7, count: 64)))"}}"#
        let report = Self.verifyText(text)
        #expect(report.signature.state == .invalid)
        #expect(report.signature.detail?.contains("does not match") == true, "\(report.signature.detail ?? "")")
    }

    @Test func aListOfAMillionItemsStops() {
        let context: JSONValue = .array([
            .string("https://www.w3.org/ns/credentials/v2"),
            .object(["items": .object(["@id": .string("https://example.org/items"), "@container": .string("@list")])]),
        ])
        let items = JSONValue.array(Array(repeating: .number(1), count: 1_000_000))
        Self.check(Self.credential(["credentialSubject": .object(["items": items])], context: context), expect: [.unsupported], mentioning: "too costly")
    }

    @Test func aHundredThousandBlankNodesStop() {
        let nodes = JSONValue.array(Array(repeating: .object(["name": .string("same")]), count: 100_000))
        Self.check(Self.credential(["credentialSubject": nodes]), expect: [.unsupported], mentioning: "too costly")
    }

    @Test func anIRIWithSpacesIsNotSigned() {
        let credential = Self.credential(["credentialSubject": .object(["id": .string("https://badges.example/a badge"), "name": .string("x")])])
        Self.check(credential, expect: [.invalid], mentioning: "not all of the document is signed")
    }

    @Test func anUndefinedTermIsNotSigned() {
        // The VC 2.0 context has @vocab, so use a context without one: the term would be dropped, so it is refused.
        let context: JSONValue = .array([.string("https://www.w3.org/2018/credentials/v1"), .string("https://w3id.org/security/data-integrity/v2")])
        Self.check(Self.credential(["unsignedClaim": .string("anything")], context: context), expect: [.invalid], mentioning: "unsignedClaim")
    }

    @Test func aNumberBeyondADoubleIsNoCredential() {
        let text = #"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"credentialSubject":{"n":1e999},"proof":{}}"#
        let report = Verifier().verify(bytes: Array(text.utf8), source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.outcome == .invalid)
    }
}
