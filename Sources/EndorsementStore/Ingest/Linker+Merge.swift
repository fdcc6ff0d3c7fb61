import Foundation
import GRDB
import OpenBadges

// Merged objects: each field from the best contribution that has it. The object's own document (fetched at
// its id, or declaring it as root id) comes first, then the most recently fetched.
extension Linker {
    /// One contribution of an object, the columns merging reads.
    struct Contribution {
        var id: String?
        var name: String?
        var description: String?
        var url: String?
        var issuerKey: String?
        var issuer: String?
        var badgeKey: String?
        var issuedOn: Double?
        var tags: String?
        var criteria: String?
        var alignments: String?
        var version: String?
        var revoked: Bool
    }

    /// The contributions of an object, best first.
    private func contributions(_ key: String, kind: String) throws -> [Contribution] {
        var query = try BoundStatement(
            db,
            """
            SELECT c.id, c.name, c.description, c.url, c.issuerKey, c.issuer, c.badgeKey, c.issuedOn, c.tags, c.criteria,
            c.alignments, c.version, c.revoked FROM contribution c JOIN document d ON d.id = c.docId
            WHERE c.key = ? AND c.kind = ? ORDER BY c.own DESC, d.fetchedAt DESC, d.id
            """)
        query.bind(key)
        query.bind(kind)
        var rows: [Contribution] = []
        try query.forEachRow { row in
            rows.append(
                Contribution(
                    id: row.string(0), name: row.string(1), description: row.string(2), url: row.string(3), issuerKey: row.string(4),
                    issuer: row.string(5), badgeKey: row.string(6), issuedOn: row.double(7), tags: row.string(8), criteria: row.string(9),
                    alignments: row.string(10), version: row.string(11), revoked: row.bool(12)))
        }
        return rows
    }

    /// The first non-nil value of a field among an object's copies, best first (merging takes each field from the
    /// best copy that has it).
    static func first<Copy, T>(_ copies: [Copy], _ field: (Copy) -> T?) -> T? {
        for copy in copies { if let value = field(copy) { return value } }
        return nil
    }

    func mergeProfile(_ key: String) throws {
        let rows = try contributions(key, kind: "profile")
        var lookup = try BoundStatement(db, "SELECT rowid, id, name, description, url, version FROM profile WHERE key = ?")
        lookup.bind(key)
        // id, name, description, url, version: `Schema.profileSearchColumns` are name, description, url.
        let old: (rowid: Int64, values: [String?])? = try lookup.first { row in (row.int64(0) ?? 0, (1...5).map { row.string(Int32($0)) }) }
        func indexed(_ values: [String?]) -> [String?] { Array(values[1...3]) }
        guard !rows.isEmpty else {
            if let old {
                unindexProfile(rowid: old.rowid, indexed(old.values))
                try db.execute(cachedSQL: "DELETE FROM profile WHERE key = ?", arguments: [key])
            }
            return
        }
        let values: [String?] = [
            Self.first(rows, \.id) ?? key, Self.first(rows, \.name), Self.first(rows, \.description), Self.first(rows, \.url),
            Self.first(rows, \.version),
        ]
        if let old {
            if old.values == values { return }
            var update = try BoundStatement(db, "UPDATE profile SET id = ?, name = ?, description = ?, url = ?, version = ? WHERE key = ?")
            for value in values { update.bind(value) }
            update.bind(key)
            try update.run()
            if indexed(old.values) != indexed(values) {
                unindexProfile(rowid: old.rowid, indexed(old.values))
                indexProfile(rowid: old.rowid, indexed(values))
            }
        } else {
            var insert = try BoundStatement(db, "INSERT INTO profile(key, id, name, description, url, version) VALUES (?, ?, ?, ?, ?, ?)")
            insert.bind(key)
            for value in values { insert.bind(value) }
            try insert.run()
            indexProfile(rowid: db.lastInsertedRowID, indexed(values))
        }
    }

