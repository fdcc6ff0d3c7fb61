import Foundation
import Testing

@testable import OpenBadges

/// The real-world property variations of README section 6 on badges, profiles and assertions.
struct PropertyVariationTests {
    @Test func assertionEmbeddingBadgeEmbeddingIssuerEmbeddingEndorsementsFlattensEverything() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://i.example/a/1",
             "recipient": {"type": "email", "identity": "x@y.z"}, "issuedOn": "2020-01-01T00:00:00Z",
             "badge": {"type": "BadgeClass", "id": "https://i.example/b/1", "name": "Badge", "criteria": "https://i.example/c",
                       "issuer": {"type": "Issuer", "id": "https://i.example/issuer", "name": "Issuer", "url": "https://i.example/",
                                  "endorsement": [{"type": "Endorsement", "id": "https://e.example/end/1",
                                                   "issuer": {"id": "https://e.example/profile", "name": "Endorser Org", "url": "https://e.example/"},
                                                   "claim": {"id": "https://i.example/issuer", "endorsementComment": "Solid"}}]}}}
            """#)
        #expect(doc.assertions.map(\.id) == ["https://i.example/a/1"])
        #expect(doc.badges.map(\.id) == ["https://i.example/b/1"])
        #expect(Set(doc.profiles.compactMap(\.id)) == ["https://i.example/issuer", "https://e.example/profile"])
        #expect(doc.profile("https://i.example/issuer")?.endorsements == ["https://e.example/end/1"])
        let endorsement = try #require(doc.endorsement("https://e.example/end/1"))
        #expect(endorsement.endorser == "https://e.example/profile")
        #expect(endorsement.endorserName == "Endorser Org")
        #expect(endorsement.comment == "Solid")
        #expect(doc.assertions.first?.issuer == "https://i.example/issuer")
        #expect(doc.hasLink("https://e.example/profile", .endorser))
        #expect(doc.hasLink("https://e.example/", .homepage))
    }

    @Test func moodleBadgeClass() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://moodle.example/badges/badge_json.php?id=7",
             "name": "Moodle badge", "description": "d", "image": "data:image/png;base64,iVBORw0KGgo=", "@language": "en",
             "criteria": {"id": "https://moodle.example/badges/badgeclass.php?id=7", "narrative": "Complete the course"},
             "issuer": {"id": "https://moodle.example/badges/badge_json.php?id=7&action=0&obversion=2", "name": "Moodle Site",
                        "url": "https://moodle.example", "email": "admin@moodle.example"},
             "endorsement": "https://moodle.example/badges/endorsement_json.php?id=7",
             "alignments": [{"targetName": "Skill A", "targetUrl": "https://f.example/a"}],
             "related": [{"id": "https://moodle.example/badges/badge_json.php?id=8", "version": "2", "@language": "fr"}]}
            """#)
        let badge = try #require(doc.badges.first)
        #expect(badge.imageURL == nil)
        #expect(badge.endorsements == ["https://moodle.example/badges/endorsement_json.php?id=7"])
        #expect(badge.alignmentNames == ["Skill A"])
        #expect(badge.criteriaURL == "https://moodle.example/badges/badgeclass.php?id=7")
        #expect(badge.criteriaNarrative == "Complete the course")
        #expect(badge.issuer == "https://moodle.example/badges/badge_json.php?id=7&action=0&obversion=2")
        #expect(badge.related == ["https://moodle.example/badges/badge_json.php?id=8"])
        #expect(doc.profiles.first?.name == "Moodle Site")
        #expect(doc.hasLink("https://moodle.example/badges/endorsement_json.php?id=7", .endorsement))
        #expect(doc.hasLink("https://moodle.example/badges/badge_json.php?id=8", .related))
        #expect(!doc.links.contains { $0.target.string.hasPrefix("data:") })
    }

    @Test(arguments: [
        (#""tags": ["a", "b"]"#, ["a", "b"]),
        (#""tag": ["a", "b"]"#, ["a", "b"]),
        (#""tags": "solo""#, ["solo"]),
        (#""tag": []"#, []),
    ])
    func tagsAndTag(member: String, tags: [String]) throws {
        let doc = try Fixtures.parse(#"{"type": "BadgeClass", "id": "https://b.example/1", \#(member)}"#)
        #expect(doc.badges.first?.tags == tags)
    }

    @Test(arguments: [
        (#""image": "https://b.example/i.png""#, "https://b.example/i.png" as String?),
        (#""image": {"id": "https://b.example/i.png", "caption": "c"}"#, "https://b.example/i.png"),
        (#""image": "data:image/svg+xml;base64,PHN2Zz4=""#, nil),
        (#""image": {"id": "DATA:image/png;base64,AAAA"}"#, nil),
        (#""image": "img/i.png""#, "https://issuer.example/img/i.png"),
    ])
    func imageForms(member: String, expected: String?) throws {
        let doc = try Fixtures.parse(#"{"type": "BadgeClass", "id": "https://b.example/1", \#(member)}"#)
        #expect(doc.badges.first?.imageURL == expected.map { IRI($0) })
    }

    @Test(arguments: [
        (#""criteria": "https://b.example/c""#, "https://b.example/c" as String?, nil as String?),
        (#""criteria": {"narrative": "Do *this*"}"#, nil, "Do *this*"),
        (#""criteria": {"id": "https://b.example/c", "narrative": "n"}"#, "https://b.example/c", "n"),
    ])
    func criteriaForms(member: String, url: String?, narrative: String?) throws {
        let doc = try Fixtures.parse(#"{"type": "BadgeClass", "id": "https://b.example/1", \#(member)}"#)
        #expect(doc.badges.first?.criteriaURL == url.map { IRI($0) })
        #expect(doc.badges.first?.criteriaNarrative == narrative)
    }

    @Test(arguments: [
        (#""name": {"fr": "Insigne", "en": "Badge"}"#, "Badge"),
        (#""name": {"fr": "Insigne", "en-GB": "Badge"}"#, "Badge"),
        (#""name": {"fr": "Insigne", "de": "Abzeichen"}"#, "Abzeichen"),
        (#""name": [{"@value": "Insigne", "@language": "fr"}, {"@value": "Badge", "@language": "en"}]"#, "Badge"),
        (#""name": {"@value": "Badge", "@language": "en"}"#, "Badge"),
        (#""name": "  Badge  ""#, "Badge"),
    ])
    func languageMaps(member: String, name: String) throws {
        let doc = try Fixtures.parse(#"{"type": "BadgeClass", "id": "https://b.example/1", \#(member)}"#)
        #expect(doc.badges.first?.name == name)
    }

    @Test func relativeIRIsResolveAgainstTheDocumentURL() throws {
        let doc = try Fixtures.parse(
            #"{"type": "BadgeClass", "id": "b/1.json", "issuer": "../issuer.json", "endorsement": ["/e/1"], "criteria": "c.html"}"#,
            url: "https://site.example/badges/list/index.json")
        let badge = try #require(doc.badges.first)
        #expect(badge.id == "https://site.example/badges/list/b/1.json")
        #expect(badge.issuer == "https://site.example/badges/issuer.json")
        #expect(badge.endorsements == ["https://site.example/e/1"])
        #expect(badge.criteriaURL == "https://site.example/badges/list/c.html")
    }

    @Test func unknownPropertiesAndExtensionsAreNotFatal() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://b.example/1", "name": "B",
             "extensions:ApplyLink": {"type": ["Extension"], "url": "https://b.example/apply"}, "sourceUrl": "https://b.example/s",
             "hostedUrl": 12, "weird": [[[{"deep": null}]]], "alignment": [], "tags": []}
            """#)
        #expect(doc.badges.first?.name == "B")
        #expect(doc.warnings.isEmpty)
    }

    @Test func badgeSingleValuesWhereArraysAreUsual() throws {
        let doc = try Fixtures.parse(
            #"""
            {"type": ["BadgeClass"], "id": "https://b.example/1", "alignment": {"targetName": "Only"},
             "related": "https://b.example/1/fr", "issuer": ["https://b.example/issuer"], "endorsement": {"type": "Endorsement",
             "issuer": "https://e.example/", "claim": "https://b.example/1"}}
            """#)
        let badge = try #require(doc.badges.first)
        #expect(badge.alignmentNames == ["Only"])
        #expect(badge.related == ["https://b.example/1/fr"])
        #expect(badge.issuer == "https://b.example/issuer")
        #expect(badge.endorsements.count == 1)
        #expect(badge.endorsements.first == doc.endorsements.first?.key)
    }

    @Test func ob3ProfileAlsoKnownAsAndOtherIdentifier() throws {
        let doc = try Fixtures.parse(
            #"""
            {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "Profile", "id": "did:web:org.example",
             "alsoKnownAs": ["https://org.example/issuer", "did:example:other"],
             "otherIdentifier": [{"type": "IdentifierEntry", "identifier": "https://org.example/v2/issuer", "identifierType": "identifier"},
                                 {"type": "IdentifierEntry", "identifier": "12345", "identifierType": "sourcedId"}]}
            """#)
        let profile = try #require(doc.profiles.first)
        #expect(profile.alsoKnownAs == ["https://org.example/issuer", "did:example:other", "https://org.example/v2/issuer"])
        #expect(doc.hasLink("https://org.example/issuer", .related))
        #expect(doc.hasLink("https://org.example/v2/issuer", .related))
        #expect(!doc.links.contains { $0.target.string.hasPrefix("did:") })
    }

    @Test func revokedAssertion() throws {
        let doc = try Fixtures.parse(#"{"type": "Assertion", "id": "https://i.example/a", "revoked": true, "badge": "https://i.example/b"}"#)
        #expect(doc.assertions.first?.revoked == true)
    }

    @Test func sameProfileEmbeddedTwiceIsRecordedOnceWithMergedEndorsements() throws {
        let doc = try Fixtures.parse(
            #"""
            {"type": ["VerifiableCredential", "OpenBadgeCredential"], "id": "https://i.example/c",
             "issuer": {"id": "https://i.example/org", "type": "Profile", "endorsementJwt": []},
             "credentialSubject": {"achievement": {"id": "https://i.example/ach", "type": "Achievement",
               "creator": {"id": "https://i.example/org", "type": "Profile", "name": "Org", "endorsement": ["https://e.example/1"]}}}}
            """#)
        #expect(doc.profiles.count == 1)
        #expect(doc.profiles.first?.name == "Org")
        #expect(doc.profiles.first?.endorsements == ["https://e.example/1"])
    }
}
