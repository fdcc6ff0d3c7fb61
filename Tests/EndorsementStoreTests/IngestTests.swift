import Foundation
import GRDB
import OpenBadges
import Testing

@testable import EndorsementStore

/// The ingest paths: batches, unchanged bodies, and the v2 schema.
@Suite struct IngestTests {
    /// A small crawl: two badges, profiles, embedded, listed, hosted, spoofed and gone endorsements, a Moodle self-report.
    static func crawl() -> [IngestItem] {
        let second: IRI = "https://issuer.example/badges/2"
        let hosted = Fixture.endorsementValue()
        let embedded = Fixture.endorsementValue("urn:uuid:embedded-1", comment: "Embedded praise.")
        let spoof = Fixture.endorsementValue("https://evil.example/e/1", subject: second, comment: "Spoofed praise.")
        let gone: IRI = "https://endorser.example/endorsements/gone"
        let selfReported = Fixture.endorsementValue(
            "https://issuer.example/badges/e2", endorser: "https://issuer.example/badges/e2_endorser", subject: second, comment: "Self.")
        func item(_ document: ParsedDocument, at offset: TimeInterval) -> IngestItem {
            IngestItem(fetch: Fixture.fetch(document, at: offset), parsed: document)
        }
        return [
            item(Fixture.badgeDocument(lists: [Fixture.endorsement, gone], embeds: [embedded]), at: 0),
            item(Fixture.endorsementDocument(hosted), at: 1),
            item(Fixture.profileDocument(Fixture.endorser, name: "Endorser Org"), at: 2),
            item(Fixture.profileDocument(Fixture.issuer, name: "Issuer Academy"), at: 3),
            item(Fixture.badgeDocument(second, name: "Second Badge", lists: [spoof.key, selfReported.key]), at: 4),
            item(Fixture.endorsementDocument(spoof), at: 5),
            item(Fixture.endorsementDocument(selfReported), at: 6),
            IngestItem(fetch: Fixture.fetch(gone, status: 410, at: 7), parsed: nil),
        ]
    }

    /// Everything a user can ask about the crawl, for comparing two stores.
    static func facts(_ store: EndorsementStore) throws -> [AnyHashable] {
        var facts: [AnyHashable] = []
        for badge in [Fixture.badge, IRI("https://issuer.example/badges/2")] {
            facts.append(try? store.endorsers(ofBadge: badge))
        }
        facts.append(try store.endorsements(byEndorser: Fixture.endorser))
        facts.append(try store.stats())
        facts.append(try store.search(SearchQuery(text: "praise", includeUnendorsed: true)))
        return facts
    }

    @Test func aBatchGivesTheSameFactsAsOneByOne() throws {
        let batchDatabase = TemporaryDatabase()
        let singleDatabase = TemporaryDatabase()
        let batch = try batchDatabase.open()
        let single = try singleDatabase.open()

        try batch.record(Self.crawl())
        for item in Self.crawl() { try single.record(item.fetch, parsed: item.parsed, parseError: item.parseError) }

        let facts = try Self.facts(batch)
        let expected = try Self.facts(single)
        for (got, want) in zip(facts, expected) { #expect(got == want) }
        #expect(try batch.stats().endorsements == 5)
    }

    @Test func anUnchangedBodyKeepsItsRowsButRefreshesValidatorsAndFetchTime() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let document = Fixture.badgeDocument(lists: [Fixture.endorsement])
        try store.record(document)
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()), at: 1)
        let rowIDs = try contributionRowIDs(store, key: Fixture.badge)
        let before = try Self.facts(store)

        // When the badge is fetched again with the same body and new validators.
        var fetch = Fixture.fetch(document, at: 60)
        fetch.etag = "\"v2\""
        fetch.lastModified = "Wed, 25 Nov 2026 10:00:00 GMT"
        try store.record(fetch, parsed: document)

        // Then its contributions were not rewritten, the facts are the same, and the fetch metadata is new.
        #expect(try contributionRowIDs(store, key: Fixture.badge) == rowIDs)
        #expect(try Self.facts(store) == before)
        let validators = try #require(try store.validators(for: Fixture.badge))
        #expect(validators.etag == "\"v2\"")
        #expect(validators.lastModified == "Wed, 25 Nov 2026 10:00:00 GMT")
        let fetchedAt = try store.read { db in
            try Double.fetchOne(db, sql: "SELECT fetchedAt FROM document WHERE urlKey = ?", arguments: [Fixture.badge.matchKey])
        }
        #expect(fetchedAt == Fixture.date.addingTimeInterval(60).timeIntervalSince1970)

        // A changed body is re-ingested.
        try store.record(Fixture.badgeDocument(name: "Renamed Badge", lists: [Fixture.endorsement]), at: 90)
        #expect(try store.search(SearchQuery(text: "renamed")).total == 1)
        #expect(try contributionRowIDs(store, key: Fixture.badge) != rowIDs)
    }

    private func contributionRowIDs(_ store: EndorsementStore, key: IRI) throws -> [Int64] {
        try store.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM contribution WHERE key = ? ORDER BY rowid", arguments: [key.matchKey])
        }
    }
}
