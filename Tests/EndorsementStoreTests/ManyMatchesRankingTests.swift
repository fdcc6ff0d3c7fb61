import Foundation
import GRDB
import OpenBadges
import Testing

@testable import EndorsementStore

/// Above `rankedCandidates` matches, a page is ordered by endorsement count read from `badge_rank`, which must
/// follow every change of a badge's endorsements.
@Suite struct ManyMatchesRankingTests {
    /// Badges that all say "pottery", each embedding `endorsements(index)` endorsements.
    private func badges(_ indices: some Sequence<Int>, endorsements: (Int) -> Int) -> [IngestItem] {
        indices.map { index in
            let id = IRI("https://issuer.example/badges/pottery-\(index)")
            let embedded = (0..<endorsements(index)).map { number in
                Fixture.endorsementValue(
                    IRI("https://issuer.example/endorsements/pottery-\(index)-\(number)"), subject: id, comment: "Fine pottery work.")
            }
            let document = Fixture.badgeDocument(id, name: "Pottery \(index)", description: "Wheel-thrown pottery.", embeds: embedded)
            return IngestItem(fetch: Fixture.fetch(document), parsed: document)
        }
    }

    /// Rows of `badge_rank` that disagree with `badge` (missing, extra or with another count).
    private func mismatches(_ store: EndorsementStore) throws -> Int {
        try store.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM badge b LEFT JOIN badge_rank r ON r.rowid = b.rowid
                            WHERE r.endorsementCount IS NOT b.endorsementCount)
                         + (SELECT count(*) FROM badge_rank r LEFT JOIN badge b ON b.rowid = r.rowid WHERE b.rowid IS NULL)
                    """) ?? -1
        }
    }

    @Test func aPageOfManyMatchesFollowsEndorsementCounts() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let count = EndorsementStore.rankedCandidates + 100
        // Every badge has one endorsement, badge 2050 three, badge 2060 two (both among the newest 2 000 matches,
        // which the capped ranking orders).
        // Two transactions: within one, rowids follow the linker's (hashed) order; the second batch's are all newer.
        let endorsements: (Int) -> Int = { $0 == 2050 ? 3 : $0 == 2060 ? 2 : 1 }
        try store.record(badges(0..<2000, endorsements: endorsements))
        try store.record(badges(2000..<count, endorsements: endorsements))
        #expect(try mismatches(store) == 0)

        let page = try store.search(SearchQuery(text: "pottery", limit: 3))
        #expect(page.total == count)
        // Ties (one endorsement each) go by rowid, which follows the order the batch's badges were merged in.
        #expect(page.hits.prefix(2).map(\.name) == ["Pottery 2050", "Pottery 2060"])
        #expect(page.hits.map(\.endorsementCount) == [3, 2, 1])

        // A phrase is counted by its newest candidates: with every badge matching, "at least 2 000"; with one
        // match, exactly.
        let phrase = try store.search(SearchQuery(text: "\"wheel-thrown pottery\"", limit: 3))
        #expect(phrase.total == EndorsementStore.rankedCandidates && !phrase.totalIsExact)
        #expect(phrase.hits.prefix(2).map(\.name) == ["Pottery 2050", "Pottery 2060"])
        #expect(phrase.hits.map(\.endorsementCount) == [3, 2, 1])
        let one = try store.search(SearchQuery(text: "\"pottery 2060\""))
        #expect(one.total == 1 && one.totalIsExact)
        #expect(one.hits.map(\.name) == ["Pottery 2060"])
        // Paging past the candidates takes more of them: the page's end counts.
        let last = try store.search(SearchQuery(text: "\"wheel-thrown pottery\"", limit: 5, offset: count - 2))
        #expect(last.hits.count == 2)
        #expect(last.total == count && last.totalIsExact)

        // Badge 2050 drops to one endorsement, badge 2070 gains four, badge 2099 loses its own: the page follows.
        try store.record(badges([2050, 2070, 2099]) { $0 == 2070 ? 4 : $0 == 2099 ? 0 : 1 })
        #expect(try mismatches(store) == 0)
        let after = try store.search(SearchQuery(text: "pottery", limit: 3))
        #expect(after.total == count - 1)
        #expect(after.hits.prefix(2).map(\.name) == ["Pottery 2070", "Pottery 2060"])
        #expect(after.hits.map(\.endorsementCount) == [4, 2, 1])

        #expect(try store.search(SearchQuery(text: "pottery", includeUnendorsed: true)).total == count)

        // A reindex that drops badge 2060's document removes its rows from both tables.
        let latest = Dictionary(
            (badges(0..<count) { $0 == 2070 ? 4 : $0 == 2060 ? 2 : $0 == 2099 ? 0 : 1 }).map { ($0.fetch.url.string, $0.parsed) },
            uniquingKeysWith: { first, _ in first })
        _ = try store.reindex { fetch in fetch.url.string.hasSuffix("pottery-2060") ? nil : latest[fetch.url.string] ?? nil }
        #expect(try mismatches(store) == 0)
        let reindexed = try store.search(SearchQuery(text: "pottery", limit: 2))
        #expect(reindexed.hits.first?.name == "Pottery 2070")
        #expect(reindexed.hits.map(\.endorsementCount) == [4, 1], "badge 2060 (two endorsements) is gone")
        #expect(reindexed.total == count - 2)
    }

    @Test func countingStopsAtTheCapAndSaysSo() throws {
        let database = TemporaryDatabase()
        let cap = 40
        let store = try database.open(countCap: cap)
        try store.record(badges(0..<cap) { _ in 1 })
        let atCap = try store.search(SearchQuery(text: "pottery", limit: 1))
        #expect(atCap.total == cap)
        #expect(atCap.totalIsExact)

        try store.record(badges(cap..<(cap + 5)) { _ in 1 })
        #expect(EndorsementStore.defaultCountCap == 10_000)
        let above = try store.search(SearchQuery(text: "pottery", limit: 1))
        #expect(above.total == cap)
        #expect(!above.totalIsExact)
        #expect(above.hits.count == 1)
        // A narrower query is counted exactly.
        let narrow = try store.search(SearchQuery(text: "\"Pottery 42\""))
        #expect(narrow.totalIsExact)
        #expect(narrow.total == 1)
    }
}

/// Merging the small FTS5 segments that many small commits leave.
@Suite struct SearchIndexMergeTests {
    @Test func mergingLeavesFewerSegmentsAndTheSameAnswers() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        // One transaction per badge, as a crawl with little to commit at a time: one small segment each.
        for index in 0..<120 {
            let id = IRI("https://issuer.example/badges/glass-\(index)")
            try store.record(
                Fixture.badgeDocument(
                    id, name: "Glassblowing \(index)", description: "Furnace work \(index % 7).",
                    embeds: [Fixture.endorsementValue(IRI("https://issuer.example/endorsements/glass-\(index)"), subject: id)]))
        }
        func dataRows() throws -> Int { try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM badge_fts_data") ?? 0 } }
        let before = try dataRows()
        let answer = try store.search(SearchQuery(text: "glassblowing furnace", limit: 100))

        #expect(try store.mergeSearchIndex(budget: .seconds(30)))
        #expect(try dataRows() < before)
        #expect(try store.search(SearchQuery(text: "glassblowing furnace", limit: 100)) == answer)
        // Nothing left to merge: the next call finds no work.
        #expect(try store.mergeSearchIndex(budget: .zero))
    }
}
