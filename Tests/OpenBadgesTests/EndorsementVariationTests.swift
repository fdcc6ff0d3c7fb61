import Foundation
import Testing

@testable import OpenBadges

/// Endorsements in every form: OB 2.0 claim variants, OB 3.0 credentials, JWT-encoded, Moodle's, without ids.
struct EndorsementVariationTests {
    @Test(arguments: [
        (#""claim": "https://b.example/badge""#, "https://b.example/badge" as String?, nil as String?),
        (#""claim": {"id": "https://b.example/badge"}"#, "https://b.example/badge", nil),
        (#""claim": {"id": "https://b.example/badge", "endorsementComment": "Great", "email": "x@y.z"}"#, "https://b.example/badge", "Great"),
        (#""claim": ["https://b.example/badge"]"#, "https://b.example/badge", nil),
        (#""claim": {"@id": "/badge", "endorsementComment": {"en": "Great", "fr": "Super"}}"#, "https://b.example/badge", "Great"),
    ])
    func claimForms(member: String, subject: String?, comment: String?) throws {
        let doc = try Fixtures.parse(
            #"{"type": "Endorsement", "id": "https://e.example/1", "issuer": "https://e.example/org", \#(member)}"#,
            url: "https://b.example/endorsement")
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.subject == subject.map { IRI($0) })
        #expect(endorsement.comment == comment)
        if let subject { #expect(doc.hasLink(subject, .endorsementSubject)) }
    }

    @Test func moodleEndorsementWithUntypedEmbeddedEndorser() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": "https://w3id.org/openbadges/v2", "type": "Endorsement",
             "id": "https://moodle.example/badges/endorsement_json.php?id=7",
             "issuer": {"id": "https://moodle.example/badges/endorsement_json.php?id=7&action=1", "name": "Acme Accreditation",
                        "email": "acme@example.com", "url": "https://acme.example"},
             "claim": "https://acme.example/some/page", "issuedOn": "2021-03-04T05:06:07+01:00", "verification": {"type": "hosted"}}
            """#, url: "https://moodle.example/badges/endorsement_json.php?id=7")
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.endorser == "https://moodle.example/badges/endorsement_json.php?id=7&action=1")
        #expect(endorsement.endorserName == "Acme Accreditation")
        #expect(endorsement.subject == "https://acme.example/some/page")
        #expect(endorsement.issuedOn == Fixtures.date(2021, 3, 4, 4, 6, 7))
        let endorser = try #require(doc.profiles.first)
        #expect(endorser.types.isEmpty)
        #expect(endorser.url == "https://acme.example")
        #expect(doc.hasLink("https://acme.example", .homepage))
    }

    @Test(arguments: [
        (#""verification": {"type": "HostedBadge"}"#, ["hosted"]),
        (#""verify": {"type": "hosted", "url": "https://e.example/1"}"#, ["hosted"]),
        (#""verification": {"type": "SignedBadge", "creator": "https://e.example/key"}"#, ["signed"]),
        (#""proof": {"type": "Ed25519Signature2020"}"#, ["Ed25519Signature2020"]),
        (
            #""proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}, {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdf-2022"}]"#,
            ["DataIntegrityProof/eddsa-rdfc-2022", "DataIntegrityProof/eddsa-rdf-2022"]
        ),
    ])
    func proofKinds(member: String, kinds: [String]) throws {
        let doc = try Fixtures.parse(#"{"type": "Endorsement", "id": "https://e.example/1", "claim": "https://b.example/", \#(member)}"#)
        #expect(doc.endorsements.first?.proofKinds == kinds)
    }

    @Test func didEndorserIsKeptButNotLinked() throws {
        let doc = try Fixtures.parse(
            #"""
            {"type": ["VerifiableCredential", "EndorsementCredential"], "id": "urn:uuid:1",
             "issuer": "did:web:endorser.example", "credentialSubject": {"type": ["EndorsementSubject"], "id": "https://b.example/a"}}
            """#)
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.endorser == "did:web:endorser.example")
        #expect(endorsement.key == "urn:uuid:1")
        #expect(!doc.links.contains { $0.reason == .endorser })
        #expect(doc.hasLink("https://b.example/a", .endorsementSubject))
    }

    @Test func idlessEndorsementKeyIsStableAcrossSpellingAndDiffersByContent() throws {
        let first = try Fixtures.parse(
            #"{"type": "Endorsement", "issuer": "https://e.example/", "claim": {"id": "https://b.example/", "endorsementComment": "ok"}}"#)
        let reordered = try Fixtures.parse(
            "{\n  \"claim\": {\"endorsementComment\": \"ok\", \"id\": \"https://b.example/\"},\n  \"issuer\": \"https://e.example/\", \"type\": \"Endorsement\"\n}"
        )
        let other = try Fixtures.parse(
            #"{"type": "Endorsement", "issuer": "https://e.example/", "claim": {"id": "https://b.example/", "endorsementComment": "ko"}}"#)
        let key = try #require(first.endorsements.first?.key)
        #expect(key.string.hasPrefix("urn:endorse:sha256:"))
        #expect(reordered.endorsements.first?.key == key)
        #expect(other.endorsements.first?.key != key)
        #expect(first.rootKind == .endorsement && first.rootID == nil)
    }

    @Test func listedByAndClaimsEdgesDiffer() throws {
        let doc = try Fixtures.parse(
            #"""
            {"type": "BadgeClass", "id": "https://b.example/badge", "issuer": "https://b.example/org",
             "endorsement": [{"type": "Endorsement", "issuer": "https://e.example/", "claim": {"id": "https://b.example/org", "endorsementComment": "org ok"}},
                             "https://e.example/endorsements/2"]}
            """#)
        let badge = try #require(doc.badges.first)
        let embedded = try #require(doc.endorsements.first)
        #expect(badge.endorsements == [embedded.key, "https://e.example/endorsements/2"])
        #expect(embedded.subject == "https://b.example/org")
        #expect(doc.hasLink("https://e.example/endorsements/2", .endorsement))
    }

    @Test func endorsementJwtOnProfileAndAchievement() throws {
        let payload = #"""
            {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
             "id": "https://e.example/credentials/9", "type": ["VerifiableCredential", "EndorsementCredential"], "name": "JWT endorsement",
             "issuer": {"id": "https://e.example/issuer", "type": "Profile", "name": "JWT Endorser"},
             "validFrom": "2022-01-01T00:00:00Z", "credentialSubject": {"id": "https://i.example/org", "type": "EndorsementSubject", "endorsementComment": "Signed praise"}}
            """#
        let token = Fixtures.jws(payload)
        let doc = try Fixtures.parse(
            #"""
            {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "Profile", "id": "https://i.example/org",
             "endorsementJwt": ["\#(token)", "not.a.jwt!"],
             "endorsement": []}
            """#)
        let endorsement = try #require(doc.endorsement("https://e.example/credentials/9"))
        #expect(endorsement.jwt == token)
        #expect(endorsement.proofKinds == ["jwt"])
        #expect(endorsement.comment == "Signed praise")
        #expect(endorsement.endorserName == "JWT Endorser")
        #expect(endorsement.issuedOn == Fixtures.date(2022, 1, 1))
        #expect(doc.profile("https://i.example/org")?.endorsements == ["https://e.example/credentials/9"])
        #expect(doc.warnings.map(\.code) == ["jwt.malformed"])
        #expect(doc.warnings.first?.path == "$.endorsementJwt[1]")

        let achievement = try Fixtures.parse(#"{"type": "Achievement", "id": "https://i.example/ach", "endorsementJwt": "\#(token)"}"#)
        #expect(achievement.badges.first?.endorsements == ["https://e.example/credentials/9"])
    }

    @Test func vc11JwtClaimsFillTheCredential() throws {
        let token = Fixtures.jws(
            #"""
            {"iss": "https://e.example/issuer", "jti": "urn:uuid:abc", "nbf": 1262304000, "exp": 1893456000,
             "vc": {"@context": ["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential", "EndorsementCredential"],
                    "credentialSubject": {"id": "https://i.example/badge", "type": "EndorsementSubject"}}}
            """#)
        let doc = try DocumentParser().parse(Array(token.utf8), url: "https://e.example/jwt/1", contentType: "application/vc+jwt")
        #expect(doc.format == .jwt)
        #expect(doc.rootKind == .endorsement)
        #expect(doc.version == .v3_0)
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.id == "urn:uuid:abc")
        #expect(endorsement.endorser == "https://e.example/issuer")
        #expect(endorsement.subject == "https://i.example/badge")
        #expect(endorsement.issuedOn == Fixtures.date(2010, 1, 1))
        #expect(endorsement.validUntil == Fixtures.date(2030, 1, 1))
        #expect(endorsement.jwt == token)
    }

    @Test func bareJwsBodyWithoutContentTypeIsSniffed() throws {
        let token = Fixtures.jws(
            #"{"type": "Assertion", "id": "https://i.example/a/1", "badge": "https://i.example/b/1", "recipient": {"identity": "x"}}"#)
        let doc = try DocumentParser().parse(Array("  \(token)\n".utf8), url: "https://i.example/a/1", contentType: nil)
        #expect(doc.format == .jwt)
        #expect(doc.assertions.first?.badge == "https://i.example/b/1")
    }
}
