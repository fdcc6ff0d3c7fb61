import Foundation
import GRDB

// Endorsements known only because a document lists their IRI: the body was never obtained (not fetched yet,
// failed, or 410 Gone with no body). They still exist for the lister (manifest: guild-sql-revoked).
extension Linker {
    /// Writes the row of an endorsement that no document carries but some document lists; returns its subject key,
    /// or nil when nothing lists it either (the caller deletes the row).
    ///
    /// The target is the lister (a badge first); nothing is known of endorser, comment or version; it counts as
    /// published by the issuer (the lister), `unverified` (no body ever obtained), and revoked when its URL answered 410.
    func recomputeListedOnly(_ key: String) throws -> String? {
        let listers = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT l.listerKey, l.docId, d.url, c.id FROM listing l JOIN document d ON d.id = l.docId
                    LEFT JOIN contribution c ON c.key = l.listerKey AND c.kind = l.listerKind AND c.docId = l.docId
                    WHERE l.endorsementKey = ? ORDER BY l.listerKind = 'badge' DESC, l.listerKey, d.url
                    """),
            arguments: [key])
        guard let first = listers.first else { return nil }
        let subjectKey: String = first[0]
        let subject: String = first[3] ?? subjectKey
        let ownDocument = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT url, revoked FROM document WHERE urlKey = ? ORDER BY fetchedAt DESC, id LIMIT 1"),
            arguments: [key])
        let id: String = ownDocument?[0] ?? key
        let revoked: Bool = ownDocument?[1] ?? false
        let target = try target(subjectKey)
        let listedBy = Set(listers.filter { $0[0] as String == subjectKey }.map { $0[1] as Int64 })
        let (acknowledged, problem) = try acknowledgement(subjectKey: subjectKey, listers: listedBy)
        let foundIn = Set(listers.map { $0[2] as String }).sorted().joined(separator: "\n")
        try queueEndorsementRow(
            EndorsementRow(
                key: key, id: id, endorserKey: nil, endorser: nil, endorserName: nil, subjectKey: subjectKey, subject: subject,
                targetKind: target.kind, comment: nil, issuedOn: nil, version: nil, revoked: revoked, acknowledged: acknowledged,
                targetProblem: problem, publishedBy: [.issuer], verification: .unverified, foundIn: foundIn))
        return subjectKey
    }
}
