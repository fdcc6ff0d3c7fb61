import EndorseServer
import EndorsementStore
import Foundation
import OpenBadges
import Verification

/// The human-readable answers of the query commands, laid out for an 80-column terminal.
enum TextReport {
    static let width = 80

    static func search(_ page: SearchPage) -> String {
        guard !page.hits.isEmpty else {
            return page.total == 0
                ? "No endorsed badge matches \"\(page.query)\". Try other words, or --all to include badges nobody endorses.\n"
                : "No results at offset \(page.offset); there are \(page.total).\n"
        }
        var text = "\(page.total)\(page.totalIsExact ? "" : "+") badge\(page.total == 1 ? "" : "s") match \"\(TextTable.fit(page.query, to: 40))\""
        text += " (showing \(page.offset + 1)-\(page.offset + page.hits.count))\n\n"
        let table = TextTable(columns: [
            .init("#", width: 3), .init("BADGE", width: 30), .init("ISSUER", width: 24), .init("ENDORSEMENTS", width: 12),
        ])
        text += table.line(table.columns.map(\.title)) + "\n"
        for (index, hit) in page.hits.enumerated() {
            text +=
                table.line([
                    String(page.offset + index + 1), hit.name ?? "(no name)", hit.issuer.map { $0.name ?? $0.id.string } ?? "-",
                    String(hit.endorsementCount),
                ]) + "\n"
            let endorsers = hit.endorsers.map { $0.name ?? $0.id.string }
            if !endorsers.isEmpty {
                text += "     " + TextTable.fit("by " + endorsers.joined(separator: ", "), to: width - 5) + "\n"
            }
            // IRIs are never cut: they are what the user copies into the next command.
            text += "     " + hit.id.string + "\n"
            if let snippet = hit.snippet, !snippet.isEmpty {
                text += "     " + TextTable.fit(snippet, to: width - 5) + "\n"
            }
        }
        if page.offset + page.hits.count < page.total {
            text += "\nMore: --offset \(page.offset + page.hits.count)\n"
        }
        return text
    }

    static func badge(_ answer: BadgeEndorsements) -> String {
        let badge = answer.badge
        var text = field("Badge", badge.name ?? "(no name)") + field("IRI", badge.id.string, cut: false)
        if let issuer = badge.issuer {
            text += field("Issuer", issuer.name ?? "(no name)") + field("", issuer.id.string, cut: false)
        }
        if !badge.tags.isEmpty { text += field("Tags", badge.tags.joined(separator: ", ")) }
        text += "\nEndorsements of this badge: \(answer.endorsements.count)\n"
        text += endorsements(answer.endorsements, showTarget: false)
        text += "\nEndorsements of its issuer: \(answer.issuerEndorsements.count)\n"
        text += endorsements(answer.issuerEndorsements, showTarget: false)
        return text
    }

    static func endorser(_ answer: EndorserEndorsements) -> String {
        var text = field("Endorser", answer.endorser.name ?? "(no name)") + field("IRI", answer.endorser.id.string, cut: false)
        text += "\nEndorsements: \(answer.endorsements.count)\n"
        return text + endorsements(answer.endorsements, showTarget: true)
    }

