import ArgumentParser
import Crawler
import CurlHTTP
import Foundation

/// How hard and how far a crawl goes: shared by `endorse crawl` and `endorse demo`.
struct CrawlOptions: ParsableArguments {
    @Option(help: "Requests running at once, all hosts together.")
    var concurrency = 32

    @Option(help: "Connections at once to one host.")
    var perHost = 2

    @Option(help: "Seconds between two requests to one host (a robots.txt Crawl-delay, clamped to 10 s, wins when longer).")
    var delay: Double = 0

    @Option(help: "Stop once this many URLs have been fetched or given up.")
    var maxDocuments = 100_000

    @Option(help: "Link hops from a seed.")
    var maxDepth = 10

    @Option(help: "HTML page hops from an issuer's or endorser's homepage when exploring its site.")
    var maxPageDepth = 2

    @Option(help: "Pages, sitemaps and sitemap entries explored per host.")
    var maxPagesPerHost = 100

    @Option(help: "Re-fetch (conditionally) URLs fetched longer ago than this: 30m, 12h, 7d; `never` to keep them.")
    var recrawlAfter = "7d"

    @Flag(
        help: """
            Write the index only on CPU time nothing else wants (Linux SCHED_IDLE): fetches are never kept waiting by \
            the writer (faster on small machines), but a machine busy with other work holds the crawl back.
            """)
    var idleWriter = false

    func validate() throws {
        guard concurrency >= 1, concurrency <= 1024 else { throw ValidationError("--concurrency must be between 1 and 1024") }
        guard perHost >= 1, perHost <= 64 else { throw ValidationError("--per-host must be between 1 and 64") }
        guard delay >= 0, delay <= 600 else { throw ValidationError("--delay must be between 0 and 600 seconds") }
        guard maxDocuments >= 1 else { throw ValidationError("--max-documents must be at least 1") }
        guard maxDepth >= 0, maxPageDepth >= 0, maxPagesPerHost >= 0 else { throw ValidationError("depth and page bounds cannot be negative") }
        _ = try recrawlInterval()
    }

    /// `--recrawl-after` in seconds, nil for `never`.
    func recrawlInterval() throws -> TimeInterval? {
        if recrawlAfter == "never" { return nil }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        guard let unit = recrawlAfter.last, let factor = units[unit], let value = Double(recrawlAfter.dropLast()), value >= 0 else {
            throw ValidationError("--recrawl-after takes a number and a unit (s, m, h, d, w), e.g. 7d, or `never`")
        }
        return value * factor
    }

    func configuration() throws -> CrawlConfiguration {
        CrawlConfiguration(
            limits: HostScheduler.Limits(concurrency: concurrency, perHost: perHost, delay: delay),
            maxDocuments: maxDocuments, maxDepth: maxDepth, maxPageDepth: maxPageDepth, maxPagesPerHost: maxPagesPerHost,
            recrawlAfter: try recrawlInterval(), idleWriter: idleWriter)
    }
}

/// How each request is made: shared by `endorse crawl` and `endorse demo`.
struct FetchOptions: ParsableArguments {
    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to CONNECT_HOST:CONNECT_PORT for requests to HOST:PORT (curl's --connect-to; repeatable).",
            valueName: "HOST:PORT:CONNECT_HOST:CONNECT_PORT"))
    var connectTo: [String] = []

    @Flag(
        help: "Allow loopback, private and link-local addresses (refused by default so that documents cannot point the crawler inside your network).")
    var allowPrivateAddresses = false

    @Option(help: "Seconds to wait for a connection.")
    var connectTimeout: Double = 10

    @Option(help: "Seconds a whole request may take.")
    var timeout: Double = 30

    @Option(help: "Largest body accepted, in bytes.")
    var maxBody = 8 << 20

    @Option(help: "The User-Agent header; keep the `endorse` product token so robots.txt rules for it apply.")
    var userAgent = FetcherConfiguration.defaultUserAgent

    @Option(
        name: .customLong("ca-cert"),
        help: ArgumentHelp("Trust the certificate authorities in this PEM file instead of the system's (curl's --cacert).", valueName: "FILE"))
    var caCertificate: String?

    func validate() throws {
        for mapping in connectTo where ConnectTo(mapping) == nil {
            throw ValidationError("--connect-to \(mapping): expected HOST:PORT:CONNECT_HOST:CONNECT_PORT (HOST and PORT may be empty)")
        }
        guard connectTimeout > 0, timeout > 0 else { throw ValidationError("timeouts must be positive") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
        if let caCertificate, !FileManager.default.isReadableFile(atPath: caCertificate) {
            throw ValidationError("--ca-cert \(caCertificate): no readable file there")
        }
    }

    var connectMappings: [ConnectTo] { connectTo.compactMap(ConnectTo.init) }
}
