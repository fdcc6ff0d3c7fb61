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
package struct PageResult: Sendable {
    package var entry: FrontierEntry
    package var result: Result<PageResponse, PageFailure>
    package var parsed: ParsedDocument?
    package var parseError: String?
    package var sitemap: Sitemap?
    package var fetchedAt: Date
    /// The URLs to queue from the document, decided by the ``LinkPolicy`` in the child task.
    package var discovered: [FrontierCandidate] = []
    /// Origins whose sites the document asks to explore.
    package var hostsToExplore: Set<String> = []
    /// The document's signed endorsements checked here, off the writer (``OfflineCheck``).
    package var offlineChecks: [OfflineCheck] = []
}

/// The work done in child tasks: fetching and parsing, no database writes.
package struct CrawlJobs: Sendable {
    let fetcher: any PageFetcher
    let parser: DocumentParser
    /// The index a re-crawl takes conditional GET validators from; nil for none.
    let store: EndorsementStore?
    let productToken: String
    let links: LinkPolicy

    /// The jobs of a crawl with these bounds, fetching through `fetcher`.
    package init(fetcher: any PageFetcher, parser: DocumentParser = DocumentParser(), store: EndorsementStore?, configuration: CrawlConfiguration) {
        self.init(
            fetcher: fetcher, parser: parser, store: store, productToken: configuration.productToken,
            links: LinkPolicy(maxDepth: configuration.maxDepth, maxPageDepth: configuration.maxPageDepth))
    }

    init(fetcher: any PageFetcher, parser: DocumentParser, store: EndorsementStore?, productToken: String, links: LinkPolicy) {
        self.fetcher = fetcher
        self.parser = parser
        self.store = store
        self.productToken = productToken
        self.links = links
    }

    package func page(_ entry: FrontierEntry) async -> PageResult {
        var request = FetchRequest(url: entry.url.string)
        if entry.previouslyFinished, entry.attempts == 0, let validators = try? store?.validators(for: entry.url) {
            request.ifNoneMatch = validators.etag
            request.ifModifiedSince = validators.lastModified
        }
        let result = await fetcher.fetch(request)
        var page = PageResult(entry: entry, result: result, fetchedAt: Date())
        guard case .success(let response) = result, (200..<300).contains(response.status) else { return page }
        let body = Self.read(response.body, url: entry.url, contentType: response.contentType, reason: entry.reason, parser: parser)
        page.sitemap = body.sitemap
        page.parseError = body.parseError
        if let sitemap = body.sitemap {
            page.discovered = links.follow(sitemap, from: entry)
        } else if let parsed = body.parsed {
            let decision = links.follow(parsed, from: entry)
            page.parsed = parsed
            page.discovered = decision.candidates
            page.hostsToExplore = decision.hostsToExplore
            if parsed.isOpenBadges { page.offlineChecks = OfflineCheck.checks(of: parsed) }
        }
        return page
    }

    /// What a crawl reads in a 2xx body: a sitemap when the URL was queued as one, else a document.
    package struct ReadBody: Sendable {
        package var sitemap: Sitemap?
        package var parsed: ParsedDocument?
        package var parseError: String?
    }

    /// Reads a 2xx body as the crawl does; an index built later from stored bodies reads them the same way.
    package static func read(_ body: [UInt8], url: IRI, contentType: String?, reason: String, parser: DocumentParser) -> ReadBody {
        var read = ReadBody()
        if reason == CrawlReason.sitemap {
            read.sitemap = Sitemap(parsing: body)
            if read.sitemap == nil { read.parseError = "notASitemap: the body is not sitemap XML or a list of URLs" }
            return read
        }
        do {
            read.parsed = try parser.parse(body, url: url, contentType: contentType)
        } catch {
            read.parseError = "\(error.code.rawValue): \(error.reason)"
        }
        return read
    }

    /// Fetches the robots.txt of `host` (an origin), following up to five redirects (RFC 9309 section 2.3.1.2).
    package func robots(for host: String) async -> RobotsPolicy.FetchOutcome {
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
