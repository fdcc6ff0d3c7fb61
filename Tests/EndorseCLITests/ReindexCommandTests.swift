import EndorseTestFixtures
import EndorsementStore
import Foundation
import OpenBadges
import Testing

/// `endorse reindex` parses the stored bodies again with the current parser.
@Suite(.serialized)  // each test starts processes; serialized to keep the machine responsive for timing-sensitive suites
struct ReindexCommandTests {
    static let badge = IRI("https://issuer.example/badges/welding.json")
    static let body = """
        {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": "https://issuer.example/badges/welding.json",
         "name": "Welding Safety", "description": "Safe welding practice.", "issuer": "https://issuer.example/profile",
         "criteria": {"narrative": "Pass the practical test."}}
        """

    @Test func documentsStoredUnparsedBecomeSearchable() async throws {
        let endorse = try EndorseExecutable.locate()
        let db = try FixtureIndex.temporaryFolder().appendingPathComponent("index.sqlite").path
        // Given a body stored by a parser that did not understand it,
        let store = try EndorsementStore(path: db, mode: .readWrite)
        try store.record(
            FetchRecord(url: Self.badge, status: 200, contentType: "application/ld+json", body: Array(Self.body.utf8)), parsed: nil,
            parseError: "not understood")
        let before = try await endorse.run(["search", "welding", "--all", "--db", db, "--json"])
        #expect(before.status == 0)
        #expect(!before.stdoutText.contains(Self.badge.string))

        // when the index is rebuilt,
        let result = try await endorse.run(["reindex", "--db", db])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("reindexed"))

        // then the badge is found.
        let after = try await endorse.run(["search", "welding", "--all", "--db", db, "--json"])
        #expect(after.status == 0)
        #expect(after.stdoutText.contains(Self.badge.string))
    }

    @Test func reportsProgressUnlessQuiet() async throws {
        let endorse = try EndorseExecutable.locate()
        let db = try FixtureIndex.temporaryFolder().appendingPathComponent("index.sqlite").path
        let store = try EndorsementStore(path: db, mode: .readWrite)
        try store.record(FetchRecord(url: Self.badge, status: 200, contentType: "application/ld+json", body: Array(Self.body.utf8)), parsed: nil)

        // Standard error is not a terminal here: progress comes as log lines, one per phase for a quick rebuild.
        let result = try await endorse.run(["reindex", "--db", db])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("reindex: parsing 1/1 documents (100 %)"), "\(result.stderrText)")
        #expect(result.stderrText.contains("reindex: linking what 1 documents say"))
        #expect(result.stderrText.contains("reindex: merging the search index"))
        #expect(!result.stdoutText.contains("reindex:"), "progress stays off standard output")

        let quiet = try await endorse.run(["reindex", "--db", db, "--quiet"])
        #expect(quiet.status == 0)
        #expect(!quiet.stderrText.contains("reindex:"), "\(quiet.stderrText)")
        #expect(quiet.stdoutText.contains("reindexed 1 documents"))
    }

    @Test func missingDatabaseExitsThree() async throws {
        let db = try FixtureIndex.temporaryFolder().appendingPathComponent("none.sqlite").path
        let result = try await EndorseExecutable.locate().run(["reindex", "--db", db])
        #expect(result.status == 3)
        #expect(result.stderrText.contains("endorse demo"))
    }
}
