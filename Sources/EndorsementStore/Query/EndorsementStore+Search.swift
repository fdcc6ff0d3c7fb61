import Foundation
import GRDB
import OpenBadges

extension EndorsementStore {
    /// Above this many matches, results are not ranked by bm25 (which costs about 1 us per match, and more for
    /// phrases and prefixes) but taken from the newest `rankedCandidates` matches by endorsement count, so common
    /// words stay fast. Quoted phrases always take this path, and are counted by it.
    static let rankedCandidates = 2000

    /// Counting matches stops above this many: an exact count of a word found in most of a million badges reads
    /// its whole doclist (50-70 ms), while nobody pages through ten thousand results. `SearchPage.totalIsExact`
    /// says when the count stopped. Each store may set its own (`init(path:mode:countCap:)`).
    public static let defaultCountCap = 10_000

    /// The condition on `badge` (alias `b`) of the default, endorsed-only search.
    static let endorsedOnlyCondition = "b.endorsementCount > 0"

    /// Endorsed badges matching `query`, best first (SQLite FTS5 bm25 with the stored column weights: name, then
    /// comments, then description), with a snippet whose matches are wrapped in `[` `]`. An empty text lists
    /// badges by endorsement count. `total` counts the matches for the text and filters, up to the store's `countCap`.
    /// - Throws: `.invalidQuery` for text that cannot be searched (see `MatchExpression`), `.invalidParameter` for
    ///   a limit outside 1...100 or a negative offset.
    public func search(_ query: SearchQuery) throws -> SearchPage {
        try Self.validate(limit: query.limit, offset: query.offset)
        let expression = try MatchExpression(query.text)
        let filter = Self.filter(for: query)
        return try read { db in
            var hits: [BadgeHit] = []
            let total: Int
            var exact = true
            if expression.isEmpty {
                var conditions = query.includeUnendorsed ? [] : ["b.endorsementCount > 0"]
                if !filter.sql.isEmpty { conditions.append(filter.sql) }
                let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
                total = try Int.fetchOne(db, sql: "SELECT count(*) FROM badge b WHERE \(condition)", arguments: filter.arguments) ?? 0
                let rowIDs = try Int64.fetchAll(
                    db,
                    sql: "SELECT b.rowid FROM badge b WHERE \(condition) ORDER BY b.endorsementCount DESC, b.rowid LIMIT ? OFFSET ?",
                    arguments: filter.arguments + [query.limit, query.offset])
                hits = try browseDetails(rowIDs, db: db)
            } else if Self.ranksCandidatesFirst(expression) {
                // Candidates only: when there are fewer than `rankedCandidates`, they are every match and give the exact
                // total; otherwise the total is "at least that many". Counting further would evaluate the phrase over
                // its words' whole position lists (p99 86 ms on 1 M badges, against 50 ms).
                let rankFilter = Self.rankFilter(filter, query: query)
                let candidates = try candidateRows(match: expression.fts5, filter: rankFilter, limit: query.offset + query.limit, db: db)
                total = min(candidates.count, countCap)
                exact = candidates.count < Self.candidateLimit(offset: query.offset, limit: query.limit) && candidates.count <= countCap
                let page = Self.page(of: candidates, offset: query.offset, limit: query.limit)
                hits = try details(of: page.map { ($0, 0.0) }, match: expression.fts5, db: db)
            } else {
                let match = Self.match(expression, includeUnendorsed: query.includeUnendorsed)
                let count = Self.countStatement(match: match, filter: filter, cap: countCap)
                let counted = try Int.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0
                exact = counted <= countCap
                total = min(counted, countCap)
                if total > query.offset {
                    let ranked = try rankedRowIDs(
                        match: expression.fts5, filter: Self.rankFilter(filter, query: query), total: total, limit: query.limit,
                        offset: query.offset, db: db)
                    hits = try details(of: ranked, match: expression.fts5, db: db)
                }
            }
            return SearchPage(query: query.text, total: total, totalIsExact: exact, limit: query.limit, offset: query.offset, hits: hits)
        }
    }

