import Foundation
import OpenBadges
import Verification

// Values returned by the store's queries. They are the JSON shapes of `endorse ... --json` and of the
// HTTP API, so renaming a property is a breaking change: keep them stable and documented in the README.

/// Whether the endorsed object's own document lists the endorsement.
public enum Acknowledgement: String, Sendable, Codable, Hashable, CaseIterable {
    /// The target document lists it in `endorsement` / `endorsementJwt`.
    case acknowledged
    /// The target document was fetched and does not list it.
    case unacknowledged
    /// The target document could not be fetched (see `EndorsementView.targetProblem`).
    case unknown
}

/// How far the endorsement's origin vouches for its endorser.
public enum VerificationLevel: String, Sendable, Codable, Hashable, CaseIterable {
    /// Fetched from the origin of the endorser's profile id (or an origin the profile allows).
    case hosted
    /// Only the issuer's (the target's) document carries it.
    case issuerEmbedded = "issuer-embedded"
    /// Claims an endorser but was found elsewhere: a possible spoof, kept and flagged.
    case unverified
    /// A signature checked at linking: valid, by a key bound to the endorser, not revoked, within its dates.
    case signed
    /// A signature that fails, a token that is malformed or contradicts itself, or a valid signature by a key that
    /// belongs to someone else: shown as a warning, above `unverified`.
    case invalid
}

/// Who published an endorsement.
public enum Publisher: String, Sendable, Codable, Hashable, CaseIterable {
    /// The issuer of the endorsed object: its document embeds or lists the endorsement.
    case issuer
    /// A document hosted on the endorser's origin.
    case endorser
    /// Somebody else (a host that is neither).
    case thirdParty = "third-party"
}

/// What kind of object an endorsement targets.
public enum TargetKind: String, Sendable, Codable, Hashable, CaseIterable {
    case badge, profile, assertion, unknown
}

/// A profile as listed in results.
public struct ProfileSummary: Sendable, Codable, Hashable {
    public var id: IRI
    public var name: String?
    public var url: IRI?
    public var description: String?

    public init(id: IRI, name: String? = nil, url: IRI? = nil, description: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.description = description
    }
}

/// One endorsement, with the facts that tell the three endorsement models apart.
public struct EndorsementView: Sendable, Codable, Hashable {
    /// The endorsement's id, or its synthetic `urn:endorse:` key when it has none.
    public var id: IRI
    public var endorser: ProfileSummary?
    public var target: IRI?
    public var targetKind: TargetKind
    /// The target's display name (badge or profile name), when known.
    public var targetName: String?
    public var comment: String?
    public var issuedOn: Date?
    public var version: String?
    public var acknowledged: Acknowledgement
    /// Why `acknowledged` is `unknown`: the fetch error or status of the target.
    public var targetProblem: String?
    public var publishedBy: [Publisher]
    public var verification: VerificationLevel
    public var revoked: Bool
    /// URLs of the documents in which the endorsement was found.
    public var foundIn: [IRI]
    /// What checking the signature of its signed copy found (signature, key binding, status, validity), nil when
    /// no copy is signed. `verification` is `signed` or `invalid` when this is decisive.
    public var signatureCheck: VerificationReport?

    public init(
        id: IRI, endorser: ProfileSummary? = nil, target: IRI? = nil, targetKind: TargetKind = .unknown, targetName: String? = nil,
        comment: String? = nil, issuedOn: Date? = nil, version: String? = nil, acknowledged: Acknowledgement = .unknown,
        targetProblem: String? = nil, publishedBy: [Publisher] = [], verification: VerificationLevel = .unverified, revoked: Bool = false,
        foundIn: [IRI] = [], signatureCheck: VerificationReport? = nil
    ) {
        self.signatureCheck = signatureCheck
        self.id = id
        self.endorser = endorser
        self.target = target
        self.targetKind = targetKind
        self.targetName = targetName
        self.comment = comment
        self.issuedOn = issuedOn
        self.version = version
        self.acknowledged = acknowledged
        self.targetProblem = targetProblem
        self.publishedBy = publishedBy
        self.verification = verification
        self.revoked = revoked
        self.foundIn = foundIn
    }
}

/// Which endorsements a search keeps, by acknowledgement.
public enum AcknowledgementFilter: String, Sendable, Codable, Hashable {
    case any, acknowledgedOnly, unacknowledgedOnly
}

/// A badge search. `text` is user input: plain words, "quoted phrases", `-excluded` words and `prefix*`.
public struct SearchQuery: Sendable, Hashable {
    public var text: String
    public var limit: Int
    public var offset: Int
    /// Include badges nobody endorses (default: only endorsed badges).
    public var includeUnendorsed: Bool
    /// Keep badges endorsed by this endorser: an IRI, or words matched against endorser names.
    public var endorser: String?
    /// Keep badges issued by this issuer: an IRI, or words matched against issuer names.
    public var issuer: String?
    public var acknowledgement: AcknowledgementFilter
    public var verification: VerificationLevel?

    public init(
        text: String, limit: Int = 20, offset: Int = 0, includeUnendorsed: Bool = false, endorser: String? = nil, issuer: String? = nil,
        acknowledgement: AcknowledgementFilter = .any, verification: VerificationLevel? = nil
    ) {
        self.text = text
        self.limit = limit
        self.offset = offset
        self.includeUnendorsed = includeUnendorsed
        self.endorser = endorser
        self.issuer = issuer
        self.acknowledgement = acknowledgement
        self.verification = verification
    }
}

