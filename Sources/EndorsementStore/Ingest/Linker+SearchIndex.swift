import GRDB

// `badge_fts` and `profile_fts` are written here, not by triggers on `badge` and `profile` (migrations v3-fts-sync
// and v5-profile-fts-sync dropped them).
//
// SQLite opens a statement savepoint for every statement that may write several rows and abort midway (a write
// that fires a trigger is one), and FTS5 flushes its pending terms to a new segment at every savepoint
// (fts5SavepointMethod, SQLite 3.40). With triggers, each badge or profile write therefore flushed one object's
// terms into its own segment, and FTS5 spent the batch merging tiny segments. Written here, after every other
// write of the batch, a batch's terms accumulate in FTS5's pending-terms hash and are flushed once, at commit.

/// The entries a batch removes from and adds to one external-content FTS5 table, written in one go by `write`.
struct SearchIndexChanges {
    let table: String
    let columns: [String]
    private var removed: [(rowid: Int64, values: [String?])] = []
    private var added: [(rowid: Int64, values: [String?])] = []

    init(table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// An entry to remove: `values` are the indexed columns as they were indexed (external content: the delete must
    /// pass the old values, SQLite FTS5 section 4.4.3).
    mutating func remove(rowid: Int64, _ values: [String?]) { removed.append((rowid, values)) }

    mutating func add(rowid: Int64, _ values: [String?]) { added.append((rowid, values)) }

    /// Removes the old entries, then adds the new ones in rowid order; leaves nothing pending.
    mutating func write(_ db: Database) throws {
        defer {
            removed = []
            added = []
        }
        guard !removed.isEmpty || !added.isEmpty else { return }
        let list = columns.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        var delete = try BoundStatement(db, "INSERT INTO \(table)(\(table), rowid, \(list)) VALUES ('delete', ?, \(placeholders))")
        for entry in removed {
            delete.bind(entry.rowid)
            for value in entry.values { delete.bind(value) }
            try delete.run()
        }
        var insert = try BoundStatement(db, "INSERT INTO \(table)(rowid, \(list)) VALUES (?, \(placeholders))")
        for entry in added.sorted(by: { $0.rowid < $1.rowid }) {
            insert.bind(entry.rowid)
            for value in entry.values { insert.bind(value) }
            try insert.run()
        }
    }
}