    func mergeAssertion(_ key: String) throws {
        let rows = try contributions(key, kind: "assertion")
        guard !rows.isEmpty else {
            try db.execute(cachedSQL: "DELETE FROM assertion WHERE key = ?", arguments: [key])
            return
        }
        let revoked = try rows.contains { $0.revoked } || isGone(key)
        try db.execute(
            cachedSQL: "INSERT OR REPLACE INTO assertion(key, id, badgeKey, issuerKey, issuedOn, revoked, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                key, Self.first(rows, \.id) ?? key, Self.first(rows, \.badgeKey), Self.first(rows, \.issuerKey), Self.first(rows, \.issuedOn),
                revoked, Self.first(rows, \.version),
            ])
    }

    /// True when the object's own URL answered 410 Gone.
    private func isGone(_ key: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM document WHERE urlKey = ? AND revoked = 1)"), arguments: [key]) ?? false
    }

    /// The stored `badge` row: bookkeeping columns, then the indexed ones (`Schema.badgeSearchColumns` order).
    private struct StoredBadge {
        var rowid: Int64
        var bookkeeping: [String?]
        var endorsementCount: Int
        var indexed: [String?]
    }

    /// Merges a badge and its denormalised search columns. The search index is rewritten only when an indexed
    /// column changes, so bookkeeping-only changes update just `endorsementCount` and friends.
    func mergeBadge(_ key: String) throws {
        let rows = try contributions(key, kind: "badge")
        var lookup = try BoundStatement(
            db,
            """
            SELECT rowid, id, issuerKey, issuer, version, endorsers, endorsementCount, name, tags, issuerName, endorserNames, comments,
            description, criteria, alignments, flags FROM badge WHERE key = ?
            """)
        lookup.bind(key)
        let old = try lookup.first { row in
            StoredBadge(
                rowid: row.int64(0) ?? 0, bookkeeping: (1...5).map { row.string(Int32($0)) }, endorsementCount: row.int(6) ?? 0,
                indexed: (7..<16).map { row.string(Int32($0)) })
        }
        guard !rows.isEmpty else {
            if let old {
                unindexBadge(rowid: old.rowid, old.indexed)
                try db.execute(cachedSQL: "DELETE FROM badge WHERE key = ?", arguments: [key])
                try db.execute(cachedSQL: "DELETE FROM badge_rank WHERE rowid = ?", arguments: [old.rowid])
            }
            return
        }
        let issuerKey = Self.first(rows, \.issuerKey)
        var issuerName: String?
        if let issuerKey {
            var name = try BoundStatement(db, "SELECT name FROM profile WHERE key = ?")
            name.bind(issuerKey)
            issuerName = try name.first { $0.string(0) } ?? nil
        }
        var endorsementQuery = try BoundStatement(
            db,
            """
            SELECT coalesce(p.name, e.endorserName), e.comment, e.endorserKey, coalesce(p.id, e.endorser), p.url
            FROM endorsement e LEFT JOIN profile p ON p.key = e.endorserKey
            WHERE e.subjectKey = ? AND e.revoked = 0 ORDER BY e.key
            """)
        endorsementQuery.bind(key)
        var endorsementCount = 0
        var names: [String] = []
        var seenNames = Set<String>()
        var endorsers: [String: [String?]] = [:]
        var comments: [String] = []
        try endorsementQuery.forEachRow { row in
            endorsementCount += 1
            let name = row.string(0)
            if let name, seenNames.insert(name).inserted { names.append(name) }
            if let comment = row.string(1) { comments.append(comment) }
            if let endorserKey = row.string(2), endorsers[endorserKey] == nil, let id = row.string(3) {
                endorsers[endorserKey] = [id, name, row.string(4)]
            }
        }
        let endorsersJSON = EndorserListJSON.encode(
            endorsers.values.sorted { ($0[1] == nil ? 1 : 0, $0[1] ?? "", $0[0] ?? "") < ($1[1] == nil ? 1 : 0, $1[1] ?? "", $1[0] ?? "") }
                .prefix(Self.endorsersShown))

        // id, issuerKey, issuer, version, endorsers
        let bookkeeping: [String?] = [
            Self.first(rows, \.id) ?? key, issuerKey, Self.first(rows, \.issuer), Self.first(rows, \.version), endorsersJSON,
        ]
        let indexed: [String?] = [
            Self.first(rows, \.name), Self.first(rows, \.tags), issuerName, names.isEmpty ? nil : names.joined(separator: "\n"),
            comments.isEmpty ? nil : comments.joined(separator: "\n"), Self.first(rows, \.description), Self.first(rows, \.criteria),
            Self.first(rows, \.alignments), endorsementCount == 0 ? Schema.unendorsedFlag : Schema.endorsedFlag,
        ]
        guard let old else {
            var insert = try BoundStatement(
                db,
                """
                INSERT INTO badge(key, id, issuerKey, issuer, version, endorsers, endorsementCount, name, tags, issuerName, endorserNames,
                comments, description, criteria, alignments, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insert.bind(key)
            for value in bookkeeping { insert.bind(value) }
            insert.bind(endorsementCount)
            for value in indexed { insert.bind(value) }
            try insert.run()
            let rowid = db.lastInsertedRowID
            indexBadge(rowid: rowid, indexed)
            try writeRank(rowid: rowid, endorsementCount: endorsementCount)
            return
        }
        if old.endorsementCount != endorsementCount { try writeRank(rowid: old.rowid, endorsementCount: endorsementCount) }
        if old.indexed != indexed {
            var update = try BoundStatement(
                db,
                """
                UPDATE badge SET id = ?, issuerKey = ?, issuer = ?, version = ?, endorsers = ?, endorsementCount = ?, name = ?, tags = ?,
                issuerName = ?, endorserNames = ?, comments = ?, description = ?, criteria = ?, alignments = ?, flags = ? WHERE key = ?
                """)
            for value in bookkeeping { update.bind(value) }
            update.bind(endorsementCount)
            for value in indexed { update.bind(value) }
            update.bind(key)
            try update.run()
            unindexBadge(rowid: old.rowid, old.indexed)
            indexBadge(rowid: old.rowid, indexed)
        } else if old.bookkeeping != bookkeeping || old.endorsementCount != endorsementCount {
            var update = try BoundStatement(
                db, "UPDATE badge SET id = ?, issuerKey = ?, issuer = ?, version = ?, endorsers = ?, endorsementCount = ? WHERE key = ?")
            for value in bookkeeping { update.bind(value) }
            update.bind(endorsementCount)
            update.bind(key)
            try update.run()
        }
    }

    /// Writes a badge's row of `badge_rank` (the narrow copy of `endorsementCount` that capped ranking reads).
    private func writeRank(rowid: Int64, endorsementCount: Int) throws {
        var statement = try BoundStatement(db, "INSERT OR REPLACE INTO badge_rank(rowid, endorsementCount) VALUES (?, ?)")
        statement.bind(rowid)
        statement.bind(endorsementCount)
        try statement.run()
    }

    /// Most endorsers kept on a badge row for search hits (`BadgeHit.endorsers`); lookups list them all.
    static let endorsersShown = 50
}
