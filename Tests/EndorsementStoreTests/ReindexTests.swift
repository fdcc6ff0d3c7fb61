import EndorsementStore
import Foundation
import OpenBadges
import Testing

/// `reindex` reads the stored bodies a chunk at a time, reports how far it got, and rebuilds everything.
@Suite struct ReindexTests {
    /// A stored Open Badges 2.0 BadgeClass body for badge `index`, with an endorsement embedded in every tenth.
    static func fetch(_ index: Int) -> FetchRecord {
        let endorsement =
            index % 10 == 0
            ? #", "endorsement": [{"type": "Endorsement", "id": "https://endorser.example/endorsements/\#(index)", "issuer": "https://endorser.example/profile", "claim": {"id": "https://issuer.example/badges/\#(index)", "endorsementComment": "Reviewed by the guild"}}]"#
            : ""
        let body = """
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://issuer.example/badges/\(index)",
             "name": "Masonry \(index)", "description": "Stone work, level \(index).", "issuer": "https://issuer.example/profile",
             "criteria": {"narrative": "Build a wall."}\(endorsement)}
            """
        return FetchRecord(url: IRI("https://issuer.example/badges/\(index)"), status: 200, contentType: "application/json", body: Array(body.utf8))
    }

    @Test func rebuildsAcrossChunksAndReportsProgress() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let count = 2 * 1000 + 500  // three chunks of `reindexChunk` (1 000), the last one partial
        // Stored by a parser that understood none of them: nothing is searchable yet.
        try store.record((0..<count).map { IngestItem(fetch: Self.fetch($0), parsed: nil, parseError: "not understood") })
        #expect(try store.search(SearchQuery(text: "masonry", includeUnendorsed: true)).total == 0)

        var reports: [ReindexProgress] = []
        let parsed = try store.reindex(with: DocumentParser()) { reports.append($0) }

        #expect(parsed == count)
        #expect(reports.map(\.phase) == [.parsing, .parsing, .parsing, .linking])
        #expect(reports.map(\.documents) == [1000, 2000, 2500, 2500])
        #expect(reports.allSatisfy { $0.total == count })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.elapsed <= $1.elapsed })
        #expect(reports[0].line.hasPrefix("reindex: parsing 1000/2500 documents (40 %), "))
        #expect(reports[3].line.hasPrefix("reindex: linking what 2500 documents say, "))
        // Documents of the first, middle and last chunks are all back, with their endorsements linked.
        let all = try store.search(SearchQuery(text: "masonry", includeUnendorsed: true))
        #expect(all.total == count)
        let endorsed = try store.search(SearchQuery(text: "masonry"))
        #expect(endorsed.total == count / 10)
        for index in [0, 999, 1000, 2490] {
            let hit = try store.search(SearchQuery(text: "\"masonry \(index)\"", includeUnendorsed: true)).hits.first
            #expect(hit?.name == "Masonry \(index)")
            #expect(hit?.endorsementCount == (index % 10 == 0 ? 1 : 0), "badge \(index)")
        }
    }

    @Test func aFailingRebuildLeavesTheIndexAsItWas() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let items = (0..<1500).map { IngestItem(fetch: Self.fetch($0), parsed: nil) }
        try store.record(items)
        _ = try store.reindex(with: DocumentParser())
        #expect(try store.search(SearchQuery(text: "masonry", includeUnendorsed: true)).total == 1500)

        // A progress observer that throws after the first chunk aborts the one transaction.
        struct Stop: Error {}
        #expect(throws: (any Error).self) {
            try store.reindex(progress: { if $0.documents >= 1000 { throw Stop() } }) { _ in nil }
        }
        #expect(try store.search(SearchQuery(text: "masonry", includeUnendorsed: true)).total == 1500)
    }
}
