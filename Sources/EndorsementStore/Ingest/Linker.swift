import Foundation
import GRDB
import OpenBadges

/// Recomputes merged objects and the linking facts of endorsements from the contributions, for the keys a
/// transaction touched. Order matters: profiles and assertions first, then endorsements (their facts read
/// contributions and documents only), then badges (their search columns read profiles and endorsements).
struct Linker {
    let db: Database

    func recompute(_ touched: TouchedKeys) throws {
        for key in touched.profiles { try mergeProfile(key) }
        for key in touched.assertions { try mergeAssertion(key) }

        var endorsements = touched.endorsements
        let bySubject = try db.cachedStatement(sql: "SELECT key FROM endorsement WHERE subjectKey = ?")
        let byKey = try db.cachedStatement(sql: "SELECT endorsementKey FROM listing WHERE listerKey = ?")
        for target in touched.targets {
            endorsements.formUnion(try String.fetchAll(bySubject, arguments: [target]))
            endorsements.formUnion(try String.fetchAll(byKey, arguments: [target]))
        }
        var badges = touched.badges
        for key in endorsements {
            let subjects = try recomputeEndorsement(key)
            badges.formUnion(subjects)
        }
        // Names shown in badge search rows come from profiles.
        let issued = try db.cachedStatement(sql: "SELECT key FROM badge WHERE issuerKey = ?")
        let endorsed = try db.cachedStatement(sql: "SELECT subjectKey FROM endorsement WHERE endorserKey = ? AND subjectKey IS NOT NULL")
        for profile in touched.profiles {
            badges.formUnion(try String.fetchAll(issued, arguments: [profile]))
            badges.formUnion(try String.fetchAll(endorsed, arguments: [profile]))
        }
        for key in badges { try mergeBadge(key) }
    }

    // MARK: Endorsements

    /// One document in which an endorsement was found.
    private struct Source {
        var url: String
        var urlKey: String
        var originKey: String?
        var rootKey: String?
        var revoked: Bool
    }

