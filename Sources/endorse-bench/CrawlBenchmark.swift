import ArgumentParser
import Crawler
import CurlHTTP
import EndorsementStore
import Foundation
import LoopbackWeb
import OpenBadges

#if canImport(Glibc)
    import Glibc
#endif

extension EndorseBench {
    /// `endorse-bench crawl`: the whole crawler over a generated web served by a child process with added latency.
    struct Crawl: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crawl a generated web of HOSTS x DOCS documents with LATENCY per response; report documents/s against the bound.",
            discussion: """
                Each host serves an issuer profile listing DOCS/2 endorsements; each endorsement (by another host's issuer) \
                endorses a badge of the host, which lists it back. The bound is min(concurrency, hosts x per-host) / latency \
                documents per second. CPU and peak memory (VmHWM) are the crawler's alone: the web runs in a child process.
                """)

        @Option(help: "Hosts in the generated web.")
        var hosts = 200

        @Option(help: "Documents per host (one profile, half endorsements, half badges).")
        var docsPerHost = 101

        @Option(help: "Milliseconds added before every response.")
        var latencyMs = 20

        @Option(help: "Requests at once, all hosts together.")
        var concurrency = 64

        @Option(help: "Connections at once per host.")
        var perHost = 4

        @Option(help: "Documents recorded per store transaction (more accumulate while a commit runs).")
        var batchSize = 128

        @Flag(help: "Index writes at idle CPU priority (`endorse crawl --idle-writer`).")
        var idleWriter = false

        @Option(help: "URLs (answering 404) added to the frontier before the crawl, to show memory does not grow with it.")
        var extraQueued = 0

        @Option(help: "Stop after this many documents (with --extra-queued, to keep the run short).")
        var maxDocuments = 10_000_000

        @Option(help: "The index to write (default: a temporary file, removed afterwards).")
        var db: String?

        @Flag(help: "Serve every endorsement as a signed JWT (EdDSA, ES256 and RS256 in turn): the crawl verifies each.")
        var signed = false

        @Flag(help: "Serve every endorsement with an eddsa-rdfc-2022 Data Integrity proof: the crawl verifies each.")
        var proofs = false

        @Option(help: ArgumentHelp("Also crawl the web through this PostgreSQL (erased before each run) with --workers processes.", valueName: "url"))
        var state: String?

        @Option(help: ArgumentHelp("With --state: the worker counts to measure, comma-separated.", valueName: "counts"))
        var workers = "1,2,4"

        @Flag(help: "With --state: print each worker's summary.")
        var showWorkers = false

        @Flag(help: .hidden)
        var serveOnly = false

        func validate() throws {
            guard !(signed && proofs) else { throw ValidationError("--signed and --proofs are two kinds of signed web: give one") }
            guard hosts > 0, docsPerHost >= 3, latencyMs >= 0, concurrency > 0, perHost > 0 else {
                throw ValidationError("--hosts, --docs-per-host (>= 3), --concurrency and --per-host must be positive")
            }
        }

        func run() async throws {
            let form: GeneratedBadgeWeb.SignedForm? = serveOnly ? (signed ? .jwt : proofs ? .dataIntegrity : nil) : nil
            let web = try GeneratedBadgeWeb(hosts: hosts, endorsementsPerHost: (docsPerHost - 1) / 2, signed: form)
            if serveOnly { return try serve(web) }
            let server = try WebProcess(
                arguments: [
                    "crawl", "--serve-only", "--hosts", "\(hosts)", "--docs-per-host", "\(docsPerHost)", "--latency-ms", "\(latencyMs)",
                ] + (signed ? ["--signed"] : []) + (proofs ? ["--proofs"] : []))
            defer { server.stop() }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-bench-crawl-\(UUID().uuidString)")
            let path = db ?? folder.appendingPathComponent("index.sqlite").path
            defer { if db == nil { try? FileManager.default.removeItem(at: folder) } }

            let store = try EndorsementStore(path: path, mode: .readWrite, writerCacheKiB: EndorsementStore.crawlWriterCacheKiB)
            let frontier = Frontier(store: store)
            let fetcher = try CurlPageFetcher(
                configuration: FetcherConfiguration(
                    allowPrivateAddresses: true, connectTo: [ConnectTo(host: "", port: nil, connectHost: "127.0.0.1", connectPort: server.port)],
                    maxConcurrentTransfers: concurrency))
            let configuration = CrawlConfiguration(
                limits: HostScheduler.Limits(concurrency: concurrency, perHost: perHost), maxDocuments: maxDocuments, maxPagesPerHost: 10,
                batchSize: batchSize, idleWriter: idleWriter)
            let crawler = Crawler(configuration: configuration, store: store, frontier: frontier, fetcher: fetcher)
            print(
                "web: \(hosts) hosts x \(web.documentsPerHost) documents = \(hosts * web.documentsPerHost) documents (+ robots.txt), \(latencyMs) ms latency, served by a child process on 127.0.0.1:\(server.port)"
            )
            print(
                "crawl: --concurrency \(concurrency) --per-host \(perHost)\(idleWriter ? " --idle-writer" : "")\(signed ? " (every endorsement a signed JWT)" : "")\(proofs ? " (every endorsement with a Data Integrity proof)" : "")"
            )

            if extraQueued > 0 {
                let started = ContinuousClock.now
                var index = 0
                while index < extraQueued {
                    let chunk = (index..<min(index + 10_000, extraQueued)).map {
                        FrontierCandidate(url: IRI("http://\(GeneratedBadgeWeb.host($0 % hosts))/extra/\($0).json"), reason: "seed")
                    }
                    try frontier.enqueue(chunk)
                    index += chunk.count
                }
                print("frontier: \(extraQueued) extra URLs queued in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")
            }
            let cpuBefore = crawlCPUSeconds()
            let clock = ContinuousClock()
            let started = clock.now
            let summary = try await crawler.run(.seeds(web.seedIRIs))
            let elapsed = (clock.now - started).seconds
            let cpu = crawlCPUSeconds() - cpuBefore
            let documents = summary.fetched
            let rate = Double(documents) / elapsed
            let bound = Double(min(concurrency, hosts * perHost)) / (Double(latencyMs) / 1000)
            print(summary.text)
            print(String(format: "documents fetched: %d in %.2f s = %.0f documents/s", documents, elapsed, rate))
            print(
                String(
                    format: "bound (min(concurrency, hosts x per-host) / latency): %.0f documents/s; achieved %.0f%% (target >= 80%%)", bound,
                    100 * rate / bound))
            print(String(format: "CPU: %.2f s = %.3f CPU s per 1000 documents", cpu, 1000 * cpu / Double(max(documents, 1))))
            print(
                String(
                    format: "commits (documents and frontier in one transaction each, beside fetching): %.2f s; claiming: %.2f s",
                    summary.commitSeconds, summary.claimSeconds))
            if signed || proofs {
                let verification = summary.index.endorsementsByVerification.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                print("endorsements by verification: \(verification.joined(separator: ", "))")
            }
            print("peak memory (VmHWM): \(crawlPeakMemoryMB().map { String(format: "%.1f MB", $0) } ?? "unknown") (target < 150 MB)")
            if let state {
                try await runShared(
                    web: web, port: server.port, stateURL: state, workers: workers.split(separator: ",").compactMap { Int($0) }, singleRate: rate,
                    singleCPUPerDocument: 1000 * cpu / Double(max(documents, 1)))
                return
            }
            if let seconds = try referenceCurl(web, port: server.port, folder: folder) {
                let reference = Double(hosts * web.documentsPerHost) / seconds
                print(
                    String(
                        format:
                            "reference: curl --parallel --parallel-max %d fetched the same %d URLs in %.2f s = %.0f documents/s (%.0f%% of the bound); the crawl reached %.0f%% of curl's rate",
                        concurrency, hosts * web.documentsPerHost, seconds, reference, 100 * reference / bound, 100 * rate / reference))
            }
        }

        /// Seconds `curl --parallel` takes to fetch every document of the web (no parsing, no index): what the web and
        /// this machine allow, measured in the same session. Nil when curl is not installed.
        private func referenceCurl(_ web: GeneratedBadgeWeb, port: Int, folder: URL) throws -> Double? {
            guard let curl = executable("curl") else { return nil }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let config = folder.appendingPathComponent("curl-urls.txt")
            var lines: [String] = []
            // Host by host in turn, as the crawl spreads its requests.
            for number in 0..<web.endorsementsPerHost {
                for host in 0..<hosts {
                    let base = "http://\(GeneratedBadgeWeb.host(host))"
                    if number == 0 { lines.append("url = \"\(base)/issuer.json\"\noutput = /dev/null") }
                    lines.append("url = \"\(base)/e/\(number).json\"\noutput = /dev/null")
                    lines.append("url = \"\(base)/badges/\(number).json\"\noutput = /dev/null")
                }
            }
            try lines.joined(separator: "\n").write(to: config, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: config) }
            let started = ContinuousClock.now
            let status = try runTool(
                curl,
                [
                    "--no-progress-meter", "--parallel", "--parallel-max", "\(concurrency)", "--fail", "--connect-to", "::127.0.0.1:\(port)",
                    "-K", config.path,
                ])
            guard status == 0 else { throw ValidationError("curl exited with \(status)") }
            return (ContinuousClock.now - started).seconds
        }

        /// Child mode: serve the generated web until stdin closes, after printing the port.
        private func serve(_ web: GeneratedBadgeWeb) throws {
            let server = try LoopbackServer(responder: web, latency: .milliseconds(latencyMs))
            FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
            while readLine() != nil {}
            server.stop()
        }
    }
}

/// This executable run again in `--serve-only` mode, so the server's CPU and memory are not counted.
final class WebProcess {
    let process = Process()
    let input = Pipe()
    let port: Int

    init(arguments: [String]) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard let first = byte.first else { break }
            if first == UInt8(ascii: "\n") { break }
            line.append(first)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw ValidationError("the web server child process did not start")
        }
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

private func crawlCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
}

/// VmHWM from /proc/self/status, in MB.
private func crawlPeakMemoryMB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes / 1024
}
