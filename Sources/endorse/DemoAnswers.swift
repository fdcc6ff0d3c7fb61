import EndorsementStore
import Foundation
import OpenBadges
import Verification

/// The example searches and lookups `endorse demo` prints after its crawl, through the store's query API.
struct DemoAnswers {
    let store: EndorsementStore
    let databasePath: String

    func print() {
        let out = { (line: String) in Swift.print(line) }
        do {
            let page = try store.search(SearchQuery(text: "data science", limit: 3))
            out("Search \"data science\": \(page.total) endorsed badge(s)")
            for hit in page.hits {
                let endorsers = hit.endorsers.map { $0.name ?? $0.id.string }.joined(separator: ", ")
                out("  \(hit.name ?? hit.id.string)  (\(hit.endorsementCount) endorsement(s): \(endorsers))")
            }
            guard let badge = page.hits.first?.id else { return nextSteps(badge: nil, endorser: nil) }
            let lookup = try store.endorsers(ofBadge: badge)
            out("\nWho endorses \"\(lookup.badge.name ?? badge.string)\"?")
            for endorsement in lookup.endorsements + lookup.issuerEndorsements {
                let who = endorsement.endorser?.name ?? endorsement.endorser?.id.string ?? "unknown endorser"
                let published = endorsement.publishedBy.map(\.rawValue).joined(separator: "+")
                out(
                    "  \(who): \(endorsement.acknowledged.rawValue), \(endorsement.verification.rawValue), published by \(published.isEmpty ? "?" : published)"
                        + (endorsement.target == badge ? "" : " (endorses the issuer)"))
            }
            let endorser = lookup.endorsements.compactMap(\.endorser).first
            if let endorser {
                let endorsed = try store.endorsements(byEndorser: endorser.id)
                out("\nWhat does \(endorsed.endorser.name ?? endorser.id.string) endorse?")
                for endorsement in endorsed.endorsements {
                    out(
                        "  \(endorsement.targetName ?? endorsement.target?.string ?? "?") [\(endorsement.targetKind.rawValue)]: \(endorsement.acknowledged.rawValue), \(endorsement.verification.rawValue)"
                    )
                    // Signed by whom, or why not: what an employer reads before trusting the line above.
                    if let check = endorsement.signatureCheck { out("      \(check.summary)") }
                }
            }
            nextSteps(badge: badge, endorser: endorser?.id)
        } catch {
            out("(the example queries failed: \(error))")
            nextSteps(badge: nil, endorser: nil)
        }
    }

    private func nextSteps(badge: IRI?, endorser: IRI?) {
        let db = databasePath == EndorsementStore.defaultPath ? "" : " --db \(databasePath)"
        Swift.print(
            """

            Try next:
              endorse search "machine learning"\(db)
              endorse endorsers \(badge.map { "'\($0)'" } ?? "'data science foundations'")\(db)
              endorse endorsed-by \(endorser.map { "'\($0)'" } ?? "'quality council'")\(db)
              endorse stats\(db)
              endorse serve\(db)     # then open http://127.0.0.1:8080
            """)
    }
}