    /// Recomputes one endorsement row; returns the subject keys before and after (their badges need a refresh).
    private func recomputeEndorsement(_ key: String) throws -> [String] {
        let previous = try String.fetchOne(db.cachedStatement(sql: "SELECT subjectKey FROM endorsement WHERE key = ?"), arguments: [key])
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT c.id, c.own, c.issuerKey, c.issuer, c.endorserName, c.subjectKey, c.subject, c.comment, c.issuedOn,
                    c.version, c.revoked, d.url, d.urlKey, d.originKey, d.rootKey, d.revoked AS docRevoked
                    FROM contribution c JOIN document d ON d.id = c.docId
                    WHERE c.key = ? AND c.kind = 'endorsement' ORDER BY c.own DESC, d.fetchedAt DESC, d.id
                    """),
            arguments: [key])
        guard !rows.isEmpty else {
            try db.execute(cachedSQL: "DELETE FROM endorsement WHERE key = ?", arguments: [key])
            return previous.map { [$0] } ?? []
        }
        func first<T: DatabaseValueConvertible>(_ column: String) -> T? {
            for row in rows { if let value: T = row[column] { return value } }
            return nil
        }
        let sources = rows.map {
            Source(url: $0["url"], urlKey: $0["urlKey"], originKey: $0["originKey"], rootKey: $0["rootKey"], revoked: $0["docRevoked"])
        }
        let subjectKey: String? = first("subjectKey")
        let endorserKey: String? = first("issuerKey")
        let revoked = rows.contains { $0["revoked"] as Bool || $0["docRevoked"] as Bool }

        let targetKind = try targetKind(of: subjectKey)
        let (acknowledged, problem) = try acknowledgement(key: key, subjectKey: subjectKey)
        let listedByTarget = try subjectKey.map { try isListed(key, by: $0) } ?? false
        let (publishedBy, verification) = try provenance(
            sources: sources, subjectKey: subjectKey, endorserKey: endorserKey, listedByTarget: listedByTarget)
        let foundIn = Array(Set(sources.map(\.url))).sorted().joined(separator: "\n")

        try db.execute(
            cachedSQL: """
                INSERT OR REPLACE INTO endorsement(key, id, endorserKey, endorser, endorserName, subjectKey, subject, targetKind, comment,
                issuedOn, version, revoked, acknowledged, targetProblem, publishedBy, verification, foundIn)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                key, first("id") as String? ?? key, endorserKey, first("issuer") as String?, first("endorserName") as String?, subjectKey,
                first("subject") as String?, targetKind.rawValue, first("comment") as String?, first("issuedOn") as Double?,
                first("version") as String?, revoked, acknowledged.rawValue, problem,
                publishedBy.map(\.rawValue).joined(separator: ","), verification.rawValue, foundIn,
            ])
        return [previous, subjectKey].compactMap { $0 }
    }

    /// What the target IRI is known as from any document: badge, then assertion, then profile.
    private func targetKind(of subjectKey: String?) throws -> TargetKind {
        guard let subjectKey else { return .unknown }
        let kinds = try String.fetchSet(
            db.cachedStatement(sql: "SELECT DISTINCT kind FROM contribution WHERE key = ? AND kind IN ('badge', 'assertion', 'profile')"),
            arguments: [subjectKey])
        if kinds.contains("badge") { return .badge }
        if kinds.contains("assertion") { return .assertion }
        if kinds.contains("profile") { return .profile }
        return .unknown
    }

    /// `acknowledged` from the target's own document (fetched at the target IRI, or declaring it as its root id).
    private func acknowledgement(key: String, subjectKey: String?) throws -> (Acknowledgement, String?) {
        guard let subjectKey else { return (.unknown, "the endorsement names no target") }
        let documents = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, status, error FROM document WHERE urlKey = ?1 OR rootKey = ?1 ORDER BY fetchedAt DESC"),
            arguments: [subjectKey])
        let good = documents.filter { (200..<300).contains($0["status"] as Int? ?? 0) }
        let listers = try Int64.fetchSet(
            db.cachedStatement(sql: "SELECT docId FROM listing WHERE endorsementKey = ? AND listerKey = ?"), arguments: [key, subjectKey])
        if !good.isEmpty {
            return good.contains { listers.contains($0["id"]) } ? (.acknowledged, nil) : (.unacknowledged, nil)
        }
        if let failed = documents.first {
            let status: Int? = failed["status"]
            if let error: String = failed["error"] { return (.unknown, "target fetch failed: \(error)") }
            if status == 410 { return (.unknown, "target is gone (HTTP 410, revoked)") }
            return (.unknown, "target fetch failed: HTTP \(status.map(String.init) ?? "no response")")
        }
        // Not fetched, but a copy of the target embedded elsewhere lists it: its issuer's data acknowledges it.
        if !listers.isEmpty { return (.acknowledged, nil) }
        return (.unknown, "target not fetched")
    }

    private func isListed(_ key: String, by lister: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM listing WHERE endorsementKey = ? AND listerKey = ?)"),
            arguments: [key, lister]) ?? false
    }

    /// `publishedBy` and `verification` from where the endorsement was found.
    ///
    /// A source is on the endorser's side when its origin is the origin of the endorser's profile id; on the
    /// issuer's side when it is the target's own document, or on the origin of the target or of the target's issuer.
    private func provenance(
        sources: [Source], subjectKey: String?, endorserKey: String?, listedByTarget: Bool
    ) throws -> ([Publisher], Verification) {
        let endorserOrigin = endorserKey?.originOfKey
        var issuerOrigins = Set<String>()
        if let subjectKey {
            if let origin = subjectKey.originOfKey { issuerOrigins.insert(origin) }
            let issuers = try String.fetchAll(
                db.cachedStatement(
                    sql: "SELECT DISTINCT issuerKey FROM contribution WHERE key = ? AND kind IN ('badge', 'assertion') AND issuerKey IS NOT NULL"
                ),
                arguments: [subjectKey])
            issuerOrigins.formUnion(issuers.compactMap(\.originOfKey))
        }
        var byEndorser = false
        var byIssuer = listedByTarget
        var byThirdParty = false
        var onlyIssuer = true
        for source in sources {
            let endorserSide = endorserOrigin != nil && source.originKey == endorserOrigin
            let issuerSide =
                source.urlKey == subjectKey || (subjectKey != nil && source.rootKey == subjectKey)
                || (source.originKey.map { issuerOrigins.contains($0) } ?? false)
            if endorserSide { byEndorser = true }
            if issuerSide { byIssuer = true }
            if !endorserSide && !issuerSide { byThirdParty = true }
            if !issuerSide { onlyIssuer = false }
        }
        var publishers: [Publisher] = []
        if byIssuer { publishers.append(.issuer) }
        if byEndorser { publishers.append(.endorser) }
        if byThirdParty { publishers.append(.thirdParty) }
        let verification: Verification = byEndorser ? .hosted : (onlyIssuer ? .issuerEmbedded : .unverified)
        return (publishers, verification)
    }
}
