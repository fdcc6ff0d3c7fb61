import Crawler
import EndorsementStore
import Foundation
import OpenBadges
import PostgresNIO

extension PostgresCrawlState {
    /// Queues `links` that are not queued or crawled yet; returns how many were new. Exploration pages beyond
    /// `maxPagesPerHost` of their host (counted across every worker) are dropped, as a single-process crawl drops them.
    @discardableResult
    public func add(_ links: [FrontierLink], maxPagesPerHost: Int = .max) async throws(CrawlStateError) -> Int {
        try await transaction("queue \(links.count) URLs") { connection in
            try await self.insert(links, maxPagesPerHost: maxPagesPerHost, on: connection)
        }
    }

    func insert(_ links: [FrontierLink], maxPagesPerHost: Int, on connection: PostgresConnection) async throws -> Int {
        var seen = Set<IRI>()
        var fetchable: [(link: FrontierLink, host: String)] = []
        for link in links where link.url.isFetchable {
            guard let host = link.url.origin, seen.insert(link.url).inserted else { continue }
            fetchable.append((link, host))
        }
        guard !fetchable.isEmpty else { return 0 }
        // Hosts in one order everywhere: two workers adding the same hosts never deadlock.
        let hosts = Set(fetchable.map(\.host)).sorted()
        try await connection.query(
            "INSERT INTO crawl_host (host) SELECT unnest(\(hosts)::text[]) ORDER BY 1 ON CONFLICT (host) DO NOTHING", logger: logger)
        let pages = fetchable.filter(\.link.isExplorationPage)
        if !pages.isEmpty {
            var known = Set<String>()
            for try await url in try await connection.query(
                "SELECT url FROM frontier WHERE url = ANY(\(pages.map(\.link.url.string))::text[])", logger: logger
            ).decode(String.self) {
                known.insert(url)
            }
            var fresh: [String: [IRI]] = [:]
            for page in pages where !known.contains(page.link.url.string) { fresh[page.host, default: []].append(page.link.url) }
            var refused = Set<IRI>()
            for host in fresh.keys.sorted() {
                let wanted = fresh[host] ?? []
                var used = 0
                for try await value in try await connection.query(
                    "SELECT pages FROM crawl_host WHERE host = \(host) FOR UPDATE", logger: logger
                ).decode(Int.self) {
                    used = value
                }
                let granted = max(0, min(wanted.count, maxPagesPerHost - used))
                refused.formUnion(wanted.dropFirst(granted))
                if granted > 0 {
                    try await connection.query("UPDATE crawl_host SET pages = pages + \(granted) WHERE host = \(host)", logger: logger)
                }
            }
            // Known pages are not inserted again either, and cost no budget.
            refused.formUnion(pages.filter { known.contains($0.link.url.string) }.map(\.link.url))
            fetchable.removeAll { refused.contains($0.link.url) }
        }
        guard !fetchable.isEmpty else { return 0 }
        let urls = fetchable.map(\.link.url.string)
        let origins = fetchable.map(\.host)
        let depths = fetchable.map(\.link.depth)
        let reasons = fetchable.map(\.link.reason)
        let pageDepths = fetchable.map(\.link.pageDepth)
        let hops = fetchable.map(\.link.hops)
        var added = 0
        for try await _ in try await connection.query(
            """
            INSERT INTO frontier (url, host, depth, reason, page_depth, hops)
            SELECT * FROM unnest(\(urls)::text[], \(origins)::text[], \(depths)::int[], \(reasons)::text[], \(pageDepths)::int[], \(hops)::int[])
            ON CONFLICT (url) DO NOTHING RETURNING 1
            """, logger: logger)
        {
            added += 1
        }
        return added
    }

