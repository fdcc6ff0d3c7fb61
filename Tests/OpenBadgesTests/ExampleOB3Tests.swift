import Foundation
import SharedMaterial
import Testing

@testable import OpenBadges

/// The OB 3.0 documents of the corpus (`1edtech-ob-spec-v3p0`, `1edtech-dc-public-validator/ob30`).
@Suite(.needsSharedMaterial)
struct ExampleOB3Tests {
    @Test(arguments: [
        "1edtech-dc-public-validator/ob30/endorsement-valid.json",
        "1edtech-dc-public-validator/ob30/endorsement-err-schema-status-refresh.json",
        "1edtech-ob-spec-v3p0/examples-endorsementcredential-3732.json",
    ])
    func standaloneEndorsementCredential(file: String) throws {
        let doc = try Fixtures.example(file)
        #expect(doc.version == .v3_0)
        #expect(doc.rootKind == .endorsement)
        #expect(doc.rootID == "http://1edtech.edu/endorsementcredential/3732")
        let endorsement = try #require(doc.endorsement("http://1edtech.edu/endorsementcredential/3732"))
        #expect(endorsement.endorser == "https://state.gov/issuers/565049")
        #expect(endorsement.endorserName == "State Department of Education")
        #expect(endorsement.subject == "https://1edtech.edu/issuers/565049")
        #expect(endorsement.comment == "1EdTech University is in good standing")
        #expect(endorsement.issuedOn == Fixtures.date(2010, 1, 1))
        #expect(endorsement.validUntil == Fixtures.date(2030, 1, 1))
        #expect(endorsement.types.contains("EndorsementCredential"))
        #expect(doc.profile("https://state.gov/issuers/565049")?.name == "State Department of Education")
        #expect(doc.hasLink("https://state.gov/issuers/565049", .endorser))
        #expect(doc.hasLink("https://1edtech.edu/issuers/565049", .endorsementSubject))
    }

    @Test func proofKindsOfStandaloneCredentials() throws {
        let valid = try Fixtures.example("1edtech-dc-public-validator/ob30/endorsement-valid.json")
        #expect(valid.endorsements.first?.proofKinds == ["DataIntegrityProof/eddsa-rdfc-2022"])
        let legacy = try Fixtures.example("1edtech-dc-public-validator/ob30/endorsement-err-schema-status-refresh.json")
        #expect(legacy.endorsements.first?.proofKinds == ["Ed25519Signature2020"])
        #expect(legacy.endorsements.first?.name == "Example endorsement")
    }

