import GRDB

extension EndorsementStore {
    /// Runs `body` (typically many `record(_:)` batches) with the writer's automatic WAL checkpoints off, then
    /// checkpoints once (SQLite `PRAGMA wal_autocheckpoint`, `sqlite3_wal_checkpoint_v2` TRUNCATE).
    ///
    /// For bulk loads (`endorse-bench index`, imports), not for the crawler's normal path: commits stay atomic and
    /// survive a crash of the process, but with `synchronous=NORMAL` the WAL is only synced at checkpoints, so a power
    /// failure during the load can lose every batch since it began (instead of those since the last 1 000 pages). The
    /// WAL grows by every page the load writes until the final checkpoint; readers keep working meanwhile.
    /// - Throws: `StoreError` `.database` when a pragma or the checkpoint fails, and whatever `body` throws.
    public func bulkLoad<T>(_ body: () throws -> T) throws -> T {
        try setAutomaticCheckpoint(pages: 0)
        let result: T
        do {
            result = try body()
        } catch {
            try? setAutomaticCheckpoint(pages: 1000)
            throw error
        }
        try setAutomaticCheckpoint(pages: 1000)
        do {
            try database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw StoreError(.database, "database \(path): \(Self.message(of: error))")
        }
        return result
    }

    private func setAutomaticCheckpoint(pages: Int) throws {
        guard mode == .readWrite else {
            throw StoreError(.databaseUnwritable, "database \(path) is open read-only; open it in read-write mode to change it")
        }
        do {
            try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)") }
        } catch {
            throw StoreError(.database, "database \(path): \(Self.message(of: error))")
        }
    }
}
