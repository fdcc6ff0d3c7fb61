/// A compact JWS (RFC 7515 section 7.1): `header.payload.signature`, each part base64url without padding.
/// Only decoded here; signatures are not checked (the raw token is kept for that).
struct CompactJWS {
    let token: String
    let header: JSONValue
    let payload: JSONValue

    /// True when `bytes` (white space around ignored) have the shape of a compact JWS: three base64url parts
    /// separated by `.`, the header and payload non-empty.
    static func looksLikeToken(_ bytes: [UInt8]) -> Bool {
        CompactJWSParts(bytes: bytes)?.usesTokenAlphabet ?? false
    }

    /// Decodes `token`. Throws `malformedJWT` naming the part that is not base64url-encoded JSON.
    init(token rawToken: String, limits: ParserLimits, path: String) throws(DocumentError) {
        guard let parts = CompactJWSParts(rawToken), parts.usesTokenAlphabet else {
            throw DocumentError(
                code: .malformedJWT, reason: "not a compact JWS: expected three base64url parts separated by '.'", path: path)
        }
        self.token = parts.token
        self.header = try Self.decodePart(parts.bytes[parts.header], name: "header", limits: limits, path: path)
        self.payload = try Self.decodePart(parts.bytes[parts.payload], name: "payload", limits: limits, path: path)
        guard header.isObject, payload.isObject else {
            throw DocumentError(code: .malformedJWT, reason: "the JWS header and payload must be JSON objects", path: path)
        }
    }

    /// The credential a JWT carries: the payload itself, or its `vc` claim (VC Data Model 1.1 JWT encoding),
    /// with `jti` / `iss` / `nbf` / `exp` filling a missing `id` / `issuer` / `issuanceDate` / `expirationDate`.
    var credential: JSONValue {
        guard case .object(var members) = payload["vc"] ?? payload else { return payload }
        let claims: [(claim: String, member: String)] = [
            ("jti", "id"), ("iss", "issuer"), ("nbf", "issuanceDate"), ("exp", "expirationDate"),
        ]
        for (claim, member) in claims where members[member] == nil {
            if let value = payload[claim] { members[member] = value }
        }
        return .object(members)
    }

    private static func decodePart(_ part: ArraySlice<UInt8>, name: String, limits: ParserLimits, path: String) throws(DocumentError) -> JSONValue {
        if part.count % 4 == 1 {
            throw DocumentError(code: .malformedJWT, reason: "the JWS \(name) has an impossible base64url length", path: path)
        }
        guard let bytes = Base64URL.decodeLenient(part) else {
            throw DocumentError(code: .malformedJWT, reason: "the JWS \(name) is not base64url", path: path)
        }
        do {
            return try JSONReader.readTolerant(bytes, maxDepth: limits.maxDepth).value
        } catch {
            throw DocumentError(code: .malformedJWT, reason: "the JWS \(name) is not JSON: \(error.reason)", path: path)
        }
    }
}
