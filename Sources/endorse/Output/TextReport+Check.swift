import BadgeCheck
import EndorsementStore
import Foundation
import OpenBadges
import Verification

extension TextReport {
    /// `endorse check`: the verdict first (one screen's worth), then the facts, then the endorsements.
    static func check(_ report: CheckReport, databasePath: String?) -> String {
        var text = report.summary + "\n"
        if report.reasons.count > 1 {
            for reason in report.reasons { text += "  - " + reason + "\n" }
        }
        text += "\n"
        if let badge = report.badge {
            text += field("Badge", badge.name ?? "(no name)") + field("", badge.id.string, cut: false)
        }
        if let issuer = report.issuer {
            text += field("Issuer", issuer.name ?? "(no name)") + field("", issuer.id.string, cut: false)
        }
        if let id = report.award.id { text += field("Award", id.string, cut: false) }
        if let date = report.award.issuedOn { text += field("Issued", date.formatted(.iso8601.year().month().day())) }
        if let date = report.award.expires { text += field("Expires", date.formatted(.iso8601.year().month().day())) }
        var read = report.input.kind.uppercased()
        if let place = report.input.bakedIn { read += ", " + place }
        text += field("Read from", read + ": " + report.input.payload)
        for warning in report.input.warnings { text += field("", "warning: " + warning) }
        text += field("Proof", report.method.rawValue)
        if let hosted = report.hosted { text += field("Hosted", fact(hosted)) }
        if let signature = report.signature {
            text += field("Signature", fact(signature.signature))
            if let key = signature.keyID { text += field("Key", key, cut: false) }
            text += field("Key binding", fact(signature.keyBinding)) + field("Status", fact(signature.status))
            text += field("Validity", fact(signature.validity))
        }
        if let recipient = report.recipient, let match = report.recipientMatch {
            text += field("Recipient", "\(recipient): " + fact(match))
        } else {
            text += field("Recipient", "not checked (give --recipient EMAIL)")
        }
        for note in report.notes { text += field("Note", note) }
        text += "\nEndorsements of this badge: \(report.endorsements.count)\n"
        text += checkedEndorsements(report.endorsements)
        text += "\nEndorsements of its issuer: \(report.issuerEndorsements.count)\n"
        text += checkedEndorsements(report.issuerEndorsements)
        let fetched = report.fetched.count
        text += "\nFetched \(fetched) document\(fetched == 1 ? "" : "s")"
        if report.saved, let databasePath {
            text += "; recorded in \(databasePath)"
        } else if fetched > 0 {
            text += "; not recorded in the index"
        }
        return text + ".\n"
    }

    private static func checkedEndorsements(_ list: [CheckedEndorsement]) -> String {
        var text = endorsements(list.map(\.endorsement), showTarget: false)
        let vouched = list.filter { $0.endorserEndorsements > 0 }
        for entry in vouched {
            let name = entry.endorsement.endorser.map { $0.name ?? $0.id.string } ?? "the endorser"
            let count = entry.endorserEndorsements
            text += "  " + TextTable.fit("\(name) is itself endorsed (\(count) endorsement\(count == 1 ? "" : "s") in the index)", to: width - 2) + "\n"
        }
        return text
    }

    private static func fact<State>(_ fact: Fact<State>) -> String {
        fact.state.rawValue + (fact.detail.map { " (\($0))" } ?? "")
    }
}
