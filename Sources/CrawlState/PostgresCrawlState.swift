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
    public static let schemaVersion = 2

    public let location: StateLocation
    /// How long a call waits for a server that went away (restarted, failed over) before it fails.
    public let reconnectBudget: Duration
    private let pool: Mutex<Pool>
    private let clientConfiguration: PostgresClient.Configuration
    let logger: Logger
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
        // One connection first: a pool retries a refused login or a missing database for ever, quietly. The pool logs
        // only errors: what it warns of (a lease before it runs, a lost connection) this type reports or retries itself.
        var quiet = logger
        quiet.logLevel = .error
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
            guard version < Self.schemaVersion else { return }
            var statements = version < 1 ? Self.schemaV1 : []
            if version < 2 { statements += Self.schemaV2 }
            for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger) }
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

    /// Version 2: what a crawl needs beyond leases. Links keep their page depth, redirect hops and page-budget flag;
    /// a URL's politeness key is its origin; ended URLs keep a code; hosts keep their robots.txt policy (JSON), the
    /// worker fetching it, its failures, the spacing between requests (Crawl-delay, `--delay`) and the time the next
    /// may start, the exploration pages granted, the depth exploration began at, and why they were given up.
    static let schemaV2 = [
        """
        ALTER TABLE frontier ADD COLUMN IF NOT EXISTS page_depth integer NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS hops integer NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS code text, ADD COLUMN IF NOT EXISTS detail text
        """,
        "UPDATE frontier SET host = lower(substring(url from '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]+')) WHERE host NOT LIKE '%://%'",
        """
        ALTER TABLE crawl_host ADD COLUMN IF NOT EXISTS next_allowed timestamptz NOT NULL DEFAULT 'epoch',
            ADD COLUMN IF NOT EXISTS robots text, ADD COLUMN IF NOT EXISTS robots_owner text,
            ADD COLUMN IF NOT EXISTS robots_expires timestamptz, ADD COLUMN IF NOT EXISTS robots_failures integer NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS spacing double precision NOT NULL DEFAULT 0, ADD COLUMN IF NOT EXISTS pages integer NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS explore_depth integer, ADD COLUMN IF NOT EXISTS given_up text
        """,
        "INSERT INTO crawl_host (host) SELECT DISTINCT host FROM frontier ON CONFLICT (host) DO NOTHING",
        // A claim counts each host's live leases: through this index it reads only those, not the host's queue.
        "CREATE INDEX IF NOT EXISTS frontier_leased ON frontier (host) WHERE state = 'leased'",
        "ALTER TABLE document ADD COLUMN IF NOT EXISTS reason text NOT NULL DEFAULT 'seed'",
        // Index followers report how far they have linked: the documents they find that verification still needs
        // are queued back, so workers wait for a live follower before they call the crawl finished.
        """
        CREATE TABLE IF NOT EXISTS follower (
            name text PRIMARY KEY, cursor bigint NOT NULL, documents bigint NOT NULL DEFAULT 0, seen_at timestamptz NOT NULL DEFAULT now())
        """,
    ]

    // MARK: - Transactions

    /// Runs `body` in one short transaction, mapping every failure to a ``CrawlStateError`` that says what was done.
    ///
    /// When the server cannot be reached (restarted, failed over), the call waits and tries again with a fresh pool,
    /// for up to ``reconnectBudget``. A transaction whose commit was cut off may have committed: the retry then finds
    /// its effect (a completion answers `duplicate`), never doubles it. A transaction PostgreSQL chose as a deadlock's
    /// victim (two workers locking the same hosts) was rolled back whole, and runs again.
    func transaction<Result: Sendable>(
        _ what: String,
        _ body: @Sendable @escaping (PostgresConnection) async throws -> Result
    ) async throws(CrawlStateError) -> Result {
        let deadline = ContinuousClock.now + reconnectBudget
        var delay = Duration.milliseconds(100)
        var conflicts = 0
        while true {
            let (client, generation) = pool.withLock { ($0.client, $0.generation) }
            do {
                return try await Self.within(min(deadline - ContinuousClock.now, Self.attemptTimeout)) {
                    try await client.withTransaction(logger: self.logger) { connection in
                        try await connection.query("SET LOCAL idle_in_transaction_session_timeout = '30s'", logger: self.logger)
                        return try await body(connection)
                    }
                }
            } catch {
                let failure = Self.unwrap(error)
                if let failure = failure as? CrawlStateError { throw failure }
                if Self.isConflict(failure), conflicts < 8 {
                    conflicts += 1
                    try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * conflicts))))
                    continue
                }
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

    /// An attempt ran out of time (a pool waiting for a server that is gone, or a call left on a pool that was
    /// replaced): treated as a connection failure, so the call tries again on the current pool.
    private struct OutOfTime: Error, CustomStringConvertible {
        var description: String { "ConnectionPoolError: no answer within the time an attempt may take" }
    }

    /// The longest one attempt of a call may take; the call as a whole has ``reconnectBudget``.
    static let attemptTimeout = Duration.seconds(10)

    /// `body`'s result, or ``OutOfTime`` once `budget` has passed. `body` runs in a task of its own and is cancelled
    /// then, but not waited for: a pool request that ignores cancellation must not hold the caller.
    private static func within<Result: Sendable>(_ budget: Duration, _ body: @Sendable @escaping () async throws -> Result) async throws -> Result {
        let answer = FirstAnswer<Result>()
        let work = Task { try await body() }
        let timer = Task {
            try? await Task.sleep(for: max(budget, .milliseconds(100)))
            guard !Task.isCancelled else { return }
            work.cancel()
            answer.give(.failure(OutOfTime()))
        }
        return try await withCheckedThrowingContinuation { continuation in
            answer.wait(continuation)
            Task {
                let result = await work.result
                timer.cancel()
                answer.give(result)
            }
        }
    }

    private static func unwrap(_ error: any Error) -> any Error {
        guard let error = error as? PostgresTransactionError else { return error }
        return error.closureError ?? error.beginError ?? error.commitError ?? error
    }

    /// True for a deadlock or a serialization failure: the transaction was rolled back and may simply run again.
    private static func isConflict(_ error: any Error) -> Bool {
        guard let state = (error as? PSQLError)?.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
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

/// The first of several answers to one waiting caller: a continuation resumed once, whichever answer comes first.
private final class FirstAnswer<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var early: Result<Value, any Error>?
        var answered = false
    }

    private let state = Mutex(State())

    func wait(_ continuation: CheckedContinuation<Value, any Error>) {
        let early = state.withLock { state -> Result<Value, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    func give(_ result: Result<Value, any Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard !state.answered else { return nil }
            state.answered = true
            guard let continuation = state.continuation else {
                state.early = result
                return nil
            }
            state.continuation = nil
            return continuation
        }
        waiting?.resume(with: result)
    }
}
