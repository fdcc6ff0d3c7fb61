import OpenBadges

/// A JSON Web Key (RFC 7517) holding a public key of a type endorse verifies with: `RSA`, `EC` with `crv`
/// `P-256`, `OKP` with `crv` `Ed25519` (RFC 8037). Private members (`d`, ...) are ignored.
public struct JWK: Sendable, Hashable {
    /// The `kid` member.
    public var keyID: String?
    /// The `alg` member, when the key restricts itself to one algorithm.
    public var algorithm: String?
    /// The public key.
    public var key: PublicKey

    /// Reads a JWK object.
    /// - Throws: ``KeyError`` `.malformedKey` when a member is missing or not canonical base64url,
    ///   `.unsupportedKey` for another `kty` or `crv`.
    public init(_ json: JSONValue) throws(KeyError) {
        guard json.isObject else { throw KeyError(.malformedKey, "a JWK must be a JSON object") }
        keyID = json["kid"]?.string
        algorithm = json["alg"]?.string
        func member(_ name: String) throws(KeyError) -> [UInt8] {
            guard let text = json[name]?.string else { throw KeyError(.malformedKey, "the JWK has no '\(name)'") }
            guard let bytes = Base64URL.decode(text) else {
                throw KeyError(.malformedKey, "the JWK member '\(name)' is not canonical base64url")
            }
            return bytes
        }
        switch (json["kty"]?.string, json["crv"]?.string) {
        case ("RSA", _):
            key = try PublicKey(rsaModulus: try member("n"), exponent: try member("e"))
        case ("EC", "P-256"):
            key = try PublicKey(p256X: try member("x"), y: try member("y"))
        case ("OKP", "Ed25519"):
            key = try PublicKey(ed25519: try member("x"))
        case (let kty?, let crv):
            throw KeyError(.unsupportedKey, "a JWK with kty '\(kty)'\(crv.map { " and crv '\($0)'" } ?? "") is not supported")
        case (nil, _):
            throw KeyError(.malformedKey, "the JWK has no 'kty'")
        }
    }

    /// Wraps a key.
    public init(key: PublicKey, keyID: String? = nil, algorithm: String? = nil) {
        self.key = key
        self.keyID = keyID
        self.algorithm = algorithm
    }
}

/// A JWK Set (RFC 7517 section 5): the keys of its `keys` array that endorse can read, at most
/// ``maxKeys``; entries it cannot read are skipped, as RFC 7517 section 5 asks.
public struct JWKSet: Sendable, Hashable {
    /// The most keys a set may hold; a larger set is refused whole rather than scanned.
    public static let maxKeys = 1_000

    /// The readable keys, in document order.
    public var keys: [JWK]

    /// Reads a JWK Set object.
    /// - Throws: ``KeyError`` `.malformedKey` when there is no `keys` array or it holds more than ``maxKeys``.
    public init(_ json: JSONValue) throws(KeyError) {
        guard case .array(let entries)? = json["keys"] else { throw KeyError(.malformedKey, "a JWK Set needs a 'keys' array") }
        guard entries.count <= Self.maxKeys else {
            throw KeyError(.malformedKey, "the JWK Set holds \(entries.count) keys, more than the \(Self.maxKeys) endorse reads")
        }
        keys = entries.compactMap { try? JWK($0) }
    }
}
