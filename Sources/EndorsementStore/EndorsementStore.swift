import Foundation
import GRDB
import OpenBadges

/// The endorse index: one SQLite database (WAL, GRDB `DatabasePool`) holding every fetched document,
/// the Open Badges objects they contain, the endorsement links between them, and an FTS5 index.
///
/// Readers never wait for the writer; writers from other processes (the CLI, the server and the crawler
/// share the file) are waited for up to `busyTimeout`. Safe to share across tasks.
public final class EndorsementStore: Sendable {
    /// How to open the database.
    public enum Mode: Sendable {
        /// Create the file (and its folder) if needed and migrate it: for the crawler.
        case readWrite
        /// Open an existing database without writing: for queries and the HTTP server.
        case readOnly
    }

    /// `Index/endorse.sqlite`, relative to the working directory.
    public static let defaultPath = "Index/endorse.sqlite"

    /// How long a statement waits for another connection's lock before failing with `.database`.
    public static let busyTimeout: TimeInterval = 10

    /// Page cache of the writer connection, in KiB (SQLite `PRAGMA cache_size`), unless `init` is given another:
    /// a bulk load keeps a batch's dirty pages and the key indexes it updates at random in memory. Readers use 32 MB.
    public static let defaultWriterCacheKiB = 262_144

    /// Writer page cache for a long-running crawl, in KiB: its transactions are small, and the cache fills up to its
    /// size as the index grows (a crawl over a million queued URLs peaked at 338 MB with the default cache).
    public static let crawlWriterCacheKiB = 32_768

    /// WAL pages after which a commit checkpoints (SQLite `PRAGMA wal_autocheckpoint`): 10 000 pages, 40 MB of WAL.
    public static let writerCheckpointPages = 10_000

    /// Bytes of the database file each connection maps into memory (SQLite `PRAGMA mmap_size`).
    static let mmapBytes = 1 << 30

    /// The database file.
    public let path: String
    /// The mode it was opened in.
    public let mode: Mode
    /// Searches count matches up to this many; above it `SearchPage.total` is this number and `totalIsExact` false.
    public let countCap: Int
    /// The connection pool; extensions in this module (the crawl frontier too) read and write through it.
    let database: DatabasePool

    /// Opens (and for `.readWrite` creates and migrates) the database at `path`.
    /// - Throws: `StoreError` `.databaseMissing` (read-only and no file), `.databaseUnwritable`, `.databaseIncompatible`.
    /// - Parameters:
    ///   - countCap: searches count matches up to this many (`SearchPage.totalIsExact`).
    ///   - writerCacheKiB: the writer connection's page cache (`defaultWriterCacheKiB`, `crawlWriterCacheKiB`).
    public init(
        path: String = EndorsementStore.defaultPath, mode: Mode = .readWrite, countCap: Int = EndorsementStore.defaultCountCap,
        writerCacheKiB: Int = EndorsementStore.defaultWriterCacheKiB
    ) throws {
        self.path = path
        self.mode = mode
        self.countCap = max(1, countCap)
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // The writer keeps a batch's dirty pages in memory (no spill to the WAL mid-transaction, which would write
            // pages twice) and the key indexes it updates at random; readers need less.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -32000" : "PRAGMA cache_size = -\(max(1_024, writerCacheKiB))")
            // Read-only connections (queries, the server) read pages of the main file through a memory map instead of
            // one pread(2) each (SQLite mmap.html). A writing process (the crawler) does not: mapped pages count as its
            // resident memory, and a crawl must stay small.
            if mode == .readOnly { try db.execute(sql: "PRAGMA mmap_size = \(Self.mmapBytes)") }
            // The writer copies the WAL into the main file every `writerCheckpointPages` pages instead of every 1 000:
            // index pages that successive commits dirty again are copied once per checkpoint (a crawl's commits took
            // 15 % less time). Readers never checkpoint.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.writerCheckpointPages)") }
        }
        let migrator = Schema.migrator()
        switch mode {
        case .readOnly:
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError(.databaseMissing, "database \(path) does not exist; run `endorse crawl` or `endorse demo` first")
            }
            configuration.readonly = true
            do {
                database = try DatabasePool(path: path, configuration: configuration)
                let (superseded, complete) = try database.read { db in
                    (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db))
                }
                if superseded {
                    throw StoreError(.databaseIncompatible, "database \(path) was written by a newer endorse; upgrade endorse")
                }
                if !complete {
                    throw StoreError(
                        .databaseIncompatible, "database \(path) is not an up-to-date endorse index; run `endorse crawl` once to migrate it")
                }
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.databaseIncompatible, "cannot open \(path) as an endorse index: \(Self.message(of: error))")
            }
        case .readWrite:
            let folder = (path as NSString).deletingLastPathComponent
            do {
                if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
                database = try DatabasePool(path: path, configuration: configuration)
            } catch {
                throw StoreError(.databaseUnwritable, "cannot create or write \(path): \(Self.message(of: error)); check the folder's permissions")
            }
            do {
                if try database.read({ try migrator.hasBeenSuperseded($0) }) {
                    throw StoreError(.databaseIncompatible, "database \(path) was written by a newer endorse; upgrade endorse")
                }
                try migrator.migrate(database)
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.databaseIncompatible, "cannot migrate \(path): \(Self.message(of: error)); is it an endorse index?")
            }
        }
    }

    // MARK: Ingest (crawler)

    /// Records one fetch and what its document says, in one transaction: stores the raw body and
    /// fetch metadata, replaces the objects and links this document previously contributed, and
    /// recomputes acknowledged / publishedBy / verification for every endorsement it touches.
    /// `parsed` is nil when the body is not Open Badges or could not be parsed (`parseError` says why).
    ///
    /// A 2xx response replaces what the URL contributed before; a 304 only refreshes the fetch time and
    /// validators; a 410 keeps what the URL served and marks it revoked; other failures keep the last good
    /// contributions and make endorsements of this target `unknown` with the failure as reason.
    public func record(_ fetch: FetchRecord, parsed: ParsedDocument?, parseError: String? = nil) throws {
        try record([IngestItem(fetch: fetch, parsed: parsed, parseError: parseError)])
    }

    /// The validators stored for `url` (for a conditional GET), or nil when never fetched successfully.
    public func validators(for url: IRI) throws -> (etag: String?, lastModified: String?)? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT etag, lastModified FROM document WHERE url = ? AND status BETWEEN 200 AND 299", arguments: [url.string])
            else { return nil }
            let etag: String? = row["etag"]
            let lastModified: String? = row["lastModified"]
            if etag == nil && lastModified == nil { return nil }
            return (etag, lastModified)
        }
    }

    /// A token that changes whenever the database content changes (for HTTP ETags). Costs one indexed read.
    public func changeToken() throws -> String {
        try read { db in
            let changes = try Int.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'changes'") ?? 0
            return "c\(changes)"
        }
    }

    // MARK: Access

    /// Runs `body` on a reader, mapping SQLite errors to `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "database \(path): \(Self.message(of: error))")
        }
    }

    /// Runs `body` in one write transaction, mapping SQLite errors to `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard mode == .readWrite else {
            throw StoreError(.databaseUnwritable, "database \(path) is open read-only; open it in read-write mode to change it")
        }
        do {
            return try database.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "database \(path): \(Self.message(of: error))")
        }
    }

    static func message(of error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}
