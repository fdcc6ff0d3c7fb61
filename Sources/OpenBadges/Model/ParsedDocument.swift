import Foundation

/// Why a link was extracted from a document: tells the crawler what it expects to find there.
public enum LinkReason: String, Sendable, Codable, Hashable, CaseIterable {
    /// An object's issuer / creator profile.
    case issuer
    /// An endorsement listed by IRI in `endorsement`.
    case endorsement
    /// The endorser profile (`issuer`) of an endorsement.
    case endorser
    /// What an endorsement claims to endorse (`claim.id`, `credentialSubject.id`).
    case endorsementSubject
    /// The badge an assertion awards.
    case badge
    /// `related` entries, `alsoKnownAs`, `otherIdentifier`.
    case related
    /// A profile's `url` homepage.
    case homepage
    /// The declared `id` of a document fetched from a different URL.
    case declaredID
    /// An HTML `<link rel="alternate" type="application/ld+json">`, or an anchor to a `.json` document.
    case alternate
    /// An ordinary same-site HTML anchor, for bounded site exploration.
    case page
    /// A vendor listing endpoint, e.g. Badgr's `/public/issuers/{id}/badges`.
    case listing
}

/// A link worth following, resolved against the document URL.
public struct Link: Sendable, Hashable, Codable {
    /// The http(s) IRI to fetch, resolved against the document URL.
    public var target: IRI
    /// Why it was found.
    public var reason: LinkReason
    /// The object (by id or key) in which the link was found, when known.
    public var source: IRI?

    /// Creates a link.
    public init(target: IRI, reason: LinkReason, source: IRI? = nil) {
        self.target = target
        self.reason = reason
        self.source = source
    }
}

/// How the body was encoded.
public enum DocumentFormat: String, Sendable, Codable, Hashable {
    /// JSON or JSON-LD: an object, or an array of objects (a listing).
    case json
    /// A compact JWS whose payload is a credential or an assertion.
    case jwt
    /// An HTML page; Open Badges objects come from its embedded JSON-LD, if any.
    case html
}

/// Something tolerated while parsing, kept so the index can flag documents that are not quite right.
public struct ParseWarning: Sendable, Hashable, Codable {
    /// Stable code: `json.trailingComma`, `json.missingComma`, `json.rawControlCharacter`, `date.unparsed`,
    /// `object.unrecognized` (JSON that is no Open Badges object), `object.tooDeep`, `endorsement.unrecognized`,
    /// `property.wrongType`, `jwt.malformed` (an `endorsementJwt` entry), `html.jsonld.invalid`, `html.notUTF8`.
    public var code: String
    /// What was tolerated, for people.
    public var message: String
    /// JSON path where it happened, e.g. `$.badge.endorsement[1]`.
    public var path: String

    /// Creates a warning.
    public init(code: String, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }
}

/// Everything one fetched document says: the objects it holds (top level and embedded, flattened)
/// and the links worth following.
public struct ParsedDocument: Sendable, Hashable, Codable {
    /// The URL the document was fetched from.
    public var url: IRI
    /// How the body was encoded.
    public var format: DocumentFormat
    /// The version of the top-level object, when it is an Open Badges object.
    public var version: OpenBadgesVersion?
    /// The kind of the top-level object, nil when the document holds no Open Badges object at its root
    /// (an HTML page, a Badgr listing array).
    public var rootKind: ObjectKind?
    /// The declared id of the top-level object.
    public var rootID: IRI?
    /// Every profile, top level or embedded (issuers, creators, endorsers), once per id.
    public var profiles: [Profile]
    /// Every badge class / achievement, top level or embedded, once per id.
    public var badges: [BadgeClass]
    /// Every assertion / credential, once per id.
    public var assertions: [Assertion]
    /// Every endorsement, once per ``Endorsement/key``.
    public var endorsements: [Endorsement]
    /// Links worth following, http(s) only, one per (target, reason).
    public var links: [Link]
    /// What was tolerated while reading the document.
    public var warnings: [ParseWarning]

    /// Creates a document; the parser fills the rest.
    public init(
        url: IRI, format: DocumentFormat, version: OpenBadgesVersion? = nil, rootKind: ObjectKind? = nil, rootID: IRI? = nil,
        profiles: [Profile] = [], badges: [BadgeClass] = [], assertions: [Assertion] = [], endorsements: [Endorsement] = [],
        links: [Link] = [], warnings: [ParseWarning] = []
    ) {
        self.url = url
        self.format = format
        self.version = version
        self.rootKind = rootKind
        self.rootID = rootID
        self.profiles = profiles
        self.badges = badges
        self.assertions = assertions
        self.endorsements = endorsements
        self.links = links
        self.warnings = warnings
    }

    /// True when the document holds at least one Open Badges object.
    public var isOpenBadges: Bool {
        !(profiles.isEmpty && badges.isEmpty && assertions.isEmpty && endorsements.isEmpty)
    }
}
