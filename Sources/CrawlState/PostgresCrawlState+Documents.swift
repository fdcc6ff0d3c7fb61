import EndorsementStore
import Foundation
import OpenBadges
import PostgresNIO

extension PostgresCrawlState {
    /// Up to `limit` recorded documents after `sequence`, in sequence order.
    public func documents(after sequence: Int64, limit: Int) async throws(CrawlStateError) -> [RecordedDocument] {
        try await transaction("read documents") { connection in
            var documents: [RecordedDocument] = []
            for try await (sequence, url, status, contentType, etag, lastModified, body, fetchedAt, error, redirectTo, worker, reason) in try await connection.query(
                """
                SELECT sequence, url, status, content_type, etag, last_modified, body, fetched_at, error, redirect_to, worker, reason
                FROM document WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(limit)
                """, logger: self.logger
            ).decode((Int64, String, Int?, String?, String?, String?, ByteBuffer, Date, String?, String?, String, String).self) {
                let fetch = FetchRecord(
                    url: IRI(url), status: status, contentType: contentType, etag: etag, lastModified: lastModified,
                    body: Array(body.readableBytesView), fetchedAt: fetchedAt, error: error, redirectTo: redirectTo.map { IRI($0) })
                documents.append(RecordedDocument(sequence: sequence, fetch: fetch, reason: reason, worker: worker))
            }
            return documents
        }
    }

    /// The frontier by state, documents recorded, duplicate fetches.
    public func counts() async throws(CrawlStateError) -> CrawlStateCounts {
        try await transaction("count the crawl state") { connection in
            var counts = CrawlStateCounts()
            for try await (state, count) in try await connection.query("SELECT state, count(*)::int FROM frontier GROUP BY state", logger: self.logger)
                .decode((String, Int).self)
            {
                switch state {
                case "queued": counts.queued = count
                case "leased": counts.leased = count
                case "done": counts.done = count
                case "failed": counts.failed = count
                case "skipped": counts.skipped = count
                default: break
                }
            }
            for try await (documents, duplicates, followers) in try await connection.query(
                """
                SELECT (SELECT count(*)::int FROM document), (SELECT count(*)::int FROM duplicate_fetch),
                    (SELECT count(*)::int FROM follower WHERE seen_at > now() - interval '30 seconds')
                """, logger: self.logger
            ).decode((Int, Int, Int).self) {
                counts.documents = documents
                counts.duplicateFetches = duplicates
                counts.followers = followers
            }
            return counts
        }
    }

    /// How far from finished the crawl is: URLs queued and leased (expired leases included, read through the
    /// claimable index: cheap enough to ask often), and whether an index follower seen within `followerTimeout` has
    /// not linked every recorded document yet (it may still queue documents that verification needs). Followers are
    /// compared by document count, not by sequence: a transaction that took a lower sequence may commit after one
    /// that took a higher.
    public func unfinished(followerTimeout: Duration = .seconds(30)) async throws(CrawlStateError)
        -> (queued: Int, leased: Int, followerBehind: Bool)
    {
        let seconds = followerTimeout.seconds
        return try await transaction("count the unfinished URLs") { connection in
            var result = (queued: 0, leased: 0, followerBehind: false)
            for try await (queued, leased, behind) in try await connection.query(
                """
                SELECT count(*) FILTER (WHERE state = 'queued')::int, count(*) FILTER (WHERE state = 'leased')::int,
                    EXISTS (SELECT 1 FROM follower WHERE seen_at > now() - make_interval(secs => \(seconds))
                            AND documents < (SELECT count(*) FROM document))
                FROM frontier WHERE state IN ('queued', 'leased')
                """, logger: self.logger
            ).decode((Int, Int, Bool).self) {
                result = (queued, leased, behind)
            }
            return result
        }
    }

    /// Records that the index follower `name` has read through `cursor` and its index holds `documents` documents.
    public func reportFollower(_ name: String, cursor: Int64, documents: Int) async throws(CrawlStateError) {
        _ = try await transaction("report the follower \(name)") { connection in
            try await connection.query(
                """
                INSERT INTO follower (name, cursor, documents, seen_at) VALUES (\(name), \(cursor), \(documents), now())
                ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, documents = excluded.documents, seen_at = excluded.seen_at
                """, logger: self.logger)
        }
    }
}

/// What the PostgreSQL server has done for the crawl state's database, from `pg_stat_database`: a benchmark reads
/// it before and after a run.
public struct ServerStatistics: Sendable, Hashable {
    /// Transactions committed in the database.
    public var committedTransactions: Int64
    public var rowsInserted: Int64
    public var rowsUpdated: Int64
    /// The process id of the server process that answered (its parent is the postmaster), on the server's machine.
    public var backendPID: Int32
}

extension PostgresCrawlState {
    /// The server's counters for this database (updated by PostgreSQL with a delay of up to a second).
    public func serverStatistics() async throws(CrawlStateError) -> ServerStatistics {
        try await transaction("read the server's statistics") { connection in
            var statistics = ServerStatistics(committedTransactions: 0, rowsInserted: 0, rowsUpdated: 0, backendPID: 0)
            for try await (commits, inserted, updated, pid) in try await connection.query(
                """
                SELECT xact_commit, tup_inserted, tup_updated, pg_backend_pid() FROM pg_stat_database WHERE datname = current_database()
                """, logger: self.logger
            ).decode((Int64, Int64, Int64, Int32).self) {
                statistics = ServerStatistics(committedTransactions: commits, rowsInserted: inserted, rowsUpdated: updated, backendPID: pid)
            }
            return statistics
        }
    }

    /// Drops every table of the crawl state: the crawl shared there is gone for good. For benchmarks and tests that
    /// start each run from nothing; open a new ``PostgresCrawlState`` afterwards to create the schema again.
    public func erase() async throws(CrawlStateError) {
        _ = try await transaction("erase the crawl state") { connection in
            try await connection.query(
                "DROP TABLE IF EXISTS frontier, crawl_host, document, duplicate_fetch, follower, endorse_meta", logger: self.logger)
        }
    }
}
