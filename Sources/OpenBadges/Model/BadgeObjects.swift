import Foundation

/// The Open Badges specification version a document follows, as detected from its `@context` and shape.
public enum OpenBadgesVersion: String, Sendable, Codable, Hashable, CaseIterable {
    case v0_5 = "0.5"
    case v1_0 = "1.0"
    case v1_1 = "1.1"
    case v2_0 = "2.0"
    case v3_0 = "3.0"
}

/// The kind of an Open Badges object, whatever version spelled it.
public enum ObjectKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// OB 2.0 `Profile` / `Issuer`, OB 1.x issuer organization, OB 3.0 `Profile`.
    case profile
    /// OB 2.0 / 1.x `BadgeClass`, OB 3.0 `Achievement`.
    case badge
    /// OB 2.0 / 1.x `Assertion`, OB 3.0 `OpenBadgeCredential` / `AchievementCredential`.
    case assertion
    /// OB 2.0 `Endorsement`, OB 3.0 `EndorsementCredential`, OB 1.1 endorsement-extension assertion.
    case endorsement
}

/// An issuer or endorser profile. One entity may be both.
public struct Profile: Sendable, Hashable, Codable {
    /// The declared id; nil for an embedded profile without one.
    public var id: IRI?
    /// The `type` values as written (`Profile`, `Issuer`, full IRIs, ...).
    public var types: [String]
    /// The display name, from a string or a language map.
    public var name: String?
    /// The description, from a string or a language map.
    public var description: String?
    /// The organisation's homepage (`url`): a starting point for exploring its site.
    public var url: IRI?
    /// The contact email address.
    public var email: String?
    /// Endorsements this profile lists in `endorsement` / `endorsementJwt`, by IRI or by the ``Endorsement/key``
    /// of an embedded one (which then also appears in ``ParsedDocument/endorsements``).
    public var endorsements: [IRI]
    /// OB 3.0 `alsoKnownAs` and `otherIdentifier` values that are IRIs.
    public var alsoKnownAs: [IRI]
    /// The version of the document (or the enclosing object) the profile came from.
    public var version: OpenBadgesVersion?
    /// `related[].id`: the same profile in another version (OB 2.0 <-> OB 3.0).
    public var related: [IRI]
    /// The logo IRI; never a `data:` URI.
    public var imageURL: IRI?

    /// Creates a profile; every field but the id is optional.
    public init(
        id: IRI? = nil, types: [String] = [], name: String? = nil, description: String? = nil, url: IRI? = nil,
        email: String? = nil, endorsements: [IRI] = [], alsoKnownAs: [IRI] = [], version: OpenBadgesVersion? = nil,
        related: [IRI] = [], imageURL: IRI? = nil
    ) {
        self.related = related
        self.imageURL = imageURL
        self.id = id
        self.types = types
        self.name = name
        self.description = description
        self.url = url
        self.email = email
        self.endorsements = endorsements
        self.alsoKnownAs = alsoKnownAs
        self.version = version
    }
}

/// A badge: OB 2.0 / 1.x `BadgeClass` or OB 3.0 `Achievement`.
public struct BadgeClass: Sendable, Hashable, Codable {
    /// The declared id; nil for an OB 1.0 badge class or an embedded one without id.
    public var id: IRI?
    /// The `type` values as written.
    public var types: [String]
    /// The badge name, from a string or a language map.
    public var name: String?
    /// The badge description.
    public var description: String?
    /// OB 2.0 `issuer`, OB 3.0 `creator`: the issuing profile's id.
    public var issuer: IRI?
    /// OB 2.0 `tags`, OB 3.0 `tag`.
    public var tags: [String]
    /// `criteria` when it is an IRI, or `criteria.id`.
    public var criteriaURL: IRI?
    /// `criteria.narrative` (Markdown).
    public var criteriaNarrative: String?
    /// `targetName` of each `alignment` / `alignments` entry.
    public var alignmentNames: [String]
    /// The image IRI; never a `data:` URI.
    public var imageURL: IRI?
    /// Endorsements listed in `endorsement` / `endorsementJwt` (IRIs, or keys of embedded ones).
    public var endorsements: [IRI]
    /// `related[].id`: the same badge in other languages or versions.
    public var related: [IRI]
    /// The version of the document the badge came from.
    public var version: OpenBadgesVersion?

    /// Creates a badge; every field is optional.
    public init(
        id: IRI? = nil, types: [String] = [], name: String? = nil, description: String? = nil, issuer: IRI? = nil,
        tags: [String] = [], criteriaURL: IRI? = nil, criteriaNarrative: String? = nil, alignmentNames: [String] = [],
        imageURL: IRI? = nil, endorsements: [IRI] = [], related: [IRI] = [], version: OpenBadgesVersion? = nil
    ) {
        self.id = id
        self.types = types
        self.name = name
        self.description = description
        self.issuer = issuer
        self.tags = tags
        self.criteriaURL = criteriaURL
        self.criteriaNarrative = criteriaNarrative
        self.alignmentNames = alignmentNames
        self.imageURL = imageURL
        self.endorsements = endorsements
        self.related = related
        self.version = version
    }
}

