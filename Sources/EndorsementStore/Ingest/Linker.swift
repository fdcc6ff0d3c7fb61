import Foundation
import GRDB
import OpenBadges
import Verification

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
        var documents: [String: [TargetDocument]] = [:]
        /// `badge_fts` and `profile_fts` changes, applied once at the end (see `Linker+SearchIndex.swift`).
        var badgeIndex = SearchIndexChanges(table: "badge_fts", columns: Schema.badgeSearchColumns)
        var profileIndex = SearchIndexChanges(table: "profile_fts", columns: Schema.profileSearchColumns)
        /// Endorsement rows computed but not written yet (see `queueEndorsementRow`).
        var endorsementRows: [EndorsementRow] = []
        /// Documents verifications asked for that the index does not hold (see `Linker+Verification.swift`).
        var verificationNeeds: Set<IRI> = []
        /// Whether `verificationSource` has rows, once known (it only gains rows through this linker).
        var hasVerificationSources: Bool?
        /// Endorsements whose verification read a document this transaction changed: checked again.
        var reverify: Set<String> = []
    }

    /// Check every signed copy again, whatever was stored (`reindex`: a newer verifier, a later clock).
    var reverifiesAll = false

    /// Checks made from the tokens alone before the transaction (``OfflineCheck``), by token digest.
    var offlineChecks: [String: OfflineCheck] = [:]

    /// True when some endorsement's verification depends on a document (read once, then kept up to date).
    func hasVerificationSources() throws -> Bool {
        if let known = memo.hasVerificationSources { return known }
        var query = try BoundStatement(db, "SELECT EXISTS (SELECT 1 FROM verificationSource)")
        let found = try query.first { $0.bool(0) } ?? false
        memo.hasVerificationSources = found
        return found
    }

    func noteVerificationSourcesWritten() { memo.hasVerificationSources = true }

    func needsReverification(_ key: String) -> Bool { memo.reverify.contains(key) }

    /// The time signatures' validity periods are judged at: when the linker was made.
    let verificationTime = Date()

    /// Documents the verifications of this linker asked for and the index does not hold: key documents, DID
    /// documents, JWK Sets, issuer profiles and revocation lists. A crawl fetches them next.
    var verificationNeeds: [IRI] { memo.verificationNeeds.sorted() }

    func noteVerificationNeed(_ url: IRI) { memo.verificationNeeds.insert(url) }

    /// Endorsement rows held before they are written in key order.
    static let endorsementRowsHeld = 10_000

    func indexBadge(rowid: Int64, _ values: [String?]) { memo.badgeIndex.add(rowid: rowid, values) }

    func unindexBadge(rowid: Int64, _ values: [String?]) { memo.badgeIndex.remove(rowid: rowid, values) }

    func indexProfile(rowid: Int64, _ values: [String?]) { memo.profileIndex.add(rowid: rowid, values) }

    func unindexProfile(rowid: Int64, _ values: [String?]) { memo.profileIndex.remove(rowid: rowid, values) }

    func recompute(_ touched: TouchedKeys) throws {
        for key in touched.profiles { try mergeProfile(key) }
        for key in touched.assertions { try mergeAssertion(key) }

        var endorsements = touched.endorsements
        let reverify = try endorsementsVerifiedWith(touched.targets)
        memo.reverify = reverify
        endorsements.formUnion(reverify)
        var byTarget = try BoundStatement(
            db, "SELECT key FROM endorsement WHERE subjectKey = ?1 UNION ALL SELECT endorsementKey FROM listing WHERE listerKey = ?1")
        for target in touched.targets {
            byTarget.bind(target)
            try byTarget.forEachRow { if let key = $0.string(0) { endorsements.insert(key) } }
        }
        var badges = touched.badges
        for key in endorsements {
            let subjects = try recomputeEndorsement(key)
            badges.formUnion(subjects)
        }
        try writeEndorsementRows()
        // Names shown in badge search rows come from profiles.
        var issued = try BoundStatement(db, "SELECT key FROM badge WHERE issuerKey = ?")
        var endorsed = try BoundStatement(db, "SELECT subjectKey FROM endorsement WHERE endorserKey = ? AND subjectKey IS NOT NULL")
        for profile in touched.profiles {
            issued.bind(profile)
            try issued.forEachRow { if let key = $0.string(0) { badges.insert(key) } }
            endorsed.bind(profile)
            try endorsed.forEachRow { if let key = $0.string(0) { badges.insert(key) } }
        }
        for key in badges { try mergeBadge(key) }
        try memo.profileIndex.write(db)
        try memo.badgeIndex.write(db)
    }

    // MARK: Endorsements

    static let upsertEndorsementSQL = """
        INSERT INTO endorsement(key, id, endorserKey, endorser, endorserName, subjectKey, subject, targetKind, comment,
        issuedOn, version, revoked, acknowledged, targetProblem, publishedBy, verification, foundIn, facts, factsDigest, factsOutcome)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(key) DO UPDATE SET id = excluded.id, endorserKey = excluded.endorserKey, endorser = excluded.endorser,
        endorserName = excluded.endorserName, subjectKey = excluded.subjectKey, subject = excluded.subject,
        targetKind = excluded.targetKind, comment = excluded.comment, issuedOn = excluded.issuedOn, version = excluded.version,
        revoked = excluded.revoked, acknowledged = excluded.acknowledged, targetProblem = excluded.targetProblem,
        publishedBy = excluded.publishedBy, verification = excluded.verification, foundIn = excluded.foundIn, facts = excluded.facts,
        factsDigest = excluded.factsDigest, factsOutcome = excluded.factsOutcome
        """

    /// One document in which an endorsement was found.
    private struct Source {
        var url: String
        var urlKey: String
        var originKey: String?
        var rootKey: String?
        var revoked: Bool
    }

    /// What one document that carries an endorsement said of it, with where that document was found.
    private struct EndorsementCopy {
        var id: String?
        var endorserKey: String?
        var endorser: String?
        var endorserName: String?
        var subjectKey: String?
        var subject: String?
        var comment: String?
        var issuedOn: Double?
        var version: String?
        var revoked: Bool
        var token: String?
        var source: Source
    }

    /// Recomputes one endorsement row; returns the subject keys before and after (their badges need a refresh).
    private func recomputeEndorsement(_ key: String) throws -> [String] {
        var query = try BoundStatement(
            db,
            """
            SELECT c.id, c.issuerKey, c.issuer, c.endorserName, c.subjectKey, c.subject, c.comment, c.issuedOn,
            c.version, c.revoked, d.url, d.urlKey, d.originKey, d.rootKey, d.revoked, \(Contributions.tokenExpression)
            FROM contribution c JOIN document d ON d.id = c.docId
            WHERE c.key = ? AND c.kind = 'endorsement' ORDER BY c.own DESC, d.fetchedAt DESC, d.id
            """)
        query.bind(key)
        var copies: [EndorsementCopy] = []
        try query.forEachRow { row in
            copies.append(
                EndorsementCopy(
                    id: row.string(0), endorserKey: row.string(1), endorser: row.string(2), endorserName: row.string(3),
                    subjectKey: row.string(4), subject: row.string(5), comment: row.string(6), issuedOn: row.double(7),
                    version: row.string(8), revoked: row.bool(9), token: row.string(15),
                    source: Source(
                        url: row.string(10) ?? "", urlKey: row.string(11) ?? "", originKey: row.string(12), rootKey: row.string(13),
                        revoked: row.bool(14))))
        }
        guard !copies.isEmpty else {
            try recordVerificationSources(of: key, urls: [])
            if let subjectKey = try recomputeListedOnly(key) { return [subjectKey] }
            var delete = try BoundStatement(db, "DELETE FROM endorsement WHERE key = ? RETURNING subjectKey")
            delete.bind(key)
            let previous = try delete.first { $0.string(0) } ?? nil
            return previous.map { [$0] } ?? []
        }
        /// The first copy that has the field: the endorsement's own document first, then the most recently fetched.
        func first<T>(_ field: (EndorsementCopy) -> T?) -> T? { Self.first(copies, field) }
        let sources = copies.map(\.source)
        let subjectKey = first(\.subjectKey)
        let endorserKey = first(\.endorserKey)
        let revoked = copies.contains { $0.revoked || $0.source.revoked }

        let target = try target(subjectKey)
        var listers: Set<Int64> = []
        if let subjectKey {
            var listed = try BoundStatement(db, "SELECT docId FROM listing WHERE endorsementKey = ? AND listerKey = ?")
            listed.bind(key)
            listed.bind(subjectKey)
            try listed.forEachRow { if let docId = $0.int64(0) { listers.insert(docId) } }
        }
        let (acknowledged, problem) = try acknowledgement(subjectKey: subjectKey, listers: listers)
        let (publishedBy, verification) = provenance(
            sources: sources, subjectKey: subjectKey, endorserKey: endorserKey, issuerKeys: target.issuers, listedByTarget: !listers.isEmpty)
        let foundIn = Array(Set(sources.map(\.url))).sorted().joined(separator: "\n")
        let signed = try signedCopyFacts(of: key, token: first(\.token))

        try queueEndorsementRow(
            EndorsementRow(
                key: key, id: first(\.id) ?? key, endorserKey: endorserKey, endorser: first(\.endorser), endorserName: first(\.endorserName),
                subjectKey: subjectKey, subject: first(\.subject), targetKind: target.kind, comment: first(\.comment),
                issuedOn: first(\.issuedOn), version: first(\.version), revoked: revoked, acknowledged: acknowledged, targetProblem: problem,
                publishedBy: publishedBy, verification: Self.level(provenance: verification, outcome: signed?.outcome), foundIn: foundIn,
                facts: signed?.json, factsDigest: signed?.digest, factsOutcome: signed?.outcome.rawValue))
        return subjectKey.map { [$0] } ?? []
    }

    /// The values of one `endorsement` row.
    struct EndorsementRow {
        var key: String
        var id: String
        var endorserKey: String?
        var endorser: String?
        var endorserName: String?
        var subjectKey: String?
        var subject: String?
        var targetKind: TargetKind
        var comment: String?
        var issuedOn: Double?
        var version: String?
        var revoked: Bool
        var acknowledged: Acknowledgement
        var targetProblem: String?
        var publishedBy: [Publisher]
        var verification: VerificationLevel
        var foundIn: String
        /// The signed copy's `VerificationReport` as JSON, nil when no copy is signed.
        var facts: String? = nil
        /// The SHA-256 of the token `facts` checked, and its outcome.
        var factsDigest: String? = nil
        var factsOutcome: String? = nil
    }

    /// Queues an endorsement row; `writeEndorsementRows` writes the queue, and runs by itself every
    /// `endorsementRowsHeld` rows.
    ///
    /// Computing a row reads contributions, listings and documents, never `endorsement`, so its write can wait.
    /// Interleaved with the reads, a full-size bulk load spent 18 us per upsert (where `sqlite3` copying the same rows
    /// spends 4); written together and in key order, about 2 us (instrumented runs; most likely the B-tree pages the
    /// writes need stay in the CPU's caches).
    func queueEndorsementRow(_ row: EndorsementRow) throws {
        memo.endorsementRows.append(row)
        if memo.endorsementRows.count >= Self.endorsementRowsHeld { try writeEndorsementRows() }
    }

    /// Writes the queued endorsement rows in key order, each in place (an upsert keeps its rowid and page;
    /// `INSERT OR REPLACE` would move it), and empties the queue.
    func writeEndorsementRows() throws {
        guard !memo.endorsementRows.isEmpty else { return }
        let rows = memo.endorsementRows.sorted { $0.key < $1.key }
        memo.endorsementRows = []
        var upsert = try BoundStatement(db, Self.upsertEndorsementSQL)
        for row in rows {
            upsert.bind(row.key)
            upsert.bind(row.id)
            upsert.bind(row.endorserKey)
            upsert.bind(row.endorser)
            upsert.bind(row.endorserName)
            upsert.bind(row.subjectKey)
            upsert.bind(row.subject)
            upsert.bind(row.targetKind.rawValue)
            upsert.bind(row.comment)
            upsert.bind(row.issuedOn)
            upsert.bind(row.version)
            upsert.bind(row.revoked)
            upsert.bind(row.acknowledged.rawValue)
            upsert.bind(row.targetProblem)
            upsert.bind(row.publishedBy.map(\.rawValue).joined(separator: ","))
            upsert.bind(row.verification.rawValue)
            upsert.bind(row.foundIn)
            upsert.bind(row.facts)
            upsert.bind(row.factsDigest)
            upsert.bind(row.factsOutcome)
            try upsert.run()
        }
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
        var query = try BoundStatement(db, "SELECT kind, issuerKey FROM contribution WHERE key = ? AND kind IN ('badge', 'assertion', 'profile')")
        query.bind(subjectKey)
        var kinds = Set<String>()
        var issuers: [String] = []
        try query.forEachRow { row in
            if let kind = row.string(0) { kinds.insert(kind) }
            if let issuer = row.string(1) { issuers.append(issuer) }
        }
        if kinds.contains("badge") { return (.badge, issuers) }
        if kinds.contains("assertion") { return (.assertion, issuers) }
        if kinds.contains("profile") { return (.profile, issuers) }
        return (.unknown, issuers)
    }

    /// A fetch of an endorsement's target: its document id, HTTP status and fetch error.
    struct TargetDocument {
        var id: Int64
        var status: Int?
        var error: String?
    }

    /// `acknowledged` from the target's own document (fetched at the target IRI, or declaring it as its root id).
    func acknowledgement(subjectKey: String?, listers: Set<Int64>) throws -> (Acknowledgement, String?) {
        guard let subjectKey else { return (.unknown, "the endorsement names no target") }
        let documents: [TargetDocument]
        if let known = memo.documents[subjectKey] {
            documents = known
        } else {
            var query = try BoundStatement(db, "SELECT id, status, error FROM document WHERE urlKey = ?1 OR rootKey = ?1 ORDER BY fetchedAt DESC")
            query.bind(subjectKey)
            var found: [TargetDocument] = []
            try query.forEachRow { found.append(TargetDocument(id: $0.int64(0) ?? 0, status: $0.int(1), error: $0.string(2))) }
            documents = found
            memo.documents[subjectKey] = found
        }
        let good = documents.filter { (200..<300).contains($0.status ?? 0) }
        if !good.isEmpty {
            return good.contains { listers.contains($0.id) } ? (.acknowledged, nil) : (.unacknowledged, nil)
        }
        if let failed = documents.first {
            if let error = failed.error { return (.unknown, "target fetch failed: \(error)") }
            if failed.status == 410 { return (.unknown, "target is gone (HTTP 410, revoked)") }
            return (.unknown, "target fetch failed: HTTP \(failed.status.map(String.init) ?? "no response")")
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
    ) -> ([Publisher], VerificationLevel) {
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
        let verification: VerificationLevel = byEndorser ? .hosted : (onlyIssuer && !sources.isEmpty ? .issuerEmbedded : .unverified)
        return (publishers, verification)
    }
}
