import EndorsementStore
import Foundation

/// The raw parameters of a badge search as a user types them (CLI options or HTTP query items), and their validation.
///
/// Both surfaces build their `SearchQuery` here, so that the CLI and the HTTP API accept and refuse exactly the same input.
public struct SearchParameters: Sendable, Hashable {
    /// Results per page: 1 through 100.
    public static let limitRange = 1...100
    /// The largest offset accepted (deep paging through FTS5 results costs a scan of the skipped rows).
    public static let maxOffset = 10_000
    /// The longest search text accepted, in characters.
    public static let maxQueryLength = 256
    /// The longest filter value (`endorser`, `issuer`) accepted, in characters.
    public static let maxFilterLength = 512

    public var text: String?
    public var limit: String?
    public var offset: String?
    public var all: String?
    public var endorser: String?
    public var issuer: String?
    /// `true`/`yes`/`1` keeps acknowledged endorsements only, `false`/`no`/`0` unacknowledged only, `any` or empty both.
    public var acknowledged: String?
    /// A ``VerificationLevel`` raw value (`hosted`, `issuer-embedded`, `unverified`, `signed`, `invalid`), or empty for any.
    public var verification: String?

    public init(
        text: String?, limit: String? = nil, offset: String? = nil, all: String? = nil, endorser: String? = nil, issuer: String? = nil,
        acknowledged: String? = nil, verification: String? = nil
    ) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.all = all
        self.endorser = endorser
        self.issuer = issuer
        self.acknowledged = acknowledged
        self.verification = verification
    }

    /// The validated query.
    /// - Throws: `LookupError` `.missingParameter` (no or blank text), `.invalidQuery` (text too long),
    ///   `.invalidParameter` (limit, offset, booleans or filters malformed or out of range).
    public func searchQuery() throws(LookupError) -> SearchQuery {
        guard let text, !text.allSatisfy(\.isWhitespace) else {
            throw LookupError(.missingParameter, "the search text is missing: give some words, e.g. q=python")
        }
        guard text.count <= Self.maxQueryLength else {
            throw LookupError(.invalidQuery, "the search text is \(text.count) characters long; the limit is \(Self.maxQueryLength)")
        }
        var query = SearchQuery(text: text)
        query.limit = try Self.integer(limit, name: "limit", default: 20, in: Self.limitRange)
        query.offset = try Self.integer(offset, name: "offset", default: 0, in: 0...Self.maxOffset)
        query.includeUnendorsed = try Self.boolean(all, name: "all") ?? false
        query.endorser = try Self.filter(endorser, name: "endorser")
        query.issuer = try Self.filter(issuer, name: "issuer")
        switch try Self.boolean(acknowledged, name: "acknowledged", allowingAny: true) {
        case nil: query.acknowledgement = .any
        case true?: query.acknowledgement = .acknowledgedOnly
        case false?: query.acknowledgement = .unacknowledgedOnly
        }
        if let verification, !verification.isEmpty {
            guard let value = VerificationLevel(rawValue: verification) else {
                let allowed = VerificationLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw LookupError(.invalidParameter, "verification must be one of \(allowed); got \"\(verification.prefix(40))\"")
            }
            query.verification = value
        }
        return query
    }

    static func integer(_ raw: String?, name: String, default value: Int, in range: ClosedRange<Int>) throws(LookupError) -> Int {
        guard let raw, !raw.isEmpty else { return value }
        guard let number = Int(raw), range.contains(number) else {
            throw LookupError(
                .invalidParameter, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound); got \"\(raw.prefix(40))\"")
        }
        return number
    }

    /// nil for absent (or `any`, when allowed); an empty value means true (a bare `?all` or `--all`).
    static func boolean(_ raw: String?, name: String, allowingAny: Bool = false) throws(LookupError) -> Bool? {
        guard let raw else { return nil }
        switch raw.lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        case "": return allowingAny ? nil : true
        case "any" where allowingAny: return nil
        default:
            let allowed = allowingAny ? "true, false or any" : "true or false"
            throw LookupError(.invalidParameter, "\(name) must be \(allowed); got \"\(raw.prefix(40))\"")
        }
    }

    static func filter(_ raw: String?, name: String) throws(LookupError) -> String? {
        guard let raw else { return nil }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= maxFilterLength else {
            throw LookupError(.invalidParameter, "\(name) is \(trimmed.count) characters long; the limit is \(maxFilterLength)")
        }
        return trimmed
    }
}
