import EndorsementStore
import HTTPTypes
import Hummingbird

/// Adds an `ETag` to successful GET responses derived from the database and answers `304 Not Modified` when the
/// client's `If-None-Match` matches, without running the query.
///
/// The change token is read before the handler runs: if a crawl commits in between, the response carries the older
/// tag with newer content, which only costs the client one extra full response later, never a stale one.
struct ConditionalGetMiddleware: RouterMiddleware {
    typealias Context = EndorseRequestContext

    let store: EndorsementStore
    /// Paths whose answers do not come from the database (`/healthz`).
    let exemptPaths: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, !exemptPaths.contains(request.uri.path),
            let token = try? store.changeToken()
        else {
            return try await next(request, context)
        }
        let tag = EntityTag.make(changeToken: token, target: request.uri.string)
        if let header = request.headers[.ifNoneMatch], EntityTag.matches(ifNoneMatch: header, tag: tag) {
            return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
        }
        var context = context
        context.changeToken = token
        var response = try await next(request, context)
        if response.status == .ok {
            response.headers[.eTag] = tag
            // Clients may keep the answer but must revalidate: the crawler can change the index at any time.
            response.headers[.cacheControl] = "no-cache"
        }
        return response
    }
}
