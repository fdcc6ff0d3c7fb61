import EndorsementStore
import Foundation
import Logging
import OpenBadges

/// Records and frontier completions waiting to be committed together, in order: the store first,
/// then the frontier, so an entry is marked done only once its document is in the index.
struct PendingWrites {
    var records: [(fetch: FetchRecord, parsed: ParsedDocument?, parseError: String?)] = []
    var completions: [FrontierCompletion] = []
    /// Origins to explore, with the depth of the document that named them.
    var explore: [String: Int] = [:]

    var isEmpty: Bool { records.isEmpty && completions.isEmpty && explore.isEmpty }

    mutating func add(_ fetch: FetchRecord, parsed: ParsedDocument?, parseError: String?) {
        records.append((fetch, parsed, parseError))
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

extension CrawlRun {
    /// Commits pending records to the store, then the frontier completions and discovered URLs, then
    /// starts exploring newly met sites. A crash between the two commits re-fetches those URLs on resume,
    /// which records the same facts again (the store replaces what a URL contributed).
    func flush() {
        lastFlush = Date()
        guard !pending.isEmpty else { return }
        let batch = pending
        pending = PendingWrites()
        do {
            try record(batch.records)
            let inserted = try crawler.frontier.commit(batch.completions, maxPagesPerHost: configuration.maxPagesPerHost)
            if inserted > 0 { frontierDry = false }
            for (host, depth) in batch.explore where try crawler.frontier.markExplored(host) {
                if case .known(let policy) = robots[host] { enqueueSitemaps(of: host, policy: policy, depth: depth) }
            }
        } catch let error as CrawlError {
            fatal = error
        } catch {
            fatal = CrawlError(.database, "cannot commit to the crawl frontier in \(crawler.store.path): \(error)")
        }
    }

    private func record(_ records: [(fetch: FetchRecord, parsed: ParsedDocument?, parseError: String?)]) throws(CrawlError) {
        for item in records {
            do {
                try crawler.store.record(item.fetch, parsed: item.parsed, parseError: item.parseError)
            } catch {
                // One document the store cannot take must not stop the crawl: keep its fetch without objects.
                logger.error("cannot index \(item.fetch.url): \(error); recording the fetch without its objects")
                do {
                    try crawler.store.record(item.fetch, parsed: nil, parseError: "notIndexed: \(error)")
                } catch {
                    throw CrawlError(.database, "cannot write to the index \(crawler.store.path): \(error); check the disk and permissions")
                }
            }
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
