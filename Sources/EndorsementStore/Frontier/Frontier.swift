import Foundation
import GRDB
import OpenBadges

/// The crawl frontier, persisted in the index database so that a crawl killed at any instant resumes.
///
/// Every URL ever discovered has one row (canonical URL, unique); work is claimed in small per-host
/// batches through indexes, so memory does not grow with the frontier. All methods are synchronous,
/// short write transactions; call them from one task (the crawl coordinator) to keep writes serial.
public final class Frontier: Sendable {
    private let pool: DatabasePool

    /// Opens the frontier tables of the database at `path`, creating the file and the tables if needed.
    /// Use the same path as the ``EndorsementStore`` of the crawl.
    /// - Throws: `StoreError` `.databaseUnwritable` when the file cannot be created or migrated.
    public init(path: String) throws(StoreError) {
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            pool = try DatabasePool(path: path, configuration: configuration)
            var migrator = DatabaseMigrator()
            EndorsementStore.registerFrontierMigrations(&migrator)
            try migrator.migrate(pool)
        } catch {
            throw StoreError(.databaseUnwritable, "cannot open the crawl frontier in \(path): \(error); check the folder is writable")
        }
    }

    /// The frontier of `store`'s database, sharing its connection pool: frontier and index writes then
    /// queue for one writer instead of contending for SQLite's file lock.
    public init(store: EndorsementStore) {
        pool = store.database
    }

    // MARK: Adding

    /// Adds URLs not yet known, in one transaction. Exploration pages are admitted only while their host
    /// has had fewer than `maxPagesPerHost` of them. Returns how many rows were inserted.
    @discardableResult
    public func enqueue(_ candidates: [FrontierCandidate], maxPagesPerHost: Int = .max, now: Date = Date()) throws(StoreError) -> Int {
        try write { db in try Self.insert(candidates, maxPagesPerHost: maxPagesPerHost, now: now, db) }
    }

    static func insert(_ candidates: [FrontierCandidate], maxPagesPerHost: Int, now: Date, _ db: Database) throws -> Int {
        var inserted = 0
        var statement = try BoundStatement(
            db,
            """
            INSERT OR IGNORE INTO frontier (url, host, reason, depth, pageDepth, hops, notBefore, discoveredAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for candidate in candidates {
            let url = candidate.url
            guard let host = candidate.origin else { continue }
            if candidate.isExplorationPage {
                guard try !exists(url, db) else { continue }
                try db.execute(sql: "INSERT OR IGNORE INTO frontierHost(host) VALUES (?)", arguments: [host])
                let pages = try Int.fetchOne(db, sql: "SELECT pages FROM frontierHost WHERE host = ?", arguments: [host]) ?? 0
                guard pages < maxPagesPerHost else { continue }
                try db.execute(sql: "UPDATE frontierHost SET pages = pages + 1 WHERE host = ?", arguments: [host])
            }
            statement.bind(url.string)
            statement.bind(host)
            statement.bind(candidate.reason)
            statement.bind(candidate.depth)
            statement.bind(candidate.pageDepth)
            statement.bind(candidate.hops)
            statement.bind(candidate.notBefore)
            statement.bind(now.timeIntervalSince1970)
            try statement.run()
            inserted += db.changesCount
        }
        return inserted
    }

    private static func exists(_ url: IRI, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM frontier WHERE url = ?", arguments: [url.string]) ?? false
    }

    /// Marks `host` (an origin) as explored. Returns true the first time, so the caller starts the
    /// exploration (sitemaps) once per host across resumes.
    public func markExplored(_ host: String) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO frontierHost(host) VALUES (?)", arguments: [host])
            try db.execute(sql: "UPDATE frontierHost SET explore = 1 WHERE host = ? AND explore = 0", arguments: [host])
            return db.changesCount > 0
        }
    }

    /// True when `host` is marked explored.
    public func isExplored(_ host: String) throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT explore FROM frontierHost WHERE host = ?", arguments: [host]) ?? false }
    }

    // MARK: Reading

    /// The earliest `notBefore` among queued entries, or nil when none is queued.
    public func nextReadyTime() throws(StoreError) -> Date? {
        try read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(notBefore) FROM frontier WHERE state = 0").map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// Queued rows, all hosts together, read from the per-host counters (cheap: one row per host).
    public func queuedCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(queued), 0) FROM frontierHost") ?? 0 }
    }

    // MARK: Transactions

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "crawl frontier: \(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(.database, "crawl frontier: \(error)")
        }
    }
}
