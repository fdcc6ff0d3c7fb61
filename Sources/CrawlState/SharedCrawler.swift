import Crawler
import EndorsementStore
import Foundation
import Logging
import OpenBadges

/// One worker of a crawl shared through PostgreSQL: any number of these, in processes on any number of machines,
/// crawl one frontier together.
///
/// A worker claims URLs into leases, fetches and parses them as the single-process ``Crawler`` does (the same link
/// policy, robots.txt rules, retries and page budgets), and completes each lease with its document in one
/// transaction. robots.txt is fetched once per host, by whichever worker claims the host first, and kept in the state
/// for every worker; `--per-host` and the Crawl-delay hold across workers (see ``PostgresCrawlState/claim``). A
/// worker that dies leaves leases that expire; the others take their URLs. The index is built apart, from the
/// recorded documents (``IndexFollower``).
public struct SharedCrawler: Sendable {
    public var configuration: CrawlConfiguration
    public let state: PostgresCrawlState
    /// This worker's name in leases and documents; unique among the workers.
    public let worker: String
    /// How long a claimed URL stays this worker's without renewal; renewed every third of it while held.
    public var leaseDuration: Duration
    let fetcher: any PageFetcher
    let logger: Logger

    public init(
        configuration: CrawlConfiguration, state: PostgresCrawlState, fetcher: any PageFetcher, worker: String,
        leaseDuration: Duration = .seconds(60), logger: Logger = Logger(label: "endorse.crawl")
    ) {
        self.configuration = configuration
        self.state = state
        self.fetcher = fetcher
        self.worker = worker
        self.leaseDuration = leaseDuration
        self.logger = logger
    }

    /// A worker name unique on this machine and across machines: `HOST:PID`.
    public static func defaultWorkerName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// Queues `seeds` (known URLs are ignored), then crawls with the other workers until no URL is queued or leased
    /// by anyone, about `maxDocuments` URLs have ended across workers, or the task is cancelled. Cancellation
    /// completes what was fetched and gives back every other lease at once.
    /// - Throws: ``CrawlStateError`` when the state cannot be used (after its reconnect budget); per-URL failures are
    ///   recorded, not thrown.
    public func run(
        seeds: [IRI], progressInterval: Double = 1, progress: (@Sendable (CrawlProgress) -> Void)? = nil
    ) async throws(CrawlStateError) -> SharedCrawlSummary {
        let began = Date()
        try await state.add(seeds.map { FrontierLink(url: $0, depth: 0, reason: CrawlReason.seed) })
        let run = SharedCrawlRun(crawler: self, began: began)
        try await run.loop(progressInterval: progressInterval, progress: progress)
        var summary = SharedCrawlSummary(worker: worker, state: try await state.counts())
        summary.fetched = run.fetched
        summary.errors = run.errors
        summary.duplicates = run.duplicates
        summary.robotsFetched = run.robotsFetched
        summary.claims = run.claims
        summary.claimSeconds = run.claimSeconds
        summary.batches = run.batches
        summary.duration = Date().timeIntervalSince(began)
        summary.interrupted = run.interrupted
        summary.reachedMaxDocuments = run.reachedMaxDocuments
        return summary
    }
}

/// What one worker did, and where the shared crawl stands.
public struct SharedCrawlSummary: Sendable, Hashable, Codable {
    public var worker: String
    /// Documents this worker recorded (any answer or final failure).
    public var fetched = 0
    /// Of those, final failures and error answers.
    public var errors = 0
    /// Fetches this worker made whose URL another worker recorded first (its lease had expired).
    public var duplicates = 0
    /// robots.txt files this worker fetched for all.
    public var robotsFetched = 0
    public var duration = 0.0
    /// Claims this worker made, and the seconds they took.
    public var claims = 0
    public var claimSeconds = 0.0
    /// Transactions its completions were written in.
    public var batches = 0
    public var interrupted = false
    public var reachedMaxDocuments = false
    /// The whole crawl, all workers together, when this worker stopped.
    public var state: CrawlStateCounts

    public init(worker: String, state: CrawlStateCounts) {
        self.worker = worker
        self.state = state
    }

    /// The lines `endorse crawl --state` prints.
    public var text: String {
        let rate = duration > 0 ? Double(fetched) / duration : 0
        var lines = [
            String(
                format: "worker %@: recorded %d documents (%d errors, %d duplicate fetches, %d robots.txt) in %@ (%.1f/s)", worker, fetched,
                errors, duplicates, robotsFetched, CrawlProgress.duration(duration), rate),
            "shared crawl: \(state.done) done, \(state.failed) failed, \(state.skipped) skipped, \(state.queued) queued, \(state.leased) leased; "
                + "\(state.documents) documents, \(state.duplicateFetches) duplicate fetches",
        ]
        lines.append(
            String(
                format: "  %d claims (%.1f s in all), %d documents written in %d transactions", claims, claimSeconds, fetched + duplicates, batches))
        if interrupted { lines.append("interrupted: run `endorse crawl --state ...` again to go on") }
        if reachedMaxDocuments { lines.append("stopped at --max-documents with URLs still queued") }
        return lines.joined(separator: "\n")
    }
}
