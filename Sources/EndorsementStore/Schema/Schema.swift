import Foundation
import GRDB

/// The store's schema, as GRDB migrations. Every schema change is a new migration appended here.
///
/// Layout:
/// - `document`: one row per fetched URL (metadata, raw body).
/// - `contribution` / `listing`: what each document said (objects it holds, endorsements it lists), replaced
///   whenever the document is re-ingested.
/// - `profile`, `badge`, `assertion`, `endorsement`: objects merged from their contributions (the object's own
///   hosted document wins), with the linking facts on `endorsement`.
/// - `badge` doubles as the denormalised search table behind the external-content FTS5 table `badge_fts`;
///   `profile_fts` indexes `profile`. The linker writes both itself, once per batch (migrations v3-fts-sync and
///   v5-profile-fts-sync dropped the sync triggers, `Linker+SearchIndex.swift`).
/// - `badge_rank`: each badge's endorsement count by rowid, a narrow copy for ranking many matches (v4).
/// - `meta`: the change counter behind `changeToken()`.
enum Schema {
    /// Columns of `badge_fts` that users search, in order.
    static let badgeTextColumns = [
        "name", "tags", "issuerName", "endorserNames", "comments", "description", "criteria", "alignments",
    ]
    /// All columns of `badge_fts`: the text columns, then `flags` (`endorsedFlag` or `unendorsedFlag`), so that
    /// the default endorsed-only count is answered by the FTS5 index alone, without a join.
    static let badgeSearchColumns = badgeTextColumns + ["flags"]
    /// Reserved tokens of the `flags` column; `MatchExpression` drops user terms starting with `reservedPrefix`.
    static let reservedPrefix = "xflag"
    static let endorsedFlag = "xflagendorsed"
    static let unendorsedFlag = "xflagunendorsed"
    /// One SQLite FTS5 bm25 weight per column: name above comments above description (issue 4); flags weigh 0.
    static let rankWeights = "bm25(10.0, 4.0, 3.0, 3.0, 5.0, 2.0, 1.0, 2.0, 0.0)"

    static let profileSearchColumns = ["name", "description", "url"]

