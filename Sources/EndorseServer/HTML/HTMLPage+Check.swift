import BadgeCheck
import EndorsementStore
import Foundation
import OpenBadges
import Verification

extension HTMLPage {
    /// The "Check a badge" form: a file upload and a URL field, posted as `multipart/form-data` (no script).
    func checkForm(recipient: String?, url: String?) -> String {
        """
        <section class="check-form">
        <h2>Check a badge</h2>
        <p>Upload the badge a candidate sent you (a baked PNG or SVG image, a JSON file or a JWT), or give its link. \
        endorse checks that the issuer stands behind it, that it was awarded to the address you give, and who endorses it, \
        including endorsers the issuer never mentions.</p>
        <form method="post" action="/check" enctype="multipart/form-data" id="check-form">
        <p><label>Badge file <input type="file" name="badge" id="check-file" accept="image/png,image/svg+xml,application/json,.json,.jwt,.jws,.png,.svg"></label></p>
        <p><label>or its URL <input type="url" name="url" id="check-url" value="\(HTMLText.escape(url ?? ""))" placeholder="https://issuer.example/assertions/123"></label></p>
        <p><label>Awarded to (email) <input type="email" name="recipient" id="check-recipient" value="\(HTMLText.escape(recipient ?? ""))" placeholder="candidate@example.org"></label></p>
        <p><button type="submit" id="check-submit">Check</button></p>
        </form>
        </section>

        """
    }

    /// The verdict, the facts, then the endorsements of the badge and of its issuer.
    mutating func checkView(_ report: CheckReport) -> String {
        title = "\(report.verdict == .valid ? "Valid" : report.verdict == .notValid ? "Not valid" : "Could not check"): "
            + "\(report.badge?.name ?? "badge") - endorse"
        var html = "<article class=\"check-view\">\n"
        html += "<p class=\"verdict verdict-\(report.verdict.rawValue)\" id=\"verdict\" data-verdict=\"\(report.verdict.rawValue)\">"
        html += HTMLText.escape(report.summary) + "</p>\n"
        if report.reasons.count > 1 {
            html += "<ul class=\"reasons\">\n" + report.reasons.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
        }
        html += "<dl class=\"facts\">\n"
        func fact(_ name: String, _ value: String) { html += "<dt>\(HTMLText.escape(name))</dt><dd>\(HTMLText.escape(value))</dd>\n" }
        if let badge = report.badge {
            html += "<dt>Badge</dt><dd><a href=\"\(HTMLText.link([("badge", badge.id.string)]))\">\(HTMLText.escape(badge.name ?? badge.id.string))</a>"
            html += " <span class=\"iri\">\(HTMLText.escape(badge.id.string))</span></dd>\n"
        }
        if let issuer = report.issuer { fact("Issuer", (issuer.name.map { $0 + " " } ?? "") + issuer.id.string) }
        if let id = report.award.id { fact("Award", id.string) }
        if let date = report.award.issuedOn { fact("Issued", date.formatted(.iso8601.year().month().day())) }
        if let date = report.award.expires { fact("Expires", date.formatted(.iso8601.year().month().day())) }
        fact("Read from", report.input.kind.uppercased() + (report.input.bakedIn.map { ", " + $0 } ?? "") + ": " + report.input.payload)
        fact("Proof", report.method.rawValue)
        if let hosted = report.hosted { fact("Hosted", hosted.state.rawValue + (hosted.detail.map { ": " + $0 } ?? "")) }
        if let signature = report.signature { fact("Signature", signature.summary) }
        if let recipient = report.recipient, let match = report.recipientMatch {
            fact("Recipient", "\(recipient): \(match.state.rawValue)" + (match.detail.map { " (\($0))" } ?? ""))
        }
        for warning in report.input.warnings { fact("Warning", warning) }
        for note in report.notes { fact("Note", note) }
        html += "</dl>\n"
        html += "<h3>Endorsements of this badge (\(report.endorsements.count))</h3>\n"
        html += checkedEndorsements(report.endorsements, empty: "Nobody endorses this badge in the index or its documents.")
        html += "<h3>Endorsements of its issuer (\(report.issuerEndorsements.count))</h3>\n"
        html += checkedEndorsements(report.issuerEndorsements, empty: "Nobody endorses the issuer in the index or its documents.")
        html += "<p><a href=\"/check\">Check another badge</a></p>\n"
        return html + "</article>\n"
    }

    /// A check that could not start: the error, then the form again.
    mutating func checkError(code: String, message: String) -> String {
        title = "Cannot check - endorse"
        return "<p class=\"error\" id=\"error\" data-code=\"\(HTMLText.escape(code))\">\(HTMLText.escape(message))</p>\n"
            + checkForm(recipient: nil, url: nil)
    }

    private func checkedEndorsements(_ list: [CheckedEndorsement], empty: String) -> String {
        var html = endorsementList(list.map(\.endorsement), showTarget: false, empty: empty)
        let vouched = list.filter { $0.endorserEndorsements > 0 }
        if !vouched.isEmpty {
            html += "<ul class=\"endorsed-endorsers\">\n"
            for entry in vouched {
                let name = entry.endorsement.endorser.map { $0.name ?? $0.id.string } ?? "the endorser"
                let count = entry.endorserEndorsements
                html += "<li>\(HTMLText.escape(name)) is itself endorsed (\(count) endorsement\(count == 1 ? "" : "s") in the index)</li>\n"
            }
            html += "</ul>\n"
        }
        return html
    }
}
