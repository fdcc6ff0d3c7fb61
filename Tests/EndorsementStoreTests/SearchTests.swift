import Foundation
import OpenBadges
import Testing

@testable import EndorsementStore

@Suite struct SearchTests {
    /// Three badges: two endorsed (one acknowledged + hosted, one spoofed), one nobody endorses.
    private func corpus() throws -> (TemporaryDatabase, EndorsementStore) {
        let database = TemporaryDatabase()
        let store = try database.open()
        try store.record(Fixture.profileDocument(Fixture.issuer, name: "Université Ouverte"))
        try store.record(Fixture.profileDocument(Fixture.endorser, name: "Acme Guild", description: "A guild of makers"))
        try store.record(Fixture.badgeDocument(lists: [Fixture.endorsement]))
        try store.record(Fixture.endorsementDocument(Fixture.endorsementValue()))

        let second: IRI = "https://issuer.example/badges/2"
        try store.record(
            Fixture.badgeDocument(second, name: "Data Science Basics", description: "Statistics, e-mail etiquette and node.js scripting"))
        try store.record(
            Fixture.endorsementDocument(
                Fixture.endorsementValue(
                    "https://elsewhere.example/e/2", endorser: "https://other.example/org", subject: second,
                    comment: "Rigorous curriculum")))
        try store.record(Fixture.badgeDocument("https://issuer.example/badges/3", name: "Unendorsed Collaboration"))
        return (database, store)
    }

    @Test func stemmingFindsInflectedWords() throws {
        let (_, store) = try corpus()
        // "endorse" matches "endorsed" in the comment; "collaborating" matches "collaborate".
        #expect(try store.search(SearchQuery(text: "endorse")).hits.map(\.id) == [Fixture.badge])
        #expect(try store.search(SearchQuery(text: "collaborating")).hits.map(\.id) == [Fixture.badge])
        #expect(try store.search(SearchQuery(text: "statist*")).hits.map(\.name) == ["Data Science Basics"])
        #expect(try store.search(SearchQuery(text: "universite")).total == 2)
    }

    @Test func onlyEndorsedBadgesByDefault() throws {
        let (_, store) = try corpus()
        #expect(try store.search(SearchQuery(text: "collaboration")).total == 1)
        let all = try store.search(SearchQuery(text: "collaboration", includeUnendorsed: true))
        #expect(all.total == 2)
        #expect(Set(all.hits.compactMap(\.name)) == ["Open Collaboration", "Unendorsed Collaboration"])
    }

    @Test func hitsCarrySnippetIssuerAndEndorsers() throws {
        let (_, store) = try corpus()
        let hit = try #require(try store.search(SearchQuery(text: "rigorous")).hits.first)
        #expect(hit.snippet?.contains("[Rigorous]") == true)
        #expect(hit.issuer?.name == "Université Ouverte")
        #expect(hit.endorsers.map(\.id) == ["https://other.example/org"])
        #expect(hit.endorsementCount == 1)
        #expect(hit.score > 0)
    }

    @Test func filtersByEndorserIssuerAcknowledgementAndVerification() throws {
        let (_, store) = try corpus()
        func ids(_ query: SearchQuery) throws -> Set<String> { Set(try store.search(query).hits.map(\.id.string)) }
        let both: Set<String> = [Fixture.badge.string, "https://issuer.example/badges/2"]
        #expect(try ids(SearchQuery(text: "")) == both)
        #expect(try ids(SearchQuery(text: "", endorser: "http://ENDORSER.example/profile")) == [Fixture.badge.string])
        #expect(try ids(SearchQuery(text: "", endorser: "acme")) == [Fixture.badge.string])
        #expect(try ids(SearchQuery(text: "", endorser: "100%")).isEmpty)
        #expect(try ids(SearchQuery(text: "", issuer: "ouverte")) == both)
        #expect(try ids(SearchQuery(text: "", issuer: Fixture.issuer.string)) == both)
        #expect(try ids(SearchQuery(text: "", issuer: "https://nobody.example/")).isEmpty)
        #expect(try ids(SearchQuery(text: "", acknowledgement: .acknowledgedOnly)) == [Fixture.badge.string])
        #expect(try ids(SearchQuery(text: "", acknowledgement: .unacknowledgedOnly)) == ["https://issuer.example/badges/2"])
        #expect(try ids(SearchQuery(text: "", verification: .unverified)) == ["https://issuer.example/badges/2"])
        #expect(try ids(SearchQuery(text: "basics", verification: .hosted)).isEmpty)
    }

