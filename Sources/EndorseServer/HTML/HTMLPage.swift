import EndorsementStore
import Foundation
import OpenBadges
import Verification

/// The HTML of one page: a search form and one view (results, a badge's endorsers, an endorser's endorsements,
/// a welcome or an error). Every stored or user text is escaped with ``HTMLText``.
struct HTMLPage {
    var query = ""
    var includeUnendorsed = false
    var title = "endorse"
    var body = ""

    func document() -> String {
        let checked = includeUnendorsed ? " checked" : ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>\(PageStyle.css)</style>
            </head>
            <body>
            <header>
            <h1><a href="/">endorse</a></h1>
            <form method="get" action="/" role="search">
            <input type="search" name="q" value="\(HTMLText.escape(query))" placeholder="Search endorsed badges, e.g. python" \
            aria-label="Search endorsed badges" maxlength="\(SearchParameters.maxQueryLength)" autofocus>
            <label><input type="checkbox" name="all" value="true"\(checked)> include badges nobody endorses</label>
            <button type="submit">Search</button>
            </form>
            <nav class="tools"><a href="/check" id="check-link">Check a badge</a></nav>
            </header>
            <main id="main">
            \(body)
            </main>
            <footer>JSON: <a href="/api/stats">/api/stats</a>, /api/search?q=, /api/endorsers?badge=, /api/endorsed-by?endorser=, POST /api/check</footer>
            </body>
            </html>

            """
    }

    func welcome(_ stats: IndexStats?) -> String {
        guard let stats else { return "<p>Search the badges people and organisations endorse.</p>" }
        return """
            <p>Search the badges people and organisations endorse. The index holds \(stats.badges) badges, \(stats.profiles) profiles \
            and \(stats.endorsements) endorsements from \(stats.hosts) hosts.</p>
            """
    }

    mutating func resultsView(_ page: SearchPage, parameters: SearchParameters) -> String {
        title = "\(query) - endorse"
        guard !page.hits.isEmpty else {
            return #"<p class="summary" id="summary">No endorsed badge matches <q>\#(HTMLText.escape(page.query))</q>.</p>"#
        }
        let last = page.offset + page.hits.count
        var html = #"<p class="summary" id="summary">\#(page.total)\#(page.totalIsExact ? "" : "+") badge\#(page.total == 1 ? "" : "s") match "#
        html += "<q>\(HTMLText.escape(page.query))</q>; showing \(page.offset + 1) to \(last).</p>\n<ol class=\"hits\" id=\"results\">\n"
        for hit in page.hits {
            html += hitView(hit)
        }
        html += "</ol>\n"
        html += pager(page, parameters: parameters)
        return html
    }

    private func hitView(_ hit: BadgeHit) -> String {
        var html = "<li class=\"hit\">\n<a class=\"badge\" href=\"\(HTMLText.link([("badge", hit.id.string)]))\">"
        html += HTMLText.escape(hit.name ?? hit.id.string) + "</a>"
        if let issuer = hit.issuer {
            html += " <span class=\"issuer\">issued by \(HTMLText.escape(issuer.name ?? issuer.id.string))</span>"
        }
        html += "\n<div class=\"endorsers\">"
        if hit.endorsementCount == 0 {
            html += "<span class=\"label none\">no endorsements</span>"
        } else {
            let names = hit.endorsers.prefix(5).map { profileLink($0) }.joined(separator: ", ")
            let more = hit.endorsers.count > 5 ? " and \(hit.endorsers.count - 5) more" : ""
            let count = "\(hit.endorsementCount) endorsement\(hit.endorsementCount == 1 ? "" : "s")"
            html += "<span class=\"count\">\(count)</span> by \(names)\(more)"
        }
        html += "</div>\n"
        if let snippet = hit.snippet, !snippet.isEmpty {
            html += "<p class=\"snippet\">\(HTMLText.snippet(snippet))</p>\n"
        }
        return html + "</li>\n"
    }

    private func pager(_ page: SearchPage, parameters: SearchParameters) -> String {
        func link(offset: Int, text: String) -> String {
            var items = [("q", page.query), ("offset", String(offset)), ("limit", String(page.limit))]
            if includeUnendorsed { items.append(("all", "true")) }
            for (name, value) in [("endorser", parameters.endorser), ("issuer", parameters.issuer), ("acknowledged", parameters.acknowledged)] {
                if let value { items.append((name, value)) }
            }
            return "<a href=\"\(HTMLText.link(items))\">\(text)</a>"
        }
        var links: [String] = []
        if page.offset > 0 { links.append(link(offset: max(0, page.offset - page.limit), text: "&larr; previous")) }
        if page.offset + page.hits.count < page.total { links.append(link(offset: page.offset + page.limit, text: "next &rarr;")) }
        return links.isEmpty ? "" : "<nav class=\"pager\">\(links.joined(separator: " "))</nav>\n"
    }

    mutating func badgeView(_ answer: BadgeEndorsements) -> String {
        let badge = answer.badge
        title = "\(badge.name ?? badge.id.string) - endorse"
        var html = "<article class=\"badge-view\">\n<h2>\(HTMLText.escape(badge.name ?? badge.id.string))</h2>\n"
        html += "<p class=\"iri\"><a href=\"\(HTMLText.escape("/api/documents?id=" + HTMLText.queryValue(badge.id.string)))\">"
        html += HTMLText.escape(badge.id.string) + "</a></p>\n"
        if let issuer = badge.issuer { html += "<p class=\"issuer\">Issued by \(profileLink(issuer))</p>\n" }
        if let description = badge.description { html += "<p class=\"description\">\(HTMLText.escape(description))</p>\n" }
        html += "<h3>Endorsements of this badge (\(answer.endorsements.count))</h3>\n"
        html += endorsementList(answer.endorsements, showTarget: false, empty: "Nobody endorses this badge yet.")
        html += "<h3>Endorsements of its issuer (\(answer.issuerEndorsements.count))</h3>\n"
        html += endorsementList(answer.issuerEndorsements, showTarget: false, empty: "Nobody endorses the issuer yet.")
        return html + "</article>\n"
    }

    mutating func endorserView(_ answer: EndorserEndorsements) -> String {
        let name = answer.endorser.name ?? answer.endorser.id.string
        title = "Endorsed by \(name) - endorse"
        var html = "<article class=\"endorser-view\">\n<h2>Endorsed by \(HTMLText.escape(name))</h2>\n"
        html += "<p class=\"iri\">\(HTMLText.escape(answer.endorser.id.string))</p>\n"
        html += endorsementList(answer.endorsements, showTarget: true, empty: "This endorser endorses nothing in the index.")
        return html + "</article>\n"
    }

    mutating func errorView(_ error: LookupError, lookingFor kind: String?) -> String {
        title = "Error - endorse"
        var html = "<p class=\"error\" id=\"error\" data-code=\"\(error.code.rawValue)\">\(HTMLText.escape(error.message))</p>\n"
        if !error.candidates.isEmpty, let kind {
            html += "<ul class=\"candidates\">\n"
            for candidate in error.candidates {
                html +=
                    "<li><a href=\"\(HTMLText.link([(kind, candidate.id.string)]))\">\(HTMLText.escape(candidate.name ?? candidate.id.string))</a>"
                if let issuer = candidate.issuer { html += " <span class=\"issuer\">issued by \(HTMLText.escape(issuer))</span>" }
                html += "</li>\n"
            }
            html += "</ul>\n"
        }
        return html
    }

    func endorsementList(_ endorsements: [EndorsementView], showTarget: Bool, empty: String) -> String {
        guard !endorsements.isEmpty else { return "<p class=\"empty\">\(empty)</p>\n" }
        return "<ul class=\"endorsements\">\n" + endorsements.map { endorsementView($0, showTarget: showTarget) }.joined() + "</ul>\n"
    }

    private func endorsementView(_ endorsement: EndorsementView, showTarget: Bool) -> String {
        var html = "<li class=\"endorsement\">\n<div class=\"who\">"
        if let endorser = endorsement.endorser {
            html += profileLink(endorser) + " <span class=\"iri\">\(HTMLText.escape(endorser.id.string))</span>"
        } else {
            html += "<span class=\"unknown\">endorser unknown</span>"
        }
        if showTarget, let target = endorsement.target {
            let name = HTMLText.escape(endorsement.targetName ?? target.string)
            let href =
                endorsement.targetKind == .badge || endorsement.targetKind == .assertion
                ? HTMLText.link([("badge", target.string)]) : HTMLText.escape("/api/documents?id=" + HTMLText.queryValue(target.string))
            html += " endorses the \(endorsement.targetKind.rawValue) <a href=\"\(href)\">\(name)</a>"
        }
        html += "</div>\n<div class=\"labels\">"
        let problem = endorsement.targetProblem.map { " title=\"\(HTMLText.escape($0))\"" } ?? ""
        html +=
            "<span class=\"label ack-\(endorsement.acknowledged.rawValue)\"\(problem)>\(HTMLText.escape(Labels.long(endorsement.acknowledged)))</span> "
        html += "<span class=\"label ver-\(endorsement.verification.rawValue)\">\(HTMLText.escape(Labels.long(endorsement.verification)))</span> "
        html += "<span class=\"label pub\">\(HTMLText.escape(Labels.publishedBy(endorsement.publishedBy)))</span>"
        if endorsement.revoked { html += " <span class=\"label revoked\">revoked</span>" }
        html += "</div>\n"
        if let check = endorsement.signatureCheck {
            let invalid = check.outcome == .invalid ? " invalid" : ""
            html += "<p class=\"signature\(invalid)\">\(HTMLText.escape(check.summary))</p>\n"
        }
        if let comment = endorsement.comment, !comment.isEmpty {
            html += "<blockquote class=\"comment\">\(HTMLText.escape(comment))</blockquote>\n"
        }
        if let issuedOn = endorsement.issuedOn {
            html += "<p class=\"date\">issued \(HTMLText.escape(issuedOn.formatted(.iso8601.year().month().day())))</p>\n"
        }
        return html + "</li>\n"
    }

    private func profileLink(_ profile: ProfileSummary) -> String {
        "<a class=\"profile\" href=\"\(HTMLText.link([("endorser", profile.id.string)]))\">\(HTMLText.escape(profile.name ?? profile.id.string))</a>"
    }
}
