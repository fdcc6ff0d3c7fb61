import EndorsementStore
import Foundation
import OpenBadges

/// The questions both surfaces ask the index, with the user's input resolved the same way for the CLI and the HTTP API:
/// an IRI is used as is, words are resolved through the store's badge or profile search.
///
/// Every method throws ``LookupError`` only; store errors are translated.
public struct IndexQueries: Sendable {
    /// How many candidates an ambiguous lookup lists.
    public static let candidateLimit = 10

    public let store: EndorsementStore

    public init(store: EndorsementStore) {
        self.store = store
    }

    /// Endorsed badges matching the parameters, best first.
    public func search(_ parameters: SearchParameters) throws(LookupError) -> SearchPage {
        let query = try parameters.searchQuery()
        return try Self.translating { try store.search(query) }
    }

    /// Who endorses a badge, and who endorses its issuer.
    /// - Parameter badge: a badge IRI, an assertion IRI (the store resolves it to its badge), or words naming the badge.
    /// - Throws: `.notFound`; `.ambiguous` with candidates when words match several badges and none by its exact name.
    public func endorsers(ofBadge badge: String) throws(LookupError) -> BadgeEndorsements {
        let input = try Self.checkedInput(badge, name: "badge")
        if Self.looksLikeIRI(input) {
            return try Self.translating { try store.endorsers(ofBadge: IRI(input)) }
        }
        let matches = try Self.translating { try store.searchBadges(input, limit: Self.candidateLimit) }
        let chosen = try Self.choose(
            input, among: matches, name: \.name, kind: "badge",
            candidate: { .init(id: $0.id, name: $0.name, issuer: $0.issuer?.name) })
        return try Self.translating { try store.endorsers(ofBadge: chosen.id) }
    }

    /// Everything an endorser endorses.
    /// - Parameter endorser: a profile IRI, or words naming the endorser.
    /// - Throws: `.notFound`; `.ambiguous` with candidates when words match several profiles and none by its exact name.
    public func endorsements(byEndorser endorser: String) throws(LookupError) -> EndorserEndorsements {
        let input = try Self.checkedInput(endorser, name: "endorser")
        if Self.looksLikeIRI(input) {
            return try Self.translating { try store.endorsements(byEndorser: IRI(input)) }
        }
        let matches = try Self.translating { try store.searchProfiles(input, limit: Self.candidateLimit) }
        let chosen = try Self.choose(
            input, among: matches, name: \.name, kind: "endorser",
            candidate: { .init(id: $0.id, name: $0.name) })
        return try Self.translating { try store.endorsements(byEndorser: chosen.id) }
    }

    /// One stored object or document by IRI.
    public func document(id: String) throws(LookupError) -> DocumentDetail {
        let input = try Self.checkedInput(id, name: "id")
        return try Self.translating { try store.document(id: IRI(input)) }
    }

    /// What the index holds.
    public func stats() throws(LookupError) -> IndexStats {
        try Self.translating { try store.stats() }
    }

    // MARK: Helpers

    /// True when the text reads as an IRI (`https://...`, `urn:...`, `did:...`) rather than as words.
    static func looksLikeIRI(_ text: String) -> Bool {
        IRI(text).scheme != nil && !text.contains(where: \.isWhitespace)
    }

    static func checkedInput(_ raw: String?, name: String) throws(LookupError) -> String {
        let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !text.isEmpty else {
            throw LookupError(.missingParameter, "\(name) is missing: give an IRI or some words")
        }
        guard text.count <= SearchParameters.maxFilterLength else {
            throw LookupError(.invalidParameter, "\(name) is \(text.count) characters long; the limit is \(SearchParameters.maxFilterLength)")
        }
        return text
    }

    /// One match, or the only one whose name is exactly the input (ignoring case); otherwise not found or ambiguous.
    static func choose<Match>(
        _ input: String, among matches: [Match], name: KeyPath<Match, String?>, kind: String,
        candidate: (Match) -> LookupError.Candidate
    ) throws(LookupError) -> LookupError.Candidate {
        if matches.count == 1 { return candidate(matches[0]) }
        let exact = matches.filter { $0[keyPath: name]?.caseInsensitiveCompare(input) == .orderedSame }
        if exact.count == 1 { return candidate(exact[0]) }
        guard !matches.isEmpty else {
            throw LookupError(.notFound, "no \(kind) matches \"\(input)\"; try other words, or `endorse search` to browse")
        }
        throw LookupError(
            .ambiguous, "\"\(input)\" matches \(matches.count) \(kind)s; give one of their IRIs (listed) or more precise words",
            candidates: matches.map(candidate))
    }

    static func translating<T>(_ body: () throws -> T) throws(LookupError) -> T {
        do {
            return try body()
        } catch {
            throw LookupError.wrapping(error)
        }
    }
}
