import EndorseTestFixtures
import EndorsementStore
import Foundation
import OpenBadges
import Testing

/// The query commands run as a subprocess against a database the test builds.
@Suite(.serialized)  // each test starts processes; serialized to keep the machine responsive for timing-sensitive suites
struct QueryCommandTests {
    let endorse: EndorseExecutable
    let folder: URL
    let db: String

    init() throws {
        endorse = try EndorseExecutable.locate()
        folder = try FixtureIndex.temporaryFolder()
        db = folder.appendingPathComponent("index.sqlite").path
        try FixtureIndex.build(at: db)
    }

    func decode<T: Decodable>(_ type: T.Type, _ result: ProcessRunner.Result) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: result.stdout)
    }

    @Test func searchFindsEndorsedBadgesOnly() async throws {
        let result = try await endorse.run(["search", "python", "--db", db, "--json"])
        #expect(result.status == 0, "\(result.stderrText)")
        let page = try decode(SearchPage.self, result)
        #expect(page.total == 2)
        #expect(Set(page.hits.map(\.id)) == [FixtureIndex.pythonBasics, FixtureIndex.pythonAdvanced])
        let basics = try #require(page.hits.first { $0.id == FixtureIndex.pythonBasics })
        #expect(basics.endorsers.map(\.id) == [FixtureIndex.acme])
        #expect(basics.issuer?.name == "Example University")
    }

    @Test func searchAllIncludesUnendorsedBadges() async throws {
        let endorsedOnly = try decode(SearchPage.self, try await endorse.run(["search", "rust", "--db", db, "--json"]))
        #expect(endorsedOnly.total == 0)
        let all = try decode(SearchPage.self, try await endorse.run(["search", "rust", "--all", "--db", db, "--json"]))
        #expect(all.hits.map(\.id) == [FixtureIndex.rust])
    }

    @Test func searchPagesWithLimitAndOffset() async throws {
        let first = try decode(SearchPage.self, try await endorse.run(["search", "python", "--limit", "1", "--db", db, "--json"]))
        let second = try decode(SearchPage.self, try await endorse.run(["search", "python", "--limit", "1", "--offset", "1", "--db", db, "--json"]))
        #expect(first.hits.count == 1 && second.hits.count == 1)
        #expect(first.total == 2 && second.total == 2)
        #expect(first.hits[0].id != second.hits[0].id)
    }

    @Test func searchReadsALeadingDashAsTheQueryWhenItIsTheOnlyOne() async throws {
        for arguments in [["search", "-packaging python", "--db", db, "--json"], ["search", "--db", db, "--json", "-packaging python"]] {
            let result = try await endorse.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderrText)")
            let page = try decode(SearchPage.self, result)
            #expect(page.query == "-packaging python")
            #expect(page.hits.map(\.id) == [FixtureIndex.pythonBasics], "\(arguments)")
        }
        // A misspelt option beside a query is still an unknown option, and a lone excluded word a bad query.
        let misspelt = try await endorse.run(["search", "--limt", "5", "python", "--db", db])
        #expect(misspelt.status == 64)
        #expect(misspelt.stderrText.contains("--limt"))
        let onlyExcluded = try await endorse.run(["search", "-python", "--db", db])
        #expect(onlyExcluded.status == 5, "\(onlyExcluded.stderrText)")
        #expect(onlyExcluded.stderrText.contains("only excludes"))
    }

    @Test func searchFiltersByEndorser() async throws {
        let page = try decode(
            SearchPage.self, try await endorse.run(["search", "python", "--endorser", FixtureIndex.beta.string, "--db", db, "--json"]))
        #expect(page.hits.map(\.id) == [FixtureIndex.pythonAdvanced])
    }

    @Test func searchTableFitsEightyColumns() async throws {
        let result = try await endorse.run(["search", "python", "--db", db])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("Python Basics"))
        for line in result.stdoutText.split(separator: "\n") {
            #expect(line.count <= 80, "too wide: \(line)")
        }
    }

    @Test func endorsersOfBadgeByIRI() async throws {
        let result = try await endorse.run(["endorsers", FixtureIndex.pythonBasics.string, "--db", db, "--json"])
        #expect(result.status == 0, "\(result.stderrText)")
        let answer = try decode(BadgeEndorsements.self, result)
        #expect(answer.badge.name == "Python Basics")
        #expect(answer.endorsements.map(\.endorser?.id) == [FixtureIndex.acme])
        #expect(answer.endorsements.first?.comment == "Our engineers rely on this badge.")
        #expect(answer.issuerEndorsements.map(\.endorser?.id) == [FixtureIndex.beta])
    }

    @Test func endorsersOfBadgeByAssertionIRI() async throws {
        let answer = try decode(BadgeEndorsements.self, try await endorse.run(["endorsers", FixtureIndex.assertion.string, "--db", db, "--json"]))
        #expect(answer.badge.id == FixtureIndex.pythonBasics)
    }

    @Test func endorsersOfBadgeByExactName() async throws {
        let result = try await endorse.run(["endorsers", "Python", "Basics", "--db", db])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("Acme Corp"))
        #expect(result.stdoutText.contains("ACKNOWLEDGED"))
        for line in result.stdoutText.split(separator: "\n") {
            #expect(line.count <= 80, "too wide: \(line)")
        }
    }

    @Test func ambiguousWordsListCandidatesAndExitSix() async throws {
        let result = try await endorse.run(["endorsers", "python", "--db", db])
        #expect(result.status == 6)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("Python Basics") && result.stderrText.contains("Python Advanced"))
        let json = try await endorse.run(["endorsers", "python", "--db", db, "--json"])
        #expect(json.status == 6)
        #expect(json.stderrText.contains(#""code" : "ambiguous""#))
        #expect(json.stderrText.contains(FixtureIndex.pythonAdvanced.string))
    }

    @Test func endorsedByNameAndIRI() async throws {
        let byName = try decode(EndorserEndorsements.self, try await endorse.run(["endorsed-by", "Acme", "Corp", "--db", db, "--json"]))
        #expect(byName.endorser.id == FixtureIndex.acme)
        #expect(Set(byName.endorsements.compactMap(\.target)) == [FixtureIndex.pythonBasics, FixtureIndex.markup])
        let byIRI = try decode(EndorserEndorsements.self, try await endorse.run(["endorsed-by", FixtureIndex.beta.string, "--db", db, "--json"]))
        #expect(Set(byIRI.endorsements.compactMap(\.target)) == [FixtureIndex.pythonAdvanced, FixtureIndex.issuer])
    }

    @Test func showPrintsADocument() async throws {
        let detail = try decode(DocumentDetail.self, try await endorse.run(["show", FixtureIndex.pythonBasics.string, "--db", db, "--json"]))
        #expect(detail.id == FixtureIndex.pythonBasics)
        #expect(detail.kind == "badge")
        #expect(detail.name == "Python Basics")
    }

    @Test func statsCountsTheFixture() async throws {
        let stats = try decode(IndexStats.self, try await endorse.run(["stats", "--db", db, "--json"]))
        #expect(stats.badges == 4)
        #expect(stats.profiles == 3)
        #expect(stats.endorsements == 4)
        let text = try await endorse.run(["stats", "--db", db])
        #expect(text.status == 0)
        #expect(text.stdoutText.contains("Endorsements by acknowledgement"))
    }

    @Test func jsonIsStableSortedAndUnescaped() async throws {
        let first = try await endorse.run(["endorsers", FixtureIndex.pythonBasics.string, "--db", db, "--json"])
        let second = try await endorse.run(["endorsers", FixtureIndex.pythonBasics.string, "--db", db, "--json"])
        #expect(first.stdout == second.stdout)
        #expect(first.stdoutText.contains("https://acme.example/profile"), "slashes must not be escaped")
        #expect(first.stdoutText.contains("2024-03-01T00:00:00Z"), "dates are ISO 8601")
        let keys = first.stdoutText.split(separator: "\n").prefix(4).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(keys[1].hasPrefix(#""badge""#), "keys are sorted: \(keys)")
    }

    @Test func unknownIRIExitsFour() async throws {
        let result = try await endorse.run(["show", "https://nowhere.example/badge.json", "--db", db])
        #expect(result.status == 4)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderrText.isEmpty)
        #expect(try await endorse.run(["endorsers", "https://nowhere.example/badge.json", "--db", db]).status == 4)
        #expect(try await endorse.run(["endorsed-by", "nobody-matches-these-words", "--db", db]).status == 4)
    }

    @Test(arguments: [
        ["search", String(repeating: "python ", count: 60)],
        ["search", "!!!"],
        ["search", "--", "-python"],
        ["search", "python", "--limit", "0"],
        ["search", "python", "--limit", "101"],
        ["search", "python", "--offset", "10001"],
        ["search", "python", "--verification", "trusted"],
    ])
    func badQueryOrOptionExitsFive(_ arguments: [String]) async throws {
        // --db goes before the query: after `--` everything is a word.
        let result = try await endorse.run([arguments[0], "--db", db] + arguments.dropFirst())
        #expect(result.status == 5, "\(arguments): \(result.stderrText)")
        #expect(result.stderrText.hasPrefix("endorse: "))
    }
}
