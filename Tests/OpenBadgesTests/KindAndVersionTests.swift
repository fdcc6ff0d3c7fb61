import Foundation
import Testing

@testable import OpenBadges

/// Kind detection by `type` / `@type` (any spelling) and by shape, and version detection by `@context`.
struct KindAndVersionTests {
    @Test(arguments: [
        (#"{"type": "BadgeClass", "name": "B"}"#, ObjectKind.badge),
        (#"{"@type": "BadgeClass", "name": "B"}"#, .badge),
        (#"{"type": ["BadgeClass"], "name": "B"}"#, .badge),
        (#"{"type": "https://w3id.org/openbadges#BadgeClass"}"#, .badge),
        (#"{"type": "obi:Assertion"}"#, .assertion),
        (#"{"type": ["Achievement", "https://w3id.org/openbadges#BadgeClass"]}"#, .badge),
        (#"{"type": "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement"}"#, .badge),
        (#"{"type": "Issuer", "name": "I"}"#, .profile),
        (#"{"type": "Profile"}"#, .profile),
        (#"{"type": ["VerifiableCredential", "OpenBadgeCredential"]}"#, .assertion),
        (#"{"type": ["VerifiableCredential", "AchievementCredential"]}"#, .assertion),
        (#"{"type": ["VerifiableCredential", "EndorsementCredential"]}"#, .endorsement),
        (#"{"type": "Endorsement"}"#, .endorsement),
        (#"{"type": "Assertion", "extensions:Endorsement": {"type": ["Extension", "extensions:Endorsement"], "description": "d"}}"#, .endorsement),
        // Shape fallbacks: empty, missing or generic type.
        (#"{"type": "", "claim": "https://x.example/b"}"#, .endorsement),
        (#"{"claim": {"id": "https://x.example/b"}}"#, .endorsement),
        (#"{"type": "VerifiableCredential", "credentialSubject": {"type": "EndorsementSubject", "id": "https://x.example/p"}}"#, .endorsement),
        (#"{"credentialSubject": {"achievement": "https://x.example/a"}}"#, .assertion),
        (#"{"badge": "https://x.example/b", "recipient": {"identity": "a@b.c"}}"#, .assertion),
        (#"{"type": "", "criteria": {"narrative": "do"}, "name": "N"}"#, .badge),
        (#"{"name": "Org", "url": "https://org.example"}"#, .profile),
        (#"{"name": "Org", "email": "a@org.example"}"#, .profile),
    ])
    func kindByTypeOrShape(json: String, kind: ObjectKind) throws {
        #expect(try Fixtures.parse(json).rootKind == kind, "\(json)")
    }

    @Test(arguments: [
        #"{"type": "RevocationList", "name": "x", "url": "https://x.example"}"#,
        #"{"type": "Image", "id": "https://x.example/i.png"}"#,
        #"{"narrative": "just criteria"}"#,
        #"{}"#,
    ])
    func otherObjectsAreNotOpenBadges(json: String) throws {
        let doc = try Fixtures.parse(json)
        #expect(doc.rootKind == nil)
        #expect(!doc.isOpenBadges)
        #expect(doc.warningCodes == ["object.unrecognized"])
    }

    @Test(arguments: [
        (#"{"@context": "https://w3id.org/openbadges/v1", "type": "BadgeClass"}"#, OpenBadgesVersion.v1_1),
        (#"{"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass"}"#, .v2_0),
        (#"{"@context": ["https://w3id.org/openbadges/v2", {"extra": "x"}], "type": "BadgeClass"}"#, .v2_0),
        (#"{"@context": {"obi": "https://w3id.org/openbadges#"}, "type": "BadgeClass"}"#, .v2_0),
        (#"{"@context": "https://example.org/unknown", "type": "BadgeClass"}"#, .v2_0),
        (#"{"criteria": "https://x.example/c", "name": "B"}"#, .v1_0),
        (#"{"recipient": "a@b.c", "badge": "https://x.example/b"}"#, .v0_5),
        (
            #"{"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], "type": "Achievement"}"#,
            .v3_0
        ),
        (
            #"{"@context": ["https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context.json"], "type": ["VerifiableCredential", "EndorsementCredential"]}"#,
            .v3_0
        ),
        (#"{"@context": "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json", "type": "Achievement"}"#, .v3_0),
        (#"{"@context": ["https://www.w3.org/ns/did/v1", "https://www.w3.org/ns/credentials/v2"], "type": "Profile"}"#, .v3_0),
    ])
    func versionByContext(json: String, version: OpenBadgesVersion) throws {
        let doc = try Fixtures.parse(json)
        #expect(doc.version == version, "\(json)")
        let objectVersions =
            doc.badges.map(\.version) + doc.profiles.map(\.version) + doc.assertions.map(\.version)
            + doc.endorsements.map(\.version)
        #expect(objectVersions == [version])
    }

    @Test func embeddedObjectsInheritOrOverrideTheVersion() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": "https://w3id.org/openbadges/v2", "type": "Profile", "id": "https://p.example/",
             "endorsement": [{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential", "EndorsementCredential"],
                              "issuer": "https://e.example/", "credentialSubject": {"id": "https://p.example/", "type": "EndorsementSubject"}},
                             {"type": "Endorsement", "issuer": "https://f.example/", "claim": "https://p.example/"}]}
            """#)
        #expect(doc.profiles.first?.version == .v2_0)
        #expect(doc.endorsements.map(\.version) == [.v3_0, .v2_0])
    }
}
