import Foundation
import OpenBadges

/// One fact of a report: a state and, where it helps a person, why.
public struct Fact<State>: Sendable, Hashable, Codable
where State: RawRepresentable & Sendable & Hashable & Codable, State.RawValue == String {
    /// The state.
    public var state: State
    /// Why, in words (the algorithm, the key, the HTTP status, the date), or nil when the state says it all.
    public var detail: String?

    /// Creates a fact.
    public init(_ state: State, _ detail: String? = nil) {
        self.state = state
        self.detail = detail
    }
}

/// What checking the signature found.
public enum SignatureState: String, Sendable, Hashable, Codable {
    /// The signature is valid for the document under the key named.
    case valid
    /// The signature does not match, or the token is malformed: the document is not what was signed.
    case invalid
    /// The document carries no signature or proof.
    case missing
    /// The algorithm, suite or key type is not one endorse verifies (the detail names it).
    case unsupported
    /// The key could not be had (the detail says why: 404, not a key, unreachable, refused address).
    case keyUnavailable
}

/// Whether the key provably belongs to the issuer (for an endorsement: the endorser).
public enum KeyBindingState: String, Sendable, Hashable, Codable {
    /// The key is the issuer's: its `did:key`, a method of its DID document listed in `assertionMethod`, a key
    /// of its origin's `/.well-known/jwks.json`, or an OB 2.0 key it owns and lists in `publicKey`.
    case bound
    /// Nothing found ties the key to the issuer (the detail says what is missing).
    case unbound
    /// The key provably belongs to someone else (an OB 2.0 key owned by another profile, a DID document of
    /// another DID): a valid signature by it is a claim made in the issuer's name.
    case boundToOther
    /// No key was found to bind.
    case notApplicable
}

/// What the issuer's status list says.
public enum StatusState: String, Sendable, Hashable, Codable {
    /// The list was read and does not revoke or suspend the credential.
    case active
    /// The list revokes it (the detail holds the reason given).
    case revoked
    /// The list suspends it.
    case suspended
    /// A status is declared but the list could not be had or read (the detail says why).
    case unknown
    /// No status is declared.
    case none
}

/// Whether the credential is within its validity period, with ``Verifier/clockSkew`` allowed either side.
public enum ValidityState: String, Sendable, Hashable, Codable {
    /// Within its dates, or it has none.
    case current
    /// Past `validUntil` / `expirationDate` / `expires` / JWT `exp`.
    case expired
    /// Before `validFrom` / `issuanceDate` / JWT `nbf`.
    case notYetValid
}

/// The overall verdict that the facts add up to.
public enum VerificationOutcome: String, Sendable, Hashable, Codable {
    /// Signature valid, key bound, status active or none, current, claims consistent.
    case verified
    /// A signature that fails, a token that is malformed or whose claims contradict the credential, or a valid
    /// signature by a key that belongs to someone else: shown as a warning, never hidden.
    case invalid
    /// Checked, and not verified: unsigned, unbound key, revoked, suspended, expired or not yet valid.
    case notVerified
    /// Could not be checked: the key or a needed document was unavailable, or the algorithm is unsupported.
    case couldNotCheck
}

/// The form of the signed document.
public enum CredentialForm: String, Sendable, Hashable, Codable {
    /// A VC-JWT with the VC Data Model 1.1 `vc` claim.
    case vcJWT11 = "vc-jwt-1.1"
    /// A VC-JWT whose payload is the credential (VC Data Model 2.0, VC-JOSE-COSE).
    case vcJWT20 = "vc-jwt-2.0"
    /// An OB 2.0 `SignedBadge`: a JWS whose payload is the assertion or endorsement.
    case ob2Signed = "ob2-signed"
    /// A JSON credential with an embedded proof (`proof`).
    case embeddedProof = "embedded-proof"
    /// A JSON document with no signature at all.
    case unsigned
}

