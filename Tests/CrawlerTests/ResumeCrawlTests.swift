import Crawler
import EndorsementStore
import Foundation
import LoopbackWeb
import OpenBadges
import Testing

/// Kill a real `endorse crawl` process with SIGKILL mid-way, resume it, and compare the final index
/// with an uninterrupted crawl of the same web.
struct ResumeCrawlTests {
    /// The `endorse` executable built next to the test bundle.
    static var executable: URL? {
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent(), URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        ]
        for folder in candidates {
            var url = folder
            for _ in 0..<4 {
                let candidate = url.appendingPathComponent("endorse")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                url = url.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// An `endorse crawl` of the sample web through the loopback servers; with `shared`, a worker of a crawl shared
    /// through that PostgreSQL URL (`database` is then unused) with its name and lease seconds.
    static func crawlProcess(
        database: String, port: Int, tls: (port: Int, caPath: String)? = nil, resume: Bool,
        shared: (state: String, worker: String, lease: Int)? = nil, extra: [String] = []
    ) throws -> Process {
        let process = Process()
        process.executableURL = try #require(executable, "build the endorse executable first (swift build)")
        process.currentDirectoryURL = CrawlHarness.packageRoot
        var arguments = ["crawl"]
        if resume {
            arguments.append("--resume")
        } else {
            arguments.append(SampleWebCrawlTests.root.appendingPathComponent("sample-issuers.txt").path)
        }
        arguments += [
            "--db", database, "--connect-to", "::127.0.0.1:\(port)", "--allow-private-addresses", "--quiet", "--concurrency", "2", "--per-host",
            "1", "--timeout", "5",
        ]
        if let shared { arguments += ["--state", shared.state, "--worker", shared.worker, "--lease", String(shared.lease)] }
        arguments += extra
        // curl takes the first matching --connect-to: https to the TLS twin first.
        if let tls { arguments.insert(contentsOf: ["--connect-to", ":443:127.0.0.1:\(tls.port)", "--ca-cert", tls.caPath], at: 1) }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    @Test func aKilledCrawlResumesToTheSameIndex() async throws {
        let folder = try TemporaryFolder()
        let web = StaticSite(root: SampleWebCrawlTests.root.appendingPathComponent("sample-web"))
        let recorder = RecordingResponder(web)
        let server = try LoopbackServer(responder: recorder, latency: .milliseconds(20))
        defer { server.stop() }
        // did:web documents and JWK Sets come from the https twin (not killed, not counted).
        let secure = try await SampleWebServers(root: SampleWebCrawlTests.root.appendingPathComponent("sample-web"))
        defer { secure.stop() }

        // Uninterrupted reference crawl.
        let reference = folder.path("reference.sqlite")
        let whole = try Self.crawlProcess(database: reference, port: server.port, tls: secure.tls, resume: false)
        #expect(try await ProcessExit(starting: whole).wait().status == 0)

        // Killed by the server itself when the 16th request arrives (mid-crawl whatever the load), then resumed.
        let trigger = SignallingResponder(web, after: 16)
        let killingServer = try LoopbackServer(responder: trigger, latency: .milliseconds(20))
        defer { killingServer.stop() }
        let killed = folder.path("killed.sqlite")
        let first = try Self.crawlProcess(database: killed, port: killingServer.port, tls: secure.tls, resume: false)
        let firstExit = try ProcessExit(starting: first)
        trigger.arm(pid: first.processIdentifier, signal: SIGKILL)
        #expect(await firstExit.wait().reason == .uncaughtSignal)
        let interrupted = try Frontier(path: killed).counts()
        #expect(interrupted.isUnfinished, "the crawl was killed before it finished")
        // Every URL of the web, from the reference crawl's requests; those the killed crawl committed.
        let everyPath = Set(recorder.requests.filter { !$0.hasSuffix("/robots.txt") })
        let committed = try everyPath.filter { try Frontier(path: killed).state(of: IRI("http://\($0)"))?.state == .done }
        #expect(!committed.isEmpty, "some documents were committed before the kill")
        let requestsBeforeResume = recorder.requests.count

        let resumed = try Self.crawlProcess(database: killed, port: server.port, tls: secure.tls, resume: true)
        #expect(try await ProcessExit(starting: resumed).wait().status == 0)
        let fetchedAgain = Set(recorder.requests.dropFirst(requestsBeforeResume)).intersection(committed)
        #expect(fetchedAgain.isEmpty, "nothing committed is fetched twice: \(fetchedAgain.sorted())")

        let expectedStore = try EndorsementStore(path: reference, mode: .readOnly)
        let resumedStore = try EndorsementStore(path: killed, mode: .readOnly)
        #expect(try resumedStore.stats() == expectedStore.stats())
        #expect(try Frontier(path: killed).counts().byState == Frontier(path: reference).counts().byState)
        for endorsement in try SampleWebCrawlTests.expected().endorsements {
            let a = try SampleWebCrawlTests.find(endorsement, in: expectedStore).map(Self.facts)
            let b = try SampleWebCrawlTests.find(endorsement, in: resumedStore).map(Self.facts)
            #expect(a == b, "\(endorsement.ref)")
            #expect(a != nil, "\(endorsement.ref) was found")
        }
    }

    static func facts(_ view: EndorsementView) -> String {
        "\(view.id) \(view.endorser?.id.string ?? "-") \(view.target?.string ?? "-") \(view.acknowledged) \(view.publishedBy) \(view.verification) \(view.revoked) \(view.foundIn.sorted())"
    }
}
