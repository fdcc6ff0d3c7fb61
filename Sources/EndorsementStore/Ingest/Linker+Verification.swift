import Foundation
import GRDB
import OpenBadges
import Verification

extension Linker {
    /// Verifies an endorsement's signed copy against the documents the index holds, and records which
    /// documents the verification read or asked for (`verificationSource`), so that a later fetch of any of
    /// them re-verifies it. URLs it asked for and the index lacks are collected for the frontier
    /// (``verificationNeeds``).
    func verifySignedCopy(of key: String, token: String) throws -> VerificationReport {
        let source = StoredDocuments(db: db)
        let report = Verifier(now: verificationTime).verify(signedCopy: token, source: source)
        try recordVerificationSources(of: key, urls: source.consulted)
        for url in report.needed { noteVerificationNeed(url) }
        return report
    }

    /// Replaces the documents an endorsement's verification depends on (none: it has no signed copy).
    func recordVerificationSources(of key: String, urls: Set<String>) throws {
        // Most indexes hold no signed endorsement: then there is nothing to clear, and no statement is spent.
        guard try !urls.isEmpty || hasVerificationSources() else { return }
        var clear = try BoundStatement(db, "DELETE FROM verificationSource WHERE endorsementKey = ?")
        clear.bind(key)
        try clear.run()
        guard !urls.isEmpty else { return }
        noteVerificationSourcesWritten()
        var insert = try BoundStatement(db, "INSERT OR IGNORE INTO verificationSource(url, endorsementKey) VALUES (?, ?)")
        for url in urls.sorted() {
            insert.bind(url)
            insert.bind(key)
            try insert.run()
        }
    }

    /// The JSON stored in `endorsement.facts` (``VerificationReport/json``, read back with `JSONDecoder`).
    static func factsJSON(_ report: VerificationReport) -> String? { report.json }

    /// The endorsements whose verification read or asked for a document at one of `documentKeys` (match keys).
    func endorsementsVerifiedWith(_ documentKeys: Set<String>) throws -> Set<String> {
        guard try hasVerificationSources() else { return [] }
        var found: Set<String> = []
        var query = try BoundStatement(db, "SELECT endorsementKey FROM verificationSource WHERE url = ?")
        for documentKey in documentKeys {
            query.bind(documentKey)
            try query.forEachRow { if let key = $0.string(0) { found.insert(key) } }
        }
        return found
    }

    /// The level shown for an endorsement: `signed` or `invalid` from its signed copy when that is decisive,
    /// else what its provenance says.
    static func level(provenance: VerificationLevel, outcome: VerificationOutcome?) -> VerificationLevel {
        switch outcome {
        case .verified?: .signed
        case .invalid?: .invalid
        default: provenance
        }
    }

    /// What an endorsement's signed copy gives: its report as JSON, the token's digest and the outcome.
    struct SignedCopyFacts {
        var json: String?
        var digest: String
        var outcome: VerificationOutcome
    }

    /// The facts of the endorsement's signed copy `token` (nil when no copy is signed). An endorsement is relinked
    /// whenever its target, listers or issuer change; when the token is the one already checked and no document
    /// its check read has changed in this transaction, the stored facts are kept instead of checking again (a
    /// crawl relinked each signed endorsement three to four times).
    func signedCopyFacts(of key: String, token: String?) throws -> SignedCopyFacts? {
        guard let token else {
            try recordVerificationSources(of: key, urls: [])
            return nil
        }
        let digest = SignedToken.digest(of: token)
        if !reverifiesAll, let check = offlineChecks[digest] {
            try recordVerificationSources(of: key, urls: [])
            return SignedCopyFacts(json: check.factsJSON, digest: digest, outcome: check.outcome)
        }
        if !reverifiesAll, !needsReverification(key) {
            var stored = try BoundStatement(db, "SELECT factsDigest, factsOutcome, facts FROM endorsement WHERE key = ?")
            stored.bind(key)
            let previous = try stored.first { (digest: $0.string(0), outcome: $0.string(1), json: $0.string(2)) }
            if let previous, previous.digest == digest, let outcome = previous.outcome.flatMap(VerificationOutcome.init(rawValue:)) {
                return SignedCopyFacts(json: previous.json, digest: digest, outcome: outcome)
            }
        }
        let report = try verifySignedCopy(of: key, token: token)
        return SignedCopyFacts(json: Self.factsJSON(report), digest: digest, outcome: report.outcome)
    }
}

/// The index's fetched documents as a ``KeySource``: a document with a 2xx status answers its body, a failed
/// fetch or a finished frontier entry (refused address, robots.txt, given up) answers why, redirects recorded
/// as documents of their own are followed (at most 5 hops), and anything else is not fetched yet.
///
/// Looks up by exact canonical URL, so an `http` copy never answers for an `https` URL (did:web and
/// `.well-known/jwks.json` are https-only). Remembers every URL asked, by match key, in ``consulted``.
final class StoredDocuments: KeySource {
    private let db: Database
    private(set) var consulted: Set<String> = []

    init(db: Database) { self.db = db }

    func answer(for url: IRI) -> KeySourceAnswer {
        do {
            return try lookUp(url.canonical, hopsLeft: 5)
        } catch {
            return .unavailable("the index could not be read")
        }
    }

    private func lookUp(_ url: IRI, hopsLeft: Int) throws -> KeySourceAnswer {
        consulted.insert(url.matchKey)
        var document = try BoundStatement(db, "SELECT status, error, redirectTo, body FROM document WHERE url = ?")
        document.bind(url.string)
        let row = try document.first { (status: $0.int(0), error: $0.string(1), redirectTo: $0.string(2), body: $0.blob(3)) }
        guard let row else {
            var frontier = try BoundStatement(db, "SELECT state, code, detail FROM frontier WHERE url = ?")
            frontier.bind(url.string)
            let entry = try frontier.first { (state: $0.int(0) ?? 0, code: $0.string(1), detail: $0.string(2)) }
            if let entry, entry.state >= 2, let code = entry.code {
                return .unavailable([code, entry.detail].compactMap { $0 }.joined(separator: ": "))
            }
            return .notFetched
        }
        let status = row.status ?? 0
        if (300..<400).contains(status), let target = row.redirectTo {
            guard hopsLeft > 0 else { return .unavailable("more than 5 redirects") }
            let next = IRI(target).canonical
            guard next.scheme == url.scheme || next.scheme == "https" else {
                return .unavailable("redirected from https to \(next.scheme ?? "another scheme")")
            }
            return try lookUp(next, hopsLeft: hopsLeft - 1)
        }
        if (200..<300).contains(status), let body = row.body { return .document(body) }
        if let error = row.error { return .unavailable(error) }
        return .unavailable("HTTP \(status)")
    }
}
