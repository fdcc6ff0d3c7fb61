import Foundation
import GRDB
import OpenBadges

extension Frontier {
    /// Claims up to `perHost` ready entries (queued, `notBefore` passed) from each of up to `maxHosts`
    /// hosts not in `excluding`, marking them in flight. Hosts are visited in name order from after
    /// `cursor`, wrapping around, so no host starves. Returns the entries and the cursor for the next call.
    public func claim(
        maxHosts: Int, perHost: Int, excluding: Set<String> = [], after cursor: String? = nil, now: Date = Date()
    ) throws(StoreError) -> (entries: [FrontierEntry], cursor: String?) {
        try write { db in
            let found = try Self.ready(db, maxHosts: maxHosts, perHost: perHost, excluding: excluding, taken: [:], after: cursor, now: now)
            let mark = try db.cachedStatement(sql: "UPDATE frontier SET state = 1 WHERE id = ?")
            for entry in found.entries { try mark.execute(arguments: [entry.id]) }
            return found
        }
    }

    /// The entries ``claim(maxHosts:perHost:excluding:after:now:)`` would return, read without taking
    /// SQLite's write lock (WAL readers never wait for the writer), skipping the ids in `taken` (by host):
    /// the entries the caller already holds. Nothing is marked: the caller keeps track of what it took.
    /// A crawl that dies then leaves its taken entries queued, which is what recovery would do anyway.
    public func ready(
        maxHosts: Int, perHost: Int, excluding: Set<String> = [], taken: [String: Set<Int64>], after cursor: String? = nil,
        now: Date = Date()
    ) throws(StoreError) -> (entries: [FrontierEntry], cursor: String?) {
        try read { db in
            try Self.ready(db, maxHosts: maxHosts, perHost: perHost, excluding: excluding, taken: taken, after: cursor, now: now)
        }
    }

    private static func ready(
        _ db: Database, maxHosts: Int, perHost: Int, excluding: Set<String>, taken: [String: Set<Int64>], after cursor: String?,
        now: Date
    ) throws -> (entries: [FrontierEntry], cursor: String?) {
        let scan = maxHosts + excluding.count
        var hosts = try String.fetchAll(
            db, sql: "SELECT host FROM frontierHost WHERE queued > 0 AND host > ? ORDER BY host LIMIT ?", arguments: [cursor ?? "", scan])
        if hosts.count < scan, cursor != nil {
            hosts += try String.fetchAll(
                db, sql: "SELECT host FROM frontierHost WHERE queued > 0 AND host <= ? ORDER BY host LIMIT ?",
                arguments: [cursor ?? "", scan - hosts.count])
        }
        var entries: [FrontierEntry] = []
        var visited = 0
        var lastHost = cursor
        let select = try db.cachedStatement(
            sql: """
                SELECT id, url, host, reason, depth, pageDepth, hops, attempts, finishedAt IS NOT NULL FROM frontier
                WHERE host = ? AND state = 0 AND notBefore <= ? ORDER BY notBefore LIMIT ?
                """)
        for host in hosts where !excluding.contains(host) {
            guard visited < maxHosts else { break }
            visited += 1
            lastHost = host
            let skip = taken[host] ?? []
            var kept = 0
            for row in try Row.fetchAll(select, arguments: [host, now.timeIntervalSince1970, perHost + skip.count]) {
                let id: Int64 = row[0]
                guard kept < perHost, !skip.contains(id) else { continue }
                kept += 1
                entries.append(
                    FrontierEntry(
                        id: id, url: IRI(row[1] as String), host: row[2], reason: row[3], depth: row[4], pageDepth: row[5], hops: row[6],
                        attempts: row[7], previouslyFinished: row[8]))
            }
        }
        return (entries, lastHost)
    }
}
