import Foundation
import GRDB
import OpenBadges

/// Writes what one parsed document says as `contribution` and `listing` rows.
enum Contributions {
    private static let insertSQL = """
        INSERT OR REPLACE INTO contribution(key, kind, docId, id, own, name, description, url, issuerKey, issuer, badgeKey,
        subjectKey, subject, endorserName, comment, issuedOn, tags, criteria, alignments, version, revoked)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let listingSQL = "INSERT OR IGNORE INTO listing(endorsementKey, listerKey, docId, listerKind) VALUES (?, ?, ?, ?)"

    static func insert(
        _ parsed: ParsedDocument, docId: Int64, urlKey: String, rootKey: String?, revoked: Bool, db: Database, touched: inout TouchedKeys
    ) throws {
        let insert = try db.cachedStatement(sql: insertSQL)
        let list = try db.cachedStatement(sql: listingSQL)
        func own(_ key: String) -> Bool { key == urlKey || key == rootKey }
        func listings(_ endorsements: [IRI], lister: String, kind: String) throws {
            for endorsement in endorsements {
                let key = endorsement.matchKey
                try list.execute(arguments: [key, lister, docId, kind])
                touched.endorsements.insert(key)
            }
        }

        for profile in parsed.profiles {
            guard let id = profile.id else { continue }
            let key = id.matchKey
            try insert.execute(arguments: [
                key, "profile", docId, id.string, own(key), profile.name, profile.description, profile.url?.string, nil, nil, nil,
                nil, nil, nil, nil, nil, nil, nil, nil, profile.version?.rawValue, revoked,
            ])
            touched.insert(key: key, kind: "profile")
            try listings(profile.endorsements, lister: key, kind: "profile")
        }
        for badge in parsed.badges {
            guard let id = badge.id else { continue }
            let key = id.matchKey
            try insert.execute(arguments: [
                key, "badge", docId, id.string, own(key), badge.name, badge.description, nil, badge.issuer?.matchKey,
                badge.issuer?.string, nil, nil, nil, nil, nil, nil, joined(badge.tags), badge.criteriaNarrative,
                joined(badge.alignmentNames), badge.version?.rawValue, revoked,
            ])
            touched.insert(key: key, kind: "badge")
            try listings(badge.endorsements, lister: key, kind: "badge")
        }
        for assertion in parsed.assertions {
            guard let id = assertion.id else { continue }
            let key = id.matchKey
            try insert.execute(arguments: [
                key, "assertion", docId, id.string, own(key), nil, nil, nil, assertion.issuer?.matchKey, assertion.issuer?.string,
                assertion.badge?.matchKey, nil, nil, nil, nil, assertion.issuedOn?.timeIntervalSince1970, nil, nil, nil,
                assertion.version?.rawValue, revoked || assertion.revoked,
            ])
            touched.insert(key: key, kind: "assertion")
            if let badge = assertion.badge { touched.badges.insert(badge.matchKey) }
            try listings(assertion.endorsements, lister: key, kind: "assertion")
        }
        for endorsement in parsed.endorsements {
            let key = endorsement.key.matchKey
            try insert.execute(arguments: [
                key, "endorsement", docId, (endorsement.id ?? endorsement.key).string, own(key), nil, nil, nil,
                endorsement.endorser?.matchKey, endorsement.endorser?.string, nil, endorsement.subject?.matchKey,
                endorsement.subject?.string, endorsement.endorserName, endorsement.comment, endorsement.issuedOn?.timeIntervalSince1970,
                nil, nil, nil, endorsement.version?.rawValue, revoked || endorsement.revoked,
            ])
            touched.insert(key: key, kind: "endorsement")
        }
    }

    /// Multi-valued text (tags, alignment names) is stored one value per line.
    static func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: "\n")
    }
}
