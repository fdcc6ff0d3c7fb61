import Foundation
import GRDB
import OpenBadges
import Testing

@testable import EndorsementStore

/// The linker writes `badge_fts` and `profile_fts` itself (no triggers): the indexes must follow every insert,
/// change and removal, and agree with their content tables.
struct SearchIndexSyncTests {
    /// FTS5 'integrity-check' on an external-content table also compares the index with the content table.
    private func expectIndexesConsistent(_ store: EndorsementStore) throws {
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO badge_fts(badge_fts) VALUES('integrity-check')")
            try db.execute(sql: "INSERT INTO profile_fts(profile_fts) VALUES('integrity-check')")
        }
    }

    @Test func profileSearchFollowsRenamesAndRemovals() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let guild: IRI = "https://guild.example/profile"
        try store.record(Fixture.profileDocument(guild, name: "Acme Guild", description: "Makers of widgets"))
        #expect(try store.searchProfiles("acme").map(\.id) == [guild])
        #expect(try store.searchProfiles("widgets").map(\.id) == [guild])

        // Given a new body at the same URL, when it renames the profile, the old name stops matching.
        try store.record(Fixture.profileDocument(guild, name: "Zenith Collective", description: "Makers of widgets"), at: 60)
        #expect(try store.searchProfiles("acme").isEmpty)
        #expect(try store.searchProfiles("zenith").map(\.name) == ["Zenith Collective"])
        try expectIndexesConsistent(store)

        // When the URL no longer holds a profile, nothing of it matches any more.
        let plain = ParsedDocument(url: guild, format: .json, version: .v2_0)
        try store.record(Fixture.fetch(plain, at: 120), parsed: plain)
        #expect(try store.searchProfiles("zenith").isEmpty)
        #expect(try store.searchProfiles("widgets").isEmpty)
        try expectIndexesConsistent(store)
    }

    @Test func aBatchOfProfilesIsSearchableAndLeavesFewSegments() throws {
        let database = TemporaryDatabase()
        let store = try database.open()
        let items = (0..<300).map { index -> IngestItem in
            let document = Fixture.profileDocument(IRI("https://org\(index).example/profile"), name: "Guild number\(index)")
            return IngestItem(fetch: Fixture.fetch(document), parsed: document)
        }
        try store.record(items)
        #expect(try store.searchProfiles("number17").map(\.name) == ["Guild number17"])
        #expect(try store.searchProfiles("guild", limit: 100).count == 100)
        try expectIndexesConsistent(store)
        // One batch flushes its terms once (4 index pages here); with per-row triggers each profile left a segment
        // of its own, and 19 pages remained after FTS5's automatic merges.
        let pages = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM profile_fts_data WHERE id >= 10") ?? 0
        }
        #expect(pages < 10)
    }
}
