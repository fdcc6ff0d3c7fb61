import Foundation
import GRDB
import OpenBadges
import Testing

@testable import EndorsementStore

@Suite struct StoreTests {
    @Test func readOnlyOpenOfAMissingFileSaysWhatToDo() throws {
        let database = TemporaryDatabase()
        let error = try #require(throws: StoreError.self) { try database.open(.readOnly) }
        #expect(error.code == .databaseMissing)
        #expect(error.reason.contains("endorse crawl"))
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test func theWritersPageCacheIsTheOneAskedFor() throws {
        let database = TemporaryDatabase()
        func writerCache(_ store: EndorsementStore) throws -> Int? { try store.write { try Int.fetchOne($0, sql: "PRAGMA cache_size") } }
        #expect(try writerCache(database.open()) == -EndorsementStore.defaultWriterCacheKiB)
        let crawl = try EndorsementStore(path: database.path, writerCacheKiB: EndorsementStore.crawlWriterCacheKiB)
        #expect(try writerCache(crawl) == -EndorsementStore.crawlWriterCacheKiB)
        #expect(EndorsementStore.crawlWriterCacheKiB < EndorsementStore.defaultWriterCacheKiB)
    }

    @Test func readOnlyStoreReadsButRefusesWrites() throws {
        let database = TemporaryDatabase()
        let writer = try database.open()
        try writer.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        let reader = try database.open(.readOnly)
        #expect(try reader.stats().badges == 1)
        #expect(throws: StoreError(.databaseUnwritable, "")) { try reader.record(Fixture.badgeDocument()) }
    }

    @Test func changeTokenAndValidatorsFollowRecords() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let before = try store.changeToken()
        #expect(try store.validators(for: Fixture.badge) == nil)
        var fetch = Fixture.fetch(Fixture.badge)
        fetch.etag = "\"v1\""
        try store.record(fetch, parsed: Fixture.badgeDocument())
        #expect(try store.changeToken() != before)
        #expect(try store.validators(for: Fixture.badge)?.etag == "\"v1\"")

        // A 304 keeps the body and what it said.
        try store.record(Fixture.fetch(Fixture.badge, status: 304, at: 60), parsed: nil)
        #expect(try store.stats().badges == 1)
        #expect(try store.document(id: Fixture.badge).json?.contains("issuer.example") == true)
    }

    @Test func documentShowsObjectsAndPlainDocuments() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))
        try store.record(Fixture.fetch("https://issuer.example/about"), parsed: nil)

        let badge = try store.document(id: Fixture.badge)
        #expect(badge.kind == "badge" && badge.name == "Open Collaboration" && badge.status == 200)
        #expect(badge.linksOut.contains(ObjectLink(relation: "endorsement", target: Fixture.endorsement)))
        #expect(badge.linksIn.contains { $0.relation == "endorsedBy" && $0.target == Fixture.endorsement })
        let endorsement = try store.document(id: Fixture.endorsement)
        #expect(endorsement.kind == "endorsement")
        #expect(endorsement.linksOut.contains { $0.relation == "endorses" && $0.target == Fixture.badge && $0.name == "Open Collaboration" })
        #expect(try store.document(id: "https://issuer.example/about").kind == "document")
        #expect(throws: StoreError(.notFound, "")) { try store.document(id: "https://issuer.example/none") }
    }

    @Test func reindexRebuildsFromStoredBodies() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.badgeDocument(name: "Old Name", lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))
        // A "newer parser": renames the badge and no longer sees the listing.
        let parsed = try store.reindex { fetch in
            fetch.url == Fixture.badge
                ? Fixture.badgeDocument(name: "New Name", lists: []) : Fixture.endorsementDocument(Fixture.endorsementValue())
        }
        #expect(parsed == 2)
        #expect(try store.search(SearchQuery(text: "new name")).hits.map(\.name) == ["New Name"])
        #expect(try store.search(SearchQuery(text: "old")).total == 0)
        #expect(try store.endorsementView()?.acknowledged == .unacknowledged)
    }

    @Test func reindexWithTheRealParserIndexesStoredBodies() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let body = """
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://issuer.example/badges/real",
             "name": "Harbour Welding", "description": "Welding in harbours.", "issuer": "https://issuer.example/issuer",
             "criteria": {"narrative": "Weld a hull."}}
            """
        let fetch = FetchRecord(url: "https://issuer.example/badges/real", status: 200, contentType: "application/json", body: Array(body.utf8))
        try store.record(fetch, parsed: nil)
        #expect(try store.searchBadges("welding").isEmpty)

        #expect(try store.reindex(with: DocumentParser()) == 1)

        let badge = try #require(try store.searchBadges("welding").first)
        #expect(badge.id == "https://issuer.example/badges/real")
        #expect(badge.issuer?.id == "https://issuer.example/issuer")
    }

    /// Readers on a real pool see consistent pages while one writer ingests in many transactions.
    @Test func concurrentReadersWhileAWriterIngests() async throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let reader = try database.open(.readOnly)
        let batches = 40
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for batch in 0..<batches {
                    var items: [IngestItem] = []
                    for index in 0..<10 {
                        let badge = IRI("https://issuer.example/badges/c\(batch)-\(index)")
                        let endorsement = Fixture.endorsementValue(IRI("https://endorser.example/e/c\(batch)-\(index)"), subject: badge)
                        items.append(
                            IngestItem(
                                fetch: Fixture.fetch(badge), parsed: Fixture.badgeDocument(badge, name: "Concurrent badge", embeds: [endorsement])))
                    }
                    try store.record(items)
                }
                return batches * 10
            }
            for _ in 0..<3 {
                group.addTask {
                    var last = 0
                    var reads = 0
                    let deadline = Date().addingTimeInterval(120)
                    while last < batches * 10 && Date() < deadline {
                        let page = try reader.search(SearchQuery(text: "concurrent", limit: 5))
                        #expect(page.total >= last && page.total % 10 == 0)
                        #expect(page.hits.count == min(5, page.total))
                        last = page.total
                        reads += 1
                    }
                    #expect(last == batches * 10, "the readers never saw the last batch")
                    return reads
                }
            }
            var results: [Int] = []
            for try await result in group { results.append(result) }
            #expect(results.contains(batches * 10))
        }
        #expect(try reader.stats().endorsements == batches * 10)
    }
}
