import Foundation
import GRDB
import OpenBadges

/// Recomputes merged objects and the linking facts of endorsements from the contributions, for the keys a
/// transaction touched. Order matters: profiles and assertions first, then endorsements (their facts read
/// contributions and documents only), then badges (their search columns read profiles and endorsements).
struct Linker {
    let db: Database
    /// Per-subject lookups shared by the endorsements of one subject: contributions and documents do not change
    /// while a `recompute` writes endorsement and merged rows.
    private let memo = Memo()

    private final class Memo {
        var targets: [String: (kind: TargetKind, issuers: [String])] = [:]
        var documents: [String: [Row]] = [:]
        /// `badge_fts` changes, applied once at the end (see `Linker+SearchIndex.swift`).
        var unindexed: [(rowid: Int64, values: [String?])] = []
        var indexed: [(rowid: Int64, values: [String?])] = []
    }

    func indexBadge(rowid: Int64, _ values: [String?]) { memo.indexed.append((rowid, values)) }

    func unindexBadge(_ old: Row) {
        memo.unindexed.append((old["rowid"], Schema.badgeSearchColumns.map { old[$0] }))
    }

    func recompute(_ touched: TouchedKeys) throws {
        for key in touched.profiles { try mergeProfile(key) }
        for key in touched.assertions { try mergeAssertion(key) }

        var endorsements = touched.endorsements
        let byTarget = try db.cachedStatement(
            sql: "SELECT key FROM endorsement WHERE subjectKey = ?1 UNION ALL SELECT endorsementKey FROM listing WHERE listerKey = ?1")
        for target in touched.targets {
            endorsements.formUnion(try String.fetchAll(byTarget, arguments: [target]))
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
        try writeBadgeIndex(unindexed: memo.unindexed, indexed: memo.indexed)
        memo.unindexed = []
        memo.indexed = []
    }

    // MARK: Endorsements

    /// Writes an endorsement row in place (an upsert keeps its rowid and page; `INSERT OR REPLACE` would move it).
    static let upsertEndorsementSQL = """
        INSERT INTO endorsement(key, id, endorserKey, endorser, endorserName, subjectKey, subject, targetKind, comment,
        issuedOn, version, revoked, acknowledged, targetProblem, publishedBy, verification, foundIn)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET id = excluded.id, endorserKey = excluded.endorserKey, endorser = excluded.endorser,
        endorserName = excluded.endorserName, subjectKey = excluded.subjectKey, subject = excluded.subject,
        targetKind = excluded.targetKind, comment = excluded.comment, issuedOn = excluded.issuedOn, version = excluded.version,
        revoked = excluded.revoked, acknowledged = excluded.acknowledged, targetProblem = excluded.targetProblem,
        publishedBy = excluded.publishedBy, verification = excluded.verification, foundIn = excluded.foundIn
        """

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
            if let subjectKey = try recomputeListedOnly(key) { return [subjectKey] }
            let previous = try String.fetchOne(
                db.cachedStatement(sql: "DELETE FROM endorsement WHERE key = ? RETURNING subjectKey"), arguments: [key])
            return previous.map { [$0] } ?? []
        }
        let columns = ["id", "own", "issuerKey", "issuer", "endorserName", "subjectKey", "subject", "comment", "issuedOn", "version"]
        func first<T: DatabaseValueConvertible>(_ column: String) -> T? {
            guard let index = columns.firstIndex(of: column) else { return nil }
            for row in rows { if let value: T = row[index] { return value } }
            return nil
        }
        let sources = rows.map { Source(url: $0[11], urlKey: $0[12], originKey: $0[13], rootKey: $0[14], revoked: $0[15]) }
        let subjectKey: String? = first("subjectKey")
        let endorserKey: String? = first("issuerKey")
        let revoked = rows.contains { $0[10] as Bool || $0[15] as Bool }

