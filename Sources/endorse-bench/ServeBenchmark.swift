import ArgumentParser
import EndorseServer
import EndorsementStore
import Foundation
import Logging
import OpenBadges
import Synchronization

/// `endorse-bench serve`: requests per second and p99 latency of `/api/search` under wrk, with and without a concurrent writer.
struct ServeBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Measure /api/search throughput and p99 latency with wrk over a synthetic index, with and without a writer.",
        discussion: """
            Builds (or reuses) an index of --badges synthetic badges, half of them endorsed, serves it read-only in this \
            process on a free loopback port, and runs `wrk --latency` with --connections connections for --duration seconds \
            per phase. Phase 2 repeats the run while a writer records new badge documents into the same file (WAL). \
            Needs wrk (`apt-get install -y wrk`).
            """)

    @Option(help: "Badges in the synthetic index.")
    var badges = 100_000

    @Option(help: "Concurrent HTTP connections (wrk -c).")
    var connections = 64

    @Option(help: "wrk threads (wrk -t).")
    var threads = 2

    @Option(help: "Seconds per phase.")
    var duration = 10

    @Flag(help: "Search two words per request (both must match: fewer hits) instead of one common word.")
    var pairs = false

    @Option(help: ArgumentHelp("Where to build or reuse the index.", valueName: "path"))
    var db: String?

    func run() async throws {
        guard let wrk = Self.findWrk() else {
            throw ValidationError("wrk is not installed: `apt-get install -y wrk`")
        }
        let path = db ?? ".build/bench/serve-\(badges).sqlite"
        let corpus = SyntheticCorpus(badges: badges)
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let started = Date()
            let writer = try EndorsementStore(path: path, mode: .readWrite)
            try corpus.write(into: writer) { done in
                if done % 10_000 == 0 { print("  built \(done) of \(corpus.documentCount) documents") }
            }
            print(String(format: "built %@ in %.0f s", path, Date().timeIntervalSince(started)))
        } else {
            print("reusing \(path)")
        }
        let reader = try EndorsementStore(path: path, mode: .readOnly)
        let writer = try EndorsementStore(path: path, mode: .readWrite)
        let stats = try reader.stats()
        print("index: \(stats.badges) badges, \(stats.endorsements) endorsements, \(stats.profiles) profiles")

        let script = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-bench-\(UUID().uuidString).lua")
        try corpus.wrkScript(pairs: pairs).write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }

        var logger = Logger(label: "endorse.bench.server")
        logger.logLevel = .critical  // the cancellation at the end is expected, not an error worth printing
        // Phases 1 and 2 measure queries, so their server keeps no answers; phase 3 asks one cached answer again.
        let uncached = EndorseServer(store: reader, host: "127.0.0.1", port: 0, logger: logger, cacheBytes: 0)
        let cached = EndorseServer(store: reader, host: "127.0.0.1", port: 0, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await uncached.serve { port in continuation.yield(port) } }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("the server did not start") }
            group.addTask { try await cached.serve { port in continuation.yield(port) } }
            guard let cachedPort = await iterator.next() else { throw ValidationError("the cached server did not start") }
            let url = "http://127.0.0.1:\(port)"
            // wrk refuses fewer connections than threads.
            let threads = min(self.threads, connections)
            let arguments = ["-t\(threads)", "-c\(connections)", "-d\(duration)s", "--latency", "-s", script.path, url]

            print("\nbaseline: /healthz (no query), \(connections) connections")
            let health = try await WrkRun.run(wrk, ["-t\(threads)", "-c\(connections)", "-d\(max(2, duration / 2))s", "--latency", url + "/healthz"])
            print(health.summary)

            let kind = pairs ? "two-word queries" : "one-word queries"
            print("\nphase 1: /api/search, \(kind), \(connections) connections, no writer, no cache")
            let quiet = try await WrkRun.run(wrk, arguments)
            print(quiet.summary)

            let repeatedPath = "/api/search?q=\(SyntheticCorpus.vocabulary[0])&limit=20"
            let repeated = "http://127.0.0.1:\(cachedPort)" + repeatedPath
            print("\nphase 2: \(repeatedPath) again and again, \(connections) connections, answers cached")
            _ = try await WrkRun.run(wrk, ["-t1", "-c1", "-d1s", repeated])
            let hits = try await WrkRun.run(wrk, ["-t\(threads)", "-c\(connections)", "-d\(max(2, duration / 2))s", "--latency", repeated])
            print(hits.summary)
            let statistics = cached.cache.statistics
            print(String(format: "cached: %.0f%% of /healthz's requests/s (cache: %d hits, %d misses)",
                (hits.requestsPerSecond ?? 0) / max(1, health.requestsPerSecond ?? 1) * 100, statistics.hits, statistics.misses))

            print("\nphase 3: /api/search, \(kind), \(connections) connections, a writer recording badges meanwhile, no cache")
            let writes = WriteCounter()
            let writerTask = Task.detached {
                var serial = 0
                while !Task.isCancelled {
                    serial += 1
                    try corpus.writeExtra(serial: serial, into: writer)
                    writes.add()
                }
            }
            let busy = try await WrkRun.run(wrk, arguments)
            writerTask.cancel()
            _ = try? await writerTask.value
            print(busy.summary)
            print(String(format: "writer: %d documents recorded (%.0f/s)", writes.count, Double(writes.count) / Double(duration)))
            group.cancelAll()
        }
    }

    static func findWrk() -> URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(folder)).appendingPathComponent("wrk")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}

/// Counts the writer's documents across tasks.
final class WriteCounter: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
