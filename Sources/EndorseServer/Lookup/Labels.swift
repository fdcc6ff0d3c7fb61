import EndorsementStore

/// Words for the facts that tell endorsements apart, shared by the CLI tables and the HTML page so both say the same thing.
public enum Labels {
    /// Short form for tables: `acknowledged`, `NOT acknowledged`, `ack unknown`.
    public static func short(_ value: Acknowledgement) -> String {
        switch value {
        case .acknowledged: "acknowledged"
        case .unacknowledged: "NOT acknowledged"
        case .unknown: "ack unknown"
        }
    }

    /// Long form: says by whom.
    public static func long(_ value: Acknowledgement) -> String {
        switch value {
        case .acknowledged: "acknowledged by the issuer"
        case .unacknowledged: "not acknowledged by the issuer"
        case .unknown: "acknowledgement unknown (target not fetched)"
        }
    }

    /// Short form for tables: `hosted`, `issuer-embedded`, `UNVERIFIED`, `signed`, `INVALID`.
    public static func short(_ value: VerificationLevel) -> String {
        switch value {
        case .hosted: "hosted"
        case .issuerEmbedded: "issuer-embedded"
        case .unverified: "UNVERIFIED"
        case .signed: "signed"
        case .invalid: "INVALID"
        }
    }

    /// Long form: says what the verification level means.
    public static func long(_ value: VerificationLevel) -> String {
        switch value {
        case .hosted: "verified: hosted on the endorser's site"
        case .issuerEmbedded: "issuer-embedded: only the issuer's document carries it"
        case .unverified: "unverified: found elsewhere, possible spoof"
        case .signed: "signed: a valid signature by the endorser's own key"
        case .invalid: "INVALID signature: not what the endorser signed, or signed by someone else"
        }
    }

    /// `published by issuer, endorser`, or `publisher unknown`.
    public static func publishedBy(_ publishers: [Publisher]) -> String {
        publishers.isEmpty ? "publisher unknown" : "published by " + publishers.map(\.rawValue).joined(separator: ", ")
    }
}
