import Foundation
import OpenBadges
import Testing

@testable import EndorsementStore

/// Quoted phrases are ranked within the capped candidates (by endorsement count), never by bm25.
@Suite struct PhraseSearchTests {
    @Test func phrasesMatchInOrderAndRankByEndorsementCount() throws {
        // Given three endorsed badges: two with the phrase "open practice", one with the words apart.
        let database = TemporaryDatabase()
        let store = try database.open()
        var items: [IngestItem] = []
        for (index, (name, endorsements)) in [("Open Practice Basics", 1), ("Practice Open Doors", 1), ("Advanced Open Practice", 4)].enumerated() {
            let badge = IRI("https://issuer.example/badges/phrase\(index)")
            let embedded = (0..<endorsements).map {
                Fixture.endorsementValue(IRI("https://issuer.example/e/phrase\(index)-\($0)"), subject: badge, comment: "fine")
            }
            let document = Fixture.badgeDocument(badge, name: name, embeds: embedded)
            items.append(IngestItem(fetch: Fixture.fetch(document), parsed: document))
        }
        try store.record(items)

        // When searching the phrase.
        let page = try store.search(SearchQuery(text: "\"open practice\""))

        // Then only the in-order matches, the most endorsed first, with exact total and score 0.
        #expect(page.total == 2)
        #expect(page.hits.map(\.name) == ["Advanced Open Practice", "Open Practice Basics"])
        #expect(page.hits.allSatisfy { $0.score == 0 && $0.snippet?.contains("[Open Practice]") == true })
        // Plain words still rank by bm25.
        let words = try store.search(SearchQuery(text: "open practice"))
        #expect(words.total == 3 && words.hits.allSatisfy { $0.score > 0 })
    }
}
