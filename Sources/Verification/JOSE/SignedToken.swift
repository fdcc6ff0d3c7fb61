import Crypto
import Foundation
import OpenBadges

/// A compact JWS (RFC 7515 section 7.1) split and decoded, with the exact bytes its signature covers.
///
/// Decoding is strict: three parts, each canonical unpadded base64url, a protected header that is a JSON
/// object, a payload that is a JSON object, and at most ``maxBytes`` in all. The payload is kept as sent: a
/// signature is checked over the original text, never a re-serialisation.
public struct SignedToken: Sendable, Hashable {
    /// The largest token read (an `endorsementJwt` or a JWT body); larger ones are refused before decoding.
    public static let maxBytes = 1 << 20

    /// The protected header.
    public let header: JSONValue
    /// The payload.
    public let payload: JSONValue
    /// The signature bytes.
    public let signature: [UInt8]
    /// `BASE64URL(header) || '.' || BASE64URL(payload)`: what the signature covers.
    public let signingInput: [UInt8]

    /// The `alg` header parameter.
    public var algorithm: String? { header["alg"]?.string }
    /// The `kid` header parameter.
    public var keyID: String? { header["kid"]?.string }

    /// The SHA-256 of a token's text, hex: what identifies a checked token (a store reuses a verification only for
    /// the very same bytes; a weaker hash would let a forged token inherit a genuine one's facts).
    public static func digest(of token: String) -> String {
        lowercaseHex(SHA256.hash(data: Array(token.utf8)))
    }

    /// Splits and decodes `token`.
    /// - Throws: ``TokenError`` naming the part that is wrong.
    public init(_ token: String) throws(TokenError) {
        // Checked on the text as given (white space included), before anything is copied.
        guard token.utf8.count <= Self.maxBytes else {
            throw TokenError("the token is \(token.utf8.count) bytes, more than the \(Self.maxBytes) endorse reads")
        }
        guard let parts = CompactJWSParts(token) else {
            let count = token.utf8.reduce(1) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 }
            throw TokenError("a compact JWS has three parts separated by '.', this has \(count)")
        }
        header = try Self.json(parts.bytes[parts.header], name: "header")
        payload = try Self.json(parts.bytes[parts.payload], name: "payload")
        guard let signature = Base64URL.decode(parts.bytes[parts.signature]) else {
            throw TokenError("the signature is not canonical base64url")
        }
        self.signature = signature
        signingInput = Array(parts.signingInput)
        if case .array? = header["crit"] {
            // RFC 7515 section 4.1.11: extensions endorse does not understand make the token unverifiable.
            throw TokenError("the header marks extensions critical ('crit'), which endorse does not implement")
        }
    }

    private static func json(_ part: ArraySlice<UInt8>, name: String) throws(TokenError) -> JSONValue {
        guard let bytes = Base64URL.decode(part) else { throw TokenError("the \(name) is not canonical base64url") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: bytes, maxDepth: 64)
        } catch {
            throw TokenError("the \(name) is not JSON: \(error.reason)")
        }
        guard value.isObject else { throw TokenError("the \(name) is not a JSON object") }
        return value
    }
}

/// A token that is not a readable compact JWS.
public struct TokenError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for a person.
    public let reason: String
    init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
