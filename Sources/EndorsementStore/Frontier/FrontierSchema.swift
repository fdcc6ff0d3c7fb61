import GRDB

extension EndorsementStore {
    /// Registers the crawl frontier's migrations. Called by the store's migrator after the core schema;
    /// owned by the crawler (the frontier lives in the same database so a killed crawl resumes).
    ///
    /// `frontier` holds one row per canonical URL ever discovered; `frontierHost` keeps, per origin, the
    /// number of queued rows (maintained by triggers, so claiming work never scans the whole frontier),
    /// whether the site is being explored, and how many exploration pages it was granted.
    static func registerFrontierMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("frontier.v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE frontier (
                        id INTEGER PRIMARY KEY,
                        url TEXT NOT NULL UNIQUE,
                        host TEXT NOT NULL,
                        state INTEGER NOT NULL DEFAULT 0,
                        reason TEXT NOT NULL,
                        depth INTEGER NOT NULL DEFAULT 0,
                        pageDepth INTEGER NOT NULL DEFAULT 0,
                        hops INTEGER NOT NULL DEFAULT 0,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        notBefore REAL NOT NULL DEFAULT 0,
                        code TEXT,
                        detail TEXT,
                        discoveredAt REAL NOT NULL,
                        finishedAt REAL
                    );
                    CREATE INDEX frontier_ready ON frontier(host, state, notBefore);
                    CREATE INDEX frontier_state ON frontier(state, notBefore);
                    CREATE TABLE frontierHost (
                        host TEXT PRIMARY KEY NOT NULL,
                        queued INTEGER NOT NULL DEFAULT 0,
                        explore INTEGER NOT NULL DEFAULT 0,
                        pages INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID;
                    CREATE INDEX frontierHost_queued ON frontierHost(queued) WHERE queued > 0;
                    CREATE TRIGGER frontier_insert_queued AFTER INSERT ON frontier WHEN NEW.state = 0 BEGIN
                        INSERT OR IGNORE INTO frontierHost(host) VALUES (NEW.host);
                        UPDATE frontierHost SET queued = queued + 1 WHERE host = NEW.host;
                    END;
                    CREATE TRIGGER frontier_leave_queue AFTER UPDATE OF state ON frontier
                    WHEN OLD.state = 0 AND NEW.state <> 0 BEGIN
                        UPDATE frontierHost SET queued = queued - 1 WHERE host = OLD.host;
                    END;
                    CREATE TRIGGER frontier_enter_queue AFTER UPDATE OF state ON frontier
                    WHEN OLD.state <> 0 AND NEW.state = 0 BEGIN
                        INSERT OR IGNORE INTO frontierHost(host) VALUES (NEW.host);
                        UPDATE frontierHost SET queued = queued + 1 WHERE host = NEW.host;
                    END;
                    """)
        }
    }
}
