import Foundation

/// Everything that bounds and paces a crawl. The defaults are the CLI's.
public struct CrawlConfiguration: Sendable {
    /// Connections and spacing per host, pauses and giving up.
    public var limits: HostScheduler.Limits
    /// Retries of one URL.
    public var retry: RetryPolicy
    /// Stop fetching once the frontier holds this many finished URLs.
    public var maxDocuments: Int
    /// Link hops from a seed.
    public var maxDepth: Int
    /// HTML exploration hops from a profile's homepage (`--max-page-depth`).
    public var maxPageDepth: Int
    /// Exploration pages (homepage, pages, sitemaps and their entries) per host.
    public var maxPagesPerHost: Int
    /// Redirect hops followed from one URL.
    public var maxRedirects: Int
    /// Finished URLs older than this are fetched again (conditionally) by a new crawl; nil never.
    public var recrawlAfter: TimeInterval?
    /// The product token matched against robots.txt `User-agent` lines.
    public var productToken: String
    /// How many fetched documents are recorded in one store transaction.
    public var batchSize: Int
    /// robots.txt fetch failures (5xx, unreachable) after which a host is given up.
    public var robotsAttempts: Int
    /// Index writes run only on CPU time nothing else wants (Linux `SCHED_IDLE` for the commit thread; elsewhere
    /// ignored). Fetches and parses are then never kept waiting by a long commit, but on a machine whose CPUs are
    /// all busy with other work the index writer, and with it the crawl, waits for them.
    public var idleWriter: Bool

    /// Creates a configuration; every parameter defaults to the CLI's default.
    public init(
        limits: HostScheduler.Limits = .init(), retry: RetryPolicy = .init(), maxDocuments: Int = 100_000, maxDepth: Int = 10,
        maxPageDepth: Int = 2, maxPagesPerHost: Int = 100, maxRedirects: Int = 5, recrawlAfter: TimeInterval? = 7 * 86_400,
        productToken: String = "endorse", batchSize: Int = 32, robotsAttempts: Int = 4, idleWriter: Bool = false
    ) {
        self.limits = limits
        self.retry = retry
        self.maxDocuments = maxDocuments
        self.maxDepth = maxDepth
        self.maxPageDepth = maxPageDepth
        self.maxPagesPerHost = maxPagesPerHost
        self.maxRedirects = maxRedirects
        self.recrawlAfter = recrawlAfter
        self.productToken = productToken
        self.batchSize = batchSize
        self.robotsAttempts = robotsAttempts
        self.idleWriter = idleWriter
    }
}