    /// One table row per endorsement, then its IRIs, date, publisher and comment, indented.
    static func endorsements(_ list: [EndorsementView], showTarget: Bool) -> String {
        guard !list.isEmpty else { return "  (none)\n" }
        let first = showTarget ? TextTable.Column("ENDORSES", width: 26) : TextTable.Column("ENDORSER", width: 26)
        let table = TextTable(columns: [
            first, .init("ACKNOWLEDGED", width: 16), .init("VERIFICATION", width: 15), .init("PUBLISHED BY", width: 15),
        ])
        var text = table.line(table.columns.map(\.title), indent: 2) + "\n"
        for endorsement in list {
            let who: String
            let iri: String
            if showTarget {
                who = endorsement.targetName ?? endorsement.target?.string ?? "(unknown target)"
                iri = "\(endorsement.targetKind.rawValue) " + (endorsement.target?.string ?? "")
            } else {
                who = endorsement.endorser.map { $0.name ?? $0.id.string } ?? "(unknown endorser)"
                iri = endorsement.endorser?.id.string ?? ""
            }
            let publishers = endorsement.publishedBy.isEmpty ? "unknown" : endorsement.publishedBy.map(\.rawValue).joined(separator: ",")
            var verification = Labels.short(endorsement.verification)
            if endorsement.revoked { verification += " REVOKED" }
            text += table.line([who, Labels.short(endorsement.acknowledged), verification, publishers], indent: 2) + "\n"
            // The IRI is never cut (it is what the user copies); the date goes beside it when it fits.
            let date = endorsement.issuedOn.map { "issued " + $0.formatted(.iso8601.year().month().day()) }
            if let date, 4 + iri.count + 2 + date.count <= width {
                text += "    \(iri)  \(date)\n"
            } else {
                if !iri.isEmpty { text += "    \(iri)\n" }
                if let date { text += "    \(date)\n" }
            }
            // Signed by whom, or why not: the IRI of the signer is never cut either.
            text += "    " + (endorsement.signatureCheck.map(\.summary) ?? "not signed") + "\n"
            if endorsement.acknowledged == .unknown, let problem = endorsement.targetProblem {
                text += "    " + TextTable.fit("target not fetched: \(problem)", to: width - 4) + "\n"
            }
            if let comment = endorsement.comment, !comment.isEmpty {
                text += "    " + TextTable.fit("\"\(comment)\"", to: width - 4) + "\n"
            }
        }
        return text
    }

    static func document(_ detail: DocumentDetail) -> String {
        var text = field("IRI", detail.id.string, cut: false) + field("Kind", detail.kind)
        if let name = detail.name { text += field("Name", name) }
        if let url = detail.fetchedFrom { text += field("Fetched", url.string, cut: false) }
        if let status = detail.status { text += field("Status", String(status)) }
        if let type = detail.contentType { text += field("Type", type) }
        if let date = detail.fetchedAt { text += field("At", date.formatted(.iso8601)) }
        if let error = detail.error { text += field("Error", error) }
        for (title, links) in [("Links out", detail.linksOut), ("Links in", detail.linksIn)] {
            text += "\n\(title): \(links.count)\n"
            for link in links {
                let head = link.name.map { TextTable.pad(link.relation, to: 12) + "  " + $0 } ?? link.relation
                text += "  " + TextTable.fit(head, to: width - 2) + "\n"
                text += "    \(link.target.string)\n"
            }
        }
        if let json = detail.json {
            text += "\nStored JSON:\n" + json + (json.hasSuffix("\n") ? "" : "\n")
        }
        return text
    }

    static func stats(_ stats: IndexStats, path: String) -> String {
        var text = field("Index", path)
        text += field("Profiles", String(stats.profiles)) + field("Badges", String(stats.badges))
        text += field("Assertions", String(stats.assertions)) + field("Endorsements", String(stats.endorsements))
        text += field("Hosts", String(stats.hosts))
        text += counts("Documents by HTTP status", stats.documentsByStatus)
        text += counts("Endorsements by acknowledgement", stats.endorsementsByAcknowledgement)
        text += counts("Endorsements by verification", stats.endorsementsByVerification)
        return text
    }

    private static func counts(_ title: String, _ values: [String: Int]) -> String {
        var text = "\n\(title):\n"
        if values.isEmpty { return text + "  (none)\n" }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            text += "  " + TextTable.pad(TextTable.fit(key, to: 24), to: 24) + "  " + String(value) + "\n"
        }
        return text
    }

    /// `Label:      value`, the value cut to fit the line.
    /// IRIs are passed with `cut: false`: they are what the user copies.
    static func field(_ label: String, _ value: String, cut: Bool = true) -> String {
        let head = TextTable.pad(label.isEmpty ? "" : label + ":", to: 14)
        return head + (cut ? TextTable.fit(value, to: width - 14) : value) + "\n"
    }
}
