import Foundation
import GRDB
import OpenBadges

/// Writes what one parsed document says as `contribution` and `listing` rows.
enum Contributions {
    private static let insertSQL = """
        INSERT OR REPLACE INTO contribution(key, kind, docId, id, own, name, description, url, issuerKey, issuer, badgeKey,
        subjectKey, subject, endorserName, comment, issuedOn, tags, criteria, alignments, version, revoked, token)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    /// `contribution.token` of an endorsement whose document body is its compact JWS (with surrounding white space,
    /// as fetched): never a token or JSON itself.
    static let tokenIsBody = "@body"

    /// The SQL expression for an endorsement copy's signed token, given `contribution c JOIN document d`: the body
    /// (white space trimmed, as the parser trims a token) when the contribution says ``tokenIsBody``.
    static let tokenExpression = "CASE WHEN c.token = '\(tokenIsBody)' THEN trim(CAST(d.body AS TEXT), ' ' || char(9, 10, 13)) ELSE c.token END"

    private static let listingSQL = "INSERT OR IGNORE INTO listing(endorsementKey, listerKey, docId, listerKind) VALUES (?, ?, ?, ?)"

    static func insert(
        _ parsed: ParsedDocument, docId: Int64, urlKey: String, rootKey: String?, revoked: Bool, db: Database, touched: inout TouchedKeys
    ) throws {
        var row = ContributionRow(statement: try BoundStatement(db, insertSQL), docId: docId, revoked: revoked)
        var list = try BoundStatement(db, listingSQL)
        func own(_ key: String) -> Bool { key == urlKey || key == rootKey }
        func listings(_ endorsements: [IRI], lister: String, kind: String) throws {
            for endorsement in endorsements {
                let key = endorsement.matchKey
                list.bind(key)
                list.bind(lister)
                list.bind(docId)
                list.bind(kind)
                try list.run()
                touched.endorsements.insert(key)
            }
        }

        for profile in parsed.profiles {
            guard let id = profile.id else { continue }
            let key = id.matchKey
            try row.insert(
                key: key, kind: "profile", id: id.string, own: own(key), name: profile.name, description: profile.description,
                url: profile.url?.string, version: profile.version)
            touched.insert(key: key, kind: "profile")
            try listings(profile.endorsements, lister: key, kind: "profile")
        }
        for badge in parsed.badges {
            guard let id = badge.id else { continue }
            let key = id.matchKey
            try row.insert(
                key: key, kind: "badge", id: id.string, own: own(key), name: badge.name, description: badge.description,
                issuerKey: badge.issuer?.matchKey, issuer: badge.issuer?.string, tags: joined(badge.tags), criteria: badge.criteriaNarrative,
                alignments: joined(badge.alignmentNames), version: badge.version)
            touched.insert(key: key, kind: "badge")
            try listings(badge.endorsements, lister: key, kind: "badge")
        }
        for assertion in parsed.assertions {
            guard let id = assertion.id else { continue }
            let key = id.matchKey
            try row.insert(
                key: key, kind: "assertion", id: id.string, own: own(key), issuerKey: assertion.issuer?.matchKey,
                issuer: assertion.issuer?.string, badgeKey: assertion.badge?.matchKey, issuedOn: assertion.issuedOn,
                version: assertion.version, revoked: assertion.revoked)
            touched.insert(key: key, kind: "assertion")
            if let badge = assertion.badge { touched.badges.insert(badge.matchKey) }
            try listings(assertion.endorsements, lister: key, kind: "assertion")
        }
        for endorsement in parsed.endorsements {
            let key = endorsement.key.matchKey
            // A document that is the endorsement's compact JWS keeps the token once, as its body: the contribution
            // says so (``tokenIsBody``) instead of holding a second copy, and the linker reads the body.
            let tokenIsDocument = parsed.format == .jwt && endorsement.jwt != nil && key == rootKey
            try row.insert(
                key: key, kind: "endorsement", id: (endorsement.id ?? endorsement.key).string, own: own(key),
                issuerKey: endorsement.endorser?.matchKey, issuer: endorsement.endorser?.string, subjectKey: endorsement.subject?.matchKey,
                subject: endorsement.subject?.string, endorserName: endorsement.endorserName, comment: endorsement.comment,
                issuedOn: endorsement.issuedOn, version: endorsement.version, revoked: endorsement.revoked,
                token: tokenIsDocument ? tokenIsBody : endorsement.jwt ?? endorsement.proofDocument)
            touched.insert(key: key, kind: "endorsement")
        }
    }

    /// One `contribution` row, columns in `insertSQL` order; unused columns stay NULL.
    private struct ContributionRow {
        var statement: BoundStatement
        let docId: Int64
        let revoked: Bool

        mutating func insert(
            key: String, kind: String, id: String, own: Bool, name: String? = nil, description: String? = nil, url: String? = nil,
            issuerKey: String? = nil, issuer: String? = nil, badgeKey: String? = nil, subjectKey: String? = nil, subject: String? = nil,
            endorserName: String? = nil, comment: String? = nil, issuedOn: Date? = nil, tags: String? = nil, criteria: String? = nil,
            alignments: String? = nil, version: OpenBadgesVersion?, revoked objectRevoked: Bool = false, token: String? = nil
        ) throws {
            statement.bind(key)
            statement.bind(kind)
            statement.bind(docId)
            statement.bind(id)
            statement.bind(own)
            statement.bind(name)
            statement.bind(description)
            statement.bind(url)
            statement.bind(issuerKey)
            statement.bind(issuer)
            statement.bind(badgeKey)
            statement.bind(subjectKey)
            statement.bind(subject)
            statement.bind(endorserName)
            statement.bind(comment)
            statement.bind(issuedOn?.timeIntervalSince1970)
            statement.bind(tags)
            statement.bind(criteria)
            statement.bind(alignments)
            statement.bind(version?.rawValue)
            statement.bind(revoked || objectRevoked)
            statement.bind(token)
            try statement.run()
        }
    }

    /// Multi-valued text (tags, alignment names) is stored one value per line.
    static func joined(_ values: [String]) -> String? {
        values.isEmpty ? nil : values.joined(separator: "\n")
    }
}
