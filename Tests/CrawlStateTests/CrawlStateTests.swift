@testable import CrawlState
import Crawler
import EndorseTestFixtures
import EndorsementStore
import Foundation
import OpenBadges
import Testing

/// The shared crawl state against a real PostgreSQL server started for each test: exclusive leases, per-host limits
/// across workers, expired leases, duplicates never recorded, documents in sequence order, clear errors.
@Suite(.serialized, .enabled(if: PostgresTestServer.isInstalled || ProcessInfo.processInfo.environment["CI"] == "true", "PostgreSQL is not installed (`make test-deps` installs it); the crawl-state tests are skipped"))
struct CrawlStateTests {
    static func links(hosts: Int, perHost: Int) -> [FrontierLink] {
        (0..<hosts).flatMap { host in
            (0..<perHost).map { FrontierLink(url: IRI("http://h\(host).example/doc/\($0).json"), depth: 0, reason: "seed") }
        }
    }

    static func fetch(_ url: IRI) -> FetchRecord {
        FetchRecord(url: url, status: 200, contentType: "application/json", body: Array(#"{"url":"\#(url.string)"}"#.utf8))
    }

    /// Live leases per host as the workers see them: added after a claim, removed before the completion commits,
    /// so that it never holds more than the database does.
    actor LiveLeases {
        var byHost: [String: Int] = [:]
        var peak = 0
        var claimed: [String] = []
        func add(_ leases: [Lease]) {
            for lease in leases {
                byHost[lease.host, default: 0] += 1
                peak = max(peak, byHost[lease.host] ?? 0)
                claimed.append(lease.url.string)
            }
        }
        func remove(_ lease: Lease) { byHost[lease.host, default: 1] -= 1 }
    }

    @Test func threeWorkersShareTheFrontierWithExclusiveLeasesAndPerHostLimits() async throws {
        try await PostgresTestServer.with { server in try await threeWorkers(server) }
    }

    func threeWorkers(_ server: PostgresTestServer) async throws {
        let location = try StateLocation(server.url)
        let setup = try await PostgresCrawlState(location: location)
        #expect(try await setup.add(Self.links(hosts: 5, perHost: 10)) == 50)
        #expect(try await setup.add(Self.links(hosts: 5, perHost: 10)) == 0, "queued once")
        let live = LiveLeases()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<3 {
                group.addTask {
                    let state = try await PostgresCrawlState(location: location)
                    defer { state.close() }
                    var recorded = 0
                    var idleRounds = 0
                    while idleRounds < 20 {
                        let leases = try await state.claim(worker: "w\(worker)", limit: 4, perHost: 2, duration: .seconds(30)).leases
                        if leases.isEmpty {
                            idleRounds += 1
                            try await Task.sleep(for: .milliseconds(20))
                            continue
                        }
                        idleRounds = 0
                        await live.add(leases)
                        for lease in leases {
                            try await Task.sleep(for: .milliseconds(2))
                            await live.remove(lease)
                            // Each seed links one child on the same host, so the frontier grows while it is crawled.
                            let children =
                                lease.depth == 0 ? [FrontierLink(url: IRI(lease.url.string + "/child"), depth: 1, reason: "endorsement")] : []
                            if case .recorded = try await state.complete(lease, fetch: Self.fetch(lease.url), links: children) { recorded += 1 }
                        }
                    }
                    return recorded
                }
            }
            var total = 0
            for try await recorded in group { total += recorded }
            #expect(total == 100)
        }
        let peak = await live.peak
        let claimed = await live.claimed
        #expect(peak <= 2, "never more than two live leases per host across the workers")
        #expect(peak == 2, "the workers did run two at a time on some host")
        #expect(Set(claimed).count == claimed.count, "no URL leased twice")
        let counts = try await setup.counts()
        #expect(counts.documents == 100)
        #expect(counts.done == 100)
        #expect(counts.queued == 0 && counts.leased == 0)
        #expect(counts.duplicateFetches == 0)
        let documents = try await setup.documents(after: 0, limit: 1000)
        #expect(documents.map(\.sequence) == documents.map(\.sequence).sorted())
        #expect(Set(documents.map(\.fetch.url)).count == 100)
        #expect(documents.first?.fetch.body == Self.fetch(documents[0].fetch.url).body)
        setup.close()
    }

    @Test func anExpiredLeaseGoesToAnotherWorkerAndTheLateCompletionIsOnlyCounted() async throws {
        try await PostgresTestServer.with { server in try await expiredLease(server) }
    }

    func expiredLease(_ server: PostgresTestServer) async throws {
        let location = try StateLocation(server.url)
        let a = try await PostgresCrawlState(location: location)
        let b = try await PostgresCrawlState(location: location)
        try await a.add([FrontierLink(url: "http://slow.example/1.json", depth: 0, reason: "seed")])
        let first = try await a.claim(worker: "a", limit: 10, perHost: 4, duration: .milliseconds(500)).leases
        #expect(first.count == 1)
        #expect(try await b.claim(worker: "b", limit: 10, perHost: 4, duration: .seconds(30)).leases.isEmpty, "held by a")
        try await Task.sleep(for: .milliseconds(900))
        let second = try await b.claim(worker: "b", limit: 10, perHost: 4, duration: .seconds(30)).leases
        #expect(second.map(\.url) == first.map(\.url))
        #expect(second.first?.attempt == 2)
        #expect(try await a.renew(first, duration: .seconds(30)).isEmpty, "a no longer holds it")
        #expect(try await a.complete(first[0], fetch: Self.fetch(first[0].url), links: []) == .duplicate)
        guard case .recorded = try await b.complete(second[0], fetch: Self.fetch(second[0].url), links: []) else {
            Issue.record("b holds the lease: its completion is recorded")
            return
        }
        let counts = try await a.counts()
        #expect(counts.documents == 1)
        #expect(counts.duplicateFetches == 1)
        a.close()
        b.close()
    }

    @Test func aReleasedURLWaitsForItsRetryTime() async throws {
        try await PostgresTestServer.with { server in try await released(server) }
    }

    func released(_ server: PostgresTestServer) async throws {
        let state = try await PostgresCrawlState(location: try StateLocation(server.url))
        try await state.add([FrontierLink(url: "http://busy.example/a.json", depth: 0, reason: "seed")])
        let lease = try #require(try await state.claim(worker: "w", limit: 1, perHost: 1, duration: .seconds(30)).leases.first)
        try await state.release(lease, retryAfter: .milliseconds(600))
        #expect(try await state.claim(worker: "w", limit: 1, perHost: 1, duration: .seconds(30)).leases.isEmpty, "not before its retry time")
        try await Task.sleep(for: .milliseconds(900))
        #expect(try await state.claim(worker: "w", limit: 1, perHost: 1, duration: .seconds(30)).leases.first?.attempt == 2)
        state.close()
    }

    @Test func aRestartedServerLosesNothingAndWorkersGoOn() async throws {
        try await PostgresTestServer.with { server in
            let state = try await PostgresCrawlState(location: try StateLocation(server.url))
            defer { state.close() }
            try await state.add(Self.links(hosts: 1, perHost: 3))
            let leases = try await state.claim(worker: "w", limit: 3, perHost: 3, duration: .seconds(60)).leases
            #expect(leases.count == 3)
            _ = try await state.complete(leases[0], fetch: Self.fetch(leases[0].url), links: [])
            await server.stop(mode: "immediate", keep: true)
            // A call made while the server is down waits, and goes through once the server is back.
            async let completion = state.complete(leases[1], fetch: Self.fetch(leases[1].url), links: [])
            try await Task.sleep(for: .seconds(1))
            try await server.restart()
            let completed = try await completion
            #expect(completed != .duplicate, "\(completed)")
            _ = try await state.complete(leases[2], fetch: Self.fetch(leases[2].url), links: [])
            let counts = try await state.counts()
            #expect(counts.documents == 3)
            #expect(counts.done == 3 && counts.leased == 0)

            // A server that stays away: a call fails once its reconnect budget is spent, with a clear error.
            let impatient = try await PostgresCrawlState(location: try StateLocation(server.url), reconnectBudget: .seconds(1))
            defer { impatient.close() }
            await server.stop(mode: "immediate", keep: true)
            let started = ContinuousClock.now
            do {
                _ = try await impatient.counts()
                Issue.record("the server is down")
            } catch {
                #expect((error as? CrawlStateError)?.code == .unreachable, "\(error)")
            }
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }

    @Test func aVersion1StateIsMigratedWithItsQueueKept() async throws {
        try await PostgresTestServer.with { server in
            // A crawl state as the first version wrote it: politeness keyed by host name, one URL queued.
            try await server.sql("CREATE TABLE endorse_meta (key text PRIMARY KEY, value text NOT NULL)")
            for statement in PostgresCrawlState.schemaV1 { try await server.sql(statement) }
            try await server.sql("INSERT INTO endorse_meta VALUES ('schemaVersion', '1')")
            try await server.sql("INSERT INTO crawl_host (host) VALUES ('h1.example')")
            try await server.sql("INSERT INTO frontier (url, host, depth, reason) VALUES ('http://h1.example/a.json', 'h1.example', 0, 'seed')")
            let state = try await PostgresCrawlState(location: try StateLocation(server.url))
            defer { state.close() }
            let claim = try await state.claim(worker: "w", limit: 5, perHost: 5, duration: .seconds(60), robotsFirst: true)
            #expect(claim.robotsToFetch == ["http://h1.example"], "keyed by origin now, and its robots.txt comes first")
            try await state.storeRobots(.allowAll, of: "http://h1.example", spacing: 0)
            let leases = try await state.claim(worker: "w", limit: 5, perHost: 5, duration: .seconds(60), robotsFirst: true).leases
            #expect(leases.map(\.url) == [IRI("http://h1.example/a.json")])
            let lease = try #require(leases.first)
            #expect(try await state.complete(lease, fetch: Self.fetch(lease.url), links: []) == .recorded(sequence: 1))
            #expect(try await state.documents(after: 0, limit: 10).map(\.reason) == ["seed"])
            // Opened again: nothing to migrate, nothing lost.
            let again = try await PostgresCrawlState(location: try StateLocation(server.url))
            again.close()
            #expect(try await state.counts().done == 1)
        }
    }

    @Test func badLocationsAndANewerSchemaAreClearErrors() async throws {
        for bad in ["http://x/y", "postgres://127.0.0.1/endorse", "postgres://u@127.0.0.1/", "postgres://u@/endorse"] {
            #expect(throws: CrawlStateError(.invalidURL, "")) { try StateLocation(bad) }
        }
        try await PostgresTestServer.with { server in try await errors(server) }
    }

    func errors(_ server: PostgresTestServer) async throws {
        let missing = try StateLocation("postgres://postgres@127.0.0.1:\(server.port)/nosuchdb")
        await #expect(throws: CrawlStateError(.unreachable, "")) { try await PostgresCrawlState(location: missing) }
        let state = try await PostgresCrawlState(location: try StateLocation(server.url))
        state.close()
        try await server.sql("UPDATE endorse_meta SET value = '99' WHERE key = 'schemaVersion'")
        do {
            _ = try await PostgresCrawlState(location: try StateLocation(server.url))
            Issue.record("a newer schema must be refused")
        } catch {
            #expect(error.code == .newerSchema)
            #expect(error.reason.contains("upgrade endorse"))
        }
        await server.stop(keep: true)
        await #expect(throws: CrawlStateError(.unreachable, "")) { try await PostgresCrawlState(location: try StateLocation(server.url)) }
    }
}

@Test func postgresIsPresentUnderCI() {
    guard ProcessInfo.processInfo.environment["CI"] == "true" else { return }
    #expect(PostgresTestServer.isInstalled, "CI=true: PostgreSQL must be installed (make test installs it)")
}

/// The index is a function of the documents: followed from PostgreSQL, it equals the index the same documents make
/// when recorded directly.
@Suite(.serialized, .enabled(if: PostgresTestServer.isInstalled || ProcessInfo.processInfo.environment["CI"] == "true", "PostgreSQL is not installed (`make test-deps` installs it); the crawl-state tests are skipped"))
struct IndexFollowerTests {
    static let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Seeds/sample-web")

    /// Every JSON and JWT file of the sample web as the fetch of its http URL.
    static func sampleFetches() throws -> [FetchRecord] {
        var fetches: [FetchRecord] = []
        let enumerator = FileManager.default.enumerator(at: web, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            let ext = file.pathExtension
            guard ext == "json" || ext == "jwt" else { continue }
            let relative = file.path.dropFirst(web.path.count + 1)
            fetches.append(
                FetchRecord(
                    url: IRI("http://" + relative), status: 200, contentType: ext == "jwt" ? "application/jwt" : "application/ld+json",
                    body: Array(try Data(contentsOf: file)), fetchedAt: Date(timeIntervalSince1970: 1_780_000_000)))
        }
        return fetches.sorted { $0.url < $1.url }
    }

    @Test func anIndexFollowedFromPostgreSQLEqualsOneRecordedDirectly() async throws {
        try await PostgresTestServer.with { server in
            let fetches = try Self.sampleFetches()
            #expect(fetches.count > 40)
            let state = try await PostgresCrawlState(location: try StateLocation(server.url))
            defer { state.close() }
            try await state.add(fetches.map { FrontierLink(url: $0.url, depth: 0, reason: "seed") })
            var leases: [Lease] = []
            while true {
                let claimed = try await state.claim(worker: "w", limit: 50, perHost: 50, duration: .seconds(60)).leases
                if claimed.isEmpty { break }
                leases += claimed
            }
            let byURL = Dictionary(uniqueKeysWithValues: fetches.map { ($0.url, $0) })
            // Recorded in an order of their own, as workers would.
            for lease in leases.reversed() { _ = try await state.complete(lease, fetch: try #require(byURL[lease.url]), links: []) }

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-follow-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let followed = try EndorsementStore(path: folder.appendingPathComponent("followed.sqlite").path)
            var seen = Set<Int64>()
            let follower = IndexFollower(state: state, store: followed, batchSize: 7)
            #expect(try await follower.catchUp(seen: &seen) == fetches.count)
            #expect(try followed.cursor(IndexFollower.cursorName) == Int64(fetches.count))
            #expect(try await follower.catchUp(seen: &seen) == 0, "nothing new")

            let direct = try EndorsementStore(path: folder.appendingPathComponent("direct.sqlite").path)
            let parser = DocumentParser()
            let recorded = try await state.documents(after: 0, limit: 1000).map(\.fetch)
            try direct.record(recorded.map { IngestItem(fetch: $0, parsed: try? parser.parse($0.body, url: $0.url, contentType: $0.contentType)) })

            #expect(try followed.stats() == direct.stats())
            let badge = IRI("http://data-academy.example/badges/data-science-foundations.json")
            #expect(try followed.endorsers(ofBadge: badge) == direct.endorsers(ofBadge: badge))
            #expect(try followed.endorsers(ofBadge: badge).endorsements.count >= 2)

            // A new follower (a restarted process) re-reads its window and changes nothing.
            var fresh = Set<Int64>()
            _ = try await IndexFollower(state: state, store: followed).catchUp(seen: &fresh)
            #expect(try followed.stats() == direct.stats())
        }
    }

    @Test func endorseIndexFollowsFromTheCommandLineAndSaysWhatIsWrong() async throws {
        let endorse = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("endorse")
        try #require(FileManager.default.isExecutableFile(atPath: endorse.path), "build endorse first (`swift build`)")
        try await PostgresTestServer.with { server in
            let fetches = try Self.sampleFetches()
            let state = try await PostgresCrawlState(location: try StateLocation(server.url))
            defer { state.close() }
            try await state.add(fetches.map { FrontierLink(url: $0.url, depth: 0, reason: "seed") })
            let byURL = Dictionary(uniqueKeysWithValues: fetches.map { ($0.url, $0) })
            while true {
                let claimed = try await state.claim(worker: "w", limit: 50, perHost: 50, duration: .seconds(60)).leases
                if claimed.isEmpty { break }
                for lease in claimed { _ = try await state.complete(lease, fetch: try #require(byURL[lease.url]), links: []) }
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-index-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let db = folder.appendingPathComponent("index.sqlite").path
            let result = try await ProcessRunner.runAsync(endorse, ["index", "--from", server.url, "--db", db])
            #expect(result.status == 0, "\(result.stderrText)")
            #expect(result.stdoutText.contains("recorded \(fetches.count) documents into \(db) (through sequence \(fetches.count))"), "\(result.stdoutText)")
            let stats = try await ProcessRunner.runAsync(endorse, ["stats", "--db", db, "--json"])
            let counts = try #require(try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])
            #expect((counts["endorsements"] as? Int ?? 0) > 10)

            let wrong = try await ProcessRunner.runAsync(endorse, ["index", "--from", "postgres://postgres@127.0.0.1:\(server.port)/nosuchdb", "--db", db])
            #expect(wrong.status == 1)
            #expect(wrong.stderrText.contains("nosuchdb"), "\(wrong.stderrText)")
            let unusable = try await ProcessRunner.runAsync(endorse, ["index", "--from", "mysql://x/y", "--db", db])
            #expect(unusable.status == 1)
            #expect(unusable.stderrText.contains("is not a postgres://"))
        }
    }
}
