import EndorsementStore
import Foundation
import Hummingbird
import OpenBadges

/// The JSON API: every answer is a `QueryModels` value encoded by ``JSONOutput``; every failure a ``LookupError`` body.
///
/// Handlers never throw: input problems become 4xx answers here, so nothing a client sends can produce a 500.
struct APIRoutes: Sendable {
    let queries: IndexQueries
    /// Identical requests against an unchanged index are answered from here.
    let cache: AnswerCache

    func register(on router: Router<EndorseRequestContext>) {
        router.get("/healthz") { _, _ in health() }
        let queries = queries
        let cache = cache
        router.get("/api/search") { request, context in
            await Self.answer(request, context, cache) { items throws(LookupError) in
                try Self.encode(queries.search(Self.searchParameters(items)))
            }
        }
        router.get("/api/endorsers") { request, context in
            await Self.answer(request, context, cache) { items throws(LookupError) in
                try Self.encode(queries.endorsers(ofBadge: try Self.required("badge", in: items)))
            }
        }
        router.get("/api/endorsed-by") { request, context in
            await Self.answer(request, context, cache) { items throws(LookupError) in
                try Self.encode(queries.endorsements(byEndorser: try Self.required("endorser", in: items)))
            }
        }
        router.get("/api/documents") { request, context in
            await Self.answer(request, context, cache) { items throws(LookupError) in
                try Self.encode(queries.document(id: try Self.required("id", in: items)))
            }
        }
        router.get("/api/stats") { request, context in
            await Self.answer(request, context, cache) { _ throws(LookupError) in try Self.encode(queries.stats()) }
        }
    }

    /// The search parameters named as in the HTTP API (`q`, `limit`, `offset`, `all`, `endorser`, `issuer`, `acknowledged`, `verification`).
    static func searchParameters(_ items: QueryItems) -> SearchParameters {
        SearchParameters(
            text: items["q"], limit: items["limit"], offset: items["offset"], all: items["all"], endorser: items["endorser"],
            issuer: items["issuer"], acknowledged: items["acknowledged"], verification: items["verification"])
    }

    static func required(_ name: String, in items: QueryItems) throws(LookupError) -> String {
        guard let value = items[name], !value.allSatisfy(\.isWhitespace) else {
            throw LookupError(.missingParameter, "the \(name) parameter is missing: add ?\(name)=IRI-or-words")
        }
        return value
    }

    /// Decodes the query string and runs `body` off the concurrency pool (``BlockingWork``), mapping errors to JSON
    /// answers; an identical request against the same index is answered from `cache`.
    private static func answer(
        _ request: Request, _ context: EndorseRequestContext, _ cache: AnswerCache,
        _ body: @escaping @Sendable (QueryItems) throws(LookupError) -> Data
    ) async -> Response {
        let query = request.uri.query
        return await cache.respond(to: request, context: context, contentType: Response.jsonContentType) {
            do {
                return (.ok, ByteBuffer(bytes: try body(try QueryItems(query))))
            } catch {
                let failure = LookupError.wrapping(error)
                return (failure.httpStatus, ByteBuffer(bytes: JSONOutput.errorBody(failure)))
            }
        }
    }

    static func encode(_ value: some Encodable) throws(LookupError) -> Data {
        do {
            return try JSONOutput.makeEncoder().encode(value)
        } catch {
            throw LookupError(.database, "could not encode the answer: \(error)")
        }
    }

    /// `{"status": "ok"}`, or 503 with an error body when the database cannot be read.
    private func health() -> Response {
        do {
            _ = try queries.store.changeToken()
            return Response.json(Data(#"{"status":"ok"}"#.utf8))
        } catch {
            return LookupError.wrapping(error).response().withStatus(.serviceUnavailable)
        }
    }
}

extension Response {
    fileprivate func withStatus(_ status: HTTPResponse.Status) -> Response {
        var response = self
        response.status = status
        return response
    }
}
