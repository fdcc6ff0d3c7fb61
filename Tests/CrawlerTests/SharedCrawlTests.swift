import CrawlState
import EndorseTestFixtures
import EndorsementStore
import Foundation
import LoopbackWeb
import OpenBadges
import Testing

/// `endorse crawl --state postgres://...`: several worker processes crawl the sample web through one real PostgreSQL
/// server, and `endorse index --from` builds the index a single-process crawl builds.
@Suite(
    .serialized,
    .enabled(
        if: PostgresTestServer.isInstalled || ProcessInfo.processInfo.environment["CI"] == "true",
        "PostgreSQL is not installed (`make test-deps` installs it); the shared-crawl tests are skipped"))
struct SharedCrawlTests {
    static let site = StaticSite(root: SampleWebCrawlTests.root.appendingPathComponent("sample-web"))
    /// A URL keeps the depth of the path that found it first, so where `--max-depth` cuts a crawl depends on the
    /// order documents are fetched in, which several workers (and a killed one) change: every crawl here goes
    /// deeper than the sample web, so that what is compared is the crawl, not the cut.
    static let uncut = ["--max-depth", "50"]

    /// The sample web crawled by one process into `path`, and the requests it made.
    static func referenceCrawl(into path: String, tls: (port: Int, caPath: String)) async throws -> Set<String> {
        let recorder = RecordingResponder(site)
        let server = try LoopbackServer(responder: recorder, latency: .milliseconds(20))
        defer { server.stop() }
        let process = try ResumeCrawlTests.crawlProcess(database: path, port: server.port, tls: tls, resume: false, extra: uncut)
        #expect(try await ProcessExit(starting: process).wait().status == 0)
        return Set(recorder.requests)
    }

