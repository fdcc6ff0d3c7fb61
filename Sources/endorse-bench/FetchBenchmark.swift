import ArgumentParser
import CurlHTTP
import Foundation
import LoopbackWeb

#if canImport(Glibc)
    import Glibc
#endif

extension EndorseBench {
    /// `endorse-bench fetch`: the fetcher against `curl --parallel` (and `wrk` when installed) on one loopback server.
    struct Fetch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch N small documents from a loopback server at concurrency C; compare with curl --parallel and wrk."
        )

        @Option(help: "Number of documents to fetch.")
        var requests = 20_000

        @Option(help: "Transfers in flight at once.")
        var concurrency = 32

        @Option(help: "Body size of each document in bytes.")
        var bodyBytes = 600

        @Flag(help: .hidden)
        var serveOnly = false

        func validate() throws {
            guard requests > 0, concurrency > 0, bodyBytes >= 0 else { throw ValidationError("--requests and --concurrency must be positive") }
        }

        func run() async throws {
            if serveOnly { return try serve() }
            let server = try ServerProcess(bodyBytes: bodyBytes)
            defer { server.stop() }
            print(
                "server: 127.0.0.1:\(server.port) in a child process, \(bodyBytes)-byte JSON documents, \(requests) requests at concurrency \(concurrency)"
            )

            let ours = try await measureFetcher(port: server.port)
            print(ours.line("endorse Fetcher"))
            if let curl = try measureCurl(port: server.port) {
                print(curl.line("curl --parallel"))
                print(
                    String(
                        format: "ratio Fetcher / curl: %.2fx requests/s, %.2fx CPU per 1000 requests", ours.rate / curl.rate,
                        ours.cpuPer1000 / curl.cpuPer1000))
            }
            if let wrk = try measureWrk(port: server.port) {
                print(String(format: "%-18@ %10.0f requests/s (load generator, client CPU not measured)", "wrk" as NSString, wrk))
                print(String(format: "ratio Fetcher / wrk: %.2fx requests/s", ours.rate / wrk))
            }
        }

        /// Child mode: serve until stdin closes, after printing the port.
        private func serve() throws {
            let body = Array(
                ("{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"BadgeClass\",\"name\":\""
                    + String(repeating: "x", count: max(0, bodyBytes - 70)) + "\"}").utf8)
            let server = try LoopbackServer { _ in LoopbackResponse(headers: [("Content-Type", "application/ld+json")], body: body) }
            FileHandle.standardOutput.write(Data("\(server.port)\n".utf8))
            while readLine() != nil {}
            server.stop()
        }

        private func measureFetcher(port: Int) async throws -> Measurement {
            let fetcher = try Fetcher(
                configuration: FetcherConfiguration(
                    allowPrivateAddresses: true,
                    connectTo: [ConnectTo(host: "", port: nil, connectHost: "127.0.0.1", connectPort: port)],
                    maxConcurrentTransfers: concurrency
                ))
            defer { fetcher.shutdown() }
            _ = try await fetcher.fetch("http://bench.example/warm-up")
            let cpuBefore = cpuSeconds(RUSAGE_SELF)
            let started = ContinuousClock.now
            let total = requests
            let workers = concurrency
            let failures = try await withThrowingTaskGroup(of: Int.self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        var failed = 0
                        var index = worker
                        while index < total {
                            let response = try await fetcher.fetch("http://bench.example/doc/\(index)")
                            if response.status != 200 { failed += 1 }
                            index += workers
                        }
                        return failed
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = ContinuousClock.now - started
            guard failures == 0 else { throw ValidationError("\(failures) fetches did not answer 200") }
            return Measurement(requests: total, seconds: elapsed.seconds, cpu: cpuSeconds(RUSAGE_SELF) - cpuBefore)
        }

        private func measureCurl(port: Int) throws -> Measurement? {
            guard let curl = executable("curl") else { return nil }
            let cpuBefore = cpuSeconds(RUSAGE_CHILDREN)
            let started = ContinuousClock.now
            let status = try runTool(
                curl,
                [
                    "--no-progress-meter", "--parallel", "--parallel-max", "\(concurrency)", "--fail", "-o", "/dev/null",
                    "-H", "Accept: \(FetcherConfiguration.defaultAccept)", "http://127.0.0.1:\(port)/doc/[1-\(requests)]",
                ])
            let elapsed = ContinuousClock.now - started
            guard status == 0 else { throw ValidationError("curl exited with \(status)") }
            return Measurement(requests: requests, seconds: elapsed.seconds, cpu: cpuSeconds(RUSAGE_CHILDREN) - cpuBefore)
        }

        private func measureWrk(port: Int) throws -> Double? {
            guard let wrk = executable("wrk") else { return nil }
            let pipe = Pipe()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: wrk)
            process.arguments = ["-t1", "-c\(concurrency)", "-d3s", "http://127.0.0.1:\(port)/doc"]
            process.standardOutput = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let line = output.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }
            return line.flatMap { Double($0.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)) }
        }
    }
}

/// Throughput and CPU of one client run.
private struct Measurement {
    var requests: Int
    var seconds: Double
    var cpu: Double

    var rate: Double { Double(requests) / seconds }
    var cpuPer1000: Double { cpu / Double(requests) * 1000 }

    func line(_ name: String) -> String {
        String(
            format: "%-18@ %10.0f requests/s  %6.3f CPU s per 1000 requests  (%d in %.2f s)", name as NSString, rate, cpuPer1000, requests, seconds)
    }
}

/// The loopback server in a child process (this executable in `--serve-only` mode), so its CPU is not counted.
private final class ServerProcess {
    let port: Int
    private let process = Process()
    private let input = Pipe()

    init(bodyBytes: Int) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["fetch", "--serve-only", "--body-bytes", "\(bodyBytes)"]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.hasSuffix("\n") {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            guard !byte.isEmpty else { break }
            text += String(decoding: byte, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ValidationError("the benchmark server did not start")
        }
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

private func cpuSeconds(_ who: __rusage_who) -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(who.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func executable(_ name: String) -> String? {
    ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

func runTool(_ path: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
