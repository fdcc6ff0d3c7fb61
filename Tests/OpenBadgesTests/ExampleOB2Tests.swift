import Foundation
import SharedMaterial
import Testing

@testable import OpenBadges

/// The OB 2.0 documents of the corpus (`imsglobal-ob-spec-v2p0`, `1edtech-dc-public-validator/ob20`).
@Suite(.needsSharedMaterial)
struct ExampleOB2Tests {
    @Test func endorsement124ClaimsTheRoboticsBadge() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-endorsement-124-claim-badgeclass.json")
        #expect(doc.version == .v2_0)
        #expect(doc.rootKind == .endorsement)
        #expect(doc.rootID == "https://example.org/endorsement-124.json")
        let endorsement = try #require(doc.endorsement("https://example.org/endorsement-124.json"))
        #expect(endorsement.id == "https://example.org/endorsement-124.json")
        #expect(endorsement.endorser == "https://example.org/issuer-5.json")
        #expect(endorsement.subject == "https://example.org/robotics-badge.json")
        #expect(endorsement.comment?.hasPrefix("This badge and its associated learning material") == true)
        #expect(endorsement.issuedOn == Fixtures.date(2016, 12, 31, 23, 59, 59))
        #expect(endorsement.proofKinds == ["hosted"])
        #expect(!endorsement.revoked)
        #expect(doc.hasLink("https://example.org/issuer-5.json", .endorser))
        #expect(doc.hasLink("https://example.org/robotics-badge.json", .endorsementSubject))
        #expect(doc.warnings.isEmpty)
    }

    @Test func endorsement123WithTrailingCommaIsReadAndFlagged() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-endorsement-123-claim-issuer-email.json")
        #expect(doc.warnings.map(\.code) == ["json.trailingComma"])
        #expect(doc.warnings.first?.path == "$.claim.email")
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.subject == "https://example.org/organization.json")
        #expect(endorsement.comment == nil)
        #expect(endorsement.issuedOn == Fixtures.date(2016, 12, 31, 23, 59, 59))
    }

    @Test func endorsement125ClaimsAnAssertionAndItsRevokedStub() throws {
        let live = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-endorsement-125-claim-assertion.json")
        let endorsement = try #require(live.endorsements.first)
        #expect(endorsement.subject == "https://example.org/beths-robotics-badge.json")
        #expect(endorsement.comment == "This student built a great robot.")
        #expect(!endorsement.revoked)

        let revoked = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-endorsement-125-revoked.json")
        let stub = try #require(revoked.endorsements.first)
        #expect(stub.key == endorsement.key)
        #expect(stub.revoked)
        #expect(stub.revocationReason == "Issued in error.")
        #expect(stub.subject == nil && stub.issuedOn == nil)
        #expect(stub.endorser == "https://example.org/issuer-5.json")
    }

    @Test func specEndorsementSharesAnIdWithAnAssertion() throws {
        let endorsementDoc = try Fixtures.example("imsglobal-ob-spec-v2p0/spec-endorsement-claim-profile-email.json")
        let assertionDoc = try Fixtures.example("imsglobal-ob-spec-v2p0/spec-assertion-embedded-badgeclass-issuer.json")
        #expect(endorsementDoc.rootKind == .endorsement)
        #expect(assertionDoc.rootKind == .assertion)
        #expect(endorsementDoc.rootID == assertionDoc.rootID)
        let endorsement = try #require(endorsementDoc.endorsements.first)
        #expect(endorsement.subject == "https://otherissuer.example/1")
        #expect(endorsement.comment == "A great provider of badged learning.")
        #expect(endorsement.endorser == "https://example.org/issuer")
    }

    @Test func assertionEmbeddingBadgeAndIssuerFlattensAllThree() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/spec-assertion-embedded-badgeclass-issuer.json")
        let assertion = try #require(doc.assertion("https://example.org/assertions/123"))
        #expect(assertion.badge == "https://example.org/badges/5")
        #expect(assertion.issuer == "https://example.org/issuer")
        #expect(assertion.issuedOn == Fixtures.date(2016, 12, 31, 23, 59, 59))
        let badge = try #require(doc.badge("https://example.org/badges/5"))
        #expect(badge.name == "3-D Printmaster")
        #expect(badge.criteriaURL == nil)
        #expect(badge.criteriaNarrative?.hasPrefix("Students are tested on knowledge and safety") == true)
        #expect(badge.imageURL == "https://example.org/badges/5/image")
        let issuer = try #require(doc.profile("https://example.org/issuer"))
        #expect(issuer.name == "Example Maker Society")
        #expect(issuer.email == "contact@example.org")
        #expect(doc.hasLink("https://example.org/badges/5", .badge))
        #expect(doc.hasLink("https://example.org/issuer", .issuer))
        #expect(doc.hasLink("https://example.org", .homepage))
    }

    @Test func linkedDataAssertionWithTrailingComma() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-linkeddata-assertion-embedded-badgeclass-issuer.json")
        #expect(doc.warnings.map(\.code) == ["json.trailingComma"])
        #expect(doc.warnings.first?.path == "$.badge.issuer.email")
        #expect(doc.profile("https://example.org/organization.json")?.email == "steved@example.org")
        #expect(doc.badge("https://example.org/robotics-badge.json")?.criteriaURL == "https://example.org/robotics-badge.html")
        #expect(doc.assertions.first?.issuer == "https://example.org/organization.json")
    }

    @Test func roboticsBadgeWithRawNewlineKeepsItsAlignments() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-badgeclass-robotics.json")
        #expect(doc.warnings.map(\.code) == ["json.rawControlCharacter"])
        #expect(doc.warnings.first?.path == "$.alignment[0].targetDescription")
        let badge = try #require(doc.badge("https://example.org/robotics-badge.json"))
        #expect(badge.tags == ["robots", "awesome"])
        #expect(badge.alignmentNames == ["CCSS.ELA-Literacy.RST.11-12.3", "Problem-Solving"])
        #expect(badge.issuer == "https://example.org/organization.json")
        #expect(badge.endorsements.isEmpty)
    }

    @Test func hostedAssertionAndIssuerProfile() throws {
        let assertionDoc = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-assertion-hosted.json")
        let assertion = try #require(assertionDoc.assertions.first)
        #expect(assertion.badge == "https://example.org/robotics-badge.json")
        #expect(assertion.expires == Fixtures.date(2017, 6, 30, 23, 59, 59))
        let profileDoc = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-issuer-profile.json")
        let profile = try #require(profileDoc.profile("https://example.org/organization.json"))
        #expect(profile.types == ["Issuer"])
        #expect(profile.name == "An Example Badge Issuer")
        #expect(profile.imageURL == "https://example.org/logo.png")
    }

    @Test func revocationListIsNotAnOpenBadgesObject() throws {
        let doc = try Fixtures.example("imsglobal-ob-spec-v2p0/examples-revocationlist.json")
        #expect(doc.rootKind == nil)
        #expect(!doc.isOpenBadges)
        #expect(doc.warningCodes == ["object.unrecognized"])
    }

    @Test func validatorAssertionListsEndorsementsAtTwoLevels() throws {
        let doc = try Fixtures.example("1edtech-dc-public-validator/ob20/assertion-with-endorsements.json")
        let assertion = try #require(doc.assertion("https://example.org/beths-robotics-badge.json"))
        #expect(assertion.endorsements == ["https://example.org/endorsement-1.json", "https://example.org/endorsement-2.json"])
        let badge = try #require(doc.badge("https://example.org/badgeclass-with-endorsements.json"))
        #expect(badge.endorsements == ["https://example.org/endorsement-3.json", "https://example.org/endorsement-4.json"])
        for n in 1...4 {
            #expect(doc.hasLink("https://example.org/endorsement-\(n).json", .endorsement))
        }
        let fromAssertion = doc.links.first { $0.target == "https://example.org/endorsement-1.json" }
        #expect(fromAssertion?.source == "https://example.org/beths-robotics-badge.json")
        #expect(doc.endorsements.isEmpty)
    }

    @Test(arguments: 1...4)
    func validatorEndorsementsUseHTTPIdsAndNoSeconds(number: Int) throws {
        let doc = try Fixtures.example("1edtech-dc-public-validator/ob20/endorsement-\(number).json")
        let endorsement = try #require(doc.endorsements.first)
        #expect(endorsement.id == IRI("http://example.org/endorsement-\(number).json"))
        #expect(endorsement.subject == "https://example.org/badgeclass-with-endorsements.json")
        #expect(endorsement.endorser == "http://example.org/issuer1.json")
        #expect(endorsement.comment == "Pretty good")
        #expect(endorsement.issuedOn == Fixtures.date(2017, 10, 1))
        #expect(endorsement.proofKinds == ["hosted"])
    }

    @Test func endorserProfileWithInlineContextObject() throws {
        let doc = try Fixtures.example("1edtech-dc-public-validator/ob20/issuer1.json", url: "http://example.org/issuer1.json")
        #expect(doc.version == .v2_0)
        let profile = try #require(doc.profile("http://example.org/issuer1.json"))
        #expect(profile.name == "Example Issuer")
        #expect(profile.email == "me@example.org")
        #expect(profile.url == "http://example.org")
        #expect(!doc.links.contains { $0.reason == .declaredID })
    }

    @Test func validatorIssuerBadgeAndCriteria() throws {
        let organization = try Fixtures.example("1edtech-dc-public-validator/ob20/organization.json")
        #expect(organization.profiles.first?.name == "An Example Badge Issuer")
        let badge = try Fixtures.example("1edtech-dc-public-validator/ob20/robotics-badge.json")
        #expect(badge.badges.first?.criteriaURL == "https://example.org/badgecriteria.json")
        let listing = try Fixtures.example("1edtech-dc-public-validator/ob20/badgeclass-with-endorsements.json")
        #expect(listing.badges.first?.endorsements.count == 2)
        let criteria = try Fixtures.example("1edtech-dc-public-validator/ob20/badgecriteria.json")
        #expect(criteria.rootKind == nil && !criteria.isOpenBadges)
    }
}
