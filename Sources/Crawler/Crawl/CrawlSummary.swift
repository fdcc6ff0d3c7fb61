import EndorsementStore
import Foundation

/// A live view of a running crawl, handed to the progress callback about once per interval.
public struct CrawlProgress: Sendable, Hashable {
    /// Documents fetched (any answer or final failure) by this run.
    public var fetched: Int
    /// URLs waiting in the frontier.
    public var queued: Int
    /// Requests running now.
    public var running: Int
    /// Final fetch failures and error answers in this run.
    public var errors: Int
    /// Endorsements seen in the documents fetched by this run (with repeats across documents).
    public var endorsementsFound: Int
    /// Seconds since the run started.
    public var elapsed: Double

    public init(fetched: Int, queued: Int, running: Int, errors: Int, endorsementsFound: Int, elapsed: Double) {
        self.fetched = fetched
        self.queued = queued
        self.running = running
        self.errors = errors
        self.endorsementsFound = endorsementsFound
        self.elapsed = elapsed
    }

    /// Documents fetched per second over the run.
    public var perSecond: Double { elapsed > 0 ? Double(fetched) / elapsed : 0 }

    /// One line: `fetched 120 | queued 40 | 31.2/s | errors 2 | endorsements 17 | 3.8s`.
    public var line: String {
        String(
            format: "fetched %d | queued %d | running %d | %.1f/s | errors %d | endorsements %d | %@", fetched, queued, running, perSecond,
            errors, endorsementsFound, Self.duration(elapsed))
    }

    /// `3.8s`, `2m05s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds)
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }
}

/// What a crawl did and what the index now holds.
public struct CrawlSummary: Sendable {
    /// The index after the crawl.
    public var index: IndexStats
    /// The frontier after the crawl: states, failures and skips by code.
    public var frontier: FrontierCounts
    /// Documents fetched by this run.
    public var fetched: Int
    /// Seconds the run took.
    public var duration: Double
    /// True when the crawl stopped on a signal before finishing: `endorse crawl` resumes it.
    public var interrupted: Bool
    /// True when it stopped at `--max-documents` with URLs still queued.
    public var reachedMaxDocuments: Bool
    /// Seconds spent committing records and frontier changes (in a child task, beside fetching).
    public var commitSeconds: Double = 0
    /// Of ``commitSeconds``, the seconds spent in `EndorsementStore.record`.
    public var recordSeconds: Double = 0
    /// Seconds the crawl loop spent claiming work from the frontier.
    public var claimSeconds: Double = 0

    /// Creates a summary (the crawler builds these).
    public init(index: IndexStats, frontier: FrontierCounts, fetched: Int, duration: Double, interrupted: Bool, reachedMaxDocuments: Bool) {
        self.index = index
        self.frontier = frontier
        self.fetched = fetched
        self.duration = duration
        self.interrupted = interrupted
        self.reachedMaxDocuments = reachedMaxDocuments
    }

    /// The summary as printed at the end of `endorse crawl`.
    public var text: String {
        func list(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines: [String] = []
        let state =
            interrupted
            ? "interrupted (run `endorse crawl` again to resume)"
            : reachedMaxDocuments ? "stopped at --max-documents (run again to continue)" : "finished"
        lines.append("Crawl \(state): \(fetched) documents fetched in \(CrawlProgress.duration(duration)).")
        lines.append("  documents by status: \(list(index.documentsByStatus))")
        lines.append("  profiles \(index.profiles), badges \(index.badges), assertions \(index.assertions), hosts \(index.hosts)")
        lines.append("  endorsements \(index.endorsements): \(list(index.endorsementsByAcknowledgement))")
        lines.append("  verification: \(list(index.endorsementsByVerification))")
        lines.append("  frontier: done \(frontier[.done]), failed \(frontier[.failed]), skipped \(frontier[.skipped]), queued \(frontier[.queued])")
        lines.append("  errors and skips by kind: \(list(frontier.byCode))")
        return lines.joined(separator: "\n")
    }
}
