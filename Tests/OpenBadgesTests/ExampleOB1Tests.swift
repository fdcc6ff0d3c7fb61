import Foundation
import SharedMaterial
import Testing

@testable import OpenBadges

/// OB 1.0 / 1.1 documents, the 1.1 endorsement extension, Badgr's test files and the validator's basic trios.
@Suite(.needsSharedMaterial)
struct ExampleOB1Tests {
    @Test(arguments: ["imsglobal-validator-core/testfiles/1_0_basic_assertion.json", "badgr-server/1_0_basic_instance.json"])
    func basicOB10AssertionUsesItsVerifyURL(file: String) throws {
        let doc = try Fixtures.example(file)
        #expect(doc.version == .v1_0)
        #expect(doc.rootKind == .assertion)
        let assertion = try #require(doc.assertions.first)
        #expect(assertion.id == "http://a.com/instance")
        #expect(assertion.badge == "http://a.com/badgeclass")
        #expect(assertion.issuedOn == Fixtures.date(2015, 4, 30))
        #expect(doc.hasLink("http://a.com/badgeclass", .badge))
    }

    @Test(arguments: ["imsglobal-validator-core/testfiles/1_0_basic_badgeclass.json", "badgr-server/1_0_basic_badgeclass.json"])
    func basicOB10BadgeClassHasNoId(file: String) throws {
        let doc = try Fixtures.example(file)
        #expect(doc.version == .v1_0)
        #expect(doc.rootKind == .badge)
        #expect(doc.rootID == nil)
        let badge = try #require(doc.badges.first)
        #expect(badge.name == "Basic Badge")
        #expect(badge.issuer == "http://a.com/issuer")
        #expect(badge.criteriaURL == "http://a.com/badgeclass_criteria")
        #expect(doc.hasLink("http://a.com/issuer", .issuer))
    }

    @Test(arguments: [
        ("imsglobal-validator-core/testfiles/1_0_basic_issuer.json", "http://a.com/issuer"),
        ("badgr-server/1_0_basic_issuer.json", "http://a.com/issuer/website"),
    ])
    func basicOB10IssuerByShape(file: String, homepage: String) throws {
        let doc = try Fixtures.example(file)
        #expect(doc.rootKind == .profile)
        #expect(doc.profiles.first?.name == "Basic Issuer")
        #expect(doc.profiles.first?.url == IRI(homepage))
        #expect(doc.hasLink(homepage, .homepage))
    }

    @Test(arguments: [
        ("1_1", OpenBadgesVersion.v1_1), ("2_0", OpenBadgesVersion.v2_0),
    ])
    func basicTriosByVersion(prefix: String, version: OpenBadgesVersion) throws {
        let folder = "imsglobal-validator-core/testfiles/"
        let assertion = try Fixtures.example(folder + prefix + "_basic_assertion.json")
        let badge = try Fixtures.example(folder + prefix + "_basic_badgeclass.json")
        let issuer = try Fixtures.example(folder + prefix + "_basic_issuer.json")
        #expect([assertion.version, badge.version, issuer.version] == [version, version, version])
        #expect(assertion.assertions.first?.badge == "https://example.org/robotics-badge.json")
        #expect(badge.badges.first?.issuer == "https://example.org/organization.json")
        #expect(issuer.profiles.first?.id == "https://example.org/organization.json")
        #expect(issuer.profiles.first?.email == "contact@example.org")
    }

    @Test func ob11EndorsementExtensionBecomesAnEndorsement() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/ext-endorsement-v1-assertion-extension.json")
        #expect(doc.version == .v1_1)
        #expect(doc.rootKind == .endorsement)
        #expect(doc.assertions.isEmpty)
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.id == "http://endorser.org/endorsement124")
        #expect(endorsement.subject == "http://anotherissuer.org/badgeclass5")
        #expect(endorsement.comment == "This badge is truly a work of art, and meaningful for its earners besides.")
        #expect(endorsement.issuedOn == Fixtures.date(2015, 5, 20))
        #expect(endorsement.version == .v1_1)
        #expect(doc.hasLink("http://endorser.org/endorsementclass1", .badge))
        #expect(doc.hasLink("http://anotherissuer.org/badgeclass5", .endorsementSubject))
    }

    @Test func ob11EndorserBadgeClassIsAPlainBadge() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/ext-endorsement-v1-endorser-badgeclass.json")
        #expect(doc.rootKind == .badge)
        #expect(doc.badges.first?.name == "Endorsement Badge")
        #expect(doc.badges.first?.issuer == "http://endorser.org/issuer1")
    }

    @Test func badgrAssertionWithLegacyVerifyAndIdlessIssuer() throws {
        let doc = try Fixtures.example("badgr-server/2_0_assertion_embedded_badgeclass.json")
        let assertion = try #require(doc.assertion("http://a.com/assertion-embedded1"))
        #expect(assertion.badge == "urn:uuid:8b4efa06-41bc-4f53-a80d-e3d5e063c936")
        #expect(assertion.issuedOn == Fixtures.date(2017, 6, 29, 21, 50, 14))
        let badge = try #require(doc.badge("urn:uuid:8b4efa06-41bc-4f53-a80d-e3d5e063c936"))
        #expect(badge.criteriaNarrative == "do it")
        #expect(badge.issuer == nil)
        let issuer = try #require(doc.profiles.first)
        #expect(issuer.id == nil)
        #expect(issuer.name == "Basic Issuer")
        #expect(doc.hasLink("http://a.com/issuer/website", .homepage))
        #expect(!doc.links.contains { $0.target.string.hasPrefix("urn:") })
    }
}

extension ExampleOB1Tests {
    @Test func ob11ExtensionWithEmbeddedEndorsementBadgeNamesTheEndorser() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": "https://w3id.org/openbadges/v1", "type": "Assertion", "id": "https://endorser.example/e/1",
             "recipient": {"type": "@id", "identity": "https://issuer.example/badges/5", "hashed": false},
             "badge": {"type": "BadgeClass", "id": "https://endorser.example/endorsement-badge", "name": "Endorsement Badge",
                       "issuer": {"type": "Issuer", "id": "https://endorser.example/org", "name": "Endorser Org"}},
             "extensions:Endorsement": {"type": ["Extension", "extensions:Endorsement"], "description": "Fine work"},
             "issuedOn": 1432080000}
            """#)
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.endorser == "https://endorser.example/org")
        #expect(endorsement.subject == "https://issuer.example/badges/5")
        #expect(endorsement.comment == "Fine work")
        #expect(endorsement.issuedOn == Fixtures.date(2015, 5, 20))
        #expect(doc.badge("https://endorser.example/endorsement-badge")?.name == "Endorsement Badge")
        #expect(doc.hasLink("https://endorser.example/org", .endorser))
    }
}
