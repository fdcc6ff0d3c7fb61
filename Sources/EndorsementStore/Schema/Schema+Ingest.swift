import GRDB

extension Schema {
    /// Migration `v2-ingest`: the wide tables written on every ingest become rowid tables with narrow unique
    /// indexes on their text keys.
    ///
    /// As `WITHOUT ROWID` tables ordered by IRI, `contribution` and `endorsement` put each new row (comments,
    /// descriptions and all) on a random leaf page: a batch of 2 000 documents dirtied about half the database and
    /// wrote it twice (WAL, then checkpoint). As rowid tables, new rows are appended and only the key indexes
    /// (about a seventh of the size) take random inserts. FTS5's pending-terms hash grows from 1 MB to 16 MB so a
    /// batch flushes one level-0 segment instead of several (SQLite FTS5 section 6.5, 'hashsize').
    static func migrateForIngest(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE contribution_v2 (
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
                    UNIQUE (key, kind, docId)
                );
                INSERT INTO contribution_v2 SELECT * FROM contribution;
                DROP TABLE contribution;
                ALTER TABLE contribution_v2 RENAME TO contribution;
                CREATE INDEX contribution_docId ON contribution(docId);

                CREATE TABLE endorsement_v2 (
                    key TEXT NOT NULL UNIQUE,
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
                );
                INSERT INTO endorsement_v2 SELECT * FROM endorsement;
                DROP TABLE endorsement;
                ALTER TABLE endorsement_v2 RENAME TO endorsement;
                CREATE INDEX endorsement_subjectKey ON endorsement(subjectKey);
                CREATE INDEX endorsement_endorserKey ON endorsement(endorserKey);

                INSERT INTO badge_fts(badge_fts, rank) VALUES('hashsize', 16777216);
                """)
    }
}
