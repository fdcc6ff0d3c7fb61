import Crypto
import Foundation
import GRDB
import OpenBadges
import Testing
import Verification

@testable import EndorsementStore

/// Signed endorsements are verified when they are linked, against the documents the index holds; a key document
/// that arrives later re-verifies what depends on it, and what is missing is queued in the frontier.
@Suite struct SignedEndorsementTests {
    /// An Ed25519 key and compact JWS tokens made with it (swift-crypto's signer, not the verifier's code).
    struct Ed25519Signer {
        let key = Curve25519.Signing.PrivateKey()
        var didKey: String { "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + key.publicKey.rawRepresentation) }
        var jwk: String { #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))"}"# }

        func token(issuer: String, id: String = Fixture.endorsement.string, subject: String = Fixture.badge.string, kid: String? = nil) -> String {
            let header = kid.map { #"{"alg":"EdDSA","kid":"\#($0)"}"# } ?? #"{"alg":"EdDSA"}"#
            let payload = """
                {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"\(id)","type":["VerifiableCredential","EndorsementCredential"],\
                "issuer":"\(issuer)","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"\(subject)","type":"EndorsementSubject"}}
                """
            let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
            return input + "." + Base64URL.encode(try! key.signature(for: Array(input.utf8)))
        }
    }

    private func endorsement(token: String, endorser: IRI) -> Endorsement {
        var value = Fixture.endorsementValue(endorser: endorser)
        value.jwt = token
        value.proofKinds = ["jwt"]
        return value
    }

    private func keyDocument(_ url: IRI, _ json: String) -> IngestItem {
        IngestItem(fetch: FetchRecord(url: url, status: 200, contentType: "application/json", body: Array(json.utf8)), parsed: nil)
    }

    @Test func anEndorsementSignedByItsDidKeyIsSigned() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        let endorser = IRI(signer.didKey)
        try store.record(Fixture.endorsementDocument(endorsement(token: signer.token(issuer: signer.didKey), endorser: endorser)))

        let view = try #require(try store.endorsementView(endorser: endorser))
        #expect(view.verification == .signed)
        let check = try #require(view.signatureCheck)
        #expect(check.signature.state == .valid)
        #expect(check.keyBinding.state == .bound)
        #expect(check.outcome == .verified)
        #expect(try store.stats().endorsementsByVerification["signed"] == 1)
    }

    @Test func aForgedSignatureIsInvalidAndStaysVisible() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        let genuine = signer.token(issuer: signer.didKey)
        let parts = genuine.split(separator: ".")
        let otherPayload = Base64URL.decode(String(parts[1]))!.map { $0 == UInt8(ascii: "1") ? UInt8(ascii: "2") : $0 }
        let forged = "\(parts[0]).\(Base64URL.encode(otherPayload)).\(parts[2])"
        try store.record(Fixture.endorsementDocument(endorsement(token: forged, endorser: IRI(signer.didKey))))

        let view = try #require(try store.endorsementView(endorser: IRI(signer.didKey)))
        #expect(view.verification == .invalid)
        #expect(view.signatureCheck?.signature.state == .invalid)
    }

    @Test func aJWKSetArrivingLaterReverifiesAndTheCrawlIsToldToFetchIt() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let frontier = Frontier(store: store)
        let signer = Ed25519Signer()
        let jwks = IRI("https://endorser.example/.well-known/jwks.json")
        let document = Fixture.endorsementDocument(endorsement(token: signer.token(issuer: Fixture.endorser.string), endorser: Fixture.endorser))
        try frontier.commit([], recording: [IngestItem(fetch: Fixture.fetch(document), parsed: document)])

        // Before the key set is fetched: hosted by the endorser (its provenance), the check could not be made, and the
        // key set is in the frontier.
        let before = try #require(try store.endorsementView())
        #expect(before.verification == .hosted)
        #expect(before.signatureCheck?.signature.state == .keyUnavailable)
        #expect(before.signatureCheck?.needed == [jwks])
        let queued = try frontier.claim(maxHosts: 10, perHost: 10).entries
        #expect(queued.map(\.url) == [jwks])
        #expect(queued.first?.reason == Frontier.verificationReason)

