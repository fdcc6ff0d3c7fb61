import EndorsementStore
import Foundation
import Logging
import OpenBadges
import PostgresNIO
import Synchronization

/// A crawl's frontier, per-host politeness and fetched documents in PostgreSQL, shared by any number of worker
/// processes on any number of machines.
///
/// Workers claim URLs with `SELECT ... FOR UPDATE SKIP LOCKED` into leases with an expiry; a lease that runs out (a
/// killed or partitioned worker) returns its URL to the queue. Completing a lease records the document and the links
/// found in it in the same transaction, and only while the worker still holds the lease, so a URL is recorded once:
/// a late duplicate is counted, never written. `perHost` connections hold for all workers together: claiming locks
/// the host's row and counts its live leases. Transactions are short (`idle_in_transaction_session_timeout` is set on
/// each), so the frontier's dead rows do not pile up behind them.
public final class PostgresCrawlState: Sendable {
    /// The schema version this endorse writes; a database of a later one is refused.
    public static let schemaVersion = 1

    public let location: StateLocation
    /// How long a call waits for a server that went away (restarted, failed over) before it fails.
    public let reconnectBudget: Duration
    private let pool: Mutex<Pool>
    private let clientConfiguration: PostgresClient.Configuration
    private let logger: Logger
    private let backgroundLogger: Logger

    /// The connection pool and the task running it; replaced when the server went away and came back (a pool
    /// whose connection attempts failed stops trying for a while).
    private struct Pool {
        var client: PostgresClient
        var runner: Task<Void, Never>
        var generation: Int
    }

