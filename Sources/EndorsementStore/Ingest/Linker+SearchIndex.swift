import GRDB

// `badge_fts` is written here, not by triggers on `badge` (migration v3-fts-sync dropped them).
//
// SQLite opens a statement savepoint for every statement that may write several rows and abort midway (a write
// that fires a trigger is one), and FTS5 flushes its pending terms to a new segment at every savepoint
// (fts5SavepointMethod, SQLite 3.40). With triggers, each badge write therefore flushed one badge's terms into
// its own segment, and FTS5 spent the batch merging tiny segments. Written here, after every other write of the
// batch, a batch's terms accumulate in FTS5's pending-terms hash and are flushed once, at commit.
extension Linker {
    /// Removes the old entries (external content: the delete must pass the old values, SQLite FTS5 section 4.4.3),
    /// then adds the new ones.
    func writeBadgeIndex(unindexed: [(rowid: Int64, values: [String?])], indexed: [(rowid: Int64, values: [String?])]) throws {
        guard !unindexed.isEmpty || !indexed.isEmpty else { return }
        let columns = Schema.badgeSearchColumns.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: Schema.badgeSearchColumns.count).joined(separator: ", ")
        var delete = try BoundStatement(db, "INSERT INTO badge_fts(badge_fts, rowid, \(columns)) VALUES ('delete', ?, \(placeholders))")
        for entry in unindexed {
            delete.bind(entry.rowid)
            for value in entry.values { delete.bind(value) }
            try delete.run()
        }
        var insert = try BoundStatement(db, "INSERT INTO badge_fts(rowid, \(columns)) VALUES (?, \(placeholders))")
        for entry in indexed.sorted(by: { $0.rowid < $1.rowid }) {
            insert.bind(entry.rowid)
            for value in entry.values { insert.bind(value) }
            try insert.run()
        }
    }
}
