import Foundation

/// A compact JWS (RFC 7515 section 7.1): `header.payload.signature`, each part base64url without padding.
/// Only decoded here; signatures are not checked (the raw token is kept for that).
struct CompactJWS {
    let token: String
    let header: JSONValue
    let payload: JSONValue

    /// True when `text` has the shape of a compact JWS: three non-empty-header base64url parts.
    static func looksLikeToken(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        // Over the contiguous UTF-8 when there is one: a per-character view of a 2 KB token showed in profiles.
        func allTokenBytes(_ bytes: some Sequence<UInt8>) -> Bool {
            bytes.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
        }
        return text.utf8.withContiguousStorageIfAvailable { allTokenBytes($0) } ?? allTokenBytes(text.utf8)
    }

    /// Decodes `token`. Throws `malformedJWT` naming the part that is not base64url-encoded JSON.
    init(token rawToken: String, limits: ParserLimits, path: String) throws(DocumentError) {
        let token = rawToken.trimmedWhitespace
        guard Self.looksLikeToken(token[...]) else {
            throw DocumentError(
                code: .malformedJWT, reason: "not a compact JWS: expected three base64url parts separated by '.'", path: path)
        }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        self.token = token
        self.header = try Self.decodePart(parts[0], name: "header", limits: limits, path: path)
        self.payload = try Self.decodePart(parts[1], name: "payload", limits: limits, path: path)
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

    private static func decodePart(_ part: Substring, name: String, limits: ParserLimits, path: String) throws(DocumentError) -> JSONValue {
        if part.utf8.count % 4 == 1 {
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
