import EndorsementStore
import Foundation
import OpenBadges
import Verification

// The answer of `endorse check` and `POST /api/check`. Its JSON is a public contract (the CLI's `--json` and the
// API give the same): keep property names stable.

/// The verdict on the badge a candidate handed over.
public enum CheckVerdict: String, Sendable, Hashable, Codable {
    /// The issuer's proof holds (hosted copy or signature), nothing revokes it, it is within its dates and, when a
    /// recipient was given, it names that person.
    case valid
    /// Checked, and not valid: revoked, expired, a signature that fails, a hosted copy that is gone or differs, a
    /// credential with no proof, another recipient. ``CheckReport/reasons`` says which.
    case notValid
    /// Could not be checked: a document it needs could not be fetched, an unsupported algorithm, a recipient named
    /// in a way an email address cannot be compared with.
    case couldNotCheck
}

/// How the issuer vouches for the credential.
public enum ProofMethod: String, Sendable, Hashable, Codable {
    /// OB 1.x / 2.0 hosted verification: the assertion is re-fetched from its id on an origin the issuer allows.
    case hosted
    /// OB 2.0 `SignedBadge`: a compact JWS of the assertion.
    case ob2Signed = "ob2-signed"
    /// OB 3.0 VC-JWT.
    case vcJWT = "vc-jwt"
    /// OB 3.0 embedded proof (Data Integrity).
    case embeddedProof = "embedded-proof"
    /// Nothing: neither hosted nor signed.
    case none
}

/// What re-fetching a hosted assertion from its id found (Open Badges 2.0, "Hosted Verification").
public enum HostedState: String, Sendable, Hashable, Codable {
    /// The issuer's origin serves the assertion at its id, and it is the one handed over.
    case verified
    /// The hosted copy says it is revoked (`revoked: true`), or its URL answers 410 Gone.
    case revoked
    /// The URL answers another 4xx, or something that is not the assertion.
    case notHosted
    /// The hosted copy names another badge or recipient than the copy handed over.
    case differs
    /// The assertion id is on an origin the issuer's profile does not allow.
    case originNotAllowed
    /// The hosted copy could not be fetched (network, 5xx, the address policy): could not check.
    case unavailable
}

/// What was handed over, and how it was read.
public struct CheckedInput: Sendable, Hashable, Codable {
    /// `png`, `svg`, `json`, `jwt` (sniffed from the bytes) or `url`.
    public var kind: String
    /// For a URL input, the URL.
    public var url: IRI?
    /// `url`, `json` or `jwt`: what the image's payload (or the document) is.
    public var payload: String
    /// For an image: the chunk or element the payload came from, e.g. `iTXt chunk "openbadges" (chunk 1, byte 33)`.
    public var bakedIn: String?
    /// For an image: `openbadges` (OB 2.0), `openbadgecredential` (OB 3.0) or `clrcredential` (CLR 2.0).
    public var standard: String?
    /// What was odd but readable (`secondPayload: ...`, `crcMismatchIgnored: ...`).
    public var warnings: [String]

    public init(kind: String, url: IRI? = nil, payload: String, bakedIn: String? = nil, standard: String? = nil, warnings: [String] = []) {
        self.kind = kind
        self.url = url
        self.payload = payload
        self.bakedIn = bakedIn
        self.standard = standard
        self.warnings = warnings
    }
}

/// The award itself: what the assertion or credential says.
public struct AwardFacts: Sendable, Hashable, Codable {
    /// The assertion's or credential's id (`urn:uuid:` for most signed ones).
    public var id: IRI?
    /// The Open Badges version it follows.
    public var version: OpenBadgesVersion?
    public var issuedOn: Date?
    public var expires: Date?
    /// The credential's own `name` (OB 3.0), when it has one.
    public var name: String?

    public init(id: IRI? = nil, version: OpenBadgesVersion? = nil, issuedOn: Date? = nil, expires: Date? = nil, name: String? = nil) {
        self.id = id
        self.version = version
        self.issuedOn = issuedOn
        self.expires = expires
        self.name = name
    }
}

