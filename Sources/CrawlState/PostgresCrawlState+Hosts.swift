import Crawler
import Foundation
import OpenBadges
import PostgresNIO

extension PostgresCrawlState {
    /// Stores the robots.txt policy of `host` for every worker, with the spacing its requests keep (the clamped
    /// Crawl-delay, or zero). When the host's site is being explored, its `Sitemap:` lines are queued now.
    public func storeRobots(_ policy: RobotsPolicy, of host: String, spacing: Double, maxPagesPerHost: Int = .max)
        async throws(CrawlStateError)
    {
        let json: String
        do {
            json = String(decoding: try JSONEncoder().encode(policy), as: UTF8.self)
        } catch {
            throw CrawlStateError(.database, "cannot encode the robots.txt policy of \(host): \(error)")
        }
        _ = try await transaction("store the robots.txt of \(host)") { connection in
            try await connection.query("INSERT INTO crawl_host (host) VALUES (\(host)) ON CONFLICT (host) DO NOTHING", logger: self.logger)
            var links: [FrontierLink] = []
            for try await depth in try await connection.query(
                """
                UPDATE crawl_host SET robots = \(json), spacing = \(max(0, spacing)), robots_owner = NULL, robots_expires = NULL,
                    robots_failures = 0
                WHERE host = \(host) RETURNING explore_depth
                """, logger: self.logger
            ).decode(Int?.self) {
                if let depth { links = Self.sitemapLinks(of: host, policy: policy, depth: depth) }
            }
            _ = try await self.insert(links, maxPagesPerHost: maxPagesPerHost, on: connection)
        }
    }

    /// Counts a failed robots.txt fetch of `host` (a 5xx, no answer). The host waits for its next try `backoff`
    /// seconds doubled for each failure before (at most `maxBackoff`); after `attempts` failures in a row it is given
    /// up (RFC 9309 says assume disallow). Returns the reason when it is given up.
    public func robotsFailed(_ host: String, reason: String, backoff: Double, maxBackoff: Double, attempts: Int) async throws(CrawlStateError)
        -> String?
    {
        let givenUp = "its robots.txt could not be fetched (\(reason)); RFC 9309 says assume disallow"
        return try await transaction("count a robots.txt failure of \(host)") { connection in
            var result: String?
            for try await value in try await connection.query(
                """
                UPDATE crawl_host SET robots_failures = robots_failures + 1, robots_owner = NULL, robots_expires = NULL,
                    next_allowed = now() + make_interval(secs => least(\(max(0, backoff)) * power(2, robots_failures), \(maxBackoff))),
                    given_up = CASE WHEN robots_failures + 1 >= \(attempts) THEN coalesce(given_up, \(givenUp)) ELSE given_up END
                WHERE host = \(host) RETURNING given_up
                """, logger: self.logger
            ).decode(String?.self) {
                result = value
            }
            return result
        }
    }

    /// Gives `host` up for every worker: its URLs, queued now or later, end as failed with `reason`.
    public func giveUp(_ host: String, reason: String) async throws(CrawlStateError) {
        _ = try await transaction("give up \(host)") { connection in
            try await connection.query(
                "UPDATE crawl_host SET given_up = coalesce(given_up, \(reason)) WHERE host = \(host)", logger: self.logger)
        }
    }

    /// The reason `host` was given up, nil while it is not.
    public func givenUp(_ host: String) async throws(CrawlStateError) -> String? {
        try await transaction("read the state of \(host)") { connection in
            var reason: String?
            for try await value in try await connection.query("SELECT given_up FROM crawl_host WHERE host = \(host)", logger: self.logger)
                .decode(String?.self)
            {
                reason = value
            }
            return reason
        }
    }
}
