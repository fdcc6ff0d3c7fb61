import EndorsementStore
import Foundation
import LoopbackWeb
import Testing

/// `endorse crawl` as a user meets it: exit statuses and messages, and a graceful stop on SIGINT.
struct CrawlCommandTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try #require(ResumeCrawlTests.executable, "build the endorse executable first (swift build)")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aMissingSeedFileIsAClearError() throws {
        let folder = try TemporaryFolder()
        let result = try Self.run(["crawl", folder.path("nope.txt"), "--db", folder.path("index.sqlite"), "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("cannot read the seed file"))
    }

    @Test func aBadSeedLineIsAClearError() throws {
        let folder = try TemporaryFolder()
        try "https://example.org/ok.json\nnot a url\n".write(toFile: folder.path("seeds.txt"), atomically: true, encoding: .utf8)
        let result = try Self.run(["crawl", folder.path("seeds.txt"), "--db", folder.path("index.sqlite"), "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("line 2"))
    }

    @Test func anUnwritableDatabaseIsAClearError() throws {
        let result = try Self.run(["crawl", "https://example.org/x.json", "--db", "/proc/endorse/index.sqlite", "--quiet"])
        #expect(result.status == 1)
        #expect(result.output.contains("/proc/endorse/index.sqlite"))
    }

    @Test func resumeWithNothingToResumeIsAClearError() throws {
        let folder = try TemporaryFolder()
        let result = try Self.run(["crawl", "--resume", "--db", folder.path("index.sqlite"), "--quiet"])
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
        try process.run()
        trigger.arm(pid: process.processIdentifier, signal: SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let counts = try Frontier(path: database).counts()
        #expect(counts[.done] > 0, "what was fetched before the signal is committed")
        #expect(counts[.inFlight] == 0)
        #expect(counts.isUnfinished)
    }
}