/// One badge in search results.
public struct BadgeHit: Sendable, Codable, Hashable {
    public var id: IRI
    public var name: String?
    public var issuer: ProfileSummary?
    public var endorsementCount: Int
    /// Distinct endorsers, best known name first.
    public var endorsers: [ProfileSummary]
    /// A fragment of the matching text with matches wrapped in `[` and `]`.
    public var snippet: String?
    /// Relevance (SQLite FTS5 bm25 with the stored column weights, negated: higher is better); 0 when the query
    /// matched so many badges that the page is ordered by endorsement count instead, or when browsing without text.
    public var score: Double

    public init(
        id: IRI, name: String? = nil, issuer: ProfileSummary? = nil, endorsementCount: Int = 0, endorsers: [ProfileSummary] = [],
        snippet: String? = nil, score: Double = 0
    ) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.endorsementCount = endorsementCount
        self.endorsers = endorsers
        self.snippet = snippet
        self.score = score
    }
}

/// A page of search results.
public struct SearchPage: Sendable, Codable, Hashable {
    public var query: String
    /// Matches for the query and filters, independent of limit and offset; when `totalIsExact` is false, counting
    /// stopped here (`EndorsementStore.countCap`, 10 000 by default; `EndorsementStore.rankedCandidates` for quoted
    /// phrases) and there are at least this many.
    public var total: Int
    /// False when `total` is the count cap rather than the exact number of matches.
    public var totalIsExact: Bool
    public var limit: Int
    public var offset: Int
    public var hits: [BadgeHit]

    public init(query: String, total: Int, totalIsExact: Bool = true, limit: Int, offset: Int, hits: [BadgeHit]) {
        self.query = query
        self.total = total
        self.totalIsExact = totalIsExact
        self.limit = limit
        self.offset = offset
        self.hits = hits
    }
}

/// A badge as stored.
public struct BadgeSummary: Sendable, Codable, Hashable {
    public var id: IRI
    public var name: String?
    public var description: String?
    public var issuer: ProfileSummary?
    public var tags: [String]
    public var version: String?

    public init(id: IRI, name: String? = nil, description: String? = nil, issuer: ProfileSummary? = nil, tags: [String] = [], version: String? = nil)
    {
        self.id = id
        self.name = name
        self.description = description
        self.issuer = issuer
        self.tags = tags
        self.version = version
    }
}

/// The employer's lookup: who endorses a badge, and who endorses its issuer.
public struct BadgeEndorsements: Sendable, Codable, Hashable {
    public var badge: BadgeSummary
    /// Endorsements whose target is the badge.
    public var endorsements: [EndorsementView]
    /// Endorsements whose target is the badge's issuer profile.
    public var issuerEndorsements: [EndorsementView]

    public init(badge: BadgeSummary, endorsements: [EndorsementView], issuerEndorsements: [EndorsementView]) {
        self.badge = badge
        self.endorsements = endorsements
        self.issuerEndorsements = issuerEndorsements
    }
}

/// Everything one endorser endorses.
public struct EndorserEndorsements: Sendable, Codable, Hashable {
    public var endorser: ProfileSummary
    public var endorsements: [EndorsementView]

    public init(endorser: ProfileSummary, endorsements: [EndorsementView]) {
        self.endorser = endorser
        self.endorsements = endorsements
    }
}

/// A link between two stored objects, for `endorse show`.
public struct ObjectLink: Sendable, Codable, Hashable {
    /// E.g. `issuer`, `endorsement`, `endorses`, `listedBy`, `badge`.
    public var relation: String
    public var target: IRI
    public var name: String?

    public init(relation: String, target: IRI, name: String? = nil) {
        self.relation = relation
        self.target = target
        self.name = name
    }
}

/// One object or document as stored, with its links in and out.
public struct DocumentDetail: Sendable, Codable, Hashable {
    public var id: IRI
    /// `profile`, `badge`, `assertion`, `endorsement`, or `document` for a fetched URL holding no object.
    public var kind: String
    public var name: String?
    /// The fetch record of the document that holds it: URL, status, content type, fetch time.
    public var fetchedFrom: IRI?
    public var status: Int?
    public var contentType: String?
    public var fetchedAt: Date?
    public var error: String?
    /// The stored JSON of the object (or the document body when it is JSON), pretty-printed.
    public var json: String?
    public var linksOut: [ObjectLink]
    public var linksIn: [ObjectLink]

    public init(
        id: IRI, kind: String, name: String? = nil, fetchedFrom: IRI? = nil, status: Int? = nil, contentType: String? = nil,
        fetchedAt: Date? = nil, error: String? = nil, json: String? = nil, linksOut: [ObjectLink] = [], linksIn: [ObjectLink] = []
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.fetchedFrom = fetchedFrom
        self.status = status
        self.contentType = contentType
        self.fetchedAt = fetchedAt
        self.error = error
        self.json = json
        self.linksOut = linksOut
        self.linksIn = linksIn
    }
}

/// What the index holds.
public struct IndexStats: Sendable, Codable, Hashable {
    /// Documents by HTTP status (`200`, `404`, ...) or `error` for fetch failures.
    public var documentsByStatus: [String: Int]
    public var profiles: Int
    public var badges: Int
    public var assertions: Int
    public var endorsements: Int
    public var endorsementsByAcknowledgement: [String: Int]
    public var endorsementsByVerification: [String: Int]
    public var hosts: Int

    public init(
        documentsByStatus: [String: Int] = [:], profiles: Int = 0, badges: Int = 0, assertions: Int = 0, endorsements: Int = 0,
        endorsementsByAcknowledgement: [String: Int] = [:], endorsementsByVerification: [String: Int] = [:], hosts: Int = 0
    ) {
        self.documentsByStatus = documentsByStatus
        self.profiles = profiles
        self.badges = badges
        self.assertions = assertions
        self.endorsements = endorsements
        self.endorsementsByAcknowledgement = endorsementsByAcknowledgement
        self.endorsementsByVerification = endorsementsByVerification
        self.hosts = hosts
    }
}