        try frontier.commit([], recording: [keyDocument(jwks, #"{"keys":[\#(signer.jwk)]}"#)])
        let after = try #require(try store.endorsementView())
        #expect(after.verification == .signed)
        #expect(after.signatureCheck?.keyBinding.state == .bound)

        // The key set changes to another key: the endorsement is checked again and no longer signed.
        try frontier.commit([], recording: [keyDocument(jwks, #"{"keys":[\#(Ed25519Signer().jwk)]}"#)])
        let rotated = try #require(try store.endorsementView())
        #expect(rotated.verification == .invalid)
    }

    @Test func aStoredCheckIsReusedOnlyForTheSameToken() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        let endorser = IRI(signer.didKey)
        let genuine = signer.token(issuer: signer.didKey)
        try store.record(Fixture.endorsementDocument(endorsement(token: genuine, endorser: endorser)))
        // The target arriving relinks the endorsement: same token, nothing its check read changed.
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]), at: 1)
        let relinked = try #require(try store.endorsementView(endorser: endorser))
        #expect(relinked.verification == .signed)
        #expect(relinked.acknowledged == .acknowledged)

        // The endorsement's document now serves a token with the same id whose signature does not match: it is
        // checked again, not given the genuine token's facts.
        let parts = genuine.split(separator: ".")
        let other = Base64URL.decode(String(parts[1]))!.map { $0 == UInt8(ascii: "1") ? UInt8(ascii: "3") : $0 }
        let forged = "\(parts[0]).\(Base64URL.encode(other)).\(parts[2])"
        try store.record(Fixture.endorsementDocument(endorsement(token: forged, endorser: endorser)), at: 2)
        #expect(try store.endorsementView(endorser: endorser)?.verification == .invalid)
    }

    @Test func checksMadeBeforeTheWriteAreKeptOnlyWhenTheyNeededNoDocument() throws {
        let signer = Ed25519Signer()
        let selfContained = Fixture.endorsementDocument(endorsement(token: signer.token(issuer: signer.didKey), endorser: IRI(signer.didKey)))
        let checks = OfflineCheck.checks(of: selfContained)
        #expect(checks.count == 1)
        #expect(checks.first?.outcome == .verified)
        // The issuer's key set is needed: only the linker, which sees the index, can check this one.
        let needsKeys = Fixture.endorsementDocument(endorsement(token: signer.token(issuer: Fixture.endorser.string), endorser: Fixture.endorser))
        #expect(OfflineCheck.checks(of: needsKeys).isEmpty)

        // Recorded with and without the check made beforehand: the same facts.
        var views: [EndorsementView] = []
        for checks in [checks, []] {
            let database = TemporaryDatabase()
            let store = try database.open()
            let item = IngestItem(fetch: Fixture.fetch(selfContained), parsed: selfContained, offlineChecks: checks)
            try Frontier(store: store).commit([], recording: [item])
            views.append(try #require(try store.endorsementView(endorser: IRI(signer.didKey))))
        }
        #expect(views[0].verification == .signed)
        #expect(views[0].signatureCheck == views[1].signatureCheck)
    }

    @Test func theLinkerTakesACheckMadeBeforeTheWriteForTheSameTokenOnly() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        let token = signer.token(issuer: signer.didKey)
        let document = Fixture.endorsementDocument(endorsement(token: token, endorser: IRI(signer.didKey)))
        // A check whose facts differ from what checking would give shows which one the linker used.
        var invalid = VerificationReport(form: .vcJWT20)
        invalid.signature = Fact(.invalid, "marker")
        let forDigest = { (digest: String) in OfflineCheck(digest: digest, factsJSON: invalid.json, outcome: .invalid) }
        let otherToken = IngestItem(fetch: Fixture.fetch(document), parsed: document, offlineChecks: [forDigest(SignedToken.digest(of: token + "x"))])
        try Frontier(store: store).commit([], recording: [otherToken])
        #expect(try store.endorsementView(endorser: IRI(signer.didKey))?.verification == .signed)

        let sameToken = IngestItem(fetch: Fixture.fetch(document, at: 1), parsed: document, offlineChecks: [forDigest(SignedToken.digest(of: token))])
        try Frontier(store: store).commit([], recording: [sameToken])
        let view = try #require(try store.endorsementView(endorser: IRI(signer.didKey)))
        #expect(view.verification == .invalid)
        #expect(view.signatureCheck?.signature.detail == "marker")
    }

    /// An OB 3.0 endorsement with an eddsa-rdfc-2022 proof by its issuer's did:key, as a document the crawl fetched.
    private func dataIntegrityEndorsement(signer: Ed25519Signer, comment: String = "We hire its graduates.") throws -> [UInt8] {
        let document: JSONValue = .object([
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]),
            "id": .string(Fixture.endorsement.string),
            "type": .array([.string("VerifiableCredential"), .string("EndorsementCredential")]),
            "issuer": .string(signer.didKey),
            "validFrom": .string("2026-01-01T00:00:00Z"),
            "credentialSubject": .object([
                "id": .string(Fixture.badge.string), "type": .array([.string("EndorsementSubject")]), "endorsementComment": .string(comment),
            ]),
        ])
        var proof: [String: JSONValue] = [
            "type": .string("DataIntegrityProof"), "cryptosuite": .string("eddsa-rdfc-2022"),
            "verificationMethod": .string(signer.didKey + "#" + signer.didKey.dropFirst("did:key:".count)),
            "proofPurpose": .string("assertionMethod"), "created": .string("2026-01-01T00:00:00Z"),
        ]
        let input = try ProofCanonicalizer.pinned.signingInput(document: document, proofOptions: .object(proof))
        proof["proofValue"] = .string(Multibase.encodeBase58btc(Array(try signer.key.signature(for: input))))
        guard case .object(var members) = document else { return [] }
        members["proof"] = .object(proof)
        return JSONValue.object(members).jcsCanonicalBytes
    }

