import EndorsementStore
import Foundation
import LoopbackWeb
import Testing

/// `endorse crawl` as a user meets it: exit statuses and messages, and a graceful stop on SIGINT.
struct CrawlCommandTests {
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let folder = try TemporaryFolder()
        let outputPath = folder.path("output")
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let process = Process()
        process.executableURL = try #require(ResumeCrawlTests.executable, "build the endorse executable first (swift build)")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        let exit = try ProcessExit(starting: process)
        let status = await exit.wait().status
        try output.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: outputPath))
        return (status, String(decoding: data, as: UTF8.self))
    }

    @Test func aMissingSeedFileIsAClearError() async throws {
        let folder = try TemporaryFolder()
        let result = try await Self.run(["crawl", folder.path("nope.txt"), "--db", folder.path("index.sqlite"), "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot read the seed file"))
    }

    @Test func aBadSeedLineIsAClearError() async throws {
        let folder = try TemporaryFolder()
        try "https://example.org/ok.json\nnot a url\n".write(toFile: folder.path("seeds.txt"), atomically: true, encoding: .utf8)
        let result = try await Self.run(["crawl", folder.path("seeds.txt"), "--db", folder.path("index.sqlite"), "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("line 2"))
    }

    @Test func anUnwritableDatabaseIsAClearError() async throws {
        let result = try await Self.run(["crawl", "https://example.org/x.json", "--db", "/proc/endorse/index.sqlite", "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("/proc/endorse/index.sqlite"))
    }

    @Test func resumeWithNothingToResumeIsAClearError() async throws {
        let folder = try TemporaryFolder()
        let result = try await Self.run(["crawl", "--resume", "--db", folder.path("index.sqlite"), "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("no unfinished crawl"))
    }

    @Test func sigintCommitsAndLeavesTheCrawlResumable() async throws {
        let folder = try TemporaryFolder()
        let trigger = SignallingResponder(StaticSite(root: SampleWebCrawlTests.root.appendingPathComponent("sample-web")), after: 12)
        let server = try LoopbackServer(responder: trigger, latency: .milliseconds(20))
        defer { server.stop() }
        let database = folder.path("index.sqlite")
        let process = try ResumeCrawlTests.crawlProcess(database: database, port: server.port, resume: false)
        let exit = try ProcessExit(starting: process)
        trigger.arm(pid: process.processIdentifier, signal: SIGINT)
        #expect(await exit.wait().status == 130)
        let counts = try Frontier(path: database).counts()
        #expect(counts[.done] > 0, "what was fetched before the signal is committed")
        #expect(counts[.inFlight] == 0)
        #expect(counts.isUnfinished)
    }
}
