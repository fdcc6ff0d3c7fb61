import OpenBadges

/// The verifier's view of a ``KeySource`` for one verification: JSON documents by URL, with every URL the source
/// has not fetched remembered for ``VerificationReport/needed``.
struct Documents {
    /// Why a document could not be used, as a sentence for a fact's detail.
    struct Failure: Error {
        let reason: String
    }

    let source: any KeySource
    private(set) var needed: [IRI] = []
    private var cache: [IRI: Result<JSONValue, Failure>] = [:]

    init(_ source: any KeySource) { self.source = source }

    /// The JSON document at `url` (its fragment dropped), or why there is none.
    mutating func json(at reference: String) -> Result<JSONValue, Failure> {
        let url = Self.documentURL(reference)
        if let cached = cache[url] { return cached }
        let result: Result<JSONValue, Failure>
        switch bytes(at: reference) {
        case .failure(let failure): result = .failure(failure)
        case .success(let bytes):
            do {
                result = .success(try JSONValue.parse(bytes: bytes, maxDepth: 64))
            } catch {
                result = .failure(Failure(reason: "\(url) is not JSON (\(error.reason))"))
            }
        }
        cache[url] = result
        return result
    }

    /// The body at `url` (its fragment dropped), or why there is none; a URL the source has not fetched is
    /// remembered in ``needed``.
    mutating func bytes(at reference: String) -> Result<[UInt8], Failure> {
        let url = Self.documentURL(reference)
        guard url.isFetchable else { return .failure(Failure(reason: "'\(reference)' is not an http(s) URL")) }
        switch source.answer(for: url) {
        case .notFetched:
            note(needed: url)
            return .failure(Failure(reason: "\(url) has not been fetched"))
        case .unavailable(let why):
            return .failure(Failure(reason: "\(url): \(why)"))
        case .document(let bytes):
            return .success(bytes)
        }
    }

    /// Adds `url` to ``needed`` once.
    mutating func note(needed url: IRI) {
        if !needed.contains(url) { needed.append(url) }
    }

    /// `reference` without its fragment, as the URL to look up.
    static func documentURL(_ reference: String) -> IRI {
        IRI(String(reference.prefix { $0 != "#" }))
    }
}

/// Two identifiers of the same party: equal DIDs, or http(s) IRIs equal once canonical (scheme and host case,
/// default port, dot segments, fragment).
func sameParty(_ first: String?, _ second: String?) -> Bool {
    guard let first, let second else { return false }
    if first == second { return true }
    let (a, b) = (IRI(first), IRI(second))
    return a.isFetchable && b.isFetchable && a.canonical == b.canonical
}

/// The id of a value that is an IRI string or an object with an `id`.
func identifier(_ value: JSONValue?) -> String? {
    value?.string ?? value?["id"]?.string
}
