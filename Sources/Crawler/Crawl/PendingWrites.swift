import EndorsementStore
import Foundation
import Logging
import OpenBadges

/// Records and frontier completions waiting to be committed together, in order: the store first,
/// then the frontier, so an entry is marked done only once its document is in the index.
struct PendingWrites: Sendable {
    var records: [IngestItem] = []
    var completions: [FrontierCompletion] = []
    /// Origins to explore, with the depth of the document that named them.
    var explore: [String: Int] = [:]

    var isEmpty: Bool { records.isEmpty && completions.isEmpty && explore.isEmpty }

    mutating func add(_ fetch: FetchRecord, parsed: ParsedDocument?, parseError: String?, offlineChecks: [OfflineCheck] = []) {
        records.append(IngestItem(fetch: fetch, parsed: parsed, parseError: parseError, offlineChecks: offlineChecks))
    }

    mutating func complete(_ entry: FrontierEntry, _ outcome: FrontierOutcome, discovered: [FrontierCandidate] = []) {
        completions.append(FrontierCompletion(entry: entry, outcome: outcome, discovered: discovered))
    }

    /// Commit when a batch is full, when the crawl is idle (links are needed to go on), or every 250 ms.
    func shouldFlush(batchSize: Int, idle: Bool, since last: Date) -> Bool {
        guard !isEmpty else { return false }
        return completions.count >= batchSize || idle || Date().timeIntervalSince(last) > 0.25
    }
}

/// What committing one batch did.
struct CommitResult: Sendable {
    /// New frontier rows.
    var inserted = 0
    /// Hosts marked explored for the first time, with the depth that reached them.
    var newlyExplored: [String: Int] = [:]
    var seconds = 0.0
    var recordSeconds = 0.0
    var error: CrawlError?
    /// The entries the batch ended, by host: no longer held by the crawl loop once committed.
    var ended: [(host: String, id: Int64)] = []
}

/// Commits batches: documents and frontier changes together. Runs in a child task so that the crawl loop
/// keeps dispatching fetches while SQLite works; the loop keeps at most one commit in flight, so
/// batches are committed in order.
struct CrawlCommitter: Sendable {
    let store: EndorsementStore
    let frontier: Frontier
    let maxPagesPerHost: Int
    let logger: Logger
    /// The thread commits run on (see `commitOnWriter`).
    let writer: WriterThread

    /// `commit(_:)` on the writer thread, leaving the cooperative pool free meanwhile.
    func commitOnWriter(_ batch: PendingWrites) async -> CommitResult {
        await writer.run { commit(batch) }
    }

    /// The records and the frontier changes go in one transaction. Only when that fails (a document the
    /// store rejects) are they split; a crash between the split transactions re-fetches those URLs on resume,
    /// which records the same facts again (the store replaces what a URL contributed).
    func commit(_ batch: PendingWrites) -> CommitResult {
        var result = CommitResult()
        result.ended = batch.completions.map { ($0.entry.host, $0.entry.id) }
        let started = Date()
        do {
            do {
                // The documents and their frontier entries in one transaction: nothing committed is fetched twice.
                result.inserted = try frontier.commit(batch.completions, recording: batch.records, maxPagesPerHost: maxPagesPerHost)
            } catch {
                // One document the store cannot take must not cost the batch: record one by one, then the frontier.
                logger.warning("cannot commit a batch of \(batch.records.count) documents at once (\(error)); recording them one by one")
                try record(batch.records)
                result.inserted = try frontier.commit(batch.completions, maxPagesPerHost: maxPagesPerHost)
            }
            result.recordSeconds = Date().timeIntervalSince(started)
            for (host, depth) in batch.explore where try frontier.markExplored(host) { result.newlyExplored[host] = depth }
        } catch let error as CrawlError {
            result.error = error
        } catch {
            result.error = CrawlError(.database, "cannot commit to the crawl frontier in \(store.path): \(error)")
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    private func record(_ records: [IngestItem]) throws(CrawlError) {
        for item in records {
            do {
                try store.record(item.fetch, parsed: item.parsed, parseError: item.parseError)
            } catch {
                // One document the store cannot take must not stop the crawl: keep its fetch without objects.
                logger.error("cannot index \(item.fetch.url): \(error); recording the fetch without its objects")
                do {
                    try store.record(item.fetch, parsed: nil, parseError: "notIndexed: \(error)")
                } catch {
                    throw CrawlError(.database, "cannot write to the index \(store.path): \(error); check the disk and permissions")
                }
            }
        }
    }
}

extension CrawlRun {
    /// Starts committing the pending writes in a child task, unless a commit is already running.
    func flush(in group: inout TaskGroup<CrawlJobResult>) {
        lastFlush = Date()
        guard !pending.isEmpty, !commitInFlight else { return }
        let batch = pending
        pending = PendingWrites()
        commitInFlight = true
        tasks += 1
        let committer = self.committer
        group.addTask { .committed(await committer.commitOnWriter(batch)) }
    }

    /// Commits the pending writes now, on the crawl loop (when stopping, or before giving a host up).
    func flushNow() {
        lastFlush = Date()
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = PendingWrites()
        apply(committer.commit(batch))
    }

    /// Takes in a finished commit: new URLs to claim, sites to explore, errors.
    func apply(_ result: CommitResult) {
        writeSeconds += result.seconds
        recordSeconds += result.recordSeconds
        if let error = result.error { fatal = error }
        for (host, id) in result.ended { untake(id, host: host) }
        if result.inserted > 0 { frontierDry = false }
        for (host, depth) in result.newlyExplored {
            if case .known(let policy) = robots[host] { enqueueSitemaps(of: host, policy: policy, depth: depth) }
        }
    }

    /// Queues the `Sitemap:` lines of an explored host's robots.txt.
    func enqueueSitemaps(of host: String, policy: RobotsPolicy, depth: Int) {
        let candidates = policy.sitemaps.filter { $0.origin == host }.map {
            FrontierCandidate(url: $0, reason: CrawlReason.sitemap, depth: depth, pageDepth: 0, isExplorationPage: true)
        }
        guard !candidates.isEmpty else { return }
        do {
            if try crawler.frontier.enqueue(candidates, maxPagesPerHost: configuration.maxPagesPerHost) > 0 { frontierDry = false }
        } catch {
            fatal = CrawlError(.database, "cannot write to the crawl frontier: \(error)")
        }
    }
}