    @Test(arguments: ["1edtech-dc-public-validator/ob30/complete.json", "1edtech-ob-spec-v3p0/examples-full-openbadgecredential.json"])
    func completeCredentialFlattensEndorsementsAtFourLevels(file: String) throws {
        let doc = try Fixtures.example(file)
        #expect(doc.rootKind == .assertion)
        #expect(doc.rootID == "http://1edtech.edu/credentials/3732")
        let credential = try #require(doc.assertion("http://1edtech.edu/credentials/3732"))
        #expect(credential.badge == "https://1edtech.edu/achievements/degree")
        #expect(credential.issuer == "https://1edtech.edu/issuers/565049")
        #expect(credential.endorsements == ["http://1edtech.edu/endorsementcredential/3735"])
        #expect(credential.expires == Fixtures.date(2030, 1, 1))
        let achievement = try #require(doc.badge("https://1edtech.edu/achievements/degree"))
        #expect(achievement.endorsements == ["http://1edtech.edu/endorsementcredential/3734"])
        #expect(achievement.issuer == "https://1edtech.edu/issuers/565049")
        #expect(achievement.alignmentNames.first == "1EdTech University Degree")
        let university = try #require(doc.profile("https://1edtech.edu/issuers/565049"))
        #expect(
            Set(university.endorsements)
                == [
                    "http://1edtech.edu/endorsementcredential/3732", "http://1edtech.edu/endorsementcredential/3733",
                    "http://1edtech.edu/endorsementcredential/3736",
                ])
        #expect(Set(doc.endorsements.compactMap(\.id?.string)) == Set((3732...3736).map { "http://1edtech.edu/endorsementcredential/\($0)" }))
        // 3734 hangs off the Achievement but claims the creator profile: both edges are kept.
        let listedByAchievement = try #require(doc.endorsement("http://1edtech.edu/endorsementcredential/3734"))
        #expect(listedByAchievement.subject == "https://1edtech.edu/issuers/565049")
        #expect(doc.endorsement("http://1edtech.edu/endorsementcredential/3733")?.endorser == "https://state.gov/issuers/565049")
        #expect(doc.profile("https://accrediter.edu/issuers/565049")?.name == "Example Accrediting Agency")
    }

    @Test func completeV1CredentialsWithoutIdsGetContentKeys() throws {
        let doc = try Fixtures.example("1edtech-dc-public-validator/ob30/complete_v1.json")
        #expect(doc.version == .v3_0)
        #expect(!doc.endorsements.isEmpty)
        for endorsement in doc.endorsements {
            #expect(endorsement.id == nil)
            #expect(endorsement.key.string.hasPrefix("urn:endorse:sha256:"))
            #expect(endorsement.key.string.count == "urn:endorse:sha256:".count + 64)
            #expect(endorsement.subject == "https://1edtech.edu/issuers/565049")
        }
        let keys = Set(doc.endorsements.map(\.key))
        let listed = doc.profiles.flatMap(\.endorsements) + doc.badges.flatMap(\.endorsements) + doc.assertions.flatMap(\.endorsements)
        #expect(!listed.isEmpty)
        #expect(Set(listed).isSubset(of: keys))
        #expect(Set(doc.endorsements.compactMap(\.endorser)) == ["https://accrediter.edu/issuers/565049", "https://state.gov/issuers/565049"])
        // Parsing again gives the same keys: identity is stable across fetches.
        let again = try Fixtures.example("1edtech-dc-public-validator/ob30/complete_v1.json")
        #expect(Set(again.endorsements.map(\.key)) == keys)
    }

    @Test func basicCredentialEmbedsItsAchievement() throws {
        let doc = try Fixtures.example("1edtech-ob-spec-v3p0/examples-basic-openbadgecredential.json")
        let credential = try #require(doc.assertion("http://example.com/credentials/3527"))
        #expect(credential.name == "Teamwork Badge")
        #expect(credential.badge == "https://example.com/achievements/21st-century-skills/teamwork")
        #expect(credential.issuer == "https://example.com/issuers/876543")
        #expect(doc.badges.first?.name == "Teamwork")
        #expect(doc.badges.first?.criteriaNarrative?.hasPrefix("Team members are nominated") == true)
        #expect(doc.profile("https://example.com/issuers/876543")?.name == "Example Corp")
    }

    @Test func achievementWithEmptyTypeIsABadgeByShape() throws {
        let doc = try Fixtures.example("1edtech-ob-spec-v3p0/impl-getting-started-achievement-empty-type.json")
        #expect(doc.version == .v3_0)
        #expect(doc.rootKind == .badge)
        let badge = try #require(doc.badges.first)
        #expect(badge.types.isEmpty)
        #expect(badge.name == "Advanced Shoe Tie")
        #expect(badge.tags == ["research", "computer science"])
        #expect(badge.criteriaNarrative == "# Requirements\nShoe tiers must complete...")
        #expect(badge.imageURL == "https://example.com//achievements/c3c1ea5b-9d6b-416d-ab7f-76da1df3e8d6/image")
        #expect(badge.issuer == "https://example.com/issuers/540e388e-2735-4c3e-9709-80142801c774")
        #expect(doc.profiles.first?.email == "info@example.com")
    }

    @Test func didWebIssuerProfileAndSignedCredential() throws {
        let did = "did:web:example.com:issuers:540e388e-2735-4c3e-9709-80142801c774"
        let profileDoc = try Fixtures.example("1edtech-ob-spec-v3p0/impl-getting-started-issuer-profile-didweb.json")
        #expect(profileDoc.version == .v3_0)
        #expect(profileDoc.rootID == IRI(did))
        #expect(!profileDoc.links.contains { $0.reason == .declaredID })
        let signed = try Fixtures.example("1edtech-ob-spec-v3p0/impl-getting-started-openbadgecredential-signed.json")
        let credential = try #require(signed.assertions.first)
        #expect(credential.id == "urn:uuid:a9fc82eb-416f-47c3-8786-de890331d4a5")
        #expect(credential.issuer == IRI(did))
        #expect(credential.badge == "https://example.com/achievements/c3c1ea5b-9d6b-416d-ab7f-76da1df3e8d6")
    }

    @Test func achievementWithEllipsisPlaceholderIsATypedError() throws {
        let error = #expect(throws: DocumentError.self) {
            try Fixtures.example("1edtech-ob-spec-v3p0/impl-migrating-achievement-related-ob2-badgeclass.json")
        }
        #expect(error?.code == .malformedJSON)
        #expect(error?.path == "$.id")  // the `...` placeholder follows the `id` member
        #expect(error?.reason.contains("byte") == true)
    }

    @Test func profileWithMissingAndTrailingCommasKeepsAlsoKnownAs() throws {
        let doc = try Fixtures.example("1edtech-ob-spec-v3p0/impl-migrating-ob3-profile-didweb-alsoknownas.json")
        #expect(doc.warningCodes == ["json.missingComma", "json.trailingComma"])
        let profile = try #require(doc.profiles.first)
        #expect(profile.id == "did:web:example.com:issuers:540e388e-2735-4c3e-9709-80142801c774")
        #expect(profile.alsoKnownAs == ["https://example.com/issuers/v2p0/540e388e-2735-4c3e-9709-80142801c774"])
        #expect(profile.url == "https://example.edu")
        #expect(doc.hasLink("https://example.com/issuers/v2p0/540e388e-2735-4c3e-9709-80142801c774", .related))
    }

    @Test func ob2ObjectsRelatedToTheirOB3Versions() throws {
        let badgeDoc = try Fixtures.example("1edtech-ob-spec-v3p0/impl-migrating-ob2-badgeclass-related-ob3.json")
        #expect(badgeDoc.version == .v2_0)
        #expect(badgeDoc.badges.first?.related == ["https://example.com/achievements/c3c1ea5b-9d6b-416d-ab7f-76da1df3e8d6"])
        #expect(badgeDoc.hasLink("https://example.com/achievements/c3c1ea5b-9d6b-416d-ab7f-76da1df3e8d6", .related))
        let profileDoc = try Fixtures.example("1edtech-ob-spec-v3p0/impl-migrating-ob2-profile-related-ob3.json")
        #expect(profileDoc.profiles.first?.related == ["did:web:example.com:issuers:540e388e-2735-4c3e-9709-80142801c774"])
        #expect(!profileDoc.links.contains { $0.reason == .related })
    }

    @Test func everyExampleFileIsCoveredWithoutCrashing() throws {
        let folder = Fixtures.examplesFolder.path
        let files = try #require(FileManager.default.enumerator(atPath: folder)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".json") && !$0.contains("contexts/") }
        #expect(files.count >= 45)
        var parsed = 0
        for file in files {
            if (try? Fixtures.example(file)) != nil { parsed += 1 }
        }
        #expect(parsed == files.count - 1)  // only the `...` placeholder file is unreadable
    }
}
