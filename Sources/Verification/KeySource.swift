import OpenBadges

/// What a ``KeySource`` knows of one URL.
public enum KeySourceAnswer: Sendable, Hashable {
    /// The body fetched from the URL (after redirects).
    case document([UInt8])
    /// The URL was tried and gave nothing usable; the text says why ("HTTP 404", "unreachable: ...",
    /// "refused: loopback address").
    case unavailable(String)
    /// The source has not fetched the URL (yet). The verifier lists it in ``VerificationReport/needed``.
    case notFetched
}

/// Where the verifier gets key documents, DID documents, profiles and revocation lists. Verification never
/// fetches: the crawler and the CLI implement this over what they have fetched, with their own address policy
/// and limits, and verify again once a needed document has arrived.
public protocol KeySource {
    /// What the source has for `url` (an http(s) URL, without fragment).
    func answer(for url: IRI) -> KeySourceAnswer
}

/// A key source over a fixed table of answers; every other URL is ``KeySourceAnswer/notFetched``.
public struct StaticKeySource: KeySource, Sendable {
    /// The answers, by URL.
    public var answers: [IRI: KeySourceAnswer]

    /// Creates a source from a table.
    public init(_ answers: [IRI: KeySourceAnswer] = [:]) { self.answers = answers }

    public func answer(for url: IRI) -> KeySourceAnswer { answers[url] ?? .notFetched }
}
