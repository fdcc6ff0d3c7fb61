import Crawler
import EndorsementStore
import Foundation
import OpenBadges

/// Builds a SQLite index from the documents a shared crawl recorded in PostgreSQL, in the order they were recorded:
/// each document is parsed and recorded as a single-process crawl records it, so the index (links, facts, search)
/// is a function of the documents. Resumable: the last sequence recorded is kept in the index, in the same
/// transaction as the documents.
///
/// Sequence numbers are handed out when a worker's transaction inserts, and transactions commit in any order: a
/// document can appear below the highest sequence already read. A follower therefore re-reads the last
/// ``recheckWindow`` sequences below its cursor on every pass and records those it has not seen; recording a URL
/// again is harmless (the index keeps one document per URL).
public struct IndexFollower: Sendable {
    /// The `meta` counter holding the last sequence recorded.
    public static let cursorName = "crawlStateSequence"
    /// How far below the cursor each pass looks again for documents committed late.
    public static let recheckWindow: Int64 = 2_000

    public let state: PostgresCrawlState
    public let store: EndorsementStore
    public var batchSize: Int
    /// The name this follower reports its progress under, when it reports (``catchUp(seen:)``); nil for a one-off
    /// build, which workers do not wait for. A reporting follower's index holds only the crawl state's documents.
    public var reportingAs: String?
    private let parser = DocumentParser()

    public init(state: PostgresCrawlState, store: EndorsementStore, batchSize: Int = 256, reportingAs: String? = nil) {
        self.state = state
        self.store = store
        self.batchSize = batchSize
        self.reportingAs = reportingAs
    }

    /// The name a follower of `store` on this machine reports as: the same after a restart.
    public static func defaultName(for store: EndorsementStore) -> String {
        "\(ProcessInfo.processInfo.hostName):\(store.path)"
    }

    /// Records every document not recorded yet; returns how many were recorded.
    ///
    /// Linking finds what the signatures' verification still needs (a key, a DID document, a revocation list) as a
    /// single-process crawl does; those URLs are queued into the shared frontier for the workers. A reporting
    /// follower then records how far it has linked, so that workers do not finish while it may queue more.
    public func catchUp(seen: inout Set<Int64>) async throws -> Int {
        var cursor = try store.cursor(Self.cursorName) ?? 0
        var recorded = 0
        var from = max(0, cursor - Self.recheckWindow)
        while true {
            let documents = try await state.documents(after: from, limit: batchSize)
            guard let last = documents.last else { break }
            from = last.sequence
            let fresh = documents.filter { !seen.contains($0.sequence) }
            let items = fresh.map { document -> IngestItem in
                let fetch = document.fetch
                guard let status = fetch.status, (200..<300).contains(status) else { return IngestItem(fetch: fetch, parsed: nil) }
                // As the crawl records it: only Open Badges documents with their objects, sitemaps as fetches.
                let read = CrawlJobs.read(fetch.body, url: fetch.url, contentType: fetch.contentType, reason: document.reason, parser: parser)
                guard let parsed = read.parsed, parsed.isOpenBadges else { return IngestItem(fetch: fetch, parsed: nil, parseError: read.parseError) }
                return IngestItem(fetch: fetch, parsed: parsed, offlineChecks: OfflineCheck.checks(of: parsed))
            }
            // Nothing new and no further: no transaction (it would change the index's change token for nothing).
            guard !items.isEmpty || last.sequence > cursor else { continue }
            cursor = max(cursor, last.sequence)
            let needed = try store.record(items, cursor: (Self.cursorName, cursor))
            if !needed.isEmpty {
                try await state.add(needed.map { FrontierLink(url: $0, depth: 0, reason: Frontier.verificationReason) })
            }
            for document in fresh { seen.insert(document.sequence) }
            recorded += items.count
            // Sequences far below the window will not be read again: forget them.
            if seen.count > Int(Self.recheckWindow) * 4 { seen = seen.filter { cursor - $0 <= Self.recheckWindow } }
        }
        // By count: every document of the crawl state is one of the index's (one per URL) once it is linked.
        if let name = reportingAs { try await state.reportFollower(name, cursor: cursor, documents: try store.documentCount()) }
        return recorded
    }
}
