import Foundation
import GRDB
import OpenBadges

extension EndorsementStore {
    /// One object (profile, badge, assertion, endorsement) or fetched document by IRI, with its links in and out.
    /// When one id names objects of two kinds, the kind its own document declares wins, else badge, profile,
    /// assertion, endorsement. Throws `.notFound`.
    public func document(id: IRI) throws -> DocumentDetail {
        try read { db in
            let key = id.matchKey
            let fetched = try Row.fetchOne(
                db, sql: "SELECT * FROM document WHERE urlKey = ? OR url = ? ORDER BY url = ? DESC, fetchedAt DESC LIMIT 1",
                arguments: [key, id.string, id.string])
            var kinds: [String] = []
            for table in ["badge", "profile", "assertion", "endorsement"] where try Bool.exists(db, "SELECT 1 FROM \(table) WHERE key = ?", [key]) {
                kinds.append(table)
            }
            if let declared: String = fetched?["rootKind"], let index = kinds.firstIndex(of: declared) {
                kinds.insert(kinds.remove(at: index), at: 0)
            }
            guard let kind = kinds.first else {
                guard let fetched else {
                    throw StoreError(.notFound, "nothing with id or URL \(id) in the index; check the IRI or crawl it first")
                }
                return Self.detail(id: id, kind: "document", name: nil, document: fetched)
            }
            // The document holding the object: fetched at its IRI, else its own or newest contribution.
            let holder =
                try fetched
                ?? Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.* FROM contribution c JOIN document d ON d.id = c.docId WHERE c.key = ? AND c.kind = ?
                        ORDER BY c.own DESC, d.fetchedAt DESC LIMIT 1
                        """,
                    arguments: [key, kind])
            let storedID = try String.fetchOne(db, sql: "SELECT id FROM \(kind) WHERE key = ?", arguments: [key]) ?? id.string
            let name = kind == "endorsement" || kind == "assertion" ? nil : try String.fetchOne(db, sql: "SELECT name FROM \(kind) WHERE key = ?", arguments: [key])
            var detail = Self.detail(id: IRI(storedID), kind: kind, name: name, document: holder)
            detail.linksOut = try Self.linksOut(key: key, kind: kind, db: db)
            detail.linksIn = try Self.linksIn(key: key, db: db)
            return detail
        }
    }

    private static func detail(id: IRI, kind: String, name: String?, document: Row?) -> DocumentDetail {
        var json: String?
        if let body: Data = document?["body"], let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
            let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        {
            json = String(decoding: pretty, as: UTF8.self)
        }
        return DocumentDetail(
            id: id, kind: kind, name: name, fetchedFrom: (document?["url"] as String?).map { IRI($0) }, status: document?["status"],
            contentType: document?["contentType"], fetchedAt: (document?["fetchedAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
            error: document?["error"] ?? document?["parseError"], json: json)
    }

    private static func links(_ db: Database, _ relation: String, _ sql: String, _ arguments: StatementArguments) throws -> [ObjectLink] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
            guard let target: String = row[0] else { return nil }
            return ObjectLink(relation: relation, target: IRI(target), name: row[1])
        }
    }

    private static func linksOut(key: String, kind: String, db: Database) throws -> [ObjectLink] {
        let name = "(SELECT coalesce((SELECT name FROM badge WHERE key = k), (SELECT name FROM profile WHERE key = k)))"
        switch kind {
        case "badge":
            return try links(db, "issuer", "SELECT issuer, issuerName FROM badge WHERE key = ?", [key])
                + links(
                    db, "endorsement",
                    "SELECT coalesce(e.id, l.endorsementKey), NULL FROM listing l LEFT JOIN endorsement e ON e.key = l.endorsementKey WHERE l.listerKey = ? GROUP BY l.endorsementKey",
                    [key])
        case "profile":
            return try links(
                db, "endorsement",
                "SELECT coalesce(e.id, l.endorsementKey), NULL FROM listing l LEFT JOIN endorsement e ON e.key = l.endorsementKey WHERE l.listerKey = ? GROUP BY l.endorsementKey",
                [key])
        case "assertion":
            return try links(
                db, "badge", "SELECT coalesce(b.id, a.badgeKey), b.name FROM assertion a LEFT JOIN badge b ON b.key = a.badgeKey WHERE a.key = ?",
                [key])
        default:
            return try links(
                db, "endorser",
                "SELECT coalesce(p.id, e.endorser), coalesce(p.name, e.endorserName) FROM endorsement e LEFT JOIN profile p ON p.key = e.endorserKey WHERE e.key = ?",
                [key])
                + links(
                    db, "endorses", "SELECT subject, \(name.replacingOccurrences(of: "k)", with: "subjectKey)")) FROM endorsement WHERE key = ?",
                    [key])
        }
    }

    private static func linksIn(key: String, db: Database) throws -> [ObjectLink] {
        try links(
            db, "endorsedBy",
            "SELECT e.id, coalesce(p.name, e.endorserName) FROM endorsement e LEFT JOIN profile p ON p.key = e.endorserKey WHERE e.subjectKey = ?",
            [key])
            + links(db, "issuerOf", "SELECT id, name FROM badge WHERE issuerKey = ? LIMIT 500", [key])
            + links(db, "endorser", "SELECT id, NULL FROM endorsement WHERE endorserKey = ? LIMIT 500", [key])
            + links(db, "listedBy", "SELECT DISTINCT listerKey, NULL FROM listing WHERE endorsementKey = ?", [key])
    }
}
