import Foundation
import GRDB
import OpenBadges

extension EndorsementStore {
    /// Records many fetches in one transaction (the bulk form of `record(_:parsed:parseError:)`, same rules);
    /// links are recomputed once for everything the batch touched.
    public func record(_ items: [IngestItem]) throws {
        _ = try record(items, cursor: nil)
    }

    /// Records `items` as ``record(_:)`` does and, in the same transaction, sets the counter `cursor.name` (in
    /// `meta`) to `cursor.value`: a follower of another store of documents resumes exactly after what it recorded.
    /// - Returns: the documents the signatures' verification still needs (keys, DID documents, lists), which a crawl
    ///   fetches next (``Frontier/verificationReason``).
    @discardableResult
    public func record(_ items: [IngestItem], cursor: (name: String, value: Int64)?) throws -> [IRI] {
        try write { db in
            var touched = TouchedKeys()
            for item in items {
                try Self.ingest(item, into: db, touched: &touched)
            }
            var linker = Linker(db: db)
            linker.takeOfflineChecks(of: items)
            try linker.recompute(touched)
            try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE name = 'changes'")
            if let cursor {
                try db.execute(
                    sql: "INSERT INTO meta(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    arguments: [cursor.name, cursor.value])
            }
            return linker.verificationNeeds
        }
    }

    /// How many documents (one per URL) the index holds.
    public func documentCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0 }
    }

    /// The counter `name` of `meta` (see ``record(_:cursor:)``), nil when it was never set.
    public func cursor(_ name: String) throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name]) }
    }

    /// Merges the FTS5 indexes' segments (SQLite FTS5 'optimize') and checkpoints the WAL into the main file:
    /// run after a bulk load. Costs seconds on a large index; readers keep working meanwhile.
    public func optimize() throws {
        try write { db in
            try db.execute(sql: "INSERT INTO badge_fts(badge_fts) VALUES('optimize'); INSERT INTO profile_fts(profile_fts) VALUES('optimize')")
        }
        do {
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA optimize")
                _ = try db.checkpoint(.truncate)
            }
        } catch {
            throw StoreError(.database, "database \(path): \(Self.message(of: error))")
        }
    }

    /// Merges the badge search index's segments, a bounded step at a time (SQLite FTS5 'merge'), until they are
    /// merged or `budget` is spent. A crawl commits many small transactions and each leaves a small FTS5 segment;
    /// queries read every segment (a freshly built 100 000-badge index answered 329 two-word searches/s, merged 466).
    /// Cheaper than `optimize()` on a large index that is mostly merged already. Returns true when no merge work is left.
    @discardableResult
    public func mergeSearchIndex(budget: Duration) throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        repeat {
            // FTS5: a merge step that finds nothing to merge changes fewer than 2 rows (fts5.html, 'merge' command).
            let changed = try write { db -> Int in
                let before = db.totalChangesCount
                try db.execute(sql: "INSERT INTO badge_fts(badge_fts, rank) VALUES('merge', -500)")
                return db.totalChangesCount - before
            }
            if changed < 2 { return true }
        } while clock.now < deadline
        return false
    }

    /// Rebuilds every object and link from the stored raw bodies with `parser` (`endorse reindex`), without
    /// fetching again, in one transaction. Bodies the parser rejects contribute nothing. Returns the number of
    /// documents parsed. `progress` as in `reindex(progress:parse:)`.
    public func reindex(with parser: DocumentParser, progress: (ReindexProgress) throws -> Void = { _ in }) throws -> Int {
        try reindex(progress: progress) { fetch in try? parser.parse(fetch.body, url: fetch.url, contentType: fetch.contentType) }
    }

    /// Documents `reindex` reads, parses and records at a time: memory holds one chunk of bodies, not the database.
    static let reindexChunk = 1000

    /// Rebuilds every object and link from the stored raw bodies with `parse` (a newer parser), without
    /// fetching again, in one transaction: a failure leaves the index as it was. Returns the number of documents
    /// parsed. `progress` is called after every `reindexChunk` documents and once as linking starts; an error it
    /// throws stops the rebuild and changes nothing.
    public func reindex(progress: (ReindexProgress) throws -> Void = { _ in }, parse: (FetchRecord) -> ParsedDocument?) throws -> Int {
        let clock = ContinuousClock()
        let started = clock.now
        return try write { db in
            var touched = TouchedKeys()
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT key, kind FROM contribution") {
                touched.insert(key: row["key"], kind: row["kind"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT endorsementKey, listerKey FROM listing") {
                touched.endorsements.insert(row["endorsementKey"])
                touched.targets.insert(row["listerKey"])
            }
            try db.execute(sql: "DELETE FROM contribution; DELETE FROM listing")
            let withBody = "body IS NOT NULL AND length(body) > 0"
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM document WHERE \(withBody)") ?? 0
            var count = 0
            var lastID: Int64 = 0
            while true {
                // A chunk is read to the end before its documents are written: no cursor stays open on `document`
                // while its rows change.
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, url, status, contentType, etag, lastModified, fetchedAt, body, urlKey FROM document
                        WHERE id > ? AND \(withBody) ORDER BY id LIMIT ?
                        """,
                    arguments: [lastID, Self.reindexChunk])
                guard let last = rows.last else { break }
                lastID = last["id"]
                for row in rows {
                    let body: Data = row["body"]
                    let fetch = FetchRecord(
                        url: IRI(row["url"] as String), status: row["status"], contentType: row["contentType"], etag: row["etag"],
                        lastModified: row["lastModified"], body: [UInt8](body),
                        fetchedAt: Date(timeIntervalSince1970: row["fetchedAt"]))
                    count += 1
                    guard let parsed = parse(fetch) else { continue }
                    let docId: Int64 = row["id"]
                    let rootKey = parsed.rootID?.matchKey
                    try db.execute(
                        cachedSQL: "UPDATE document SET rootKind = ?, rootKey = ? WHERE id = ?",
                        arguments: [parsed.rootKind?.rawValue, rootKey, docId])
                    try Contributions.insert(
                        parsed, docId: docId, urlKey: row["urlKey"], rootKey: rootKey, revoked: false, db: db, touched: &touched)
                }
                try progress(ReindexProgress(phase: .parsing, documents: count, total: total, elapsed: clock.now - started))
            }
            try progress(ReindexProgress(phase: .linking, documents: count, total: total, elapsed: clock.now - started))
            var linker = Linker(db: db)
            // A newer verifier or a later clock: every signed copy is checked again.
            linker.reverifiesAll = true
            try linker.recompute(touched)
            try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE name = 'changes'")
            return count
        }
    }

    /// Stores the fetch and replaces the document's contributions when the response carries a new body.
    static func ingest(_ item: IngestItem, into db: Database, touched: inout TouchedKeys) throws {
        let fetch = item.fetch
        let urlKey = fetch.url.matchKey
        touched.targets.insert(urlKey)
        let status = fetch.status ?? 0
        var lookup = try BoundStatement(db, "SELECT id, rootKey, status, contentHash FROM document WHERE url = ?")
        lookup.bind(fetch.url.string)
        let existing = try lookup.first {
            ExistingDocument(id: $0.int64(0) ?? 0, rootKey: $0.string(1), status: $0.int(2), contentHash: $0.string(3))
        }
        if let oldRoot = existing?.rootKey { touched.targets.insert(oldRoot) }

        if status == 304, let existing {
            try db.execute(
                cachedSQL: """
                    UPDATE document SET fetchedAt = ?, etag = coalesce(?, etag), lastModified = coalesce(?, lastModified),
                    error = NULL WHERE id = ?
                    """,
                arguments: [fetch.fetchedAt.timeIntervalSince1970, fetch.etag, fetch.lastModified, existing.id])
            return
        }

        let replaces = (200..<300).contains(status)
        let revoked = status == 410
        if !replaces {
            // Keep the last good body and contributions; record the failure (and a 410's revocation). An endorsement
            // known only from listings of this URL needs its revocation / problem refreshed too.
            touched.endorsements.insert(urlKey)
            if let existing {
                let docId = existing.id
                try db.execute(
                    cachedSQL: "UPDATE document SET status = ?, error = ?, fetchedAt = ?, revoked = ?, redirectTo = ? WHERE id = ?",
                    arguments: [fetch.status, fetch.error, fetch.fetchedAt.timeIntervalSince1970, revoked, fetch.redirectTo?.string, docId])
                try touchContributions(of: docId, db: db, touched: &touched)
            } else {
                try insertDocument(
                    fetch, urlKey: urlKey, contentHash: fetch.body.isEmpty ? nil : Self.contentHash(fetch.body), root: nil,
                    parseError: item.parseError, revoked: revoked, db: db)
            }
            return
        }

        let contentHash = fetch.body.isEmpty ? nil : Self.contentHash(fetch.body)
        if let existing, let oldStatus = existing.status, (200..<300).contains(oldStatus), let contentHash,
            existing.contentHash == contentHash
        {
            // Same body as the stored good one: it says the same things. Refresh the fetch metadata only; linking is
            // recomputed because "most recently fetched" decides between copies of an object found elsewhere.
            let docId = existing.id
            try db.execute(
                cachedSQL: """
                    UPDATE document SET status = ?, contentType = ?, etag = ?, lastModified = ?, fetchedAt = ?, error = NULL,
                    redirectTo = ? WHERE id = ?
                    """,
                arguments: [
                    fetch.status, fetch.contentType, fetch.etag, fetch.lastModified, fetch.fetchedAt.timeIntervalSince1970,
                    fetch.redirectTo?.string, docId,
                ])
            try touchContributions(of: docId, db: db, touched: &touched)
            return
        }

        // The document's declared root (kind, match key), worked out once for its row and its contributions.
        let root = item.parsed.map { (kind: $0.rootKind?.rawValue, key: $0.rootID?.matchKey) }
        let docId: Int64
        if let existing {
            docId = existing.id
            try touchContributions(of: docId, db: db, touched: &touched)
            try db.execute(cachedSQL: "DELETE FROM contribution WHERE docId = ?", arguments: [docId])
            try db.execute(cachedSQL: "DELETE FROM listing WHERE docId = ?", arguments: [docId])
            try db.execute(
                cachedSQL: """
                    UPDATE document SET status = ?, contentType = ?, etag = ?, lastModified = ?, contentHash = ?, fetchedAt = ?,
                    error = ?, parseError = ?, redirectTo = ?, rootKind = ?, rootKey = ?, revoked = 0, body = ? WHERE id = ?
                    """,
                arguments: [
                    fetch.status, fetch.contentType, fetch.etag, fetch.lastModified, contentHash,
                    fetch.fetchedAt.timeIntervalSince1970, fetch.error, item.parseError, fetch.redirectTo?.string,
                    root?.kind, root?.key, Data(fetch.body), docId,
                ])
        } else {
            docId = try insertDocument(
                fetch, urlKey: urlKey, contentHash: contentHash, root: root, parseError: item.parseError, revoked: false, db: db)
        }
        if let parsed = item.parsed {
            let rootKey = root?.key
            if let rootKey { touched.targets.insert(rootKey) }
            try Contributions.insert(parsed, docId: docId, urlKey: urlKey, rootKey: rootKey, revoked: false, db: db, touched: &touched)
        }
    }

    @discardableResult
    private static func insertDocument(
        _ fetch: FetchRecord, urlKey: String, contentHash: String?, root: (kind: String?, key: String?)?, parseError: String?,
        revoked: Bool, db: Database
    ) throws -> Int64 {
        var insert = try BoundStatement(
            db,
            """
            INSERT INTO document(url, urlKey, originKey, status, contentType, etag, lastModified, contentHash, fetchedAt,
            error, parseError, redirectTo, rootKind, rootKey, revoked, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insert.bind(fetch.url.string)
        insert.bind(urlKey)
        insert.bind(fetch.url.originKey)
        insert.bind(fetch.status)
        insert.bind(fetch.contentType)
        insert.bind(fetch.etag)
        insert.bind(fetch.lastModified)
        insert.bind(contentHash)
        insert.bind(fetch.fetchedAt.timeIntervalSince1970)
        insert.bind(fetch.error)
        insert.bind(parseError)
        insert.bind(fetch.redirectTo?.string)
        insert.bind(root?.kind)
        insert.bind(root?.key)
        insert.bind(revoked)
        insert.bind(blob: fetch.body)
        try insert.run()
        return db.lastInsertedRowID
    }

    /// Marks everything a document contributed as touched (before it is replaced or its status changes).
    private static func touchContributions(of docId: Int64, db: Database, touched: inout TouchedKeys) throws {
        let rows = try Row.fetchCursor(db, cachedSQL: "SELECT key, kind, subjectKey FROM contribution WHERE docId = ?", arguments: [docId])
        while let row = try rows.next() {
            touched.insert(key: row[0], kind: row[1])
            // The badge an endorsement used to target needs its counts refreshed even if the subject changes.
            if let subject: String = row[2] { touched.badges.insert(subject) }
        }
        let listings = try Row.fetchCursor(db, cachedSQL: "SELECT endorsementKey, listerKey FROM listing WHERE docId = ?", arguments: [docId])
        while let row = try listings.next() {
            touched.endorsements.insert(row[0])
            touched.targets.insert(row[1])
        }
    }

    /// What ingest needs of a stored document.
    private struct ExistingDocument {
        var id: Int64
        var rootKey: String?
        var status: Int?
        var contentHash: String?
    }

    /// FNV-1a 64-bit of the body, as hex: a cheap change detector, not a cryptographic digest.
    static func contentHash(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "fnv1a64:" + String(hash, radix: 16)
    }
}

extension Row {
    static func fetchOne(_ db: Database, cachedSQL sql: String, arguments: StatementArguments) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func fetchCursor(_ db: Database, cachedSQL sql: String, arguments: StatementArguments) throws -> RowCursor {
        try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
    }
}

extension Database {
    func execute(cachedSQL sql: String, arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
