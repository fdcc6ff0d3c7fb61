import EndorsementStore
import Foundation
import Logging
import OpenBadges

/// The crawl: from seed URLs, discovers every endorsement reachable, politely, concurrently and resumably.
///
/// The frontier lives in the index database; a crawl killed at any instant continues where it stopped
/// with the same final index: a document, its links and the end of its frontier entry are committed in
/// one transaction, and entries a dead crawl held are simply still queued.
public struct Crawler: Sendable {
    /// Bounds and pacing of every run.
    public var configuration: CrawlConfiguration
    let store: EndorsementStore
    let frontier: Frontier
    let fetcher: any PageFetcher
    let parser: DocumentParser
    let logger: Logger

    /// - Parameters:
    ///   - store: the index the crawl records into.
    ///   - frontier: the frontier, opened on the same database file as `store`.
    ///   - fetcher: the HTTP client (``CurlPageFetcher`` in production).
    public init(
        configuration: CrawlConfiguration, store: EndorsementStore, frontier: Frontier, fetcher: any PageFetcher,
        parser: DocumentParser = DocumentParser(), logger: Logger = Logger(label: "endorse.crawl")
    ) {
        self.configuration = configuration
        self.store = store
        self.frontier = frontier
        self.fetcher = fetcher
        self.parser = parser
        self.logger = logger
    }

    /// How a run starts.
    public enum Start: Sendable, Hashable {
        /// Add the seeds (known URLs are ignored), re-queue stale URLs, and continue any unfinished crawl.
        case seeds([IRI])
        /// Only continue the unfinished crawl. Throws `CrawlError.nothingToResume` when there is none.
        case resume
    }

    /// Runs the crawl until the frontier is exhausted, `maxDocuments` is reached, or the task is cancelled
    /// (SIGINT/SIGTERM in the CLI), then returns the summary. Cancellation commits what was fetched and
    /// leaves the rest queued: the next run continues it.
    /// - Parameters:
    ///   - progressInterval: how often `progress` is called, in seconds.
    ///   - progress: called from the crawl task with a snapshot; keep it quick.
    /// - Throws: `CrawlError` when the crawl cannot run (database errors); per-URL failures are recorded, not thrown.
    public func run(
        _ start: Start, progressInterval: Double = 1, progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) async throws(CrawlError) -> CrawlSummary {
        let began = Date()
        let alreadyFinished: Int
        do {
            let recovered = try frontier.recoverInFlight()
            if recovered > 0 { logger.info("resuming: \(recovered) URLs that were in flight are queued again") }
            switch start {
            case .resume:
                guard try frontier.counts().isUnfinished else {
                    throw CrawlError(.nothingToResume, "no unfinished crawl in \(store.path); run `endorse crawl` with seeds")
                }
            case .seeds(let seeds):
                if let recrawlAfter = configuration.recrawlAfter {
                    let stale = try frontier.requeueFinished(before: began.addingTimeInterval(-recrawlAfter))
                    if stale > 0 { logger.info("re-crawl: \(stale) URLs older than \(Int(recrawlAfter))s are queued again") }
                }
                try frontier.enqueue(seeds.map { FrontierCandidate(url: $0, reason: CrawlReason.seed) })
            }
            alreadyFinished = try frontier.counts().finished
        } catch let error as CrawlError {
            throw error
        } catch {
            throw CrawlError(.database, "cannot prepare the crawl in \(store.path): \(error)")
        }
        let run = CrawlRun(crawler: self, alreadyFinished: alreadyFinished, began: began)
        try await run.loop(progressInterval: progressInterval, progress: progress)
        do {
            var summary = CrawlSummary(
                index: try store.stats(), frontier: try frontier.counts(), fetched: run.fetched, duration: Date().timeIntervalSince(began),
                interrupted: run.interrupted, reachedMaxDocuments: run.reachedMaxDocuments)
            summary.commitSeconds = run.writeSeconds
            summary.claimSeconds = run.claimSeconds
            summary.recordSeconds = run.recordSeconds
            return summary
        } catch {
            throw CrawlError(.database, "the crawl finished but its summary cannot be read from \(store.path): \(error)")
        }
    }
}