    /// Whether `search` ranks the capped candidates whatever the count, and counts by taking them (up to
    /// `candidateLimit`) instead of counting matches: quoted phrases. bm25 computes each phrase's document frequency by
    /// evaluating the phrase (position lists and all) over the whole table, which doubled the cost of phrase searches
    /// on common words (p99 55 ms on 100 000 badges), and a separate count evaluates it once more.
    static func ranksCandidatesFirst(_ expression: MatchExpression) -> Bool {
        expression.terms.contains { $0.isPhrase && !$0.isExcluded }
    }

    /// How many of the newest matches the capped path ranks: `rankedCandidates`, or the page's end when further.
    static func candidateLimit(offset: Int, limit: Int) -> Int { max(rankedCandidates, offset + limit) }

    /// The newest matches (up to `candidateLimit`) with their endorsement counts, newest first.
    static func candidateStatement(match: String, filter: SearchFilter, offset: Int, limit: Int) -> SearchFilter {
        let condition = filter.sql.isEmpty ? "" : " AND \(filter.sql)"
        return SearchFilter(
            sql: """
                SELECT f.rowid, b.endorsementCount FROM badge_fts f JOIN \(candidateTable(filter)) b ON b.rowid = f.rowid
                WHERE badge_fts MATCH ?\(condition) ORDER BY f.rowid DESC LIMIT ?
                """,
            values: [match.databaseValue] + filter.values + [candidateLimit(offset: offset, limit: limit).databaseValue])
    }

    /// Without filters beyond endorsed-only, candidates' counts come from the narrow `badge_rank`.
    static func candidateTable(_ filter: SearchFilter) -> String {
        filter.values.isEmpty && (filter.sql.isEmpty || filter.sql == endorsedOnlyCondition) ? "badge_rank" : "badge"
    }

    /// The page of candidates: by endorsement count, then newest first.
    static func page(of candidates: [(rowid: Int64, endorsementCount: Int)], offset: Int, limit: Int) -> [Int64] {
        let ordered = candidates.sorted { ($0.endorsementCount, $0.rowid) > ($1.endorsementCount, $1.rowid) }
        guard offset < ordered.count else { return [] }
        return ordered[offset..<min(ordered.count, offset + limit)].map(\.rowid)
    }

    /// Reads the candidates column by column (up to 2 000 rows per search: GRDB `Row`s would copy each one).
    private func candidateRows(match: String, filter: SearchFilter, limit end: Int, db: Database) throws -> [(rowid: Int64, endorsementCount: Int)] {
        try Self.candidates(Self.candidateStatement(match: match, filter: filter, offset: 0, limit: end), db: db)
    }

    static func candidates(_ statement: SearchFilter, db: Database) throws -> [(rowid: Int64, endorsementCount: Int)] {
        var query = try BoundStatement(db, statement.sql)
        for value in statement.values {
            switch value.storage {
            case .int64(let number): query.bind(number)
            case .string(let text): query.bind(text)
            case .double(let number): query.bind(number)
            case .blob(let data): query.bind(blob: [UInt8](data))
            case .null: query.bind(nil as String?)
            }
        }
        var rows: [(rowid: Int64, endorsementCount: Int)] = []
        rows.reserveCapacity(rankedCandidates)
        try query.forEachRow { rows.append(($0.int64(0) ?? 0, $0.int(1) ?? 0)) }
        return rows
    }

    /// The filter for ranking: bm25 computes each phrase's document frequency by visiting its whole doclist, so
    /// ranking matches the user's terms only and checks endorsed-only on the (few, capped) candidate rows.
    static func rankFilter(_ filter: SearchFilter, query: SearchQuery) -> SearchFilter {
        var conditions = query.includeUnendorsed ? [] : [endorsedOnlyCondition]
        if !filter.sql.isEmpty { conditions.append(filter.sql) }
        return SearchFilter(sql: conditions.joined(separator: " AND "), values: filter.values)
    }