    @Test func aDataIntegrityProofByTheIssuersDidKeyIsSignedAndATamperedOneInvalid() throws {
        let signer = Ed25519Signer()
        let genuine = try dataIntegrityEndorsement(signer: signer)
        var tampered = genuine
        tampered = Array(String(decoding: tampered, as: UTF8.self).replacingOccurrences(of: "We hire", with: "We never hire").utf8)
        for (body, expected) in [(genuine, VerificationLevel.signed), (tampered, .invalid)] {
            let database = TemporaryDatabase()
            let store = try database.open()
            let parsed = try DocumentParser().parse(body, url: Fixture.endorsement, contentType: "application/ld+json")
            let endorsement = try #require(parsed.endorsements.first)
            #expect(endorsement.proofDocument != nil)
            #expect(endorsement.jwt == nil)
            let item = IngestItem(
                fetch: FetchRecord(url: Fixture.endorsement, status: 200, contentType: "application/ld+json", body: body), parsed: parsed,
                offlineChecks: OfflineCheck.checks(of: parsed))
            try Frontier(store: store).commit([], recording: [item])
            let view = try #require(try store.endorsementView(endorser: IRI(signer.didKey)))
            #expect(view.verification == expected)
            #expect(view.signatureCheck?.form == .embeddedProof)
            #expect(view.signatureCheck?.algorithm == "DataIntegrityProof/eddsa-rdfc-2022")
        }
    }

    @Test func anHTTPCopyOfAKeySetNeverAnswersForHTTPS() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        try store.record([keyDocument("http://endorser.example/.well-known/jwks.json", #"{"keys":[\#(signer.jwk)]}"#)])
        try store.record(Fixture.endorsementDocument(endorsement(token: signer.token(issuer: Fixture.endorser.string), endorser: Fixture.endorser)))
        let view = try #require(try store.endorsementView())
        #expect(view.verification == .hosted)
        #expect(view.signatureCheck?.signature.state == .keyUnavailable)
    }

    @Test func aKeyURLTheCrawlCouldNotFetchSaysWhy() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        let keyURL = IRI("https://endorser.example/keys/1.json")
        try store.record([IngestItem(fetch: FetchRecord(url: keyURL, status: 404), parsed: nil)])
        let token = signer.token(issuer: Fixture.endorser.string, kid: keyURL.string)
        try store.record(Fixture.endorsementDocument(endorsement(token: token, endorser: Fixture.endorser)))
        let check = try #require(try store.endorsementView()?.signatureCheck)
        #expect(check.signature.state == .keyUnavailable)
        #expect(check.signature.detail?.contains("HTTP 404") == true)
    }

    @Test func reindexVerifiesAgainFromStoredBodies() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        let document = Fixture.endorsementDocument(endorsement(token: signer.token(issuer: signer.didKey), endorser: IRI(signer.didKey)))
        try store.record(Fixture.fetch(document), parsed: document)
        _ = try store.reindex { fetch in fetch.url == document.url ? document : nil }
        #expect(try store.endorsementView(endorser: IRI(signer.didKey))?.verification == .signed)
    }

    @Test func aJWTDocumentKeepsItsTokenOnceAndIsVerifiedFromItsBody() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let signer = Ed25519Signer()
        let url = IRI("https://endorser.example/e/1.jwt")
        // Served with a trailing newline, as files often are: the parser trims the token, and so does the linker.
        let body = Array((signer.token(issuer: signer.didKey) + "\n").utf8)
        let parsed = try DocumentParser().parse(body, url: url, contentType: "application/jwt")
        try store.record(FetchRecord(url: url, status: 200, contentType: "application/jwt", body: body), parsed: parsed)
        #expect(try store.endorsementView(endorser: IRI(signer.didKey))?.verification == .signed)
        let stored = try store.read { db in try String.fetchAll(db, sql: "SELECT token FROM contribution WHERE kind = 'endorsement'") }
        #expect(stored == [Contributions.tokenIsBody])

        _ = try store.reindex(with: DocumentParser())
        #expect(try store.endorsementView(endorser: IRI(signer.didKey))?.verification == .signed, "verified again from the stored body")
    }
}
