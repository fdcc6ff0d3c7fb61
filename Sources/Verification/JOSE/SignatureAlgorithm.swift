import Crypto
import Foundation
import _CryptoExtras

/// The JWS algorithms endorse verifies (RFC 7518 section 3, RFC 8037 section 3.1). `none`, the HMAC
/// algorithms (a shared secret proves nothing to a third party) and anything else never verify.
public enum SignatureAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    case rs256 = "RS256"
    /// ECDSA on P-256 with SHA-256; the signature is `r || s`, 64 bytes.
    case es256 = "ES256"
    /// EdDSA with Ed25519.
    case edDSA = "EdDSA"

    /// Whether `key` is of the type this algorithm uses.
    public func fits(_ key: PublicKey) -> Bool {
        switch (self, key.material) {
        case (.rs256, .rsa), (.es256, .p256), (.edDSA, .ed25519): true
        default: false
        }
    }

    /// True when `signature` is valid for `message` under `key`. A key of the wrong type, or a signature of
    /// the wrong length, is simply not valid.
    public func isValid(signature: [UInt8], for message: [UInt8], key: PublicKey) -> Bool {
        switch (self, key.material) {
        case (.rs256, .rsa(let modulus, let exponent)):
            guard signature.count == modulus.count,
                let rsa = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: PKCS1.publicKeyDER(modulus: modulus, exponent: exponent))
            else { return false }
            return rsa.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
        case (.es256, .p256(let x, let y)):
            guard signature.count == 64, let p256 = try? P256.Signing.PublicKey(x963Representation: [0x04] + x + y),
                let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return p256.isValidSignature(ecdsa, for: SHA256.hash(data: message))
        case (.edDSA, .ed25519(let raw)):
            guard signature.count == 64, let ed25519 = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
            return ed25519.isValidSignature(signature, for: message)
        default:
            return false
        }
    }
}

/// DER of a PKCS #1 `RSAPublicKey` (RFC 8017 appendix A.1.1), which BoringSSL reads for any modulus size.
enum PKCS1 {
    static func publicKeyDER(modulus: [UInt8], exponent: [UInt8]) -> [UInt8] {
        func integer(_ bytes: [UInt8]) -> [UInt8] {
            let body = (bytes.first ?? 0) & 0x80 != 0 ? [0] + bytes : bytes
            return [0x02] + length(body.count) + body
        }
        let body = integer(modulus) + integer(exponent)
        return [0x30] + length(body.count) + body
    }

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }
}