/// An award of a badge: OB 2.0 / 1.x `Assertion`, OB 3.0 `OpenBadgeCredential`.
public struct Assertion: Sendable, Hashable, Codable {
    /// The declared id, or the OB 1.0 `verify.url` of a hosted assertion.
    public var id: IRI?
    /// The `type` values as written.
    public var types: [String]
    /// The badge awarded (OB 2.0 `badge`, OB 3.0 `credentialSubject.achievement`).
    public var badge: IRI?
    /// The issuing profile, when the document names it (OB 3.0 `issuer`; OB 1.0 via the badge).
    public var issuer: IRI?
    /// `issuedOn` (OB 2.0), `validFrom` / `awardedDate` (OB 3.0), `issuanceDate` (VC 1.1).
    public var issuedOn: Date?
    /// True when the document says `revoked: true`.
    public var revoked: Bool
    /// Endorsements listed by the assertion (IRIs, or keys of embedded ones).
    public var endorsements: [IRI]
    /// The version of the document the assertion came from.
    public var version: OpenBadgesVersion?
    /// `expires` (OB 2.0), `validUntil` / `expirationDate` (OB 3.0).
    public var expires: Date?
    /// The credential's `name` (OB 3.0).
    public var name: String?

    /// Creates an assertion; every field is optional.
    public init(
        id: IRI? = nil, types: [String] = [], badge: IRI? = nil, issuer: IRI? = nil, issuedOn: Date? = nil,
        revoked: Bool = false, endorsements: [IRI] = [], version: OpenBadgesVersion? = nil, expires: Date? = nil,
        name: String? = nil
    ) {
        self.expires = expires
        self.name = name
        self.id = id
        self.types = types
        self.badge = badge
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.revoked = revoked
        self.endorsements = endorsements
        self.version = version
    }
}

/// A third party's endorsement of a badge, profile or assertion, in any version's form.
public struct Endorsement: Sendable, Hashable, Codable {
    /// Stable identity: the declared `id` when there is one, else `urn:endorse:sha256:<hex>` computed from
    /// the endorser, the subject and a hash of the canonical JSON of the object.
    public var key: IRI
    /// The declared `id`, if any.
    public var id: IRI?
    /// The `type` values as written (`Endorsement`, `VerifiableCredential`, ...).
    public var types: [String]
    /// The endorser's profile id (`issuer`, or `issuer.id` when embedded).
    public var endorser: IRI?
    /// The endorser's name when the document embeds the endorser profile.
    public var endorserName: String?
    /// What is endorsed: OB 2.0 `claim.id` (or a bare-string `claim`), OB 3.0 `credentialSubject.id`,
    /// OB 1.1 extension `recipient.identity`.
    public var subject: IRI?
    /// OB 2.0 `claim.endorsementComment`, OB 3.0 `credentialSubject.endorsementComment`.
    public var comment: String?
    /// `issuedOn`, `validFrom`, `awardedDate` or `issuanceDate`.
    public var issuedOn: Date?
    /// `expires`, `validUntil` or `expirationDate`.
    public var validUntil: Date?
    /// True when the document says it is revoked (a revoked stub, `revoked: true`).
    public var revoked: Bool
    /// The version the endorsement follows (its own `@context`, else its container's).
    public var version: OpenBadgesVersion?
    /// Proof forms seen, e.g. `hosted`, `signed`, `jwt`, `DataIntegrityProof/eddsa-rdfc-2022`, `Ed25519Signature2020`.
    public var proofKinds: [String]
    /// The compact JWS this endorsement was decoded from, kept verbatim for later signature checks.
    public var jwt: String?
    /// The endorsement as JSON (RFC 8785 canonical) when it carries an embedded proof (Data Integrity), for later
    /// signature checks: such proofs sign the document's meaning (its RDF or its JCS form), which this keeps.
    public var proofDocument: String?
    /// The credential's `name` (OB 3.0 `EndorsementCredential`).
    public var name: String?
    /// `revocationReason` of a revoked endorsement.
    public var revocationReason: String?

    /// Creates an endorsement; `key` is required, everything else optional.
    public init(
        key: IRI, id: IRI? = nil, types: [String] = [], endorser: IRI? = nil, endorserName: String? = nil,
        subject: IRI? = nil, comment: String? = nil, issuedOn: Date? = nil, validUntil: Date? = nil,
        revoked: Bool = false, version: OpenBadgesVersion? = nil, proofKinds: [String] = [], jwt: String? = nil,
        name: String? = nil, revocationReason: String? = nil
    ) {
        self.name = name
        self.revocationReason = revocationReason
        self.key = key
        self.id = id
        self.types = types
        self.endorser = endorser
        self.endorserName = endorserName
        self.subject = subject
        self.comment = comment
        self.issuedOn = issuedOn
        self.validUntil = validUntil
        self.revoked = revoked
        self.version = version
        self.proofKinds = proofKinds
        self.jwt = jwt
    }
}