    /// Connects to `location` and creates or migrates the schema.
    /// - Throws: ``CrawlStateError`` `unreachable` (server, user, password or database refused), `newerSchema`.
    public init(
        location: StateLocation, reconnectBudget: Duration = .seconds(60), logger: Logger = Logger(label: "endorse.crawl-state")
    ) async throws(CrawlStateError) {
        self.location = location
        self.reconnectBudget = reconnectBudget
        self.logger = logger
        let configuration: PostgresClient.Configuration
        let probe: PostgresConnection.Configuration
        if let socket = location.socketFolder {
            let path = socket + "/.s.PGSQL.\(location.port)"
            configuration = .init(unixSocketPath: path, username: location.user, password: location.password, database: location.database)
            probe = .init(unixSocketPath: path, username: location.user, password: location.password, database: location.database)
        } else {
            configuration = .init(
                host: location.host, port: location.port, username: location.user, password: location.password, database: location.database,
                tls: .disable)
            probe = .init(
                host: location.host, port: location.port, username: location.user, password: location.password, database: location.database,
                tls: .disable)
        }
        // One connection first: a pool retries a refused login or a missing database for ever, quietly.
        var quiet = logger
        quiet.logLevel = .warning
        do {
            let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: quiet)
            try await connection.close()
        } catch {
            throw Self.wrap(error, what: "connect", location: location)
        }
        clientConfiguration = configuration
        backgroundLogger = quiet
        pool = Mutex(Self.makePool(configuration, logger: quiet, generation: 0))
        do {
            try await migrate()
        } catch {
            close()
            throw error
        }
    }

    private static func makePool(_ configuration: PostgresClient.Configuration, logger: Logger, generation: Int) -> Pool {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        return Pool(client: client, runner: Task { await client.run() }, generation: generation)
    }

    /// Closes the connections.
    public func close() {
        pool.withLock { $0.runner.cancel() }
    }

    deinit { pool.withLock { $0.runner.cancel() } }

    // MARK: - Schema

    private func migrate() async throws(CrawlStateError) {
        try await transaction("create the crawl state in \(location)") { connection in
            // One worker migrates at a time; the others wait here, then find the schema in place.
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext('endorse-crawl-state'))", logger: self.logger)
            try await connection.query("CREATE TABLE IF NOT EXISTS endorse_meta (key text PRIMARY KEY, value text NOT NULL)", logger: self.logger)
            var version = 0
            for try await value in try await connection.query("SELECT value FROM endorse_meta WHERE key = 'schemaVersion'", logger: self.logger)
                .decode(String.self)
            {
                version = Int(value) ?? 0
            }
            if version > Self.schemaVersion {
                throw CrawlStateError(
                    .newerSchema, "\(self.location) holds a crawl state of schema \(version), written by a newer endorse; upgrade endorse")
            }
            guard version < 1 else { return }
            for statement in Self.schemaV1 { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger) }
            try await connection.query(
                "INSERT INTO endorse_meta (key, value) VALUES ('schemaVersion', \(String(Self.schemaVersion))) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                logger: self.logger)
        }
    }

    static let schemaV1 = [
        """
        CREATE TABLE frontier (
            url text PRIMARY KEY,
            host text NOT NULL,
            depth integer NOT NULL,
            reason text NOT NULL,
            state text NOT NULL DEFAULT 'queued',
            lease_owner text,
            lease_expires timestamptz,
            attempts integer NOT NULL DEFAULT 0,
            not_before timestamptz NOT NULL DEFAULT now()
        )
        """,
        "CREATE INDEX frontier_claimable ON frontier (host, depth, url) WHERE state IN ('queued', 'leased')",
        // The frontier is updated row by row all crawl long: vacuum it early rather than at 20 % dead rows.
        "ALTER TABLE frontier SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)",
        "CREATE TABLE crawl_host (host text PRIMARY KEY, last_claimed timestamptz NOT NULL DEFAULT 'epoch')",
        """
        CREATE TABLE document (
            sequence bigserial PRIMARY KEY,
            url text NOT NULL UNIQUE,
            status integer,
            content_type text,
            etag text,
            last_modified text,
            body bytea NOT NULL,
            fetched_at timestamptz NOT NULL,
            error text,
            redirect_to text,
            worker text NOT NULL
        )
        """,
        "CREATE TABLE duplicate_fetch (url text NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT now())",
    ]

    // MARK: - Frontier

    /// Queues `links` that are not queued or crawled yet; returns how many were new.
    @discardableResult
    public func add(_ links: [FrontierLink]) async throws(CrawlStateError) -> Int {
        try await transaction("queue \(links.count) URLs") { connection in try await self.insert(links, on: connection) }
    }

    private func insert(_ links: [FrontierLink], on connection: PostgresConnection) async throws -> Int {
        let fetchable = links.filter { $0.url.isFetchable }
        guard !fetchable.isEmpty else { return 0 }
        let urls = fetchable.map(\.url.string)
        let hosts = fetchable.map { $0.url.host ?? "" }
        let depths = fetchable.map(\.depth)
        let reasons = fetchable.map(\.reason)
        try await connection.query(
            "INSERT INTO crawl_host (host) SELECT DISTINCT unnest(\(hosts)::text[]) ON CONFLICT (host) DO NOTHING", logger: logger)
        var added = 0
        for try await _ in try await connection.query(
            """
            INSERT INTO frontier (url, host, depth, reason)
            SELECT * FROM unnest(\(urls)::text[], \(hosts)::text[], \(depths)::int[], \(reasons)::text[])
            ON CONFLICT (url) DO NOTHING RETURNING 1
            """, logger: logger)
        {
            added += 1
        }
        return added
    }

    /// Leases up to `limit` URLs to `worker` for `duration`, at most `perHost` live leases per host across every
    /// worker, hosts least recently claimed first (so one large host cannot take the crawl over).
    public func claim(worker: String, limit: Int, perHost: Int, duration: Duration) async throws(CrawlStateError) -> [Lease] {
        let seconds = duration.seconds
        return try await transaction("claim URLs") { connection in
            var hosts: [String] = []
            for try await host in try await connection.query(
                """
                SELECT h.host FROM crawl_host h
                WHERE EXISTS (
                    SELECT 1 FROM frontier f WHERE f.host = h.host AND f.not_before <= now()
                    AND (f.state = 'queued' OR (f.state = 'leased' AND f.lease_expires < now())))
                ORDER BY h.last_claimed, h.host LIMIT \(limit) FOR UPDATE OF h SKIP LOCKED
                """, logger: self.logger
            ).decode(String.self) {
                hosts.append(host)
            }
            var leases: [Lease] = []
            for host in hosts where leases.count < limit {
                var live = 0
                for try await count in try await connection.query(
                    "SELECT count(*)::int FROM frontier WHERE host = \(host) AND state = 'leased' AND lease_expires >= now()", logger: self.logger
                ).decode(Int.self) {
                    live = count
                }
                let room = min(perHost - live, limit - leases.count)
                guard room > 0 else { continue }
                for try await (url, depth, reason, attempts) in try await connection.query(
                    """
                    UPDATE frontier f SET state = 'leased', lease_owner = \(worker),
                        lease_expires = now() + make_interval(secs => \(seconds)), attempts = f.attempts + 1
                    FROM (SELECT url FROM frontier WHERE host = \(host) AND not_before <= now()
                          AND (state = 'queued' OR (state = 'leased' AND lease_expires < now()))
                          ORDER BY depth, url LIMIT \(room) FOR UPDATE SKIP LOCKED) picked
                    WHERE f.url = picked.url RETURNING f.url, f.depth, f.reason, f.attempts
                    """, logger: self.logger
                ).decode((String, Int, String, Int).self) {
                    leases.append(Lease(url: IRI(url), host: host, depth: depth, reason: reason, attempt: attempts, worker: worker))
                }
                try await connection.query("UPDATE crawl_host SET last_claimed = clock_timestamp() WHERE host = \(host)", logger: self.logger)
            }
            return leases
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

    /// Completes `lease`: records `fetch` and queues `links`, in one transaction and only while `lease` is held.
    public func complete(_ lease: Lease, fetch: FetchRecord, links: [FrontierLink], failed: Bool = false) async throws(CrawlStateError)
        -> Completion
    {
        try await transaction("record \(lease.url)") { connection in
            var held = false
            for try await _ in try await connection.query(
                """
                UPDATE frontier SET state = \(failed ? "failed" : "done"), lease_owner = NULL, lease_expires = NULL
                WHERE url = \(lease.url.string) AND state = 'leased' AND lease_owner = \(lease.worker) RETURNING 1
                """, logger: self.logger)
            {
                held = true
            }
            guard held else {
                try await connection.query(
                    "INSERT INTO duplicate_fetch (url, worker) VALUES (\(lease.url.string), \(lease.worker))", logger: self.logger)
                return .duplicate
            }
            var sequence: Int64?
            for try await value in try await connection.query(
                """
                INSERT INTO document (url, status, content_type, etag, last_modified, body, fetched_at, error, redirect_to, worker)
                VALUES (\(fetch.url.string), \(fetch.status), \(fetch.contentType), \(fetch.etag), \(fetch.lastModified),
                        \(ByteBuffer(bytes: fetch.body)), \(fetch.fetchedAt), \(fetch.error), \(fetch.redirectTo?.string), \(lease.worker))
                ON CONFLICT (url) DO NOTHING RETURNING sequence
                """, logger: self.logger
            ).decode(Int64.self) {
                sequence = value
            }
            guard let sequence else {
                try await connection.query(
                    "INSERT INTO duplicate_fetch (url, worker) VALUES (\(lease.url.string), \(lease.worker))", logger: self.logger)
                return .duplicate
            }
            _ = try await self.insert(links, on: connection)
            return .recorded(sequence: sequence)
        }
    }

    /// Gives `lease` back for a retry after `delay` (a 429, a 5xx, a timeout).
    public func release(_ lease: Lease, retryAfter delay: Duration) async throws(CrawlStateError) {
        let seconds = delay.seconds
        _ = try await transaction("release \(lease.url)") { connection in
            try await connection.query(
                """
                UPDATE frontier SET state = 'queued', lease_owner = NULL, lease_expires = NULL,
                    not_before = now() + make_interval(secs => \(seconds))
                WHERE url = \(lease.url.string) AND state = 'leased' AND lease_owner = \(lease.worker)
                """, logger: self.logger)
        }
    }

    // MARK: - Documents and counts

    /// Up to `limit` recorded documents after `sequence`, in sequence order.
    public func documents(after sequence: Int64, limit: Int) async throws(CrawlStateError) -> [RecordedDocument] {
        try await transaction("read documents") { connection in
            var documents: [RecordedDocument] = []
            for try await (sequence, url, status, contentType, etag, lastModified, body, fetchedAt, error, redirectTo, worker) in try await connection.query(
                """
                SELECT sequence, url, status, content_type, etag, last_modified, body, fetched_at, error, redirect_to, worker
                FROM document WHERE sequence > \(sequence) ORDER BY sequence LIMIT \(limit)
                """, logger: self.logger
            ).decode((Int64, String, Int?, String?, String?, String?, ByteBuffer, Date, String?, String?, String).self) {
                let fetch = FetchRecord(
                    url: IRI(url), status: status, contentType: contentType, etag: etag, lastModified: lastModified,
                    body: Array(body.readableBytesView), fetchedAt: fetchedAt, error: error, redirectTo: redirectTo.map { IRI($0) })
                documents.append(RecordedDocument(sequence: sequence, fetch: fetch, worker: worker))
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
                default: break
                }
            }
            for try await (documents, duplicates) in try await connection.query(
                "SELECT (SELECT count(*)::int FROM document), (SELECT count(*)::int FROM duplicate_fetch)", logger: self.logger
            ).decode((Int, Int).self) {
                counts.documents = documents
                counts.duplicateFetches = duplicates
            }
            return counts
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one short transaction, mapping every failure to a ``CrawlStateError`` that says what was done.
    ///
    /// When the server cannot be reached (restarted, failed over), the call waits and tries again with a fresh pool,
    /// for up to ``reconnectBudget``. A transaction whose commit was cut off may have committed: the retry then finds
    /// its effect (a completion answers `duplicate`), never doubles it.
    private func transaction<Result: Sendable>(
        _ what: String,
        _ body: @Sendable @escaping (PostgresConnection) async throws -> Result
    ) async throws(CrawlStateError) -> Result {
        let deadline = ContinuousClock.now + reconnectBudget
        var delay = Duration.milliseconds(100)
        while true {
            let (client, generation) = pool.withLock { ($0.client, $0.generation) }
            do {
                return try await Self.within(deadline - ContinuousClock.now) {
                    try await client.withTransaction(logger: self.logger) { connection in
                        try await connection.query("SET LOCAL idle_in_transaction_session_timeout = '30s'", logger: self.logger)
                        return try await body(connection)
                    }
                }
            } catch {
                let failure = Self.unwrap(error)
                if let failure = failure as? CrawlStateError { throw failure }
                guard Self.isConnectionFailure(failure), ContinuousClock.now + delay < deadline else {
                    throw Self.wrap(failure, what: what, location: location)
                }
                logger.warning("the crawl state at \(location) cannot be reached (\(String(describing: failure).prefix(120))); trying again")
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(2))
                pool.withLock { current in
                    guard current.generation == generation else { return }
                    current.runner.cancel()
                    current = Self.makePool(clientConfiguration, logger: backgroundLogger, generation: generation + 1)
                }
            }
        }
    }

    /// The budget ran out while a call waited for a connection.
    private struct OutOfTime: Error, CustomStringConvertible {
        var description: String { "ConnectionPoolError: no connection within the reconnect budget" }
    }

    /// `body`'s result, or ``OutOfTime`` once `budget` has passed (`body` is cancelled then: a pool waiting for a
    /// server that is gone would wait longer than the caller may).
    private static func within<Result: Sendable>(_ budget: Duration, _ body: @Sendable @escaping () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: max(budget, .milliseconds(100)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else { throw OutOfTime() }
            return result
        }
    }

    private static func unwrap(_ error: any Error) -> any Error {
        guard let error = error as? PostgresTransactionError else { return error }
        return error.closureError ?? error.beginError ?? error.commitError ?? error
    }

    /// True for a server that went away or cannot be connected to now (not for a statement that failed).
    private static func isConnectionFailure(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState] {
                // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
                return state.hasPrefix("08") || state.hasPrefix("57P")
            }
            return error.code == .connectionError || error.code == .serverClosedConnection || error.code == .uncleanShutdown
        }
        return String(reflecting: error).contains("ConnectionPoolError")
    }

    private static func wrap(_ error: any Error, what: String, location: StateLocation) -> CrawlStateError {
        if !(error is PSQLError), isConnectionFailure(error) {
            return CrawlStateError(.unreachable, "cannot reach \(location) to \(what): no connection could be made")
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let code = error.serverInfo?[.sqlState] ?? ""
                // 28xxx: authentication; 3D000: no such database.
                if code.hasPrefix("28") || code == "3D000" { return CrawlStateError(.unreachable, "\(location): \(message)") }
                return CrawlStateError(.database, "cannot \(what): \(message)")
            }
            return CrawlStateError(.unreachable, "cannot reach \(location) to \(what): \(error.code)")
        }
        return CrawlStateError(.database, "cannot \(what): \(String(reflecting: error))")
    }
}

extension Duration {
    /// The duration in seconds, for SQL intervals (`make_interval(secs => ...)`).
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
