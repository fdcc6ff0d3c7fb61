import Crypto
import Foundation
import _CryptoExtras

/// A public key endorse can check signatures with, held as its raw material so that the same key written as a
/// JWK, a PEM file or a multibase string compares equal.
///
/// Construction validates the material: an RSA modulus of 1 024 to ``maxRSABits`` bits with an odd exponent,
/// a P-256 point on the curve, a 32-byte Ed25519 key. Keys under 2 048 bits are accepted (legacy OB 2.0 issuers
/// use them) and flagged by ``isWeak``.
public struct PublicKey: Sendable, Hashable {
    /// The key material.
    public enum Material: Sendable, Hashable {
        /// RSA modulus and public exponent, big-endian without leading zeros.
        case rsa(modulus: [UInt8], exponent: [UInt8])
        /// A P-256 point as its affine coordinates, 32 bytes each.
        case p256(x: [UInt8], y: [UInt8])
        /// An Ed25519 public key, 32 bytes (RFC 8032).
        case ed25519([UInt8])
    }

    /// The largest RSA modulus accepted: verification cost grows with the square of the modulus, and no
    /// issuer needs more. A larger key is refused before any arithmetic.
    public static let maxRSABits = 8192
    /// RSA keys below this size verify but are reported weak (NIST SP 800-131A).
    public static let weakRSABits = 2048

    /// The key material.
    public let material: Material

    /// `RSA-2048`, `P-256`, `Ed25519`: the kind and size, for reports.
    public var description: String {
        switch material {
        case .rsa: "RSA-\(bits)"
        case .p256: "P-256"
        case .ed25519: "Ed25519"
        }
    }

    /// The key size in bits (the modulus size for RSA).
    public var bits: Int {
        switch material {
        case .rsa(let modulus, _): modulus.isEmpty ? 0 : (modulus.count - 1) * 8 + (8 - modulus[0].leadingZeroBitCount)
        case .p256: 256
        case .ed25519: 256
        }
    }

    /// True for an RSA key under ``weakRSABits``.
    public var isWeak: Bool {
        if case .rsa = material { return bits < Self.weakRSABits }
        return false
    }

    /// An RSA key from its modulus and exponent (big-endian; leading zeros ignored).
    /// - Throws: ``KeyError`` `.unsupportedKey` when the modulus is under 1 024 or over ``maxRSABits`` bits, or the
    ///   exponent is even, one, or longer than 4 bytes.
    public init(rsaModulus: [UInt8], exponent: [UInt8]) throws(KeyError) {
        let modulus = Array(rsaModulus.drop(while: { $0 == 0 }))
        let exponent = Array(exponent.drop(while: { $0 == 0 }))
        self.material = .rsa(modulus: modulus, exponent: exponent)
        guard bits >= 1024 else { throw KeyError(.unsupportedKey, "an RSA key of \(bits) bits is too small (at least 1024)") }
        guard bits <= Self.maxRSABits else {
            throw KeyError(.unsupportedKey, "an RSA key of \(bits) bits is larger than the \(Self.maxRSABits)-bit limit")
        }
        guard let last = exponent.last, exponent.count <= 4, last & 1 == 1, exponent != [1] else {
            throw KeyError(.malformedKey, "the RSA public exponent must be odd, above 1 and at most 32 bits")
        }
    }

    /// A P-256 key from its affine coordinates.
    /// - Throws: ``KeyError`` `.malformedKey` when either is not 32 bytes or the point is not on the curve.
    public init(p256X x: [UInt8], y: [UInt8]) throws(KeyError) {
        guard x.count == 32, y.count == 32 else { throw KeyError(.malformedKey, "P-256 coordinates must be 32 bytes each") }
        do {
            _ = try P256.Signing.PublicKey(x963Representation: [0x04] + x + y)
        } catch {
            throw KeyError(.malformedKey, "the P-256 point is not on the curve")
        }
        self.material = .p256(x: x, y: y)
    }

    /// A P-256 key from a 33-byte compressed SEC1 point (`did:key:zDn...`, `Multikey`).
    /// - Throws: ``KeyError`` `.malformedKey` when the bytes are not a compressed point on the curve.
    public init(p256Compressed bytes: [UInt8]) throws(KeyError) {
        guard bytes.count == 33, bytes[0] == 0x02 || bytes[0] == 0x03 else {
            throw KeyError(.malformedKey, "a compressed P-256 point is 33 bytes starting with 02 or 03")
        }
        let point: [UInt8]
        do {
            point = Array(try P256.Signing.PublicKey(compressedRepresentation: bytes).x963Representation)
        } catch {
            throw KeyError(.malformedKey, "the compressed P-256 point is not on the curve")
        }
        self.material = .p256(x: Array(point[1..<33]), y: Array(point[33..<65]))
    }

    /// An Ed25519 key from its 32 bytes.
    /// - Throws: ``KeyError`` `.malformedKey` for another length.
    public init(ed25519 bytes: [UInt8]) throws(KeyError) {
        guard bytes.count == 32 else { throw KeyError(.malformedKey, "an Ed25519 public key is 32 bytes, not \(bytes.count)") }
        self.material = .ed25519(bytes)
    }

    /// A key from a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) or `RSA PUBLIC KEY` (PKCS #1) block: RSA or P-256,
    /// what OB 2.0 `CryptographicKey.publicKeyPem` holds.
    /// - Throws: ``KeyError`` `.malformedKey` when the text is no such key, `.unsupportedKey` for other key types
    ///   or sizes.
    public init(pem: String) throws(KeyError) {
        guard pem.utf8.count <= 16_384 else { throw KeyError(.malformedKey, "a PEM key of \(pem.utf8.count) bytes is too long") }
        if let rsa = try? _RSA.Signing.PublicKey(unsafePEMRepresentation: pem), let primitives = try? rsa.getKeyPrimitives() {
            try self.init(rsaModulus: Array(primitives.modulus), exponent: Array(primitives.publicExponent))
            return
        }
        if let p256 = try? P256.Signing.PublicKey(pemRepresentation: pem) {
            let point = Array(p256.x963Representation)
            try self.init(p256X: Array(point[1..<33]), y: Array(point[33..<65]))
            return
        }
        if pem.contains("-----BEGIN") {
            throw KeyError(.unsupportedKey, "the PEM block is not an RSA (1024-\(Self.maxRSABits) bits) or P-256 public key")
        }
        throw KeyError(.malformedKey, "not a PEM public key")
    }
}

/// A key that could not be read.
public struct KeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem, stable for scripts and tests.
    public enum Code: String, Sendable, Hashable {
        /// The key is written wrongly (bad encoding, wrong length, off the curve).
        case malformedKey
        /// A well-formed key endorse does not verify with (another curve, a size out of bounds).
        case unsupportedKey
    }

    /// The kind of problem.
    public let code: Code
    /// What is wrong, for a person.
    public let reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    public static func == (lhs: KeyError, rhs: KeyError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