    @Test func paginationKeepsTheTotal() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        var items: [IngestItem] = []
        for index in 0..<25 {
            let badge = IRI("https://issuer.example/badges/p\(index)")
            let endorsement = Fixture.endorsementValue(IRI("https://issuer.example/e/\(index)"), subject: badge, comment: "solid")
            let document = Fixture.badgeDocument(badge, name: "Pagination badge \(index)", embeds: [endorsement])
            items.append(IngestItem(fetch: Fixture.fetch(badge), parsed: document))
        }
        try store.record(items)
        let first = try store.search(SearchQuery(text: "pagination", limit: 10))
        let last = try store.search(SearchQuery(text: "pagination", limit: 10, offset: 20))
        let beyond = try store.search(SearchQuery(text: "pagination", limit: 10, offset: 40))
        #expect(first.total == 25 && last.total == 25 && beyond.total == 25)
        #expect(first.hits.count == 10 && last.hits.count == 5 && beyond.hits.isEmpty)
        #expect(Set(first.hits.map(\.id)).isDisjoint(with: last.hits.map(\.id)))
    }

    /// Past `rankedCandidates` matches the page is ordered by endorsement count (no bm25) and the total stays exact.
    @Test func commonWordsAreOrderedByEndorsementCount() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        var items: [IngestItem] = []
        for index in 0..<(EndorsementStore.rankedCandidates + 50) {
            let badge = IRI("https://issuer.example/badges/many\(index)")
            let count = index == 7 ? 3 : 1
            let endorsements = (0..<count).map {
                Fixture.endorsementValue(IRI("https://issuer.example/e/many\(index)-\($0)"), subject: badge, comment: "fine")
            }
            items.append(IngestItem(fetch: Fixture.fetch(badge), parsed: Fixture.badgeDocument(badge, name: "Common \(index)", embeds: endorsements)))
        }
        // Badge 7 in a transaction of its own, after the others: within one transaction rowids follow the linker's
        // (hashed) order, and the ranking reads the newest `rankedCandidates` matches only.
        try store.record(items.filter { $0.fetch.url.string != "https://issuer.example/badges/many7" })
        try store.record(items.filter { $0.fetch.url.string == "https://issuer.example/badges/many7" })
        let page = try store.search(SearchQuery(text: "common", limit: 5))
        #expect(page.total == EndorsementStore.rankedCandidates + 50)
        #expect(page.hits.first?.id == "https://issuer.example/badges/many7")
        #expect(page.hits.first?.endorsementCount == 3)
        #expect(page.hits.allSatisfy { $0.score == 0 && $0.snippet?.contains("[Common]") == true })
        let rare = try store.search(SearchQuery(text: "common 7"))
        #expect(rare.total == 1 && rare.hits.first?.score ?? 0 > 0)
    }

    @Test func exclusionRemovesMatches() throws {
        let (_, store) = try corpus()
        #expect(try store.search(SearchQuery(text: "badge -rigorous", includeUnendorsed: true)).hits.allSatisfy { $0.name != "Data Science Basics" })
        #expect(try store.search(SearchQuery(text: "learners -teamwork")).total == 0)
    }

    @Test func profileAndBadgeWordSearch() throws {
        let (_, store) = try corpus()
        #expect(try store.searchProfiles("guild").map(\.name) == ["Acme Guild"])
        #expect(try store.searchProfiles("endorser.example").map(\.id) == [Fixture.endorser])
        #expect(try store.searchBadges("unendorsed").map(\.id) == ["https://issuer.example/badges/3"])
        #expect(try store.searchBadges("science").first?.issuer?.name == "Université Ouverte")
    }

    /// Hostile input never surfaces an SQLite error: it searches as text or fails as `.invalidQuery`.
    @Test(arguments: [
        "e-mail", "node.js", "c++", "2.0", "badge's", "AND", "OR", "NOT", "a AND", "NEAR(", "NEAR(a b, 2)", ":", "name:badge", "^badge",
        "\"", "\"unbalanced", "", " ", "!!!", "*", "a*b", "-", "--", "'; DROP TABLE badge; --", "{name}: x", "x OR 1=1", "\u{0}",
        "émail", "日本語", "🙂", "\"\"\"\"", "(", ")", "[x]", "%", "_", "\\", String(repeating: "a ", count: 5000),
        String(repeating: "x", count: 10_000),
    ])
    func hostileQueries(input: String) throws {
        let (_, store) = try corpus()
        do {
            _ = try store.search(SearchQuery(text: input))
            _ = try store.searchProfiles(input)
            _ = try store.searchBadges(input)
            _ = try store.search(SearchQuery(text: "badge", endorser: input, issuer: input))
        } catch let error as StoreError {
            #expect(error.code == .invalidQuery, "\(error.code): \(error.reason)")
        }
        #expect(try store.stats().badges == 3)
        #expect(try store.search(SearchQuery(text: "e-mail")).total == 1)
    }

    @Test(arguments: [(0, 0), (101, 0), (-1, 0), (10, -1)])
    func limitsOutOfRangeAreInvalidParameters(limit: Int, offset: Int) throws {
        let (_, store) = try corpus()
        #expect(throws: StoreError(.invalidParameter, "")) { try store.search(SearchQuery(text: "badge", limit: limit, offset: offset)) }
    }
}
