import Foundation
import GRDB
import OpenBadges

extension EndorsementStore {
    /// Above this many matches, ranking by bm25 is limited to the most recently indexed `rankedCandidates`
    /// matches (FTS5 scores every match it ranks, about 1 us each): common words stay fast; the total is exact.
    static let rankedCandidates = 2000

    /// Endorsed badges matching `query`, best first (SQLite FTS5 bm25 with the stored column weights: name, then
    /// comments, then description), with a snippet whose matches are wrapped in `[` `]`. An empty text lists
    /// badges by endorsement count. `total` counts every match for the text and filters.
    /// - Throws: `.invalidQuery` for text that cannot be searched (see `MatchExpression`), `.invalidParameter` for
    ///   a limit outside 1...100 or a negative offset.
    public func search(_ query: SearchQuery) throws -> SearchPage {
        try Self.validate(limit: query.limit, offset: query.offset)
        let expression = try MatchExpression(query.text)
        let filter = Self.filter(for: query)
        return try read { db in
            var hits: [BadgeHit] = []
            let total: Int
            if expression.isEmpty {
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM badge b WHERE \(filter.sql)", arguments: filter.arguments) ?? 0
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT b.rowid, b.key, b.id, b.name, b.issuerKey, b.issuer, b.issuerName, b.endorsementCount FROM badge b
                        WHERE \(filter.sql) ORDER BY b.endorsementCount DESC, b.rowid LIMIT ? OFFSET ?
                        """,
                    arguments: filter.arguments + [query.limit, query.offset])
                hits = try rows.map { try hit(from: $0, score: 0, snippet: nil, db: db) }
            } else {
                let match = expression.fts5
                let count = Self.countStatement(match: match, filter: filter)
                total = try Int.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0
                if total > query.offset {
                    let ranked = try rankedRowIDs(match: match, filter: filter, total: total, limit: query.limit, offset: query.offset, db: db)
                    hits = try details(of: ranked, match: match, db: db)
                }
            }
            return SearchPage(query: query.text, total: total, limit: query.limit, offset: query.offset, hits: hits)
        }
    }

    /// Profiles (issuers and endorsers) whose name, description or url match `text`, best first.
    /// - Throws: `.invalidQuery`, `.invalidParameter` (limit outside 1...100).
    public func searchProfiles(_ text: String, limit: Int = 20) throws -> [ProfileSummary] {
        try Self.validate(limit: limit, offset: 0)
        let expression = try MatchExpression(text)
        if expression.isEmpty { return [] }
        return try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.id, p.name, p.url, p.description FROM profile_fts f JOIN profile p ON p.rowid = f.rowid
                    WHERE profile_fts MATCH ? ORDER BY f.rank LIMIT ?
                    """,
                arguments: [expression.fts5, limit]
            ).map(Self.profileSummary)
        }
    }

    /// Badges whose name, description, tags or criteria match `text` (endorsed or not), best first: resolves
    /// words to a badge. - Throws: `.invalidQuery`, `.invalidParameter` (limit outside 1...100).
    public func searchBadges(_ text: String, limit: Int = 20) throws -> [BadgeSummary] {
        try Self.validate(limit: limit, offset: 0)
        let expression = try MatchExpression(text)
        if expression.isEmpty { return [] }
        let match = expression.fts5(columns: ["name", "tags", "description", "criteria"])
        return try read { db in
            let keys = try String.fetchAll(
                db,
                sql: """
                    SELECT b.key FROM (SELECT rowid, rank FROM badge_fts WHERE badge_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
                    JOIN badge b ON b.rowid = f.rowid ORDER BY f.rank, b.endorsementCount DESC LIMIT ?
                    """,
                arguments: [match, Self.rankedCandidates, limit])
            return try keys.compactMap { try Self.badgeSummary(key: $0, db: db) }
        }
    }

    // MARK: Parts

    static func validate(limit: Int, offset: Int) throws(StoreError) {
        guard (1...100).contains(limit) else {
            throw StoreError(.invalidParameter, "limit must be between 1 and 100 (got \(limit))")
        }
        guard offset >= 0 else {
            throw StoreError(.invalidParameter, "offset must be 0 or more (got \(offset))")
        }
    }

    /// Row ids of the page, ranked. Few matches: bm25 over all of them. Many: bm25 over the newest candidates,
    /// enough to cover the page.
    private func rankedRowIDs(
        match: String, filter: SearchFilter, total: Int, limit: Int, offset: Int, db: Database
    ) throws -> [(Int64, Double)] {
        let ranked = Self.rankedStatement(match: match, filter: filter, total: total, limit: limit, offset: offset)
        return try Row.fetchAll(db, sql: ranked.sql, arguments: ranked.arguments).map { ($0[0], $0[1]) }
    }