    /// Leases up to `limit` URLs to `worker` for `duration`, at most `perHost` live leases per host across every
    /// worker, hosts least recently claimed first (so one large host cannot take the crawl over).
    ///
    /// A host whose `spacing` (the larger of `spacing` and the Crawl-delay stored with its robots.txt) is above zero
    /// gets one URL per claim, and no worker claims it again before that many seconds have passed: the delay holds
    /// across workers. With `robotsFirst`, a host whose robots.txt is not known yet gets no lease: it is handed to
    /// one worker to fetch (``Claim/robotsToFetch``) while the others pass it by; and a given-up host's URLs are
    /// leased only to be completed as failed.
    public func claim(
        worker: String, limit: Int, perHost: Int, spacing: Double = 0, duration: Duration, robotsFirst: Bool = false
    ) async throws(CrawlStateError) -> Claim {
        let seconds = duration.seconds
        return try await transaction("claim URLs") { connection in
            // The hosts to serve, locked; then their live leases, counted by a statement of its own: its snapshot
            // begins after the lock was taken, so it sees every lease committed by the claim that held the lock before.
            var hosts: [(host: String, robots: String?, givenUp: String?, spacing: Double, live: Int)] = []
            for try await row in try await connection.query(
                """
                SELECT h.host, h.robots, h.given_up, greatest(h.spacing, \(spacing))::float8 FROM crawl_host h
                WHERE h.next_allowed <= now()
                AND (NOT \(robotsFirst) OR h.robots IS NOT NULL OR h.given_up IS NOT NULL OR h.robots_expires IS NULL OR h.robots_expires < now())
                AND EXISTS (
                    SELECT 1 FROM frontier f WHERE f.host = h.host AND f.not_before <= now()
                    AND (f.state = 'queued' OR (f.state = 'leased' AND f.lease_expires < now())))
                ORDER BY h.last_claimed, h.host LIMIT \(limit) FOR UPDATE OF h SKIP LOCKED
                """, logger: self.logger
            ).decode((String, String?, String?, Double).self) {
                hosts.append((row.0, row.1, row.2, row.3, 0))
            }
            guard !hosts.isEmpty else { return Claim() }
            var live: [String: Int] = [:]
            for try await (host, count) in try await connection.query(
                """
                SELECT host, count(*)::int FROM frontier
                WHERE host = ANY(\(hosts.map(\.host))::text[]) AND state = 'leased' AND lease_expires >= now() GROUP BY host
                """, logger: self.logger
            ).decode((String, Int).self) {
                live[host] = count
            }
            for index in hosts.indices { hosts[index].live = live[hosts[index].host] ?? 0 }
            var claim = Claim()
            var budget = limit
            var rooms: [(host: String, room: Int)] = []
            var spacingOf: [String: Double] = [:]
            for host in hosts where budget > 0 {
                if robotsFirst, host.robots == nil, host.givenUp == nil {
                    claim.robotsToFetch.append(host.host)
                    budget -= 1
                    continue
                }
                var room = budget
                if robotsFirst, let reason = host.givenUp {
                    claim.givenUp[host.host] = reason
                } else {
                    room = min(perHost - host.live, budget)
                    if host.spacing > 0 {
                        room = min(room, 1)
                        spacingOf[host.host] = host.spacing
                    }
                    if robotsFirst, let robots = host.robots { claim.storedPolicies[host.host] = robots }
                }
                guard room > 0 else { continue }
                rooms.append((host.host, room))
                budget -= room
            }
            if !claim.robotsToFetch.isEmpty {
                try await connection.query(
                    """
                    UPDATE crawl_host SET robots_owner = \(worker), robots_expires = now() + make_interval(secs => \(seconds)),
                        last_claimed = clock_timestamp() WHERE host = ANY(\(claim.robotsToFetch)::text[])
                    """, logger: self.logger)
            }
            guard !rooms.isEmpty else { return claim }
            for try await (url, host, depth, reason, attempts, pageDepth, hops) in try await connection.query(
                """
                UPDATE frontier f SET state = 'leased', lease_owner = \(worker),
                    lease_expires = now() + make_interval(secs => \(seconds)), attempts = f.attempts + 1
                FROM (
                    SELECT p.url FROM unnest(\(rooms.map(\.host))::text[], \(rooms.map(\.room))::int[]) AS r(host, room)
                    CROSS JOIN LATERAL (
                        SELECT url FROM frontier WHERE host = r.host AND not_before <= now()
                        AND (state = 'queued' OR (state = 'leased' AND lease_expires < now()))
                        ORDER BY depth, url LIMIT r.room FOR UPDATE SKIP LOCKED) p
                ) picked
                WHERE f.url = picked.url RETURNING f.url, f.host, f.depth, f.reason, f.attempts, f.page_depth, f.hops
                """, logger: self.logger
            ).decode((String, String, Int, String, Int, Int, Int).self) {
                claim.leases.append(
                    Lease(url: IRI(url), host: host, depth: depth, reason: reason, pageDepth: pageDepth, hops: hops, attempt: attempts, worker: worker))
            }
            // Leases in host order, each host's in frontier order, as a claim host by host hands them out.
            let order = Dictionary(uniqueKeysWithValues: rooms.enumerated().map { ($0.element.host, $0.offset) })
            claim.leases.sort { (order[$0.host] ?? 0, $0.depth, $0.url.string) < (order[$1.host] ?? 0, $1.depth, $1.url.string) }
            let leasedHosts = Set(claim.leases.map(\.host)).sorted()
            let pauses = leasedHosts.map { claim.givenUp[$0] == nil ? spacingOf[$0] ?? 0 : 0 }
            try await connection.query(
                """
                UPDATE crawl_host h SET last_claimed = clock_timestamp(),
                    next_allowed = CASE WHEN s.pause > 0 THEN now() + make_interval(secs => s.pause) ELSE h.next_allowed END
                FROM unnest(\(leasedHosts)::text[], \(pauses)::float8[]) AS s(host, pause) WHERE h.host = s.host
                """, logger: self.logger)
            return claim
        }
    }

