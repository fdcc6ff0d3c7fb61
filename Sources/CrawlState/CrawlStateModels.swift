import EndorsementStore
import OpenBadges

/// A URL to crawl, as a worker found it.
public struct FrontierLink: Sendable, Hashable {
    public var url: IRI
    public var depth: Int
    /// Why it is crawled (`seed`, `issuer`, `endorsement`, ...: the crawler's reasons).
    public var reason: String

    public init(url: IRI, depth: Int, reason: String) {
        self.url = url
        self.depth = depth
        self.reason = reason
    }
}

/// A URL one worker holds until ``expires``: it fetches it and completes the lease, or the lease runs out and the
/// URL returns to the queue for any worker.
public struct Lease: Sendable, Hashable {
    public var url: IRI
    /// The politeness key: the URL's host, lower-cased.
    public var host: String
    public var depth: Int
    public var reason: String
    /// How many times the URL has been leased, this time included.
    public var attempt: Int
    public var worker: String
}

/// What completing a lease did.
public enum Completion: Sendable, Hashable {
    /// The document was recorded, with this sequence number.
    case recorded(sequence: Int64)
    /// The lease had expired and the URL was taken by another worker, or it was recorded already: nothing was
    /// written but a count of duplicate fetches.
    case duplicate
}

/// One recorded document, in the order the state recorded them.
public struct RecordedDocument: Sendable, Hashable {
    public var sequence: Int64
    public var fetch: FetchRecord
    /// The worker that fetched it.
    public var worker: String
}

/// How far the shared crawl has got.
public struct CrawlStateCounts: Sendable, Hashable, Codable {
    public var queued = 0
    public var leased = 0
    public var done = 0
    public var failed = 0
    public var documents = 0
    /// Fetches thrown away because another worker recorded the URL first (after an expired lease).
    public var duplicateFetches = 0

    public init() {}
}
