import Foundation
import GRDB
import OpenBadges

extension Frontier {
    /// The frontier `reason` of a document a signature's verification needs (a key, a DID document, a JWK Set,
    /// an issuer profile, a revocation list): the linker asks for it, and the crawl fetches it like any other URL
    /// (robots.txt, politeness, the address policy), then verifies again.
    public static let verificationReason = "verification"

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
            var needed: [FrontierCandidate] = []
            if !items.isEmpty {
                var touched = TouchedKeys()
                for item in items { try EndorsementStore.ingest(item, into: db, touched: &touched) }
                var linker = Linker(db: db)
                linker.takeOfflineChecks(of: items)
                try linker.recompute(touched)
                try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE name = 'changes'")
                needed = linker.verificationNeeds.map { FrontierCandidate(url: $0, reason: Self.verificationReason) }
            }
            let inserted = try Self.insert(needed, maxPagesPerHost: maxPagesPerHost, now: now, db)
            return try inserted + Self.apply(completions, maxPagesPerHost: maxPagesPerHost, now: now, db)
        }
    }
}
