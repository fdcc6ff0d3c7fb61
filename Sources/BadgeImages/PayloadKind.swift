/// A baked payload, classified. The text is the payload with surrounding white space removed.
public enum PayloadKind: Sendable, Hashable {
    /// An http or https URL: a hosted assertion (Open Badges 1.x/2.0 `tEXt` bakes, SVG `verify` attributes).
    case url(String)
    /// A JSON object (RFC 8259), as text: an assertion or credential with an embedded proof, or none.
    case json(String)
    /// A compact JWS (RFC 7515 section 7.1) whose header and payload are base64url-encoded JSON objects: an
    /// Open Badges 2.0 signed assertion or a VC-JWT credential.
    case jwt(String)

    /// The payload text, whatever its kind.
    public var text: String {
        switch self {
        case .url(let text), .json(let text), .jwt(let text): text
        }
    }
}
