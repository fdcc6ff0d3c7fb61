import CurlHTTP
import EndorsementStore
import Foundation
import OpenBadges

/// What a child task of the crawl hands back to the coordinator.
enum CrawlJobResult: Sendable {
    case page(PageResult)
    case robots(host: String, outcome: RobotsPolicy.FetchOutcome)
    /// A timer fired: some host or retry became ready.
    case wake
    /// A batch of records and frontier changes was committed.
    case committed(CommitResult)
}

/// One fetched URL with its body already parsed (parsing runs in the child task, off the coordinator).
struct PageResult: Sendable {
    var entry: FrontierEntry
    var result: Result<PageResponse, PageFailure>
    var parsed: ParsedDocument?
    var parseError: String?
    var sitemap: Sitemap?
    var fetchedAt: Date
    /// The URLs to queue from the document, decided by the ``LinkPolicy`` in the child task.
    var discovered: [FrontierCandidate] = []
    /// Origins whose sites the document asks to explore.
    var hostsToExplore: Set<String> = []
    /// The document's signed endorsements checked here, off the writer (``OfflineCheck``).
    var offlineChecks: [OfflineCheck] = []
}

/// The work done in child tasks: fetching and parsing, no database writes.
struct CrawlJobs: Sendable {
    let fetcher: any PageFetcher
    let parser: DocumentParser
    let store: EndorsementStore
    let productToken: String
    let links: LinkPolicy

    func page(_ entry: FrontierEntry) async -> PageResult {
        var request = FetchRequest(url: entry.url.string)
        if entry.previouslyFinished, entry.attempts == 0, let validators = try? store.validators(for: entry.url) {
            request.ifNoneMatch = validators.etag
            request.ifModifiedSince = validators.lastModified
        }
        let result = await fetcher.fetch(request)
        var page = PageResult(entry: entry, result: result, fetchedAt: Date())
        guard case .success(let response) = result, (200..<300).contains(response.status) else { return page }
        if entry.reason == CrawlReason.sitemap {
            page.sitemap = Sitemap(parsing: response.body)
            if let sitemap = page.sitemap {
                page.discovered = links.follow(sitemap, from: entry)
            } else {
                page.parseError = "notASitemap: the body is not sitemap XML or a list of URLs"
            }
            return page
        }
        do {
            let parsed = try parser.parse(response.body, url: entry.url, contentType: response.contentType)
            let decision = links.follow(parsed, from: entry)
            page.parsed = parsed
            page.discovered = decision.candidates
            page.hostsToExplore = decision.hostsToExplore
            if parsed.isOpenBadges { page.offlineChecks = OfflineCheck.checks(of: parsed) }
        } catch {
            page.parseError = "\(error.code.rawValue): \(error.reason)"
        }
        return page
    }

    /// Fetches the robots.txt of `host` (an origin), following up to five redirects (RFC 9309 section 2.3.1.2).
    func robots(for host: String) async -> RobotsPolicy.FetchOutcome {
        var url = IRI(host + "/robots.txt")
        for _ in 0...5 {
            let outcome: RobotsPolicy.FetchOutcome
            switch await fetcher.fetch(FetchRequest(url: url.string, headers: [(name: "Accept", value: "text/plain, */*;q=0.5")])) {
            case .success(let response):
                outcome = RobotsPolicy.outcome(
                    status: response.status, body: response.body, location: response.location, url: url, productToken: productToken)
            case .failure(let failure):
                if failure.code == PageFailure.cancelled.code { return .unavailable("cancelled") }
                // A refused address or an oversized file will not get better: treat the host as having none.
                outcome = failure.isRetryable ? .unavailable(failure.description) : .policy(.allowAll)
            }
            guard case .redirect(let next) = outcome else { return outcome }
            url = next
        }
        return .policy(.allowAll)
    }
}