    /// `endorse index --from STATE --follow` into `path`, started and registered with the state before it returns:
    /// the workers wait for it, and it queues the documents verification needs.
    static func follower(of state: String, into path: String) async throws -> ProcessExit {
        let process = Process()
        process.executableURL = try #require(ResumeCrawlTests.executable)
        process.arguments = ["index", "--from", state, "--db", path, "--follow", "--interval", "0.2"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let exit = try ProcessExit(starting: process)
        let crawlState = try await PostgresCrawlState(location: try StateLocation(state))
        defer { crawlState.close() }
        for _ in 0..<100 {
            if try await crawlState.counts().followers == 1 { return exit }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw PostgresTestServer.Failure(description: "the index follower did not report within 10 s")
    }

    /// The index built from the shared crawl has the reference's counts and every expected endorsement with the same facts.
    static func expectSameIndex(_ path: String, as reference: String) throws {
        let expected = try EndorsementStore(path: reference, mode: .readOnly)
        let shared = try EndorsementStore(path: path, mode: .readOnly)
        #expect(try shared.stats() == expected.stats())
        for endorsement in try SampleWebCrawlTests.expected().endorsements {
            let a = try SampleWebCrawlTests.find(endorsement, in: expected).map(ResumeCrawlTests.facts)
            let b = try SampleWebCrawlTests.find(endorsement, in: shared).map(ResumeCrawlTests.facts)
            #expect(a != nil, "\(endorsement.ref) was found")
            #expect(a == b, "\(endorsement.ref)")
        }
    }

    /// Runs `body` (the workers of a shared crawl of the sample web) with a PostgreSQL server, the https twin of the
    /// sample web, the requests of a single-process reference crawl, and an index follower started beforehand; then
    /// stops the follower (the workers finished only once it had linked everything) and expects its index to equal
    /// the reference crawl's.
    static func withSharedCrawl(
        _ body: (_ database: PostgresTestServer, _ folder: TemporaryFolder, _ secure: SampleWebServers, _ referenceRequests: Set<String>)
            async throws -> Void
    ) async throws {
        try await PostgresTestServer.with { database in
            let folder = try TemporaryFolder()
            let secure = try await SampleWebServers(root: SampleWebCrawlTests.root.appendingPathComponent("sample-web"))
            defer { secure.stop() }
            let reference = folder.path("reference.sqlite")
            let referenceRequests = try await referenceCrawl(into: reference, tls: secure.tls)
            let indexed = folder.path("shared.sqlite")
            let follower = try await follower(of: database.url, into: indexed)
            try await body(database, folder, secure, referenceRequests)
            kill(follower.pid, SIGTERM)
            _ = await follower.wait()
            try expectSameIndex(indexed, as: reference)
        }
    }

    /// Expects the shared crawl at `url` finished, each URL recorded once; returns its counts and documents.
    @discardableResult
    static func expectFinishedOnce(_ url: String) async throws -> (counts: CrawlStateCounts, documents: [RecordedDocument]) {
        let state = try await PostgresCrawlState(location: try StateLocation(url))
        defer { state.close() }
        let counts = try await state.counts()
        #expect(counts.queued == 0 && counts.leased == 0)
        let documents = try await state.documents(after: 0, limit: 10_000)
        #expect(documents.count == counts.documents)
        #expect(Set(documents.map(\.fetch.url)).count == documents.count, "each URL recorded once")
        return (counts, documents)
    }

    @Test func threeWorkersCrawlEachURLOnceWithinThePerHostLimitAndIndexAsOneProcessWould() async throws {
        try await Self.withSharedCrawl { database, folder, secure, referenceRequests in
            let overlaps = OverlapRecorder(Self.site, window: .milliseconds(15))
            let recorder = RecordingResponder(overlaps)
            let server = try LoopbackServer(responder: recorder, latency: .milliseconds(20))
            defer { server.stop() }
            let workers = try (1...3).map { number in
                try ProcessExit(
                    starting: try ResumeCrawlTests.crawlProcess(
                        database: folder.path("unused.sqlite"), port: server.port, tls: secure.tls, resume: false,
                        shared: (database.url, "w\(number)", 30), extra: Self.uncut))
            }
            for worker in workers { #expect(await worker.wait().status == 0) }

            let requests = recorder.requests
            let repeated = Dictionary(grouping: requests, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "every URL (robots.txt included) fetched once by the three workers: \(repeated)")
            #expect(Set(requests) == referenceRequests, "the workers fetched what one crawl fetches")
            let overlap = overlaps.overlaps
            #expect(overlap.peak == 1, "--per-host 1 held across the workers: \(overlap.example)")

            let (counts, documents) = try await Self.expectFinishedOnce(database.url)
            #expect(counts.duplicateFetches == 0)
            #expect(counts.skipped > 0, "robots.txt disallowed some URLs")
            #expect(Set(documents.map(\.worker)).count >= 2, "the work was shared")
        }
    }

    @Test func aWorkerKilledMidCrawlLeavesLeasesThatExpireAndTheOthersFinishTheSameCrawl() async throws {
        try await Self.withSharedCrawl { database, folder, secure, referenceRequests in
            // The first worker is killed by the server itself when the 12th request arrives, holding leases.
            let trigger = SignallingResponder(Self.site, after: 12)
            let recorder = RecordingResponder(trigger)
            let server = try LoopbackServer(responder: recorder, latency: .milliseconds(20))
            defer { server.stop() }
            func worker(_ name: String) throws -> Process {
                try ResumeCrawlTests.crawlProcess(
                    database: folder.path("unused.sqlite"), port: server.port, tls: secure.tls, resume: false, shared: (database.url, name, 2),
                    extra: Self.uncut)
            }
            let doomed = try worker("doomed")
            let doomedExit = try ProcessExit(starting: doomed)
            trigger.arm(pid: doomed.processIdentifier, signal: SIGKILL)
            let survivors = try ["a", "b"].map { try ProcessExit(starting: try worker($0)) }
            #expect(await doomedExit.wait().reason == .uncaughtSignal)
            for survivor in survivors { #expect(await survivor.wait().status == 0) }

            #expect(Set(recorder.requests).isSuperset(of: referenceRequests), "the survivors fetched what the killed worker left")
            try await Self.expectFinishedOnce(database.url)
        }
    }

    @Test func workersWaitForARestartedPostgreSQLAndFinishTheSameCrawl() async throws {
        try await Self.withSharedCrawl { database, folder, secure, referenceRequests in
            let recorder = RecordingResponder(Self.site)
            let server = try LoopbackServer(responder: recorder, latency: .milliseconds(20))
            defer { server.stop() }
            let workers = try ["a", "b"].map { name in
                try ProcessExit(
                    starting: try ResumeCrawlTests.crawlProcess(
                        database: folder.path("unused.sqlite"), port: server.port, tls: secure.tls, resume: false, shared: (database.url, name, 3),
                        extra: Self.uncut))
            }
            let deadline = ContinuousClock.now + .seconds(30)
            while recorder.requests.count < 15 && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            // Killed (no shutdown checkpoint), away for a second, then back on the same data.
            await database.stop(mode: "immediate", keep: true)
            try await Task.sleep(for: .seconds(1))
            try await database.restart()
            for worker in workers { #expect(await worker.wait().status == 0, "the workers waited for the server and went on") }
            #expect(Set(recorder.requests).isSuperset(of: referenceRequests))
            try await Self.expectFinishedOnce(database.url)
        }
    }

    @Test func aStateThatCannotBeUsedIsAClearErrorAndExitStatus1() async throws {
        let endorse = try #require(ResumeCrawlTests.executable)
        let unusable = try await ProcessRunner.runAsync(endorse, ["crawl", "--state", "mysql://x/y", "http://a.example/"])
        #expect(unusable.status == 1)
        #expect(unusable.stderrText.contains("is not a postgres://"), "\(unusable.stderrText)")
        try await PostgresTestServer.with { database in
            let missing = try await ProcessRunner.runAsync(
                endorse, ["crawl", "--state", "postgres://postgres@127.0.0.1:\(database.port)/nosuchdb", "http://a.example/"])
            #expect(missing.status == 1)
            #expect(missing.stderrText.contains("nosuchdb"), "\(missing.stderrText)")
            let stranger = try await ProcessRunner.runAsync(
                endorse, ["crawl", "--state", "postgres://nosuchuser@127.0.0.1:\(database.port)/endorse", "http://a.example/"])
            #expect(stranger.status == 1)
            #expect(stranger.stderrText.contains("nosuchuser"), "\(stranger.stderrText)")
            let badLease = try await ProcessRunner.runAsync(endorse, ["crawl", "--state", database.url, "--lease", "0", "http://a.example/"])
            #expect(badLease.status == 64)
            #expect(badLease.stderrText.contains("--lease"), "\(badLease.stderrText)")
        }
    }

    @Test func threeWorkersCrawlAGeneratedWebOfTwoThousandDocumentsOnceEachAndIndexAsOneProcessWould() async throws {
        let endorse = try #require(ResumeCrawlTests.executable)
        try await PostgresTestServer.with { database in
            let folder = try TemporaryFolder()
            let web = GeneratedBadgeWeb(hosts: 40, endorsementsPerHost: 25)
            let documents = 40 * web.documentsPerHost
            #expect(documents == 2_040)
            func crawl(_ extra: [String], port: Int) -> Process {
                let process = Process()
                process.executableURL = endorse
                process.arguments =
                    ["crawl"] + web.seeds + [
                        "--connect-to", "::127.0.0.1:\(port)", "--allow-private-addresses", "--quiet", "--concurrency", "8", "--per-host", "2",
                        "--timeout", "10",
                    ] + extra
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return process
            }
            let referenceServer = try LoopbackServer(responder: web, latency: .milliseconds(20))
            defer { referenceServer.stop() }
            let reference = folder.path("reference.sqlite")
            #expect(try await ProcessExit(starting: crawl(["--db", reference], port: referenceServer.port)).wait().status == 0)

            let overlaps = OverlapRecorder(web, window: .milliseconds(15))
            let recorder = RecordingResponder(overlaps)
            let server = try LoopbackServer(responder: recorder, latency: .milliseconds(20))
            defer { server.stop() }
            let workers = try (1...3).map { try ProcessExit(starting: crawl(["--state", database.url, "--worker", "g\($0)"], port: server.port)) }
            for worker in workers { #expect(await worker.wait().status == 0) }
            let requests = recorder.requests
            #expect(requests.count == documents + 40, "every document and each host's robots.txt")
            #expect(Set(requests).count == requests.count, "each once")
            let overlap = overlaps.overlaps
            #expect(overlap.peak <= 2, "--per-host 2 held across the workers: \(overlap.example)")
            let (counts, recorded) = try await Self.expectFinishedOnce(database.url)
            #expect(counts.documents == documents)
            #expect(counts.duplicateFetches == 0)
            #expect(Set(recorded.map(\.worker)).count == 3, "all three workers crawled")

            let indexed = folder.path("shared.sqlite")
            let built = try await ProcessRunner.runAsync(endorse, ["index", "--from", database.url, "--db", indexed])
            #expect(built.status == 0, "\(built.stderrText)")
            let expected = try EndorsementStore(path: reference, mode: .readOnly).stats()
            #expect(try EndorsementStore(path: indexed, mode: .readOnly).stats() == expected)
            #expect(expected.endorsements == 40 * 25)
        }
    }
}
