import Foundation
import GRDB
import OpenBadges
import Verification

extension EndorsementStore {
    /// The employer's lookup for a badge IRI: every endorsement whose target is the badge, and separately the
    /// endorsements of its issuer profile. An assertion IRI resolves to the badge it awards. Throws `.notFound`.
    public func endorsers(ofBadge badge: IRI) throws -> BadgeEndorsements {
        try read { db in
            var key = badge.matchKey
            if try !Bool.exists(db, "SELECT 1 FROM badge WHERE key = ?", [key]),
                let badgeKey = try String.fetchOne(db, sql: "SELECT badgeKey FROM assertion WHERE key = ?", arguments: [key])
            {
                key = badgeKey
            }
            guard let summary = try Self.badgeSummary(key: key, db: db) else {
                throw StoreError(.notFound, "no badge \(badge) in the index; search for it with `endorse search`, or crawl it first")
            }
            let endorsements = try Self.endorsementViews(where: "e.subjectKey = ?", [key], db: db)
            var issuerEndorsements: [EndorsementView] = []
            if let issuer = summary.issuer {
                issuerEndorsements = try Self.endorsementViews(where: "e.subjectKey = ?", [issuer.id.matchKey], db: db)
            }
            return BadgeEndorsements(badge: summary, endorsements: endorsements, issuerEndorsements: issuerEndorsements)
        }
    }

    /// Everything the endorser with this profile IRI endorses (newest first). Throws `.notFound`.
    public func endorsements(byEndorser endorser: IRI) throws -> EndorserEndorsements {
        try read { db in
            let key = endorser.matchKey
            let views = try Self.endorsementViews(where: "e.endorserKey = ?", [key], db: db)
            let profile = try Self.profileSummary(key: key, db: db) ?? views.first?.endorser
            guard let profile else {
                throw StoreError(.notFound, "no endorser \(endorser) in the index; `endorse endorsed-by WORDS` finds endorsers by name")
            }
            return EndorserEndorsements(endorser: profile, endorsements: views)
        }
    }

    /// Every endorsement whose target is `subject` (a badge, profile or assertion IRI), in the order of
    /// ``endorsers(ofBadge:)``; empty when the index knows none.
    public func endorsements(of subject: IRI) throws -> [EndorsementView] {
        try read { db in try Self.endorsementViews(where: "e.subjectKey = ?", [subject.matchKey], db: db) }
    }

    /// How many endorsements in the index target each of `subjects` (profiles, badges): the endorsers that are
    /// themselves endorsed. Subjects nobody endorses are left out; IRIs compare as the index's keys do (http and
    /// https alike).
    public func endorsementCounts(of subjects: [IRI]) throws -> [IRI: Int] {
        try read { db in
            var counts: [IRI: Int] = [:]
            for subject in Set(subjects) {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM endorsement WHERE subjectKey = ?", arguments: [subject.matchKey]) ?? 0
                if count > 0 { counts[subject] = count }
            }
            return counts
        }
    }

    /// What the index holds.
    public func stats() throws -> IndexStats {
        try read { db in
            var byStatus: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM document GROUP BY status") {
                let status: Int? = row[0]
                byStatus[status.map(String.init) ?? "error", default: 0] += row[1]
            }
            func grouped(_ column: String) throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT \(column), count(*) FROM endorsement GROUP BY \(column)") { result[row[0]] = row[1] }
                return result
            }
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
            return IndexStats(
                documentsByStatus: byStatus, profiles: try count("profile"), badges: try count("badge"), assertions: try count("assertion"),
                endorsements: try count("endorsement"), endorsementsByAcknowledgement: try grouped("acknowledged"),
                endorsementsByVerification: try grouped("verification"),
                hosts: try Int.fetchOne(db, sql: "SELECT count(DISTINCT originKey) FROM document") ?? 0)
        }
    }

    // MARK: Shared row mapping

    static func endorsementViews(where condition: String, _ arguments: StatementArguments, db: Database) throws -> [EndorsementView] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.*, p.id AS profileId, coalesce(p.name, e.endorserName) AS profileName, p.url AS profileUrl,
                p.description AS profileDescription, coalesce(b.name, tp.name) AS targetName
                FROM endorsement e LEFT JOIN profile p ON p.key = e.endorserKey LEFT JOIN badge b ON b.key = e.subjectKey
                LEFT JOIN profile tp ON tp.key = e.subjectKey
                WHERE \(condition) ORDER BY e.revoked, e.issuedOn DESC, e.key
                """,
            arguments: arguments)
        return rows.map { row in
            let endorserID: String? = row["profileId"] ?? row["endorser"]
            let endorser = endorserID.map {
                ProfileSummary(
                    id: IRI($0), name: row["profileName"], url: (row["profileUrl"] as String?).map { IRI($0) },
                    description: row["profileDescription"])
            }
            let publishedBy = (row["publishedBy"] as String).split(separator: ",").compactMap { Publisher(rawValue: String($0)) }
            return EndorsementView(
                id: IRI(row["id"] as String), endorser: endorser, target: (row["subject"] as String?).map { IRI($0) },
                targetKind: TargetKind(rawValue: row["targetKind"]) ?? .unknown, targetName: row["targetName"], comment: row["comment"],
                issuedOn: (row["issuedOn"] as Double?).map(Date.init(timeIntervalSince1970:)), version: row["version"],
                acknowledged: Acknowledgement(rawValue: row["acknowledged"]) ?? .unknown, targetProblem: row["targetProblem"],
                publishedBy: publishedBy, verification: VerificationLevel(rawValue: row["verification"]) ?? .unverified,
                revoked: row["revoked"], foundIn: (row["foundIn"] as String).split(separator: "\n").map { IRI(String($0)) },
                signatureCheck: (row["facts"] as String?).flatMap(Self.report(fromFacts:)))
        }
    }

    /// The report stored in `endorsement.facts`; nil when there is none or it cannot be read (a newer writer).
    static func report(fromFacts json: String) -> VerificationReport? {
        try? JSONDecoder().decode(VerificationReport.self, from: Data(json.utf8))
    }

    static func profileSummary(_ row: Row) -> ProfileSummary {
        ProfileSummary(id: IRI(row["id"] as String), name: row["name"], url: (row["url"] as String?).map { IRI($0) }, description: row["description"])
    }

    static func profileSummary(key: String, db: Database) throws -> ProfileSummary? {
        try Row.fetchOne(db, sql: "SELECT id, name, url, description FROM profile WHERE key = ?", arguments: [key]).map(profileSummary)
    }

    /// The issuer as a summary: the stored profile, else the IRI and name the badge gave.
    static func issuerSummary(key: String?, iri: String?, name: String?, db: Database) throws -> ProfileSummary? {
        if let key, let profile = try profileSummary(key: key, db: db) { return profile }
        return iri.map { ProfileSummary(id: IRI($0), name: name) }
    }

    static func badgeSummary(key: String, db: Database) throws -> BadgeSummary? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, name, description, issuerKey, issuer, issuerName, tags, version FROM badge WHERE key = ?", arguments: [key])
        else { return nil }
        return BadgeSummary(
            id: IRI(row["id"] as String), name: row["name"], description: row["description"],
            issuer: try issuerSummary(key: row["issuerKey"], iri: row["issuer"], name: row["issuerName"], db: db),
            tags: (row["tags"] as String?)?.split(separator: "\n").map(String.init) ?? [], version: row["version"])
    }
}

extension Bool {
    static func exists(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (\(sql))", arguments: arguments) ?? false
    }
}