    /// Extends `leases` by `duration` (a worker still fetching them); returns those still held.
    public func renew(_ leases: [Lease], duration: Duration) async throws(CrawlStateError) -> [IRI] {
        guard let worker = leases.first?.worker else { return [] }
        let seconds = duration.seconds
        let urls = leases.map(\.url.string)
        return try await transaction("renew leases") { connection in
            var held: [IRI] = []
            for try await url in try await connection.query(
                """
                UPDATE frontier SET lease_expires = now() + make_interval(secs => \(seconds))
                WHERE url = ANY(\(urls)::text[]) AND state = 'leased' AND lease_owner = \(worker) RETURNING url
                """, logger: self.logger
            ).decode(String.self) {
                held.append(IRI(url))
            }
            return held
        }
    }

    /// Completes `lease`: records `fetch`, ends the URL as `outcome` says, and queues `links`, in one transaction and
    /// only while `lease` is held (see ``complete(_:maxPagesPerHost:)``).
    public func complete(
        _ lease: Lease, fetch: FetchRecord, links: [FrontierLink], outcome: LeaseOutcome = .done, explore: [String: Int] = [:],
        maxPagesPerHost: Int = .max
    ) async throws(CrawlStateError) -> Completion {
        let results = try await complete(
            [LeaseCompletion(lease: lease, fetch: fetch, links: links, outcome: outcome, explore: explore)], maxPagesPerHost: maxPagesPerHost)
        return results.first ?? .duplicate
    }

