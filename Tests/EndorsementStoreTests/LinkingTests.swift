import Foundation
import OpenBadges
import Testing

@testable import EndorsementStore

@Suite struct LinkingTests {
    @Test func listedByTargetAndHostedByEndorserIsAcknowledgedAndHosted() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))

        let view = try #require(try store.endorsementView())
        #expect(view.acknowledged == .acknowledged)
        #expect(view.targetProblem == nil)
        #expect(view.verification == .hosted)
        #expect(view.publishedBy == [.issuer, .endorser])
        #expect(view.targetKind == .badge)
        #expect(view.targetName == "Open Collaboration")
    }

    @Test func targetFetchedWithoutListingIsUnacknowledged() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.badgeDocument(lists: []))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))

        let view = try #require(try store.endorsementView())
        #expect(view.acknowledged == .unacknowledged)
        #expect(view.publishedBy == [.endorser])
        #expect(view.verification == .hosted)
    }

    @Test func targetNotFetchedIsUnknownWithReason() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))

        let view = try #require(try store.endorsementView())
        #expect(view.acknowledged == .unknown)
        #expect(view.targetProblem == "target not fetched")
        #expect(view.targetKind == .unknown)
    }

    @Test func targetFailingIsUnknownWithTheFailure() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))
        try store.record(Fixture.fetch(Fixture.badge, status: 404), parsed: nil)
        #expect(try store.endorsementView()?.targetProblem == "target fetch failed: HTTP 404")

        try store.record(Fixture.fetch(Fixture.badge, status: nil, error: "timeout: no answer in 30 s"), parsed: nil)
        let view = try #require(try store.endorsementView())
        #expect(view.acknowledged == .unknown)
        #expect(view.targetProblem == "target fetch failed: timeout: no answer in 30 s")
    }

    @Test func anEndorsementFoundTwiceIsOneRowWithBothFacts() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let endorsement = Fixture.endorsementValue()
        try store.record(Fixture.badgeDocument(embeds: [endorsement]))
        try store.record(Fixture.endorsementDocument(endorsement))

        let all = try store.endorsements(byEndorser: Fixture.endorser).endorsements
        #expect(all.count == 1)
        #expect(try store.stats().endorsements == 1)
        let view = try #require(all.first)
        #expect(view.publishedBy == [.issuer, .endorser])
        #expect(view.verification == .hosted)
        #expect(view.acknowledged == .acknowledged)
        #expect(Set(view.foundIn) == [Fixture.badge, Fixture.endorsement])
    }

    @Test func reingestRemovesAStaleListingAndEmbeddedCopy() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let embedded = Fixture.endorsementValue("https://issuer.example/endorsements/7", endorser: "https://other.example/p")
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement], embeds: [embedded]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))
        #expect(try store.endorsementView()?.acknowledged == .acknowledged)
        #expect(try store.endorsers(ofBadge: Fixture.badge).endorsements.count == 2)

        try store.record(Fixture.badgeDocument(lists: []), at: 60)

        let view = try #require(try store.endorsementView())
        #expect(view.acknowledged == .unacknowledged)
        #expect(view.publishedBy == [.endorser])
        let remaining = try store.endorsers(ofBadge: Fixture.badge).endorsements
        #expect(remaining.map(\.id) == [Fixture.endorsement])
        #expect(try store.stats().endorsements == 1)
    }

    @Test func anEndorsementHostedElsewhereThanItsEndorserIsUnverifiedThirdParty() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let spoof = Fixture.endorsementValue("https://evil.example/e/1", endorser: Fixture.endorser)
        try store.record(Fixture.badgeDocument())
        try store.record(Fixture.endorsementDocument(spoof))

        let view = try #require(try store.endorsementView(spoof.key))
        #expect(view.verification == .unverified)
        #expect(view.publishedBy == [.thirdParty])
        #expect(view.acknowledged == .unacknowledged)
    }

    @Test func anEndorsementOnlyTheIssuerCarriesIsIssuerEmbedded() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let embedded = Fixture.endorsementValue("urn:uuid:5b1c", endorser: Fixture.endorser)
        try store.record(Fixture.badgeDocument(embeds: [embedded]))

        let view = try #require(try store.endorsementView(embedded.key))
        #expect(view.verification == .issuerEmbedded)
        #expect(view.publishedBy == [.issuer])
        #expect(view.acknowledged == .acknowledged)
    }

    @Test func factsDoNotDependOnFetchOrder() throws {
        let first = TemporaryDatabase()
        let second = TemporaryDatabase()
        let a = try first.open()
        let b = try second.open()
        let badge = Fixture.badgeDocument(lists: [Fixture.endorsement])
        let endorsement = Fixture.endorsementDocument(Fixture.endorsementValue())
        let profile = Fixture.profileDocument(Fixture.endorser, name: "Endorser Org")
        try a.record(badge)
        try a.record(endorsement, at: 1)
        try a.record(profile, at: 2)
        try b.record(profile)
        try b.record(endorsement, at: 1)
        try b.record(badge, at: 2)

        #expect(try a.endorsers(ofBadge: Fixture.badge) == b.endorsers(ofBadge: Fixture.badge))
        let view = try #require(try a.endorsementView())
        #expect(view.acknowledged == .acknowledged)
        #expect(view.endorser?.name == "Endorser Org")
        #expect(try a.search(SearchQuery(text: "endorser org")).hits.map(\.id) == [Fixture.badge])
        #expect(try b.search(SearchQuery(text: "endorser org")).hits.map(\.id) == [Fixture.badge])
    }

    @Test func httpAndHttpsIdsMatch() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        // The endorsement declares an http id; the badge lists the https form (the DCV examples do this).
        let endorsement = Fixture.endorsementValue("http://endorser.example/endorsements/1")
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(endorsement, at: Fixture.endorsement))
        #expect(try store.endorsementView()?.acknowledged == .acknowledged)
        #expect(try store.stats().endorsements == 1)
    }

    @Test func goneMarksWhatTheURLServedAsRevoked() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))
        #expect(try store.endorsementView()?.revoked == false)
        #expect(try store.search(SearchQuery(text: "collaboration")).total == 1)

        try store.record(Fixture.fetch(Fixture.endorsement, status: 410, at: 30), parsed: nil)

        #expect(try store.endorsementView()?.revoked == true)
        // A revoked endorsement no longer makes the badge endorsed.
        #expect(try store.search(SearchQuery(text: "collaboration")).total == 0)
    }

    @Test func theObjectsOwnDocumentWinsAndEmbeddedRowsSurvive() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        var badge = Fixture.badgeDocument()
        badge.profiles = [Profile(id: Fixture.issuer, name: "Embedded Name", description: "Only the embed says this")]
        try store.record(Fixture.profileDocument(Fixture.issuer, name: "Own Name"))
        try store.record(badge, at: 10)

        let issuer = try #require(try store.endorsers(ofBadge: Fixture.badge).badge.issuer)
        #expect(issuer.name == "Own Name")
        #expect(issuer.description == "Only the embed says this")
        #expect(try store.searchProfiles("embed").map(\.id) == [Fixture.issuer])
    }

    @Test func anAssertionResolvesToItsBadgeAndIssuerEndorsementsAreSeparate() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let assertion: IRI = "https://issuer.example/assertions/42"
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue("https://endorser.example/e/issuer", subject: Fixture.issuer)))
        try store.record(Fixture.profileDocument(Fixture.issuer, name: "Issuer Org"))
        try store.record(
            ParsedDocument(
                url: assertion, format: .json, rootKind: .assertion, rootID: assertion, assertions: [Assertion(id: assertion, badge: Fixture.badge)]))

        let result = try store.endorsers(ofBadge: assertion)
        #expect(result.badge.id == Fixture.badge)
        #expect(result.endorsements.map(\.id) == [Fixture.endorsement])
        #expect(result.issuerEndorsements.map(\.id) == ["https://endorser.example/e/issuer"])
        #expect(result.issuerEndorsements.first?.targetKind == .profile)
        #expect(result.issuerEndorsements.first?.acknowledged == .unacknowledged)
        #expect(throws: StoreError(.notFound, "")) { try store.endorsers(ofBadge: "https://nowhere.example/b") }
    }
}