    /// The MATCH expression for counting: the user's terms, and the reserved `flags` token of endorsed badges
    /// unless unendorsed badges are wanted. No column filter: it would make FTS5 read position lists (about 2x
    /// slower); user terms never match `flags` because `MatchExpression` drops the reserved tokens.
    static func match(_ expression: MatchExpression, includeUnendorsed: Bool) -> String {
        let text = expression.fts5
        return includeUnendorsed ? text : "(\(text)) AND \"\(Schema.endorsedFlag)\""
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

    /// Row ids of the page with their scores. Few matches (up to `rankedCandidates`): bm25 over all of them. Many: the
    /// newest candidates, enough to cover the page, by endorsement count (score 0).
    private func rankedRowIDs(
        match: String, filter: SearchFilter, total: Int, limit: Int, offset: Int, db: Database
    ) throws -> [(Int64, Double)] {
        guard total <= Self.rankedCandidates else {
            let candidates = try candidateRows(match: match, filter: filter, limit: offset + limit, db: db)
            return Self.page(of: candidates, offset: offset, limit: limit).map { ($0, 0.0) }
        }
        let ranked = Self.bm25Statement(match: match, filter: filter, limit: limit, offset: offset)
        return try Row.fetchAll(db, sql: ranked.sql, arguments: ranked.arguments).map { ($0[0], $0[1]) }
    }

    /// Rows for a browse (no text): the details statement without the FTS5 parts.
    private func browseDetails(_ rowIDs: [Int64], db: Database) throws -> [BadgeHit] {
        guard !rowIDs.isEmpty else { return [] }
        var sql = Self.detailsStatement(match: "", rowIDs: rowIDs).sql
        sql = sql.replacingOccurrences(of: "snippet(badge_fts, -1, '[', ']', '…', 12)", with: "NULL")
            .replacingOccurrences(of: "FROM badge_fts f JOIN badge b ON b.rowid = f.rowid", with: "FROM badge b")
            .replacingOccurrences(of: "WHERE badge_fts MATCH ? AND f.rowid IN", with: "WHERE b.rowid IN")
        var byRowID: [Int64: Row] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(rowIDs)) { byRowID[row["rowid"]] = row }
        return try rowIDs.compactMap { rowid in try byRowID[rowid].map { try hit(from: $0, score: 0, snippet: nil, db: db) } }
    }

    /// Counts matches up to one more than `cap` (FTS5 walks the doclists in rowid order and stops there).
    static func countStatement(match: String, filter: SearchFilter, cap: Int) -> SearchFilter {
        let matches =
            filter.sql.isEmpty
            ? "SELECT 1 FROM badge_fts WHERE badge_fts MATCH ?"
            : "SELECT 1 FROM badge_fts f JOIN badge b ON b.rowid = f.rowid WHERE badge_fts MATCH ? AND \(filter.sql)"
        return SearchFilter(
            sql: "SELECT count(*) FROM (\(matches) LIMIT \(cap + 1))", values: [match.databaseValue] + filter.values)
    }

    /// A page of matches ordered by bm25 (for at most `rankedCandidates` matches: bm25 visits every one). Without
    /// filters on `badge`, answered by FTS5 alone (no join).
    static func bm25Statement(match: String, filter: SearchFilter, limit: Int, offset: Int) -> SearchFilter {
        let sql =
            filter.sql.isEmpty
            ? "SELECT rowid, rank FROM badge_fts WHERE badge_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
            : "SELECT f.rowid, f.rank FROM badge_fts f JOIN badge b ON b.rowid = f.rowid WHERE badge_fts MATCH ? AND \(filter.sql) "
                + "ORDER BY f.rank LIMIT ? OFFSET ?"
        return SearchFilter(sql: sql, values: [match.databaseValue] + filter.values + [limit.databaseValue, offset.databaseValue])
    }