/// What verifying one credential or endorsement found, fact by fact. The facts are kept apart, so that a
/// revoked credential with a valid signature reads as exactly that.
public struct VerificationReport: Sendable, Hashable, Codable {
    /// The form of the document.
    public var form: CredentialForm
    /// The signature.
    public var signature: Fact<SignatureState>
    /// Whether the key is the issuer's.
    public var keyBinding: Fact<KeyBindingState>
    /// The status list's word.
    public var status: Fact<StatusState>
    /// The validity period.
    public var validity: Fact<ValidityState>
    /// VC-JWT claims that contradict the credential (OB 3.0 section 8.2: `iss`, `sub`, `jti`, `nbf`, `exp`);
    /// empty when consistent.
    public var claimProblems: [String]
    /// The credential's id.
    public var credentialID: IRI?
    /// Its issuer (for an endorsement, the endorser).
    public var issuer: IRI?
    /// The JWS `alg` or the proof's suite.
    public var algorithm: String?
    /// The key used: a DID URL, a key URL or `jwk` for a key carried in the header.
    public var keyID: String?
    /// The key's kind and size (`RSA-2048`, `P-256`, `Ed25519`).
    public var key: String?
    /// True when the key is RSA under 2 048 bits (verified, but weak).
    public var weakKey: Bool
    /// Documents the key source had not fetched; fetching them and verifying again can change the facts.
    public var needed: [IRI]

    /// Creates an empty report of `form`: every fact at its "nothing known" state.
    public init(form: CredentialForm) {
        self.form = form
        signature = Fact(.missing)
        keyBinding = Fact(.notApplicable)
        status = Fact(.none)
        validity = Fact(.current)
        claimProblems = []
        weakKey = false
        needed = []
    }

    /// The verdict the facts add up to.
    public var outcome: VerificationOutcome {
        switch signature.state {
        case .invalid: return .invalid
        case .unsupported, .keyUnavailable: return .couldNotCheck
        case .missing: return .notVerified
        case .valid: break
        }
        if keyBinding.state == .boundToOther || !claimProblems.isEmpty { return .invalid }
        if status.state == .revoked || status.state == .suspended || validity.state != .current { return .notVerified }
        if keyBinding.state != .bound { return needed.isEmpty ? .notVerified : .couldNotCheck }
        if status.state == .unknown { return .couldNotCheck }
        return .verified
    }

    /// One line for a person: "signed by did:web:example.com (Ed25519, EdDSA)", or why not.
    public var summary: String {
        let by = issuer.map { " by \($0)" } ?? ""
        switch outcome {
        case .verified:
            return "signed\(by) (\([key, algorithm].compactMap { $0 }.joined(separator: ", ")))" + (weakKey ? ", weak key" : "")
        case .invalid:
            if signature.state == .invalid { return "INVALID signature\(by): \(signature.detail ?? "does not match")" }
            if keyBinding.state == .boundToOther { return "INVALID: \(keyBinding.detail ?? "the key belongs to someone else")" }
            return "INVALID: \(claimProblems.joined(separator: "; "))"
        case .notVerified, .couldNotCheck:
            switch signature.state {
            case .missing: return "not signed"
            case .keyUnavailable: return "could not check: key unavailable" + (signature.detail.map { ": \($0)" } ?? "")
            case .unsupported: return "could not check: " + (signature.detail ?? "unsupported")
            case .valid, .invalid: break
            }
            if status.state == .revoked || status.state == .suspended {
                return "\(status.state.rawValue)\(by)" + (status.detail.map { ": \($0)" } ?? "")
            }
            if validity.state != .current { return "\(validity.state == .expired ? "expired" : "not yet valid")\(by): \(validity.detail ?? "")" }
            if keyBinding.state != .bound { return "valid signature, key not bound to the issuer: \(keyBinding.detail ?? "")" }
            return "status unknown: \(status.detail ?? "")"
        }
    }
}
