import CurlHTTP
import Foundation
import OpenBadges
import Verification

/// Verifies one document now, fetching what its verification needs (keys, DID documents, JWK Sets, issuer
/// profiles, revocation lists) with the crawler's fetcher: its address policy, scheme rules, size and time limits
/// and redirect bound apply to every fetch. The verifier itself never fetches; this runs it, fetches the URLs it
/// reports as needed, and runs it again, for at most ``maxRounds`` rounds and ``maxDocuments`` documents.
///
/// What `endorse verify` (and `endorse check`) use; a crawl instead records needed documents in its frontier and
/// verifies again when they arrive.
public struct LiveVerification: Sendable {
    /// The most fetch-and-verify rounds (a key URL, then the issuer profile, then its revocation list, ...).
    public static let maxRounds = 6
    /// The most documents fetched for one verification.
    public static let maxDocuments = 24

    /// What was verified and what was fetched for it.
    public struct Result: Sendable {
        /// The final report.
        public var report: VerificationReport
        /// Every document asked for, with what its fetch gave.
        public var fetched: [IRI: KeySourceAnswer]
    }

    /// Fetches one needed document: its body on a 2xx answer, else why not.
    public typealias DocumentFetch = @Sendable (IRI) async -> KeySourceAnswer

    private let fetchDocument: DocumentFetch
    private let verifier: Verifier

    /// Creates a live verification over `fetcher`, judging validity with `verifier`.
    public init(fetcher: Fetcher, verifier: Verifier = Verifier()) {
        self.init(verifier: verifier) { await Self.fetch($0, with: fetcher) }
    }

    /// Creates a live verification that gets needed documents from `fetchDocument` (which applies the fetcher's
    /// policy and may record what it fetched), judging validity with `verifier`.
    public init(verifier: Verifier = Verifier(), fetchDocument: @escaping DocumentFetch) {
        self.fetchDocument = fetchDocument
        self.verifier = verifier
    }

    /// The `Accept` header for documents a verification needs.
    public static let acceptHeader = "application/did+json, application/jwk-set+json, application/ld+json, application/json"

    /// Verifies `bytes` (a compact JWS or a JSON credential), fetching what it needs; `known` answers are used
    /// without fetching (documents the caller already holds).
    public func verify(bytes: [UInt8], known: [IRI: KeySourceAnswer] = [:]) async -> Result {
        await verify(known: known) { verifier.verify(bytes: bytes, source: $0) }
    }

    /// Verifies a compact JWS, fetching what it needs.
    public func verify(token: String, known: [IRI: KeySourceAnswer] = [:]) async -> Result {
        await verify(known: known) { verifier.verify(token: token, source: $0) }
    }

    /// Verifies an endorsement's signed copy (a compact JWS, or the JSON of a credential with an embedded proof),
    /// fetching what it needs.
    public func verify(signedCopy: String, known: [IRI: KeySourceAnswer] = [:]) async -> Result {
        await verify(known: known) { verifier.verify(signedCopy: signedCopy, source: $0) }
    }

    private func verify(known: [IRI: KeySourceAnswer], _ run: (StaticKeySource) -> VerificationReport) async -> Result {
        var source = StaticKeySource(known)
        var report = run(source)
        var fetchedCount = 0
        for _ in 0..<Self.maxRounds {
            let wanted = report.needed.filter { source.answers[$0] == nil }.prefix(max(0, Self.maxDocuments - fetchedCount))
            guard !wanted.isEmpty else { break }
            fetchedCount += wanted.count
            let answers = await withTaskGroup(of: (IRI, KeySourceAnswer).self) { group in
                for url in wanted { group.addTask { (url, await fetchDocument(url)) } }
                var answers: [(IRI, KeySourceAnswer)] = []
                for await answer in group { answers.append(answer) }
                return answers
            }
            for (url, answer) in answers { source.answers[url] = answer }
            report = run(source)
        }
        return Result(report: report, fetched: source.answers)
    }

    /// One needed document: its body on a 2xx answer, else why not, in the words a report shows.
    private static func fetch(_ url: IRI, with fetcher: Fetcher) async -> KeySourceAnswer {
        do {
            let response = try await fetcher.fetchFollowingRedirects(FetchRequest(url: url.string, headers: [("Accept", acceptHeader)]))
            guard (200..<300).contains(response.status) else { return .unavailable("HTTP \(response.status)") }
            return .document(response.body)
        } catch {
            return .unavailable(error.description)
        }
    }
}
