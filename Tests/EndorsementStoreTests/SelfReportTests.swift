import Foundation
import OpenBadges
import Testing

@testable import EndorsementStore

/// The manifest rules `selfReported` and "no body ever obtained" (Seeds/sample-web.expected.json: moodle-3,
/// moodle-4, guild-sql-revoked).
@Suite struct SelfReportTests {
    static let site = "http://lakeside-college.example/badges/"
    static let badge = IRI(site + "badge_json_3.json")
    static let endorsement = IRI(site + "endorsement_json_3.json")
    static let endorser = IRI(site + "endorsement_json_3_endorser.json")

    @Test func anEndorserIdOnTheTargetsOriginIsTheIssuerSpeaking() throws {
        // Given a Moodle badge listing an endorsement hosted on its own site, whose endorser id is site-local.
        let database = TemporaryDatabase()
        let store = try database.open()
        let value = Fixture.endorsementValue(Self.endorsement, endorser: Self.endorser, subject: Self.badge)
        try store.record(Fixture.badgeDocument(Self.badge, issuer: IRI(Self.site + "badge_json_3_issuer.json"), lists: [Self.endorsement]))
        // When the endorsement document is fetched from that site.
        try store.record(Fixture.endorsementDocument(value))

        // Then it is the issuer's self-report: never `hosted`, never published by the endorser.
        let view = try #require(try store.endorsementView(Self.endorsement, endorser: Self.endorser))
        #expect(view.acknowledged == .acknowledged)
        #expect(view.publishedBy == [.issuer])
        #expect(view.verification == .issuerEmbedded)
        #expect(view.revoked == false)
    }

    @Test func anEndorserOnAnotherOriginHostingOnItsOwnOriginIsStillHosted() throws {
        // Control: the same shape with the endorser on its own origin keeps the endorser's side.
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))
        let view = try #require(try store.endorsementView())
        #expect(view.publishedBy == [.issuer, .endorser])
        #expect(view.verification == .hosted)
    }

    @Test func aListedEndorsementAnsweringGoneIsOneRevokedUnverifiedRow() throws {
        // Given a badge listing an endorsement IRI whose URL answers 410 with no body (guild-sql-revoked).
        let database = TemporaryDatabase()
        let store = try database.open()
        let gone: IRI = "http://endorser.example/endorsements/gone.json"
        try store.record(Fixture.badgeDocument(lists: [gone]))
        try store.record(Fixture.fetch(gone, status: 410, at: 5), parsed: nil)

        // Then the badge's endorsers show it, target from the listing badge, nothing else known.
        let views = try store.endorsers(ofBadge: Fixture.badge).endorsements
        let view = try #require(views.first)
        #expect(views.count == 1)
        #expect(view.id == gone)
        #expect(view.endorser == nil)
        #expect(view.target?.matchKey == Fixture.badge.matchKey)
        #expect(view.targetKind == .badge)
        #expect(view.acknowledged == .acknowledged)
        #expect(view.publishedBy == [.issuer])
        #expect(view.verification == .unverified)
        #expect(view.revoked == true)
        // A revoked endorsement does not make the badge endorsed.
        #expect(try store.search(SearchQuery(text: "collaboration")).total == 0)

        // When the badge stops listing it, the row goes.
        try store.record(Fixture.badgeDocument(lists: []), at: 10)
        #expect(try store.endorsers(ofBadge: Fixture.badge).endorsements.isEmpty)
        #expect(try store.stats().endorsements == 0)
    }
}
