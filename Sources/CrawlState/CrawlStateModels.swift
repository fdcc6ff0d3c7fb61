import Crawler
import EndorsementStore
import OpenBadges

/// A URL to crawl, as a worker found it.
public struct FrontierLink: Sendable, Hashable {
    /// The canonical URL (``IRI/canonical``).
    public var url: IRI
    /// Link hops from a seed.
    public var depth: Int
    /// Why it is crawled (`seed`, `issuer`, `endorsement`, ...: the crawler's reasons).
    public var reason: String
    /// HTML exploration hops from a profile's homepage or a sitemap; 0 for Open Badges links.
    public var pageDepth: Int
    /// Redirect hops that led here.
    public var hops: Int
    /// True for site-exploration pages, which count against the host's page budget.
    public var isExplorationPage: Bool

    public init(url: IRI, depth: Int, reason: String, pageDepth: Int = 0, hops: Int = 0, isExplorationPage: Bool = false) {
        self.url = url.canonical
        self.depth = depth
        self.reason = reason
        self.pageDepth = pageDepth
        self.hops = hops
        self.isExplorationPage = isExplorationPage
    }

    /// The link a single-process crawl would queue for `candidate`.
    public init(_ candidate: FrontierCandidate) {
        self.init(
            url: candidate.url, depth: candidate.depth, reason: candidate.reason, pageDepth: candidate.pageDepth, hops: candidate.hops,
            isExplorationPage: candidate.isExplorationPage)
    }
}

/// A URL one worker holds until its lease expires: it fetches it and completes the lease, or the lease runs out and
/// the URL returns to the queue for any worker.
public struct Lease: Sendable, Hashable {
    public var url: IRI
    /// The politeness key: the URL's origin (`scheme://host[:port]`).
    public var host: String
    public var depth: Int
    public var reason: String
    public var pageDepth: Int
    public var hops: Int
    /// How many times the URL has been leased, this time included.
    public var attempt: Int
    public var worker: String

    /// The frontier entry the crawler's fetch and link policy work on.
    public var entry: FrontierEntry {
        FrontierEntry(id: 0, url: url, host: host, reason: reason, depth: depth, pageDepth: pageDepth, hops: hops, attempts: max(0, attempt - 1))
    }
}

/// What one claim handed a worker.
public struct Claim: Sendable {
    /// URLs to fetch.
    public var leases: [Lease] = []
    /// Hosts (origins) whose robots.txt this worker is to fetch and then store with
    /// ``PostgresCrawlState/storeRobots(_:of:spacing:maxPagesPerHost:)`` or report with
    /// ``PostgresCrawlState/robotsFailed(_:reason:backoff:maxBackoff:attempts:)``; no URL of theirs is leased before.
    public var robotsToFetch: [String] = []
    /// The robots.txt policy of each host of ``leases`` as stored (empty when robots were not asked for), to read
    /// with ``PostgresCrawlState/policy(stored:)`` when it differs from the one the worker read before: a host
    /// comes back in claim after claim, and its policy rarely changes.
    public var storedPolicies: [String: String] = [:]
    /// Hosts of ``leases`` that were given up, with the reason: their URLs are to be completed as failed.
    public var givenUp: [String: String] = [:]

    public init() {}
}

/// How a lease ended, as the frontier keeps it.
public struct LeaseOutcome: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case done, failed, skipped
    }

    public var state: State
    /// A stable code for failures and skips (`http404`, `robotsDisallowed`, ...).
    public var code: String?
    public var detail: String?

    public init(_ state: State, code: String? = nil, detail: String? = nil) {
        self.state = state
        self.code = code
        self.detail = detail
    }

    public static let done = LeaseOutcome(.done)
}

/// A fetched lease to complete: its document, how the URL ended, the links it leads to, and the origins whose sites
/// it asks to explore with the depth exploration starts at.
public struct LeaseCompletion: Sendable, Hashable {
    public var lease: Lease
    public var fetch: FetchRecord
    public var links: [FrontierLink]
    public var outcome: LeaseOutcome
    public var explore: [String: Int]

    public init(lease: Lease, fetch: FetchRecord, links: [FrontierLink] = [], outcome: LeaseOutcome = .done, explore: [String: Int] = [:]) {
        self.lease = lease
        self.fetch = fetch
        self.links = links
        self.outcome = outcome
        self.explore = explore
    }
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
    /// Why the URL was crawled (``FrontierLink/reason``): a sitemap is not an Open Badges document.
    public var reason: String
    /// The worker that fetched it.
    public var worker: String
}

/// How far the shared crawl has got.
public struct CrawlStateCounts: Sendable, Hashable, Codable {
    public var queued = 0
    public var leased = 0
    public var done = 0
    public var failed = 0
    public var skipped = 0
    public var documents = 0
    /// Fetches thrown away because another worker recorded the URL first (after an expired lease).
    public var duplicateFetches = 0
    /// Index followers (`endorse index --follow`) that reported within the last 30 seconds.
    public var followers = 0

    /// URLs that ended (done, failed or skipped).
    public var finished: Int { done + failed + skipped }
    /// True while URLs are queued or leased.
    public var isUnfinished: Bool { queued + leased > 0 }

    public init() {}
}