    /// Completes many leases in one transaction, set by set: each URL still leased by its worker is ended as its
    /// outcome says and its document recorded; the others (expired and taken, or recorded already) are counted as
    /// duplicate fetches and write nothing else. Then the links of the recorded documents are queued, and the sites
    /// they ask to explore are marked: the first time a host is asked for, the `Sitemap:` lines of its stored
    /// robots.txt are queued (or, when its robots.txt comes later, by ``storeRobots(_:of:spacing:maxPagesPerHost:)``).
    /// - Parameter maxPagesPerHost: the exploration page budget of each host, across workers.
    /// - Returns: what became of each completion, in order.
    public func complete(_ batch: [LeaseCompletion], maxPagesPerHost: Int = .max) async throws(CrawlStateError) -> [Completion] {
        guard !batch.isEmpty else { return [] }
        let rows: String
        do {
            rows = String(decoding: try JSONEncoder().encode(batch.enumerated().map { CompletionRow($0.offset + 1, $0.element) }), as: UTF8.self)
        } catch {
            throw CrawlStateError(.database, "cannot encode \(batch.count) completions: \(error)")
        }
        let bodies = batch.map { ByteBuffer(bytes: $0.fetch.body) }
        return try await transaction("record \(batch.count) documents") { connection in
            var held = Set<String>()
            for try await url in try await connection.query(
                """
                UPDATE frontier f SET state = v.state, code = v.code, detail = v.detail, lease_owner = NULL, lease_expires = NULL
                FROM jsonb_to_recordset(\(rows)::jsonb) AS v(url text, worker text, state text, code text, detail text)
                WHERE f.url = v.url AND f.state = 'leased' AND f.lease_owner = v.worker RETURNING f.url
                """, logger: self.logger
            ).decode(String.self) {
                held.insert(url)
            }
            var sequences: [String: Int64] = [:]
            if !held.isEmpty {
                for try await (url, sequence) in try await connection.query(
                    """
                    INSERT INTO document (url, status, content_type, etag, last_modified, body, fetched_at, error, redirect_to, worker, reason)
                    SELECT v.url, v.status, v.content_type, v.etag, v.last_modified, b.body, to_timestamp(v.fetched_at), v.error, v.redirect_to,
                        v.worker, v.reason
                    FROM jsonb_to_recordset(\(rows)::jsonb) AS v(
                        ord bigint, url text, worker text, reason text, status int, content_type text, etag text, last_modified text,
                        fetched_at float8, error text, redirect_to text)
                    JOIN unnest(\(bodies)::bytea[]) WITH ORDINALITY AS b(body, ord) ON b.ord = v.ord
                    WHERE v.url = ANY(\(Array(held))::text[])
                    ORDER BY v.ord
                    ON CONFLICT (url) DO NOTHING RETURNING url, sequence
                    """, logger: self.logger
                ).decode((String, Int64).self) {
                    sequences[url] = sequence
                }
            }
            let duplicates = batch.filter { sequences[$0.lease.url.string] == nil }
            if !duplicates.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO duplicate_fetch (url, worker)
                    SELECT * FROM unnest(\(duplicates.map(\.lease.url.string))::text[], \(duplicates.map(\.lease.worker))::text[])
                    """, logger: self.logger)
            }
            let recorded = batch.filter { sequences[$0.lease.url.string] != nil }
            var explore: [String: Int] = [:]
            for item in recorded {
                for (host, depth) in item.explore { explore[host] = min(explore[host] ?? .max, depth) }
            }
            var queued = recorded.flatMap(\.links)
            for (host, depth) in explore.sorted(by: { $0.key < $1.key }) {
                try await connection.query("INSERT INTO crawl_host (host) VALUES (\(host)) ON CONFLICT (host) DO NOTHING", logger: self.logger)
                // The host row's lock orders this against a worker storing the host's robots.txt: whichever comes
                // second sees both the exploration and the policy, and queues the sitemaps.
                for try await robots in try await connection.query(
                    "UPDATE crawl_host SET explore_depth = \(depth) WHERE host = \(host) AND explore_depth IS NULL RETURNING robots",
                    logger: self.logger
                ).decode(String?.self) {
                    if let robots { queued += Self.sitemapLinks(of: host, policy: Self.policy(stored: robots), depth: depth) }
                }
            }
            _ = try await self.insert(queued, maxPagesPerHost: maxPagesPerHost, on: connection)
            return batch.map { sequences[$0.lease.url.string].map { .recorded(sequence: $0) } ?? .duplicate }
        }
    }

    /// Gives `lease` back for a retry after `delay` (a 429, a 5xx, a timeout).
    /// - Parameters:
    ///   - pauseHost: seconds no worker may claim the host's URLs (a `Retry-After` applies to the whole host).
    ///   - countAttempt: false for a fetch that was cut short by the worker stopping: the attempt is not counted.
    public func release(_ lease: Lease, retryAfter delay: Duration, pauseHost: Double? = nil, countAttempt: Bool = true)
        async throws(CrawlStateError)
    {
        let seconds = delay.seconds
        let refund = countAttempt ? 0 : 1
        _ = try await transaction("release \(lease.url)") { connection in
            try await connection.query(
                """
                UPDATE frontier SET state = 'queued', lease_owner = NULL, lease_expires = NULL, attempts = greatest(attempts - \(refund), 0),
                    not_before = now() + make_interval(secs => \(seconds))
                WHERE url = \(lease.url.string) AND state = 'leased' AND lease_owner = \(lease.worker)
                """, logger: self.logger)
            if let pause = pauseHost, pause > 0 {
                try await connection.query(
                    """
                    UPDATE crawl_host SET next_allowed = greatest(next_allowed, now() + make_interval(secs => \(pause)))
                    WHERE host = \(lease.host)
                    """, logger: self.logger)
            }
        }
    }

    /// A robots.txt policy as ``storeRobots(_:of:spacing:maxPagesPerHost:)`` stored it; anything unreadable (a
    /// hand-edited row) is treated as no robots.txt.
    public static func policy(stored json: String) -> RobotsPolicy {
        (try? JSONDecoder().decode(RobotsPolicy.self, from: Data(json.utf8))) ?? .allowAll
    }

    static func sitemapLinks(of host: String, policy: RobotsPolicy, depth: Int) -> [FrontierLink] {
        policy.sitemaps.filter { $0.origin == host }.map {
            FrontierLink(url: $0, depth: depth, reason: CrawlReason.sitemap, pageDepth: 0, isExplorationPage: true)
        }
    }
}

extension Duration {
    /// The duration in seconds, for SQL intervals (`make_interval(secs => ...)`).
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// One row of a batch completion, as `jsonb_to_recordset` reads it (JSON carries the NULLs that PostgreSQL arrays of
/// postgres-nio cannot); the bodies travel apart, as a `bytea[]`, matched by `ord`.
private struct CompletionRow: Encodable {
    var ord: Int
    var url: String
    var worker: String
    var reason: String
    var state: String
    var code: String?
    var detail: String?
    var status: Int?
    var content_type: String?
    var etag: String?
    var last_modified: String?
    var fetched_at: Double
    var error: String?
    var redirect_to: String?

    init(_ ord: Int, _ item: LeaseCompletion) {
        self.ord = ord
        url = item.lease.url.string
        worker = item.lease.worker
        reason = item.lease.reason
        state = item.outcome.state.rawValue
        code = item.outcome.code
        detail = item.outcome.detail
        status = item.fetch.status
        content_type = item.fetch.contentType
        etag = item.fetch.etag
        last_modified = item.fetch.lastModified
        fetched_at = item.fetch.fetchedAt.timeIntervalSince1970
        error = item.fetch.error
        redirect_to = item.fetch.redirectTo?.string
    }
}
