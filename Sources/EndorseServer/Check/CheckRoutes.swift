import BadgeCheck
import Foundation
import Hummingbird
import NIOCore
import OpenBadges

/// `POST /api/check` (JSON) and `GET|POST /check` (the page's form): the employer's check of a badge handed over.
///
/// The only routes that fetch from the web: through the checker's fetcher (its address policy and limits), never
/// recording what they fetched (the server's index is read-only), at most ``CheckRateLimit`` checks per client.
struct CheckRoutes: Sendable {
    let checker: BadgeChecker?
    let limiter: CheckRateLimiter
    /// The largest upload, in bytes: larger bodies answer 413.
    let maxUpload: Int

    /// What a request asks to check, or why it cannot be read.
    struct Request: Sendable {
        var input: CheckInput
        var recipient: String?
    }

    /// A failure answered before any check: status, stable code, message.
    struct Refusal: Error, Sendable {
        var status: HTTPResponse.Status
        var code: String
        var message: String
        var retryAfter: Int?

        var jsonResponse: Response {
            var response = Response.json(JSONOutput.errorBody(code: code, message: message), status: status)
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            return response
        }
    }

    func register(on router: Router<EndorseRequestContext>) {
        let routes = self
        router.post("/api/check") { request, context in
            switch await routes.run(request, context: context, form: false) {
            case .success(let report): return Response.json((try? JSONOutput.makeEncoder().encode(report)) ?? Data("{}".utf8))
            case .failure(let refusal): return refusal.jsonResponse
            }
        }
        router.get("/check") { _, _ in
            var page = HTMLPage()
            page.title = "Check a badge - endorse"
            page.body = page.checkForm(recipient: nil, url: nil)
            return Response.html(page.document())
        }
        router.post("/check") { request, context in
            var page = HTMLPage()
            page.title = "Check a badge - endorse"
            switch await routes.run(request, context: context, form: true) {
            case .success(let report):
                page.body = page.checkView(report)
                return Response.html(page.document())
            case .failure(let refusal):
                page.body = page.checkError(code: refusal.code, message: refusal.message)
                var response = Response.html(page.document(), status: refusal.status)
                if let retryAfter = refusal.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
                return response
            }
        }
    }

    /// Reads the request, takes a check from the client's bucket, and checks.
    private func run(_ request: Hummingbird.Request, context: EndorseRequestContext, form: Bool) async -> Result<CheckReport, Refusal> {
        guard let checker else {
            return .failure(Refusal(status: .serviceUnavailable, code: "checkDisabled", message: "this server does not check badges"))
        }
        let asked: Request
        switch await read(request) {
        case .success(let value): asked = value
        case .failure(let refusal): return .failure(refusal)
        }
        if let wait = await limiter.take(client: context.clientAddress) {
            return .failure(
                Refusal(
                    status: .tooManyRequests, code: "rateLimited", message: "too many checks from your address; try again in \(wait) s",
                    retryAfter: wait))
        }
        do {
            return .success(try await checker.check(asked.input, recipient: asked.recipient, save: false))
        } catch {
            let status: HTTPResponse.Status = error.code == .tooLarge ? .contentTooLarge : .badRequest
            return .failure(Refusal(status: status, code: error.code.rawValue, message: error.reason))
        }
    }

    /// The badge and recipient a request sends: `?url=`, a multipart upload (`file` or `badge`, `url`,
    /// `recipient`), or the raw body; `?recipient=` in the query too.
    private func read(_ request: Hummingbird.Request) async -> Result<Request, Refusal> {
        let items: QueryItems
        do { items = try QueryItems(request.uri.query) } catch {
            return .failure(Refusal(status: .badRequest, code: error.code.rawValue, message: error.message))
        }
        var recipient = items["recipient"]
        var url = items["url"]
        var bytes: [UInt8] = []
        do {
            let buffer = try await request.body.collect(upTo: maxUpload)
            bytes = Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            return .failure(Refusal(status: .contentTooLarge, code: "tooLarge", message: "the upload is over the \(maxUpload)-byte limit"))
        } catch {
            return .failure(Refusal(status: .badRequest, code: "unreadableBody", message: "the request body could not be read: \(error)"))
        }
        if let boundary = request.headers[.contentType].flatMap(MultipartForm.boundary(contentType:)) {
            let form: MultipartForm
            do { form = try MultipartForm(body: bytes, boundary: boundary) } catch {
                return .failure(Refusal(status: .badRequest, code: "invalidForm", message: error.message))
            }
            recipient = form.text("recipient") ?? recipient
            url = form.text("url") ?? url
            bytes = (form["file"] ?? form["badge"]).map { Array($0.body) } ?? []
        }
        if !bytes.isEmpty { return .success(Request(input: .bytes(bytes), recipient: recipient)) }
        if let url {
            let iri = IRI(url.trimmedWhitespace)
            guard iri.isFetchable else {
                return .failure(Refusal(status: .badRequest, code: "invalidParameter", message: "url must be an http(s) URL, not \(url)"))
            }
            return .success(Request(input: .url(iri), recipient: recipient))
        }
        return .failure(
            Refusal(
                status: .badRequest, code: "missingParameter",
                message: "send the badge (PNG, SVG, JSON or JWT) as the request body or as a multipart upload named file, or give ?url="))
    }
}
