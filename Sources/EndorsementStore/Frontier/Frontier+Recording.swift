import Foundation
import GRDB
import OpenBadges

extension Frontier {
    /// Records fetched documents in the index and ends their frontier entries in **one** transaction,
    /// so that a crawl killed at any instant either has both (the URL is never fetched again) or neither
    /// (the URL is fetched again on resume). Same ingest rules as `EndorsementStore.record(_:)`.
    ///
    /// The frontier must be on the index's database (``init(store:)``, or the same file).
    /// - Returns: how many new URLs were inserted.
    /// - Throws: `StoreError` `.database` when anything fails; nothing is written then.
    @discardableResult
    public func commit(
        _ completions: [FrontierCompletion], recording items: [IngestItem], maxPagesPerHost: Int = .max, now: Date = Date()
    ) throws(StoreError) -> Int {
        try write { db in
            if !items.isEmpty {
                var touched = TouchedKeys()
                for item in items { try EndorsementStore.ingest(item, into: db, touched: &touched) }
                try Linker(db: db).recompute(touched)
                try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE name = 'changes'")
            }
            return try Self.apply(completions, maxPagesPerHost: maxPagesPerHost, now: now, db)
        }
    }
}