    /// The migrator with the core schema followed by the crawl frontier's migrations.
    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core", migrate: createCore)
        migrator.registerMigration("v1-search", migrate: createSearch)
        migrator.registerMigration("v2-ingest", migrate: Schema.migrateForIngest)
        migrator.registerMigration("v3-fts-sync") { db in
            // The store writes badge_fts itself (Linker+SearchIndex.swift): triggers made FTS5 flush per badge.
            try db.execute(sql: "DROP TRIGGER badge_ai; DROP TRIGGER badge_ad; DROP TRIGGER badge_au")
        }
        migrator.registerMigration("v4-badge-rank") { db in
            // Capped ranking reads the endorsement count of up to `rankedCandidates` matches: from `badge` (a few wide
            // rows per page) that took 12-25 ms on 1 M badges, from this narrow copy 1-7 ms. The linker writes it
            // beside `badge` (`Linker.mergeBadge`).
            try db.execute(
                sql: """
                    CREATE TABLE badge_rank (rowid INTEGER PRIMARY KEY, endorsementCount INTEGER NOT NULL);
                    INSERT INTO badge_rank(rowid, endorsementCount) SELECT rowid, endorsementCount FROM badge;
                    """)
        }
        EndorsementStore.registerFrontierMigrations(&migrator)
        migrator.registerMigration("v5-profile-fts-sync") { db in
            // As v3 for badges: the linker writes profile_fts itself, after the batch's other writes.
            // (Registered after the frontier's migrations, which databases of earlier versions already have.)
            try db.execute(sql: "DROP TRIGGER profile_ai; DROP TRIGGER profile_ad; DROP TRIGGER profile_au")
        }
        migrator.registerMigration("v6-verification") { db in
            // `contribution.token`: the compact JWS an endorsement copy was decoded from, verified when it is linked.
            // `endorsement.facts`: the VerificationReport of its signed copy (JSON), nil when no copy is signed, with the
            // SHA-256 of the token it checked and its outcome: a relink with the same token and unchanged sources reuses it.
            // `verificationSource`: every document URL a verification read or asked for, so that a key, DID document
            // or revocation list arriving (or changing) later re-verifies the endorsements that depend on it.
            try db.execute(
                sql: """
                    ALTER TABLE contribution ADD COLUMN token TEXT;
                    ALTER TABLE endorsement ADD COLUMN facts TEXT;
                    ALTER TABLE endorsement ADD COLUMN factsDigest TEXT;
                    ALTER TABLE endorsement ADD COLUMN factsOutcome TEXT;
                    CREATE TABLE verificationSource (
                        url TEXT NOT NULL,
                        endorsementKey TEXT NOT NULL,
                        PRIMARY KEY (url, endorsementKey)
                    ) WITHOUT ROWID;
                    CREATE INDEX verificationSource_endorsementKey ON verificationSource(endorsementKey);
                    """)
        }
        migrator.registerMigration("v7-token-in-body") { db in
            // `contribution.token` is `@body` (`Contributions.tokenIsBody`) when the document's body is the token: a
            // signed endorsement served as a JWT is kept once. Existing rows keep their copies; the migration is
            // registered so that an older endorse, which would read `@body` as a token, refuses the index.
            try db.execute(sql: "SELECT 1")
        }
        return migrator
    }

    private static func createCore(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE document (
                    id INTEGER PRIMARY KEY,
                    url TEXT NOT NULL UNIQUE,
                    urlKey TEXT NOT NULL,
                    originKey TEXT,
                    status INTEGER,
                    contentType TEXT,
                    etag TEXT,
                    lastModified TEXT,
                    contentHash TEXT,
                    fetchedAt REAL NOT NULL,
                    error TEXT,
                    parseError TEXT,
                    redirectTo TEXT,
                    rootKind TEXT,
                    rootKey TEXT,
                    revoked INTEGER NOT NULL DEFAULT 0,
                    body BLOB
                );
                CREATE INDEX document_urlKey ON document(urlKey);
                CREATE INDEX document_rootKey ON document(rootKey);

                CREATE TABLE contribution (
                    key TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    docId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    id TEXT,
                    own INTEGER NOT NULL,
                    name TEXT,
                    description TEXT,
                    url TEXT,
                    issuerKey TEXT,
                    issuer TEXT,
                    badgeKey TEXT,
                    subjectKey TEXT,
                    subject TEXT,
                    endorserName TEXT,
                    comment TEXT,
                    issuedOn REAL,
                    tags TEXT,
                    criteria TEXT,
                    alignments TEXT,
                    version TEXT,
                    revoked INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (key, kind, docId)
                ) WITHOUT ROWID;
                CREATE INDEX contribution_docId ON contribution(docId);

                CREATE TABLE listing (
                    endorsementKey TEXT NOT NULL,
                    listerKey TEXT NOT NULL,
                    docId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                    listerKind TEXT NOT NULL,
                    PRIMARY KEY (endorsementKey, listerKey, docId)
                ) WITHOUT ROWID;
                CREATE INDEX listing_docId ON listing(docId);
                CREATE INDEX listing_listerKey ON listing(listerKey);

                CREATE TABLE profile (
                    rowid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    id TEXT NOT NULL,
                    name TEXT,
                    description TEXT,
                    url TEXT,
                    version TEXT
                );

                CREATE TABLE badge (
                    rowid INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    id TEXT NOT NULL,
                    issuerKey TEXT,
                    issuer TEXT,
                    version TEXT,
                    endorsementCount INTEGER NOT NULL DEFAULT 0,
                    endorsers TEXT,
                    name TEXT,
                    tags TEXT,
                    issuerName TEXT,
                    endorserNames TEXT,
                    comments TEXT,
                    description TEXT,
                    criteria TEXT,
                    alignments TEXT,
                    flags TEXT
                );
                CREATE INDEX badge_issuerKey ON badge(issuerKey);
                CREATE INDEX badge_endorsementCount ON badge(endorsementCount);

                CREATE TABLE assertion (
                    key TEXT PRIMARY KEY,
                    id TEXT NOT NULL,
                    badgeKey TEXT,
                    issuerKey TEXT,
                    issuedOn REAL,
                    revoked INTEGER NOT NULL DEFAULT 0,
                    version TEXT
                ) WITHOUT ROWID;

                CREATE TABLE endorsement (
                    key TEXT PRIMARY KEY,
                    id TEXT NOT NULL,
                    endorserKey TEXT,
                    endorser TEXT,
                    endorserName TEXT,
                    subjectKey TEXT,
                    subject TEXT,
                    targetKind TEXT NOT NULL,
                    comment TEXT,
                    issuedOn REAL,
                    version TEXT,
                    revoked INTEGER NOT NULL DEFAULT 0,
                    acknowledged TEXT NOT NULL,
                    targetProblem TEXT,
                    publishedBy TEXT NOT NULL,
                    verification TEXT NOT NULL,
                    foundIn TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX endorsement_subjectKey ON endorsement(subjectKey);
                CREATE INDEX endorsement_endorserKey ON endorsement(endorserKey);

                CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO meta(name, value) VALUES ('changes', 0);
                """)
    }

    private static func createSearch(_ db: Database) throws {
        // Prefix indexes for 2 to 4 characters: short `prefix*` queries match many terms, and without an index
        // FTS5 merges every matching term's doclist (SQLite FTS5 section 4.2).
        try createFTS(db, table: "badge_fts", content: "badge", columns: badgeSearchColumns, prefix: "2 3 4")
        try db.execute(sql: "INSERT INTO badge_fts(badge_fts, rank) VALUES('rank', '\(rankWeights)')")
        try createFTS(db, table: "profile_fts", content: "profile", columns: profileSearchColumns)
    }

    /// An external-content FTS5 table with hand-written sync triggers: the update trigger fires only when an
    /// indexed column is written, and the delete steps pass the old values (SQLite FTS5 section 4.4.3).
    private static func createFTS(_ db: Database, table: String, content: String, columns: [String], prefix: String? = nil) throws {
        let list = columns.joined(separator: ", ")
        let new = columns.map { "new.\($0)" }.joined(separator: ", ")
        let old = columns.map { "old.\($0)" }.joined(separator: ", ")
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE \(table) USING fts5(
                    \(list), content='\(content)', content_rowid='rowid',
                    tokenize='porter unicode61 remove_diacritics 2'\(prefix.map { ", prefix='\($0)'" } ?? "")
                );
                CREATE TRIGGER \(content)_ai AFTER INSERT ON \(content) BEGIN
                    INSERT INTO \(table)(rowid, \(list)) VALUES (new.rowid, \(new));
                END;
                CREATE TRIGGER \(content)_ad AFTER DELETE ON \(content) BEGIN
                    INSERT INTO \(table)(\(table), rowid, \(list)) VALUES ('delete', old.rowid, \(old));
                END;
                CREATE TRIGGER \(content)_au AFTER UPDATE OF \(list) ON \(content) BEGIN
                    INSERT INTO \(table)(\(table), rowid, \(list)) VALUES ('delete', old.rowid, \(old));
                    INSERT INTO \(table)(rowid, \(list)) VALUES (new.rowid, \(new));
                END;
                """)
    }
}
