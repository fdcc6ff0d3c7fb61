import Foundation
import OpenBadges
import SharedMaterial
import Testing

@testable import Verification

/// Signed OB 3.0 / CLR 2.0 credentials from the 1EdTech validator and DCC's verifier
/// (`../shared/conformance/openbadges-signed`, read in place), each reaching the signature fact its README table
/// gives. Where endorse differs from a source project's verdict on purpose the case says why: endorse never takes
/// a key from a `#z6Mk...` fragment of a did:web URL without the DID document that proves who controls it.
@Suite(.needsSharedMaterial) struct SignedBadgeConformanceTests {
    static let folder = "conformance/openbadges-signed/"

    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let signature: SignatureState
        var status: StatusState? = nil
        var validity: ValidityState? = nil
        /// Words the signature fact's detail must contain.
        var detail: String? = nil
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        // 1EdTech OB 3.0
        Case(file: "1edtech/ob30/simple.json", signature: .valid),
        Case(file: "1edtech/ob30/simple-did-key-method.json", signature: .valid),
        Case(file: "1edtech/ob30/simple-did-web-method.json", signature: .valid),
        Case(file: "1edtech/ob30/simple-eddsa-2022.json", signature: .valid),
        Case(file: "1edtech/ob30/simple_v1.json", signature: .valid),
        Case(file: "1edtech/ob30/simple-multiple-proofs.json", signature: .valid),
        Case(file: "1edtech/ob30/simple-context-alias.json", signature: .valid),
        Case(file: "1edtech/ob30/simple-context-version.json", signature: .valid),
        Case(file: "1edtech/ob30/endorsement-valid.json", signature: .valid),
        Case(file: "1edtech/ob30/endorsement-err-schema-status-refresh.json", signature: .invalid),
        Case(file: "1edtech/ob30/complete.json", signature: .valid),
        Case(file: "1edtech/ob30/credential-status-revoked.json", signature: .valid),
        Case(file: "1edtech/ob30/bit-string-list/credential-status-revoked.json", signature: .valid, status: .revoked),
        Case(file: "1edtech/ob30/bit-string-list/credential-status-revoked-blank-nodes.json", signature: .valid, status: .revoked),
        Case(file: "1edtech/ob30/sd/derivedcredential.json", signature: .unsupported),
        Case(file: "1edtech/ob30/simple-err-proof-value.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-proof-method.json", signature: .keyUnavailable),
        // The verificationMethod is not an IRI: in safe mode the proof options drop it, so nothing could be signed.
        Case(file: "1edtech/ob30/simple-err-proof-method-no-scheme.json", signature: .invalid, detail: "not all of the document is signed"),
        Case(file: "1edtech/ob30/simple-err-proof-method-unknown-scheme.json", signature: .keyUnavailable),
        Case(file: "1edtech/ob30/simple-err-proof-method-unknown-did-method.json", signature: .unsupported),
        Case(file: "1edtech/ob30/simple-err-expired.json", signature: .valid, validity: .expired),
        Case(file: "1edtech/ob30/simple-err-issued.json", signature: .valid, validity: .notYetValid),
        Case(file: "1edtech/ob30/simple-err-issuer.json", signature: .valid),
        Case(file: "1edtech/ob30/simple-err-context.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-credential-subject-achievement-result-description-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-credential-subject-identifier-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-credential-subject-profile-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-credential-subject-result-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-credential-subject-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-evidence-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-issuer-otheridentifier-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-issuer-parentorg-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-err-issuer-type.json", signature: .invalid),
        Case(file: "1edtech/ob30/simple-noproof.json", signature: .missing),
        // 1EdTech CLR 2.0
        Case(file: "1edtech/clr20/simple.json", signature: .valid),
        // The key is named `urn:uuid:...#z6Mk...`: nothing can be fetched for it, and endorse takes no key from a fragment.
        Case(file: "1edtech/clr20/simple_v1.json", signature: .keyUnavailable),
        Case(file: "1edtech/clr20/complex.json", signature: .valid),
        Case(file: "1edtech/clr20/simple_old_safesigned.json", signature: .unsupported),
        Case(file: "1edtech/clr20/simple-noproof.json", signature: .missing),
        // DCC verifier-core
        Case(file: "dcc/v1/v1NoStatus.json", signature: .valid, status: StatusState.none),
        Case(file: "dcc/v1/v1WithValidStatus.json", signature: .valid, status: .active),
        Case(file: "dcc/v1/v1Expired.json", signature: .valid, validity: .expired),
        Case(file: "dcc/v1/v1ExpiredWithValidStatus.json", signature: .valid, status: .active, validity: .expired),
        Case(file: "dcc/v1/v1Revoked.json", signature: .valid, status: .revoked),
        Case(file: "dcc/v1/v1RevokedAndExpired.json", signature: .valid, status: .revoked, validity: .expired),
        Case(file: "dcc/v1/v1SimpleIssuerId.json", signature: .valid),
        Case(file: "dcc/v1/v1OBv3SpecExample.json", signature: .valid),
        Case(file: "dcc/v1/testVC.json", signature: .invalid),
        Case(file: "dcc/v2/v2NoStatus.json", signature: .valid, status: StatusState.none),
        Case(file: "dcc/v2/v2WithValidStatus.json", signature: .valid, status: .active),
        Case(file: "dcc/v2/v2Expired.json", signature: .valid, validity: .expired),
        Case(file: "dcc/v2/v2ExpiredWithValidStatus.json", signature: .valid, status: .active, validity: .expired),
        Case(file: "dcc/v2/v2Revoked.json", signature: .valid, status: .revoked),
        Case(file: "dcc/v2/v2RevokedAndExpired.json", signature: .valid, status: .revoked, validity: .expired),
        Case(file: "dcc/v2/v2SimpleIssuerId.json", signature: .valid),
        Case(file: "dcc/v2/v2OBv3SpecExample.json", signature: .valid),
        // did:web documents are not bundled: endorse needs them and says so.
        Case(file: "dcc/v2/didWeb/v2didWebWithValidStatus.json", signature: .keyUnavailable),
        Case(file: "dcc/v2/didWeb/v2didWebMultikeyWithValidStatus.json", signature: .keyUnavailable),
        Case(file: "dcc/v2/didWeb/v2WithBadDidWeb.json", signature: .keyUnavailable),
        Case(file: "dcc/eddsa/v2/v2EddsaWithValidStatus.json", signature: .valid, status: .active),
        Case(file: "dcc/eddsa/v2/safeModeBreaker.json", signature: .invalid, detail: "not all of the document is signed"),
        Case(file: "dcc/eddsaAndEd25519/v2/v2DoubleSigWithValidStatus.json", signature: .valid, status: .active),
        Case(file: "dcc/eddsaAndEd25519/v2/v2DoubleSigWithBadStatusUrl.json", signature: .valid, status: .unknown),
    ]

    /// The status lists the fixtures name, served from the folder as a crawl would have fetched them.
    static var statusLists: StaticKeySource {
        get throws {
            let lists = [
                "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist":
                    "1edtech/ob30/bit-string-list/testlist",
                "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj":
                    "dcc/status/e5WK8CbZ1GjycuPombrj",
            ]
            var answers: [IRI: KeySourceAnswer] = [:]
            for (url, file) in lists { answers[IRI(url)] = .document(try SharedMaterial.bytes(folder + file)) }
            return StaticKeySource(answers)
        }
    }

    /// The 1EdTech fixtures name keys as `https://example.com/issuers/876543#z6Mk...` or `did:web:...#z6Mk...`, and
    /// its validator takes the key from the fragment. endorse takes a key only from the document at that URL (or the
    /// did:web document): here the controller document the issuer would publish, listing the key as an assertion
    /// method. DCC's did:web fixtures get none, as their DID documents are not bundled.
    static func issuerDocuments(for credential: JSONValue, into answers: inout [IRI: KeySourceAnswer]) {
        for proof in credential["proof"]?.values ?? [] {
            guard let method = proof["verificationMethod"]?.string, let hash = method.firstIndex(of: "#") else { continue }
            let controller = String(method[..<hash])
            let key = String(method[method.index(after: hash)...])
            let url: IRI
            if controller.hasPrefix("https://") {
                url = IRI(controller)
            } else if let didWeb = DIDWeb.documentURL(of: controller) {
                url = didWeb
            } else {
                continue
            }
            let document = """
                {"@context":["https://www.w3.org/ns/did/v1"],"id":"\(controller)","verificationMethod":[{"id":"\(method)",\
                "type":"Multikey","controller":"\(controller)","publicKeyMultibase":"\(key)"}],"assertionMethod":["\(method)"]}
                """
            answers[url] = .document(Array(document.utf8))
        }
    }

    /// With endorse's pinned contexts, as `endorse verify` and the crawl check them.
    @Test(arguments: cases)
    func eachFixtureReachesItsSignatureFact(_ fixture: Case) throws {
        try check(fixture, canonicalizer: .pinned)
    }

    /// With the shared test contexts (the validator's copy of OB 3.0.3, which defines `endorsementJwt`): the same.
    @Test(arguments: cases)
    func theSharedContextsGiveTheSameFacts(_ fixture: Case) throws {
        try check(fixture, canonicalizer: ProofCanonicalizer(loader: try SharedContexts()))
    }

    private func check(_ fixture: Case, canonicalizer: ProofCanonicalizer) throws {
        var verifier = Verifier(now: Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01
        verifier.canonicalizer = canonicalizer
        let bytes = try SharedMaterial.bytes(Self.folder + fixture.file)
        var source = try Self.statusLists
        if fixture.file.hasPrefix("1edtech/"), let credential = try? JSONValue.parse(bytes: bytes) {
            Self.issuerDocuments(for: credential, into: &source.answers)
        }
        let report = verifier.verify(bytes: bytes, source: source)
        #expect(report.signature.state == fixture.signature, "\(fixture.file): \(report.signature.detail ?? "")")
        if let detail = fixture.detail {
            #expect(report.signature.detail?.contains(detail) == true, "\(fixture.file): \(report.signature.detail ?? "")")
        }
        if let status = fixture.status { #expect(report.status.state == status, "\(fixture.file): \(report.status.detail ?? "")") }
        if let validity = fixture.validity { #expect(report.validity.state == validity, "\(fixture.file)") }
    }
}
