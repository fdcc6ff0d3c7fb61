import Foundation
import GRDB
import OpenBadges

// Merged objects: each field from the best contribution that has it. The object's own document (fetched at
// its id, or declaring it as root id) comes first, then the most recently fetched.
extension Linker {
    private func contributions(_ key: String, kind: String) throws -> [Row] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT c.* FROM contribution c JOIN document d ON d.id = c.docId
                    WHERE c.key = ? AND c.kind = ? ORDER BY c.own DESC, d.fetchedAt DESC, d.id
                    """),
            arguments: [key, kind])
    }

    /// The first non-null value of a `contribution` column (by name, resolved to its position once).
    private static func first<T: DatabaseValueConvertible>(_ rows: [Row], _ column: String) -> T? {
        guard let index = contributionColumns.firstIndex(of: column) else { return nil }
        for row in rows { if let value: T = row[index] { return value } }
        return nil
    }

    /// The columns of `contribution`, in table order (`SELECT c.*`).
    private static let contributionColumns = [
        "key", "kind", "docId", "id", "own", "name", "description", "url", "issuerKey", "issuer", "badgeKey", "subjectKey", "subject",
        "endorserName", "comment", "issuedOn", "tags", "criteria", "alignments", "version", "revoked",
    ]

    func mergeProfile(_ key: String) throws {
        let rows = try contributions(key, kind: "profile")
        let old = try Row.fetchOne(db, cachedSQL: "SELECT rowid, id, name, description, url, version FROM profile WHERE key = ?", arguments: [key])
        guard !rows.isEmpty else {
            if old != nil { try db.execute(cachedSQL: "DELETE FROM profile WHERE key = ?", arguments: [key]) }
            return
        }
        let values: [String?] = [
            Self.first(rows, "id") ?? key, Self.first(rows, "name"), Self.first(rows, "description"), Self.first(rows, "url"),
            Self.first(rows, "version"),
        ]
        if let old {
            let same = zip(["id", "name", "description", "url", "version"], values).allSatisfy { old[$0.0] as String? == $0.1 }
            if same { return }
            try db.execute(
                cachedSQL: "UPDATE profile SET id = ?, name = ?, description = ?, url = ?, version = ? WHERE key = ?",
                arguments: StatementArguments(values + [key]))
        } else {
            try db.execute(
                cachedSQL: "INSERT INTO profile(key, id, name, description, url, version) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: StatementArguments([key] + values))
        }
    }

    func mergeAssertion(_ key: String) throws {
        let rows = try contributions(key, kind: "assertion")
        guard !rows.isEmpty else {
            try db.execute(cachedSQL: "DELETE FROM assertion WHERE key = ?", arguments: [key])
            return
        }
        let revoked = try rows.contains { $0[20] as Bool } || isGone(key)
        try db.execute(
            cachedSQL: "INSERT OR REPLACE INTO assertion(key, id, badgeKey, issuerKey, issuedOn, revoked, version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                key, Self.first(rows, "id") ?? key, Self.first(rows, "badgeKey") as String?, Self.first(rows, "issuerKey") as String?,
                Self.first(rows, "issuedOn") as Double?, revoked, Self.first(rows, "version") as String?,
            ])
    }

    /// True when the object's own URL answered 410 Gone.
    private func isGone(_ key: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM document WHERE urlKey = ? AND revoked = 1)"), arguments: [key]) ?? false
    }

    /// Merges a badge and its denormalised search columns. The FTS5 update trigger fires only when an indexed
    /// column is written, so bookkeeping-only changes update just `endorsementCount` and friends.
    func mergeBadge(_ key: String) throws {
        let rows = try contributions(key, kind: "badge")
        let old = try Row.fetchOne(
            db,
            cachedSQL: """
                SELECT rowid, id, issuerKey, issuer, version, endorsementCount, endorsers, name, tags, issuerName, endorserNames, comments,
                description, criteria, alignments, flags FROM badge WHERE key = ?
                """,
            arguments: [key])
        guard !rows.isEmpty else {
            if let old {
                unindexBadge(old)
                try db.execute(cachedSQL: "DELETE FROM badge WHERE key = ?", arguments: [key])
            }
            return
        }
        let issuerKey: String? = Self.first(rows, "issuerKey")
        let issuerName = try issuerKey.flatMap {
            try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM profile WHERE key = ?"), arguments: [$0])
        }
        let endorsements = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT coalesce(p.name, e.endorserName), e.comment, e.endorserKey, coalesce(p.id, e.endorser), p.url
                    FROM endorsement e LEFT JOIN profile p ON p.key = e.endorserKey
                    WHERE e.subjectKey = ? AND e.revoked = 0 ORDER BY e.key
                    """),
            arguments: [key])
        var names: [String] = []
        var seenNames = Set<String>()
        var endorsers: [String: [String?]] = [:]
        var comments: [String] = []
        for row in endorsements {
            let name: String? = row[0]
            if let name, seenNames.insert(name).inserted { names.append(name) }
            if let comment: String = row[1] { comments.append(comment) }
            if let endorserKey: String = row[2], endorsers[endorserKey] == nil, let id: String = row[3] {
                endorsers[endorserKey] = [id, name, row[4]]
            }
        }
        let endorsersJSON = Self.json(
            endorsers.values.sorted { ($0[1] == nil ? 1 : 0, $0[1] ?? "", $0[0] ?? "") < ($1[1] == nil ? 1 : 0, $1[1] ?? "", $1[0] ?? "") }
                .prefix(Self.endorsersShown))

        let bookkeeping: [(any DatabaseValueConvertible)?] = [
            Self.first(rows, "id") ?? key, issuerKey, Self.first(rows, "issuer") as String?, Self.first(rows, "version") as String?,
            endorsements.count, endorsersJSON,
        ]
        let indexed: [String?] = [
            Self.first(rows, "name"), Self.first(rows, "tags"), issuerName, names.isEmpty ? nil : names.joined(separator: "\n"),
            comments.isEmpty ? nil : comments.joined(separator: "\n"), Self.first(rows, "description"), Self.first(rows, "criteria"),
            Self.first(rows, "alignments"), endorsements.isEmpty ? Schema.unendorsedFlag : Schema.endorsedFlag,
        ]
        guard let old else {
            try db.execute(
                cachedSQL: """
                    INSERT INTO badge(key, id, issuerKey, issuer, version, endorsementCount, endorsers, name, tags, issuerName, endorserNames,
                    comments, description, criteria, alignments, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments([key] + bookkeeping + indexed))
            indexBadge(rowid: db.lastInsertedRowID, indexed)
            return
        }
        let indexedSame = zip(Schema.badgeSearchColumns, indexed).allSatisfy { old[$0.0] as String? == $0.1 }
        let oldText: [String?] = ["id", "issuerKey", "issuer", "version", "endorsers"].map { old[$0] }
        let newText: [String?] = [bookkeeping[0] as? String, issuerKey, bookkeeping[2] as? String, bookkeeping[3] as? String, endorsersJSON]
        let oldCount: Int = old["endorsementCount"]
        let bookkeepingSame = oldText == newText && oldCount == endorsements.count
        if !indexedSame {
            try db.execute(
                cachedSQL: """
                    UPDATE badge SET id = ?, issuerKey = ?, issuer = ?, version = ?, endorsementCount = ?, endorsers = ?, name = ?, tags = ?, issuerName = ?,
                    endorserNames = ?, comments = ?, description = ?, criteria = ?, alignments = ?, flags = ? WHERE key = ?
                    """,
                arguments: StatementArguments(bookkeeping + indexed + [key]))
            unindexBadge(old)
            indexBadge(rowid: old["rowid"], indexed)
        } else if !bookkeepingSame {
            try db.execute(
                cachedSQL: "UPDATE badge SET id = ?, issuerKey = ?, issuer = ?, version = ?, endorsementCount = ?, endorsers = ? WHERE key = ?",
                arguments: StatementArguments(bookkeeping + [key]))
        }
    }

    /// Most endorsers kept on a badge row for search hits (`BadgeHit.endorsers`); lookups list them all.
    static let endorsersShown = 50

    /// `[[id, name, url], ...]` as JSON text (what `JSONSerialization` writes with `.withoutEscapingSlashes`, without
    /// its boxing: merging badges encoded this for every badge a transaction touched, ~8% of the crawler's ingest CPU).
    static func json(_ entries: some Sequence<[String?]>) -> String {
        var out = "["
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(",") }
            out.append("[")
            for (position, value) in entry.enumerated() {
                if position > 0 { out.append(",") }
                if let value { appendJSONString(value, to: &out) } else { out.append("null") }
            }
            out.append("]")
        }
        out.append("]")
        return out
    }

    /// Appends `value` as a JSON string literal (RFC 8259 section 7: quote, backslash and control characters escaped).
    private static func appendJSONString(_ value: String, to out: inout String) {
        out.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("\"")
    }
}
