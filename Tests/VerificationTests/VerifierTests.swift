import Foundation
import OpenBadges
import Testing

@testable import Verification

/// Tokens signed in the test with real keys, verified through each way a key can be found and bound.
struct VerifierTests {
    private let verifier = Verifier(now: testNow)

    @Test func ed25519DidKeyIssuerIsVerified() throws {
        let signer = Signer.ed25519()
        let token = signer.token(
            header: ["kid": .string(signer.didKey + "#" + signer.didKey.dropFirst(8))], payload: endorsementPayload(issuer: signer.didKey))
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.form == .vcJWT20)
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .bound)
        #expect(report.key == "Ed25519")
        #expect(report.outcome == .verified, "\(report.summary)")
        #expect(report.summary.hasPrefix("signed by did:key:z6Mk"))
    }

    @Test func p256DidKeyIssuerWithoutKidIsVerified() {
        let signer = Signer.p256()
        let report = verifier.verify(token: signer.token(payload: endorsementPayload(issuer: signer.didKey)), source: StaticKeySource())
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .bound)
        #expect(report.outcome == .verified, "\(report.summary)")
    }

    @Test func aTamperedPayloadIsInvalid() {
        let signer = Signer.ed25519()
        let token = signer.token(payload: endorsementPayload(issuer: signer.didKey))
        let parts = token.split(separator: ".")
        let forged = Base64URL.encode(Array(endorsementPayload(issuer: signer.didKey, subject: "https://issuer.example/badges/other").utf8))
        let report = verifier.verify(token: "\(parts[0]).\(forged).\(parts[2])", source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.outcome == .invalid)
        #expect(report.summary.hasPrefix("INVALID"))
    }

    @Test func aDidKeyIssuerSigningWithAnotherKeyIsInvalid() {
        let issuer = Signer.ed25519()
        let forger = Signer.ed25519()
        // The forger names the real issuer, and signs with its own key while pointing kid at the issuer's.
        let token = forger.token(header: ["kid": .string(issuer.didKey)], payload: endorsementPayload(issuer: issuer.didKey))
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.outcome == .invalid)
    }

    @Test func didWebMethodListedInAssertionMethodIsBound() throws {
        let signer = Signer.p256()
        let did = "did:web:endorser.example"
        let document: JSONValue = .object([
            "id": .string(did),
            "verificationMethod": .array([
                .object(["id": .string("#key-1"), "type": .string("JsonWebKey2020"), "controller": .string(did), "publicKeyJwk": signer.jwk])
            ]),
            "assertionMethod": .array([.string("#key-1")]),
        ])
        let source = StaticKeySource(json: ["https://endorser.example/.well-known/did.json": document])
        let report = verifier.verify(
            token: signer.token(header: ["kid": .string(did + "#key-1")], payload: endorsementPayload(issuer: did)), source: source)
        #expect(report.signature.state == .valid, "\(report.signature)")
        #expect(report.keyBinding.state == .bound, "\(report.keyBinding)")
        #expect(report.keyID == did + "#key-1")
        #expect(report.outcome == .verified)
    }

    @Test func didWebMethodNotListedForAssertionIsUnbound() {
        let signer = Signer.ed25519()
        let did = "did:web:endorser.example:people:ann"
        let multikey = String(signer.didKey.dropFirst("did:key:".count))
        let document: JSONValue = .object([
            "id": .string(did),
            "verificationMethod": .array([
                .object([
                    "id": .string(did + "#auth"), "type": .string("Multikey"), "controller": .string(did), "publicKeyMultibase": .string(multikey),
                ])
            ]),
            "authentication": .array([.string(did + "#auth")]),
        ])
        let source = StaticKeySource(json: ["https://endorser.example/people/ann/did.json": document])
        let report = verifier.verify(
            token: signer.token(header: ["kid": .string(did + "#auth")], payload: endorsementPayload(issuer: did)), source: source)
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .unbound)
        #expect(report.outcome == .notVerified)
    }

    @Test func aKeyOfAnotherDidIsBoundToSomeoneElseAndInvalid() {
        let signer = Signer.ed25519()
        let other = "did:web:other.example"
        let multikey = String(signer.didKey.dropFirst("did:key:".count))
        let document: JSONValue = .object([
            "id": .string(other),
            "verificationMethod": .array([.object(["id": .string("#k"), "type": .string("Multikey"), "publicKeyMultibase": .string(multikey)])]),
            "assertionMethod": .array([.string("#k")]),
        ])
        let source = StaticKeySource(json: ["https://other.example/.well-known/did.json": document])
        let token = signer.token(header: ["kid": .string(other + "#k")], payload: endorsementPayload(issuer: "did:web:endorser.example"))
        let report = verifier.verify(token: token, source: source)
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .boundToOther)
        #expect(report.outcome == .invalid)
    }

    @Test func aKeyInTheIssuerOriginsJWKSIsBound() throws {
        let signer = try Signer.rsa()
        var jwk = signer.jwk.object ?? [:]
        jwk["kid"] = .string("2026")
        let source = StaticKeySource(json: [
            "https://endorser.example/.well-known/jwks.json": .object(["keys": .array([Signer.ed25519().jwk, .object(jwk)])])
        ])
        let token = signer.token(header: ["kid": .string("2026")], payload: endorsementPayload(issuer: "https://endorser.example/profile"))
        let report = verifier.verify(token: token, source: source)
        #expect(report.signature.state == .valid, "\(report.signature)")
        #expect(report.keyBinding.state == .bound, "\(report.keyBinding)")
        #expect(report.key == "RSA-2048")
        #expect(report.outcome == .verified)
    }

    @Test func aHeaderKeyIsBoundOnlyWhenTheIssuerPublishesIt() {
        let signer = Signer.p256()
        let token = signer.token(header: ["jwk": signer.jwk], payload: endorsementPayload(issuer: "https://endorser.example/profile"))
        let unpublished = verifier.verify(
            token: token, source: StaticKeySource(json: ["https://endorser.example/.well-known/jwks.json": .object(["keys": .array([])])]))
        #expect(unpublished.signature.state == .valid)
        #expect(unpublished.keyBinding.state == .unbound)
        #expect(unpublished.outcome == .notVerified)

        let published = verifier.verify(
            token: token, source: StaticKeySource(json: ["https://endorser.example/.well-known/jwks.json": .object(["keys": .array([signer.jwk])])]))
        #expect(published.keyBinding.state == .bound)
        #expect(published.outcome == .verified)
    }

    @Test func aKeyURLThatIsNotFetchedYetIsListedAsNeeded() {
        let signer = Signer.ed25519()
        let token = signer.token(
            header: ["kid": .string("https://endorser.example/keys/1.json")], payload: endorsementPayload(issuer: "https://endorser.example/profile"))
        let report = verifier.verify(token: token, source: StaticKeySource())
        #expect(report.signature.state == .keyUnavailable)
        #expect(report.needed == ["https://endorser.example/keys/1.json"])
        #expect(report.outcome == .couldNotCheck)

        var jwk = signer.jwk.object ?? [:]
        jwk["kid"] = .string("1")
        let fetched = verifier.verify(token: token, source: StaticKeySource(json: ["https://endorser.example/keys/1.json": .object(jwk)]))
        #expect(fetched.signature.state == .valid)
        // A lone key document proves nothing about who holds it; the issuer's JWK Set is asked next.
        #expect(fetched.keyBinding.state == .unbound)
        #expect(fetched.needed == ["https://endorser.example/.well-known/jwks.json"])
    }

    @Test(arguments: [("HTTP 404", "404"), ("refused: loopback address 127.0.0.1", "refused"), ("redirect loop", "redirect")])
    func aKeyThatCannotBeHadSaysWhy(reason: String, word: String) {
        let signer = Signer.ed25519()
        let token = signer.token(
            header: ["kid": .string("https://endorser.example/k.json")], payload: endorsementPayload(issuer: "https://endorser.example/p"))
        let report = verifier.verify(token: token, source: StaticKeySource([IRI("https://endorser.example/k.json"): .unavailable(reason)]))
        #expect(report.signature.state == .keyUnavailable)
        #expect(report.signature.detail?.contains(word) == true)
        #expect(report.needed.isEmpty)
    }

    @Test func aKidURLAnsweringHTMLIsNotAKey() {
        let signer = Signer.ed25519()
        let token = signer.token(
            header: ["kid": .string("https://endorser.example/k")], payload: endorsementPayload(issuer: "https://endorser.example/p"))
        let report = verifier.verify(
            token: token, source: StaticKeySource([IRI("https://endorser.example/k"): .document(Array("<html>no</html>".utf8))]))
        #expect(report.signature.state == .keyUnavailable)
        #expect(report.signature.detail?.contains("not JSON") == true)
    }

    @Test func ob2KeyOwnedByAnotherProfileIsInvalid() throws {
        let signer = try Signer.rsa()
        let payload = JSONText.write(
            .object([
                "@context": .string("https://w3id.org/openbadges/v2"), "type": .string("Endorsement"), "id": .string("https://endorser.example/e/1"),
                "issuer": .string("https://endorser.example/profile"), "claim": .object(["id": .string("https://issuer.example/badge")]),
                "issuedOn": .string("2026-01-01T00:00:00Z"),
                "verification": .object(["type": .string("SignedBadge"), "creator": .string("https://mallory.example/key")]),
            ]))
        let source = StaticKeySource(json: [
            "https://mallory.example/key": .object([
                "id": .string("https://mallory.example/key"), "type": .string("CryptographicKey"),
                "owner": .string("https://mallory.example/profile"),
                "publicKeyPem": .string(signer.pem),
            ]),
            "https://endorser.example/profile": .object(["id": .string("https://endorser.example/profile"), "type": .string("Profile")]),
        ])
        let report = verifier.verify(token: signer.token(payload: payload), source: source)
        #expect(report.form == .ob2Signed)
        #expect(report.signature.state == .valid)
        #expect(report.keyBinding.state == .boundToOther)
        #expect(report.outcome == .invalid)
    }

    @Test func a1024BitOB2KeyVerifiesAndIsMarkedWeak() throws {
        let signer = try Signer.rsa(bits: 1024)
        let payload = JSONText.write(
            .object([
                "@context": .string("https://w3id.org/openbadges/v2"), "type": .string("Endorsement"), "id": .string("https://endorser.example/e/1"),
                "issuer": .string("https://endorser.example/profile"),
                "verification": .object(["type": .string("SignedBadge"), "creator": .string("https://endorser.example/key")]),
            ]))
        let source = StaticKeySource(json: [
            "https://endorser.example/key": .object(["owner": .string("https://endorser.example/profile"), "publicKeyPem": .string(signer.pem)]),
            "https://endorser.example/profile": .object([
                "id": .string("https://endorser.example/profile"), "publicKey": .string("https://endorser.example/key"),
            ]),
        ])
        let report = verifier.verify(token: signer.token(payload: payload), source: source)
        #expect(report.signature.state == .valid)
        #expect(report.weakKey)
        #expect(report.key == "RSA-1024")
        #expect(report.outcome == .verified)
        #expect(report.summary.contains("weak key"))
    }

    // MARK: Validity and claims

    @Test func expiredAndNotYetValidCredentialsAreNotVerified() {
        let signer = Signer.ed25519()
        let expired = verifier.verify(
            token: signer.token(payload: endorsementPayload(issuer: signer.didKey, validUntil: "2026-05-01T00:00:00Z")), source: StaticKeySource())
        #expect(expired.signature.state == .valid)
        #expect(expired.validity.state == .expired)
        #expect(expired.outcome == .notVerified)

        let future = verifier.verify(
            token: signer.token(payload: endorsementPayload(issuer: signer.didKey, validFrom: "2027-01-01T00:00:00Z")), source: StaticKeySource())
        #expect(future.validity.state == .notYetValid)
        #expect(future.outcome == .notVerified)
    }

    @Test func theClockSkewIsAllowedEitherSide() {
        let signer = Signer.ed25519()
        let justExpired = endorsementPayload(issuer: signer.didKey, validUntil: "2026-05-31T23:57:00Z")  // 3 minutes before now
        #expect(verifier.verify(token: signer.token(payload: justExpired), source: StaticKeySource()).validity.state == .current)
        let strict = Verifier(now: testNow, clockSkew: 0)
        #expect(strict.verify(token: signer.token(payload: justExpired), source: StaticKeySource()).validity.state == .expired)
    }

    @Test func jwtExpClaimExpiresAVC11Token() {
        let signer = Signer.ed25519()
        let credential = JSONValue.parse(endorsementPayload(issuer: signer.didKey))!
        let payload = JSONText.write(.object(["vc": credential, "iss": .string(signer.didKey), "exp": .number(1_700_000_000)]))
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource())
        #expect(report.form == .vcJWT11)
        #expect(report.validity.state == .expired)
    }

    @Test func claimsThatContradictTheCredentialAreInvalid() {
        let signer = Signer.ed25519()
        let payload = endorsementPayload(issuer: signer.didKey, extra: ["iss": .string("did:key:z6MkOther"), "jti": .string("urn:uuid:other")])
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource())
        #expect(report.signature.state == .valid)
        #expect(report.claimProblems.count == 2)
        #expect(report.outcome == .invalid)
    }

    @Test func anUnreadableStatusListIsUnknownNotActive() {
        let signer = Signer.ed25519()
        let payload = endorsementPayload(
            issuer: signer.didKey,
            extra: [
                "credentialStatus": .object([
                    "type": .string("BitstringStatusListEntry"), "statusListCredential": .string("https://endorser.example/status/1"),
                ])
            ])
        let report = verifier.verify(token: signer.token(payload: payload), source: StaticKeySource())
        #expect(report.status.state == .unknown)
        #expect(report.outcome == .couldNotCheck)
    }

    @Test func unsignedJSONAndEmbeddedProofsAreReportedAsSuch() {
        let plain = verifier.verify(bytes: Array(endorsementPayload(issuer: "https://endorser.example/p").utf8), source: StaticKeySource())
        #expect(plain.form == .unsigned)
        #expect(plain.signature.state == .missing)
        #expect(plain.outcome == .notVerified)

        // A proof of a suite endorse checks, without purpose, key or value: invalid, never signed.
        let incomplete = endorsementPayload(
            issuer: "did:key:z6Mk", extra: ["proof": .object(["type": .string("DataIntegrityProof"), "cryptosuite": .string("eddsa-rdfc-2022")])])
        let report = verifier.verify(bytes: Array(incomplete.utf8), source: StaticKeySource())
        #expect(report.form == .embeddedProof)
        #expect(report.signature.state == .invalid)
        #expect(report.algorithm == "DataIntegrityProof/eddsa-rdfc-2022")

        // A suite endorse does not check is named.
        let other = endorsementPayload(
            issuer: "did:key:z6Mk", extra: ["proof": .object(["type": .string("DataIntegrityProof"), "cryptosuite": .string("bbs-2023")])])
        let unsupported = verifier.verify(bytes: Array(other.utf8), source: StaticKeySource())
        #expect(unsupported.signature.state == .unsupported)
        #expect(unsupported.signature.detail?.contains("bbs-2023") == true)
        #expect(unsupported.outcome == .couldNotCheck)
    }
}