    static func countStatement(match: String, filter: SearchFilter) -> SearchFilter {
        SearchFilter(
            sql: "SELECT count(*) FROM badge_fts f JOIN badge b ON b.rowid = f.rowid WHERE badge_fts MATCH ? AND \(filter.sql)",
            values: [match.databaseValue] + filter.values)
    }

    /// Few matches: bm25 over all of them. Many: bm25 over the newest candidates, enough to cover the page.
    static func rankedStatement(match: String, filter: SearchFilter, total: Int, limit: Int, offset: Int) -> SearchFilter {
        if total <= rankedCandidates {
            return SearchFilter(
                sql: """
                    SELECT f.rowid, f.rank FROM badge_fts f JOIN badge b ON b.rowid = f.rowid
                    WHERE badge_fts MATCH ? AND \(filter.sql) ORDER BY f.rank, b.endorsementCount DESC LIMIT ? OFFSET ?
                    """,
                values: [match.databaseValue] + filter.values + [limit.databaseValue, offset.databaseValue])
        }
        return SearchFilter(
            sql: """
                SELECT rowid, rank FROM (
                    SELECT f.rowid, f.rank, b.endorsementCount FROM badge_fts f JOIN badge b ON b.rowid = f.rowid
                    WHERE badge_fts MATCH ? AND \(filter.sql) ORDER BY f.rowid DESC LIMIT ?
                ) ORDER BY rank, endorsementCount DESC LIMIT ? OFFSET ?
                """,
            values: [match.databaseValue] + filter.values + [max(rankedCandidates, offset + limit), limit, offset].map(\.databaseValue))
    }

    /// The FTS5 statements `search(_:)` runs for `query` (the count, then the ranked page), with the arguments
    /// inlined as SQL literals: for `endorse-bench index` to time the same queries in the `sqlite3` tool, and
    /// for debugging. Empty when the text has no terms. Runs the count to choose the ranking statement.
    public func searchStatements(_ query: SearchQuery) throws -> [String] {
        try Self.validate(limit: query.limit, offset: query.offset)
        let expression = try MatchExpression(query.text)
        if expression.isEmpty { return [] }
        let filter = Self.filter(for: query)
        let count = Self.countStatement(match: expression.fts5, filter: filter)
        let total = try read { db in try Int.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0 }
        let ranked = Self.rankedStatement(match: expression.fts5, filter: filter, total: total, limit: query.limit, offset: query.offset)
        return [count.inlined, ranked.inlined]
    }

    private func details(of ranked: [(Int64, Double)], match: String, db: Database) throws -> [BadgeHit] {
        guard !ranked.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT b.rowid, b.key, b.id, b.name, b.issuerKey, b.issuer, b.issuerName, b.endorsementCount,
                snippet(badge_fts, -1, '[', ']', '…', 12) AS snippet
                FROM badge_fts f JOIN badge b ON b.rowid = f.rowid WHERE badge_fts MATCH ? AND f.rowid IN (\(placeholders))
                """,
            arguments: StatementArguments([match] + ranked.map(\.0)))
        var byRowID: [Int64: Row] = [:]
        for row in rows { byRowID[row["rowid"]] = row }
        return try ranked.compactMap { rowid, score in
            guard let row = byRowID[rowid] else { return nil }
            return try hit(from: row, score: -score, snippet: row["snippet"], db: db)
        }
    }

    private func hit(from row: Row, score: Double, snippet: String?, db: Database) throws -> BadgeHit {
        let key: String = row["key"]
        let issuer = try Self.issuerSummary(key: row["issuerKey"], iri: row["issuer"], name: row["issuerName"], db: db)
        let endorsers = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT coalesce(p.id, e.endorser) AS id, coalesce(p.name, e.endorserName) AS name, p.url, p.description
                    FROM endorsement e LEFT JOIN profile p ON p.key = e.endorserKey
                    WHERE e.subjectKey = ? AND e.revoked = 0 AND e.endorserKey IS NOT NULL GROUP BY e.endorserKey ORDER BY name IS NULL, name
                    """),
            arguments: [key]
        ).map(Self.profileSummary)
        return BadgeHit(
            id: IRI(row["id"] as String), name: row["name"], issuer: issuer, endorsementCount: row["endorsementCount"],
            endorsers: endorsers, snippet: snippet, score: score)
    }
}
