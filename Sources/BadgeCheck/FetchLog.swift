import CurlHTTP
import EndorsementStore
import Foundation
import OpenBadges
import Verification

/// The documents one check fetches, each once, hop by hop through redirects with the crawler's fetcher (its
/// address policy, schemes, size and time limits), recorded as a crawl records them so that they can be saved.
actor FetchLog {
    /// What fetching one URL gave, after redirects.
    enum Outcome: Sendable {
        /// A final answer (any status) at `url`.
        case answer(url: IRI, status: Int, contentType: String?, body: [UInt8])
        /// No answer: why.
        case failed(String)

        /// The body of a 2xx answer, else why not: what a verification's key source wants.
        var keySourceAnswer: KeySourceAnswer {
            switch self {
            case .answer(_, let status, _, let body) where (200..<300).contains(status): .document(body)
            case .answer(_, let status, _, _): .unavailable("HTTP \(status)")
            case .failed(let reason): .unavailable(reason)
            }
        }
    }

    private let fetcher: Fetcher
    private let parser: DocumentParser
    private let maxDocuments: Int
    private let deadline: ContinuousClock.Instant
    private var started: [IRI: Task<Outcome, Never>] = [:]
    private(set) var items: [IngestItem] = []
    private(set) var documents: [FetchedDocument] = []

    init(fetcher: Fetcher, parser: DocumentParser, limits: CheckLimits) {
        self.fetcher = fetcher
        self.parser = parser
        maxDocuments = limits.maxDocuments
        deadline = .now + limits.timeBudget
    }

    /// Fetches `url` once per check (later calls wait for and share the first), following redirects.
    func fetch(_ url: IRI, role: String, accept: String = LiveVerificationAccept.value) async -> Outcome {
        if let task = started[url.canonical] { return await task.value }
        guard started.count < maxDocuments else {
            return note(url, role: role, .failed("not fetched: the check's limit of \(maxDocuments) documents was reached"))
        }
        guard ContinuousClock.now < deadline else { return note(url, role: role, .failed("not fetched: the check's time budget ran out")) }
        let task = Task { await self.fetchFollowing(url, accept: accept) }
        started[url.canonical] = task
        return note(url, role: role, await task.value)
    }

    /// The parsed 2xx documents fetched so far, by the URL asked for.
    func parsedDocuments() -> [ParsedDocument] { items.compactMap(\.parsed) }

    private func note(_ url: IRI, role: String, _ outcome: Outcome) -> Outcome {
        switch outcome {
        case .answer(_, let status, _, _): documents.append(FetchedDocument(url: url, status: status, role: role))
        case .failed(let reason): documents.append(FetchedDocument(url: url, error: reason, role: role))
        }
        return outcome
    }

    private func fetchFollowing(_ url: IRI, accept: String) async -> Outcome {
        var current = url
        for _ in 0...fetcher.configuration.maxRedirects {
            let response: FetchResponse
            do {
                response = try await fetcher.fetch(FetchRequest(url: current.string, headers: [("Accept", accept)]))
            } catch {
                items.append(IngestItem(fetch: FetchRecord(url: current, status: nil, error: error.description), parsed: nil))
                return .failed(error.description)
            }
            let next = response.isRedirect ? response.redirectLocation.map { IRI($0) } : nil
            record(current, response, redirectTo: next)
            guard let next else { return .answer(url: current, status: response.status, contentType: response.contentType, body: response.body) }
            current = next
        }
        return .failed("more than \(fetcher.configuration.maxRedirects) redirects")
    }

    private func record(_ url: IRI, _ response: FetchResponse, redirectTo: IRI?) {
        let fetch = FetchRecord(
            url: url, status: response.status, contentType: response.contentType, etag: response.etag, lastModified: response.lastModified,
            body: response.body, fetchedAt: Date(), redirectTo: redirectTo)
        guard (200..<300).contains(response.status) else {
            items.append(IngestItem(fetch: fetch, parsed: nil))
            return
        }
        do {
            items.append(IngestItem(fetch: fetch, parsed: try parser.parse(response.body, url: url, contentType: response.contentType)))
        } catch {
            items.append(IngestItem(fetch: fetch, parsed: nil, parseError: error.description))
        }
    }
}

/// The `Accept` header of the documents a check asks for.
enum LiveVerificationAccept {
    static let value = "application/ld+json, application/json, application/jwt, application/did+json, application/jwk-set+json"
}
