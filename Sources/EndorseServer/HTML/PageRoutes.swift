import EndorsementStore
import Foundation
import Hummingbird

/// `GET /`: the HTML search page, rendered on the server (no script, no external resources).
///
/// `/?q=words` shows search results, `/?badge=IRI-or-words` a badge's endorsers, `/?endorser=IRI-or-words` what an
/// endorser endorses; errors are shown in the page with the same status the JSON API would use.
struct PageRoutes: Sendable {
    let queries: IndexQueries
    /// Identical requests against an unchanged index are answered from here.
    let cache: AnswerCache

    func register(on router: Router<EndorseRequestContext>) {
        router.get("/") { request, context in
            await cache.respond(to: request, context: context, contentType: Response.htmlContentType) {
                let (status, html) = render(request)
                return (status, ByteBuffer(string: html))
            }
        }
    }

    private func render(_ request: Request) -> (HTTPResponse.Status, String) {
        var page = HTMLPage()
        do {
            let items = try QueryItems(request.uri.query)
            page.query = items["q"] ?? ""
            page.includeUnendorsed = (try? SearchParameters.boolean(items["all"], name: "all")) ?? false
            if let badge = items["badge"] {
                page.body = page.badgeView(try queries.endorsers(ofBadge: badge))
            } else if let endorser = items["endorser"] {
                page.body = page.endorserView(try queries.endorsements(byEndorser: endorser))
            } else if items["q"] != nil {
                let parameters = APIRoutes.searchParameters(items)
                page.body = page.resultsView(try queries.search(parameters), parameters: parameters)
            } else {
                page.body = page.welcome((try? queries.stats()))
            }
            return (.ok, page.document())
        } catch {
            let lookupError = LookupError.wrapping(error)
            page.body = page.errorView(lookupError, lookingFor: lookupError.code == .ambiguous ? ambiguousKind(request) : nil)
            return (lookupError.httpStatus, page.document())
        }
    }

    /// Which parameter the ambiguous words came from, to link the candidates to the right view.
    private func ambiguousKind(_ request: Request) -> String? {
        let items = try? QueryItems(request.uri.query)
        return items?["badge"] != nil ? "badge" : "endorser"
    }
}