    /// The statements `search(_:)` runs for `query` (the count, the ranked page, the page's details), with the arguments
    /// inlined as SQL literals: for `endorse-bench index` to time the same queries in the `sqlite3` tool, and
    /// for debugging. Empty when the text has no terms. Runs the count and the ranking to fill in the page.
    public func searchStatements(_ query: SearchQuery) throws -> [String] {
        try Self.validate(limit: query.limit, offset: query.offset)
        let expression = try MatchExpression(query.text)
        if expression.isEmpty { return [] }
        let filter = Self.filter(for: query)
        let match = Self.match(expression, includeUnendorsed: query.includeUnendorsed)
        let count = Self.countStatement(match: match, filter: filter, cap: countCap)
        if Self.ranksCandidatesFirst(expression) {
            let candidates = Self.candidateStatement(
                match: expression.fts5, filter: Self.rankFilter(filter, query: query), offset: query.offset, limit: query.limit)
            return try read { db in
                let page = Self.page(of: try Self.candidates(candidates, db: db), offset: query.offset, limit: query.limit)
                let details = Self.detailsStatement(match: expression.fts5, rowIDs: page)
                return [candidates.inlined] + (page.isEmpty ? [] : [details.inlined])
            }
        }
        return try read { db in
            let total = try Int.fetchOne(db, sql: count.sql, arguments: count.arguments) ?? 0
            let rankFilter = Self.rankFilter(filter, query: query)
            let ranked: SearchFilter
            let rowIDs: [Int64]
            if total > Self.rankedCandidates {
                ranked = Self.candidateStatement(match: expression.fts5, filter: rankFilter, offset: query.offset, limit: query.limit)
                rowIDs = Self.page(of: try Self.candidates(ranked, db: db), offset: query.offset, limit: query.limit)
            } else {
                ranked = Self.bm25Statement(match: expression.fts5, filter: rankFilter, limit: query.limit, offset: query.offset)
                rowIDs = try Int64.fetchAll(db, sql: ranked.sql, arguments: ranked.arguments)
            }
            let details = Self.detailsStatement(match: expression.fts5, rowIDs: rowIDs)
            return [count.inlined, ranked.inlined] + (rowIDs.isEmpty ? [] : [details.inlined])
        }
    }

    private func details(of ranked: [(Int64, Double)], match: String, db: Database) throws -> [BadgeHit] {
        guard !ranked.isEmpty else { return [] }
        let statement = Self.detailsStatement(match: match, rowIDs: ranked.map(\.0))
        var byRowID: [Int64: Row] = [:]
        for row in try Row.fetchAll(db, sql: statement.sql, arguments: statement.arguments) { byRowID[row["rowid"]] = row }
        return try ranked.compactMap { rowid, score in
            guard let row = byRowID[rowid] else { return nil }
            return try hit(from: row, score: -score, snippet: row["snippet"], db: db)
        }
    }

    /// The page's rows with snippet, issuer profile and endorsers (stored on the badge as JSON [[id, name, url]]).
    static func detailsStatement(match: String, rowIDs: [Int64]) -> SearchFilter {
        let placeholders = Array(repeating: "?", count: rowIDs.count).joined(separator: ",")
        return SearchFilter(
            sql: """
                SELECT b.rowid, b.key, b.id, b.name, b.issuerKey, b.issuer, b.issuerName, b.endorsementCount,
                snippet(badge_fts, -1, '[', ']', '…', 12) AS snippet,
                ip.id AS issuerProfileId, ip.name AS issuerProfileName, ip.url AS issuerProfileUrl, ip.description AS issuerProfileDescription, b.endorsers
                FROM badge_fts f JOIN badge b ON b.rowid = f.rowid LEFT JOIN profile ip ON ip.key = b.issuerKey
                WHERE badge_fts MATCH ? AND f.rowid IN (\(placeholders))
                """,
            values: [match.databaseValue] + rowIDs.map(\.databaseValue))
    }

    private func hit(from row: Row, score: Double, snippet: String?, db: Database) throws -> BadgeHit {
        let issuer: ProfileSummary?
        if let profileID: String = row["issuerProfileId"] {
            issuer = ProfileSummary(
                id: IRI(profileID), name: row["issuerProfileName"], url: (row["issuerProfileUrl"] as String?).map { IRI($0) },
                description: row["issuerProfileDescription"])
        } else {
            issuer = (row["issuer"] as String?).map { ProfileSummary(id: IRI($0), name: row["issuerName"]) }
        }
        var endorsers: [ProfileSummary] = []
        if let json: String = row["endorsers"], let entries = EndorserListJSON.decode(json) {
            endorsers = entries.compactMap { entry in
                guard entry.count == 3, let id = entry[0] else { return nil }
                return ProfileSummary(id: IRI(id), name: entry[1], url: entry[2].map { IRI($0) })
            }
        }
        return BadgeHit(
            id: IRI(row["id"] as String), name: row["name"], issuer: issuer, endorsementCount: row["endorsementCount"],
            endorsers: endorsers, snippet: snippet, score: score)
    }
}
