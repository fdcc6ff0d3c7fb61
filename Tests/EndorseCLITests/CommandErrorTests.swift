import EndorseTestFixtures
import Foundation
import Testing

/// Errors that need no database content: a missing database, usage mistakes, help.
@Suite(.serialized)  // each test starts processes
struct CommandErrorTests {
    let endorse: EndorseExecutable
    let folder: URL

    init() throws {
        endorse = try EndorseExecutable.locate()
        folder = try FixtureIndex.temporaryFolder()
    }

    @Test(arguments: [["search", "python"], ["endorsers", "python"], ["endorsed-by", "acme"], ["show", "https://x.example/"], ["stats"]])
    func missingDatabaseExitsThreeAndSaysHowToCreateOne(_ arguments: [String]) async throws {
        let db = folder.appendingPathComponent("absent.sqlite").path
        let result = try await endorse.run(arguments + ["--db", db])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains(db))
        #expect(result.stderrText.contains("endorse crawl") && result.stderrText.contains("endorse demo"))
    }

    @Test func missingDefaultDatabaseIsReportedAsJSONWithJSONFlag() async throws {
        let result = try await endorse.run(["stats", "--json"], in: folder)
        #expect(result.status == 3)
        #expect(result.stderrText.contains(#""code" : "databaseMissing""#))
        #expect(result.stderrText.contains("Index/endorse.sqlite"))
    }

    @Test(arguments: [["search"], ["search", "python", "--limit", "many"], ["frobnicate"], ["search", "x", "--acknowledged", "--unacknowledged"]])
    func usageErrorsExitSixtyFour(_ arguments: [String]) async throws {
        let result = try await endorse.run(arguments, in: folder)
        #expect(result.status == 64, "\(arguments): \(result.stderrText)")
    }

    @Test func versionNamesTheReleaseAndTheCrawlStateSchema() async throws {
        let result = try await endorse.run(["--version"], in: folder)
        #expect(result.status == 0)
        let line = String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("endorse 0."), "\(line)")
        #expect(line.contains("crawl state schema 2"), "\(line)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameTheCommands(_ shell: String) async throws {
        let result = try await endorse.run(["--generate-completion-script", shell], in: folder)
        #expect(result.status == 0)
        let script = String(decoding: result.stdout, as: UTF8.self)
        for command in ["crawl", "search", "check", "serve", "index"] { #expect(script.contains(command), "\(shell): \(command)") }
    }

    @Test(arguments: ["search", "endorsers", "endorsed-by", "show", "stats", "serve", "reindex"])
    func everyCommandHasHelp(_ command: String) async throws {
        let result = try await endorse.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("OVERVIEW:"))
        #expect(result.stdoutText.contains("--db"))
    }
}