        let target = try target(subjectKey)
        let listers =
            try subjectKey.map {
                try Int64.fetchSet(
                    db.cachedStatement(sql: "SELECT docId FROM listing WHERE endorsementKey = ? AND listerKey = ?"), arguments: [key, $0])
            } ?? []
        let (acknowledged, problem) = try acknowledgement(subjectKey: subjectKey, listers: listers)
        let (publishedBy, verification) = provenance(
            sources: sources, subjectKey: subjectKey, endorserKey: endorserKey, issuerKeys: target.issuers, listedByTarget: !listers.isEmpty)
        let foundIn = Array(Set(sources.map(\.url))).sorted().joined(separator: "\n")

        try db.execute(
            cachedSQL: Self.upsertEndorsementSQL,
            arguments: [
                key, first("id") as String? ?? key, endorserKey, first("issuer") as String?, first("endorserName") as String?, subjectKey,
                first("subject") as String?, target.kind.rawValue, first("comment") as String?, first("issuedOn") as Double?,
                first("version") as String?, revoked, acknowledged.rawValue, problem,
                publishedBy.map(\.rawValue).joined(separator: ","), verification.rawValue, foundIn,
            ])
        return subjectKey.map { [$0] } ?? []
    }

    /// What the target IRI is known as from any document (badge, then assertion, then profile), and the
    /// issuers that badge or assertion names.
    func target(_ subjectKey: String?) throws -> (kind: TargetKind, issuers: [String]) {
        guard let subjectKey else { return (.unknown, []) }
        if let known = memo.targets[subjectKey] { return known }
        let found = try findTarget(subjectKey)
        memo.targets[subjectKey] = found
        return found
    }

    private func findTarget(_ subjectKey: String) throws -> (kind: TargetKind, issuers: [String]) {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT kind, issuerKey FROM contribution WHERE key = ? AND kind IN ('badge', 'assertion', 'profile')"),
            arguments: [subjectKey])
        let kinds = Set(rows.map { $0[0] as String })
        let issuers = rows.compactMap { $0[1] as String? }
        if kinds.contains("badge") { return (.badge, issuers) }
        if kinds.contains("assertion") { return (.assertion, issuers) }
        if kinds.contains("profile") { return (.profile, issuers) }
        return (.unknown, issuers)
    }

    /// `acknowledged` from the target's own document (fetched at the target IRI, or declaring it as its root id).
    func acknowledgement(subjectKey: String?, listers: Set<Int64>) throws -> (Acknowledgement, String?) {
        guard let subjectKey else { return (.unknown, "the endorsement names no target") }
        let documents: [Row]
        if let known = memo.documents[subjectKey] {
            documents = known
        } else {
            documents = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT id, status, error FROM document WHERE urlKey = ?1 OR rootKey = ?1 ORDER BY fetchedAt DESC"),
                arguments: [subjectKey])
            memo.documents[subjectKey] = documents
        }
        let good = documents.filter { (200..<300).contains($0["status"] as Int? ?? 0) }
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

    /// `publishedBy` and `verification` from where the endorsement was found.
    ///
    /// A source is on the endorser's side when its origin is the origin of the endorser's profile id; on the
    /// issuer's side when it is the target's own document, or on the origin of the target or of the target's issuer.
    private func provenance(
        sources: [Source], subjectKey: String?, endorserKey: String?, issuerKeys: [String], listedByTarget: Bool
    ) -> ([Publisher], Verification) {
        let targetOrigin = subjectKey?.originOfKey
        // Self-reported (Moodle): an endorser profile id on the target's own origin is the issuer speaking for the
        // endorser, so that origin counts for the issuer only (manifest rule `selfReported`).
        let endorserOrigin = endorserKey?.originOfKey.flatMap { $0 == targetOrigin ? nil : $0 }
        var issuerOrigins = Set(issuerKeys.compactMap(\.originOfKey))
        if let targetOrigin { issuerOrigins.insert(targetOrigin) }
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
        // No body ever obtained (only listed): nothing vouches for it.
        let verification: Verification = byEndorser ? .hosted : (onlyIssuer && !sources.isEmpty ? .issuerEmbedded : .unverified)
        return (publishers, verification)
    }
}
