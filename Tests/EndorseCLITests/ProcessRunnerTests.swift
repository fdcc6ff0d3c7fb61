import EndorseTestFixtures
import Foundation
import Testing

/// The subprocess runner every CLI and server test relies on: exit statuses, captured output, working directory,
/// and the timeout's kill.
struct ProcessRunnerTests {
    private let shell = URL(fileURLWithPath: "/bin/sh")

    @Test func capturesStatusAndBothStreams() async throws {
        let result = try await ProcessRunner.runAsync(shell, ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdoutText == "out\n")
        #expect(result.stderrText == "err\n")
    }

    @Test func runsInTheGivenDirectoryWithArgumentsIntact() async throws {
        let folder = try FixtureIndex.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await ProcessRunner.runAsync(shell, ["-c", #"pwd; printf '%s|' "$@""#, "sh", "a b", "$HOME", ""], in: folder)
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == folder.resolvingSymlinksInPath().path)
        #expect(lines.dropFirst().first == "a b|$HOME||")
    }

    @Test func aProgramPastItsTimeoutIsKilled() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await ProcessRunner.runAsync(URL(fileURLWithPath: "/bin/sleep"), ["300"], timeout: 0.3)
        #expect(result.status == SIGKILL)
        // Killed, not finished: well before sleep's 30 s (a machine loaded by a parallel build once took 20.7 s).
        #expect(clock.now - start < .seconds(90))
    }

    @Test func aMissingProgramThrows() async throws {
        await #expect(throws: (any Error).self) {
            _ = try await ProcessRunner.runAsync(URL(fileURLWithPath: "/nonexistent/program"), [])
        }
    }
}