/// One endorsement of the badge or its issuer, as the check found it.
public struct CheckedEndorsement: Sendable, Hashable, Codable {
    /// The endorsement with its facts (acknowledged, publishedBy, verification, signature check).
    public var endorsement: EndorsementView
    /// `index` (found by crawls: endorser sites included), `fetched` (found by this check), `credential` (in the
    /// copy handed over).
    public var foundBy: String
    /// How many endorsements in the index target the endorser itself: an endorser others vouch for.
    public var endorserEndorsements: Int

    public init(endorsement: EndorsementView, foundBy: String, endorserEndorsements: Int = 0) {
        self.endorsement = endorsement
        self.foundBy = foundBy
        self.endorserEndorsements = endorserEndorsements
    }
}

/// One document the check fetched.
public struct FetchedDocument: Sendable, Hashable, Codable {
    public var url: IRI
    /// The HTTP status, nil when the fetch failed.
    public var status: Int?
    /// Why the fetch failed (refused address, timeout, ...).
    public var error: String?
    /// Why it was needed: `assertion`, `badge`, `issuer`, `endorsement`, `key` (keys, DID documents, lists).
    public var role: String

    public init(url: IRI, status: Int? = nil, error: String? = nil, role: String) {
        self.url = url
        self.status = status
        self.error = error
        self.role = role
    }
}

/// Everything `endorse check` found about one badge.
public struct CheckReport: Sendable, Hashable, Codable {
    public var verdict: CheckVerdict
    /// The verdict in one or two sentences for a person: "Valid badge 'Data Science Foundations' issued by Northbridge
    /// Data Academy on 2025-03-01 to the holder of ann@example.org; 3 endorsements: 2 signed, 1 hosted, 1 not
    /// acknowledged by the issuer."
    public var summary: String
    /// Why the verdict is not `valid`, one reason per fact; empty when valid.
    public var reasons: [String]
    public var input: CheckedInput
    public var method: ProofMethod
    public var award: AwardFacts
    public var badge: BadgeSummary?
    public var issuer: ProfileSummary?
    /// Hosted verification, for a hosted assertion.
    public var hosted: Fact<HostedState>?
    /// The signature check, for a signed credential (and the validity dates of any credential).
    public var signature: VerificationReport?
    /// The recipient given to the check, and what the credential says of it.
    public var recipient: String?
    public var recipientMatch: Fact<RecipientState>?
    /// Endorsements of the badge.
    public var endorsements: [CheckedEndorsement]
    /// Endorsements of the badge's issuer.
    public var issuerEndorsements: [CheckedEndorsement]
    public var fetched: [FetchedDocument]
    /// True when what was fetched was recorded in the index.
    public var saved: Bool
    /// Remarks that are no reason for the verdict (a copy read instead of an unreachable one, an index that could
    /// not be written).
    public var notes: [String] = []

    public init(
        verdict: CheckVerdict, summary: String, reasons: [String], input: CheckedInput, method: ProofMethod, award: AwardFacts,
        badge: BadgeSummary? = nil, issuer: ProfileSummary? = nil, hosted: Fact<HostedState>? = nil, signature: VerificationReport? = nil,
        recipient: String? = nil, recipientMatch: Fact<RecipientState>? = nil, endorsements: [CheckedEndorsement] = [],
        issuerEndorsements: [CheckedEndorsement] = [], fetched: [FetchedDocument] = [], saved: Bool = false
    ) {
        self.verdict = verdict
        self.summary = summary
        self.reasons = reasons
        self.input = input
        self.method = method
        self.award = award
        self.badge = badge
        self.issuer = issuer
        self.hosted = hosted
        self.signature = signature
        self.recipient = recipient
        self.recipientMatch = recipientMatch
        self.endorsements = endorsements
        self.issuerEndorsements = issuerEndorsements
        self.fetched = fetched
        self.saved = saved
    }
}
