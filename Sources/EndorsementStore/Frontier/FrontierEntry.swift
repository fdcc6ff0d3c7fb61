import Foundation
import OpenBadges

/// Where a URL stands in the crawl frontier.
public enum FrontierState: Int, Sendable, Codable, Hashable, CaseIterable {
    /// Waiting to be fetched (possibly not before `notBefore`).
    case queued = 0
    /// Claimed by a running crawl; back to `queued` when a crawl starts (the previous one died).
    case inFlight = 1
    /// Fetched and recorded.
    case done = 2
    /// Given up after its final error (recorded with that error).
    case failed = 3
    /// Not fetched on purpose: robots.txt, scope or bounds (`code` says which).
    case skipped = 4

    /// The name used in summaries: `queued`, `inFlight`, `done`, `failed`, `skipped`.
    public var name: String { String(describing: self) }
}

/// A URL to add to the frontier. The URL is canonicalised (``IRI/canonical``) when the candidate is made,
/// and deduplicated on insertion: adding a URL already known is a no-op.
public struct FrontierCandidate: Sendable, Hashable {
    /// The URL in canonical form (``IRI/canonical``), computed when the candidate is made so that the
    /// frontier's write transaction does no URL parsing.
    public let url: IRI
    /// The origin of ``url``, nil when it is not fetchable.
    public let origin: String?
    /// Why it is fetched (a `LinkReason` raw value, `seed`, `sitemap`, ...): tells the crawler what to expect.
    public var reason: String
    /// Link hops from a seed.
    public var depth: Int
    /// HTML exploration hops from a profile's homepage or a sitemap; 0 for Open Badges links.
    public var pageDepth: Int
    /// Redirect hops that led here.
    public var hops: Int
    /// True for site-exploration pages, which count against the host's page budget.
    public var isExplorationPage: Bool
    /// Earliest time to fetch, seconds since 1970.
    public var notBefore: Double

    /// Creates a candidate; only `url` and `reason` are required.
    public init(
        url: IRI, reason: String, depth: Int = 0, pageDepth: Int = 0, hops: Int = 0, isExplorationPage: Bool = false,
        notBefore: Double = 0
    ) {
        self.url = url.canonical
        self.origin = self.url.isFetchable ? self.url.origin : nil
        self.reason = reason
        self.depth = depth
        self.pageDepth = pageDepth
        self.hops = hops
        self.isExplorationPage = isExplorationPage
        self.notBefore = notBefore
    }
}

/// A URL claimed from the frontier for fetching.
public struct FrontierEntry: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// The canonical URL.
    public var url: IRI
    /// The origin (`scheme://host[:port]`) the politeness rules apply to.
    public var host: String
    /// Why it is fetched (see ``FrontierCandidate/reason``).
    public var reason: String
    /// Link hops from a seed.
    public var depth: Int
    /// HTML exploration hops.
    public var pageDepth: Int
    /// Redirect hops that led here.
    public var hops: Int
    /// Fetch attempts already made (retries).
    public var attempts: Int
    /// True when a previous crawl finished this URL (a re-crawl): a conditional GET is safe, because
    /// the links of the stored version are already in the frontier.
    public var previouslyFinished: Bool

    /// Creates an entry (the frontier builds these when claiming).
    public init(
        id: Int64, url: IRI, host: String, reason: String, depth: Int, pageDepth: Int, hops: Int, attempts: Int,
        previouslyFinished: Bool = false
    ) {
        self.id = id
        self.url = url
        self.host = host
        self.reason = reason
        self.depth = depth
        self.pageDepth = pageDepth
        self.hops = hops
        self.attempts = attempts
        self.previouslyFinished = previouslyFinished
    }
}

/// How a claimed entry ended.
public struct FrontierOutcome: Sendable, Hashable {
    /// The final state: done, failed or skipped.
    public var state: FrontierState
    /// A stable code for failures and skips (`robotsDisallowed`, `timeout`, `http404`, ...).
    public var code: String?
    /// A human explanation (the error message, the skip reason).
    public var detail: String?

    /// Creates an outcome.
    public init(state: FrontierState, code: String? = nil, detail: String? = nil) {
        self.state = state
        self.code = code
        self.detail = detail
    }

    /// Fetched and recorded, nothing to report.
    public static let done = FrontierOutcome(state: .done)
}

/// The end of one claimed entry with the URLs found in it, for ``Frontier/commit(_:maxPagesPerHost:now:)``.
public struct FrontierCompletion: Sendable, Hashable {
    /// The claimed entry that ended.
    public var entry: FrontierEntry
    /// How it ended.
    public var outcome: FrontierOutcome
    /// The URLs found in its document, added in the same transaction.
    public var discovered: [FrontierCandidate]

    /// Creates a completion.
    public init(entry: FrontierEntry, outcome: FrontierOutcome, discovered: [FrontierCandidate] = []) {
        self.entry = entry
        self.outcome = outcome
        self.discovered = discovered
    }
}

/// Counts of frontier rows, for progress lines and summaries.
public struct FrontierCounts: Sendable, Hashable {
    /// Rows by state.
    public var byState: [FrontierState: Int]
    /// Finished rows that carry a code (failures, skips, documents that did not parse), by code.
    public var byCode: [String: Int]
    /// Distinct origins with a finished row.
    public var hosts: Int

    /// Creates counts.
    public init(byState: [FrontierState: Int] = [:], byCode: [String: Int] = [:], hosts: Int = 0) {
        self.byState = byState
        self.byCode = byCode
        self.hosts = hosts
    }

    /// The rows in `state` (0 when none).
    public subscript(state: FrontierState) -> Int { byState[state] ?? 0 }

    /// Rows finished (done, failed or skipped).
    public var finished: Int { self[.done] + self[.failed] + self[.skipped] }

    /// True when queued or in-flight rows remain: the crawl is unfinished.
    public var isUnfinished: Bool { self[.queued] + self[.inFlight] > 0 }
}
