import Crawler
import CurlHTTP
import EndorsementStore
import Foundation
import LoopbackWeb
import OpenBadges

/// A crawl against a loopback server with the real fetcher, store and frontier in a temporary folder.
struct CrawlHarness {
    let folder: TemporaryFolder
    let databasePath: String
    let store: EndorsementStore
    let frontier: Frontier
    let crawler: Crawler
    let fetcher: CurlPageFetcher

    /// The package root, from this file's path (Tests/CrawlerTests/Support/...).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Short timeouts and backoffs so hostile hosts cost the suite little time.
    static func quickConfiguration() -> CrawlConfiguration {
        CrawlConfiguration(
            limits: HostScheduler.Limits(concurrency: 8, perHost: 2, failuresBeforePause: 3, pause: 0.2, pausesBeforeGivingUp: 1),
            retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.05, maxDelay: 0.2, maxRetryAfter: 1), robotsAttempts: 2)
    }

    /// - Parameters:
    ///   - port: the plain loopback server every host name is sent to.
    ///   - tls: an https twin for port 443 and the CA file that trusts it (`SampleWebServers`), if any.
    init(
        port: Int, tls: (port: Int, caPath: String)? = nil, configuration: CrawlConfiguration = CrawlHarness.quickConfiguration(),
        allowPrivateAddresses: Bool = true, timeout: Double = 2
    ) throws {
        folder = try TemporaryFolder()
        databasePath = folder.path("index.sqlite")
        store = try EndorsementStore(path: databasePath, mode: .readWrite)
        frontier = Frontier(store: store)
        // curl uses the first matching --connect-to entry: https (port 443) to the TLS twin, everything else to `port`.
        var connectTo: [ConnectTo] = tls.map { [ConnectTo(host: "", port: 443, connectHost: "127.0.0.1", connectPort: $0.port)] } ?? []
        connectTo.append(ConnectTo(host: "", port: nil, connectHost: "127.0.0.1", connectPort: port))
        fetcher = try CurlPageFetcher(
            configuration: FetcherConfiguration(
                connectTimeout: .seconds(1), totalTimeout: .milliseconds(Int(timeout * 1000)), lowSpeedTime: .seconds(1),
                maxBodyBytes: 256 * 1024, allowPrivateAddresses: allowPrivateAddresses, connectTo: connectTo, caCertificatePath: tls?.caPath))
        crawler = Crawler(configuration: configuration, store: store, frontier: frontier, fetcher: fetcher)
    }

    func crawl(_ seeds: [IRI]) async throws -> CrawlSummary {
        try await crawler.run(.seeds(seeds))
    }
}
