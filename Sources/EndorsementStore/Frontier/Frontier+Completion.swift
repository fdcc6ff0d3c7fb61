import Foundation
import GRDB
import OpenBadges

extension Frontier {
    /// Ends a claimed entry and adds the URLs found in it, in one transaction: either both happen or
    /// neither, so a crawl killed between the two never loses links.
    /// - Returns: how many new URLs were inserted.
    @discardableResult
    public func complete(
        _ entry: FrontierEntry, _ outcome: FrontierOutcome, discovered: [FrontierCandidate] = [], maxPagesPerHost: Int = .max,
        now: Date = Date()
    ) throws(StoreError) -> Int {
        try write { db in
            let inserted = try Self.insert(discovered, maxPagesPerHost: maxPagesPerHost, now: now, db)
            try db.execute(
                sql: "UPDATE frontier SET state = ?, code = ?, detail = ?, attempts = attempts + 1, finishedAt = ? WHERE id = ?",
                arguments: [outcome.state.rawValue, outcome.code, outcome.detail, now.timeIntervalSince1970, entry.id])
            return inserted
        }
    }

    /// Ends many claimed entries and adds the URLs found in them, in one transaction (the bulk form of
    /// ``complete(_:_:discovered:maxPagesPerHost:now:)``). Returns how many new URLs were inserted.
    @discardableResult
    public func commit(_ completions: [FrontierCompletion], maxPagesPerHost: Int = .max, now: Date = Date()) throws(StoreError) -> Int {
        guard !completions.isEmpty else { return 0 }
        return try write { db in try Self.apply(completions, maxPagesPerHost: maxPagesPerHost, now: now, db) }
    }

    static func apply(_ completions: [FrontierCompletion], maxPagesPerHost: Int, now: Date, _ db: Database) throws -> Int {
        var inserted = 0
        var update = try BoundStatement(
            db, "UPDATE frontier SET state = ?, code = ?, detail = ?, attempts = attempts + 1, finishedAt = ? WHERE id = ?")
        for completion in completions {
            inserted += try insert(completion.discovered, maxPagesPerHost: maxPagesPerHost, now: now, db)
            update.bind(Int64(completion.outcome.state.rawValue))
            update.bind(completion.outcome.code)
            update.bind(completion.outcome.detail)
            update.bind(now.timeIntervalSince1970)
            update.bind(completion.entry.id)
            try update.run()
        }
        return inserted
    }

    /// Puts a claimed entry back in the queue, not to be fetched before `notBefore` (a retry), counting
    /// the attempt when `countsAsAttempt` (a robots.txt wait does not).
    public func retry(_ entry: FrontierEntry, notBefore: Date, code: String?, countsAsAttempt: Bool = true) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE frontier SET state = 0, notBefore = ?, code = ?, attempts = attempts + ? WHERE id = ?",
                arguments: [notBefore.timeIntervalSince1970, code, countsAsAttempt ? 1 : 0, entry.id])
        }
    }

    /// Puts claimed entries back in the queue unchanged (a crawl stopping with work buffered).
    public func release(_ entries: [FrontierEntry]) throws(StoreError) {
        guard !entries.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: "UPDATE frontier SET state = 0 WHERE id = ? AND state = 1")
            for entry in entries { try statement.execute(arguments: [entry.id]) }
        }
    }

    /// Ends every queued entry of `host` with `outcome` (a host given up) and returns them, at most
    /// `limit` per call, so the caller can record each failure.
    /// Entries whose ids are in `skipping` (held by the caller, e.g. being fetched) are left alone.
    public func endQueued(
        host: String, _ outcome: FrontierOutcome, skipping: Set<Int64> = [], limit: Int = 1000, now: Date = Date()
    ) throws(StoreError) -> [FrontierEntry] {
        try write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, url, host, reason, depth, pageDepth, hops, attempts, finishedAt IS NOT NULL FROM frontier
                    WHERE host = ? AND state = 0 ORDER BY notBefore LIMIT ?
                    """, arguments: [host, limit + skipping.count])
            let statement = try db.cachedStatement(sql: "UPDATE frontier SET state = ?, code = ?, detail = ?, finishedAt = ? WHERE id = ?")
            return try rows.filter { !skipping.contains($0[0]) }.prefix(limit).map { row in
                let entry = FrontierEntry(
                    id: row[0], url: IRI(row[1] as String), host: row[2], reason: row[3], depth: row[4], pageDepth: row[5], hops: row[6],
                    attempts: row[7], previouslyFinished: row[8])
                try statement.execute(arguments: [outcome.state.rawValue, outcome.code, outcome.detail, now.timeIntervalSince1970, entry.id])
                return entry
            }
        }
    }

    // MARK: Starting a crawl

    /// Puts entries left in flight by a crawl that died back in the queue. Returns how many.
    @discardableResult
    public func recoverInFlight() throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "UPDATE frontier SET state = 0 WHERE state = 1")
            return db.changesCount
        }
    }

    /// Requeues finished entries (done, failed, skipped) that finished before `date`, for a re-crawl.
    /// Returns how many. Exploration page budgets are reset for the hosts concerned.
    @discardableResult
    public func requeueFinished(before date: Date) throws(StoreError) -> Int {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE frontier SET state = 0, attempts = 0, notBefore = 0, code = NULL, detail = NULL
                    WHERE state >= 2 AND finishedAt < ?
                    """, arguments: [date.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// Counts rows by state, failures and skips by code, and hosts.
    public func counts() throws(StoreError) -> FrontierCounts {
        try read { db in
            var counts = FrontierCounts()
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM frontier GROUP BY state") {
                if let state = FrontierState(rawValue: row[0]) { counts.byState[state] = row[1] }
            }
            for row in try Row.fetchAll(db, sql: "SELECT code, COUNT(*) FROM frontier WHERE state >= 2 AND code IS NOT NULL GROUP BY code") {
                counts.byCode[(row[0] as String?) ?? "unknown"] = row[1]
            }
            counts.hosts = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT host) FROM frontier WHERE state IN (2, 3)") ?? 0
            return counts
        }
    }

    /// The state of one URL (canonicalised), nil when it was never discovered.
    public func state(of url: IRI) throws(StoreError) -> (state: FrontierState, code: String?)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT state, code FROM frontier WHERE url = ?", arguments: [url.canonical.string]),
                let state = FrontierState(rawValue: row[0])
            else { return nil }
            return (state, row[1])
        }
    }
}
