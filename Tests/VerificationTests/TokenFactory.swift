import Crypto
import Foundation
import OpenBadges
import Verification
import _CryptoExtras

/// Signs test tokens with keys made for the test run: the real swift-crypto signers, so the verifier is checked
/// against signatures it did not make itself.
struct Signer {
    enum Secret {
        case ed25519(Curve25519.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    let secret: Secret

    static func ed25519() -> Signer { Signer(secret: .ed25519(Curve25519.Signing.PrivateKey())) }
    static func p256() -> Signer { Signer(secret: .p256(P256.Signing.PrivateKey())) }
    static func rsa(bits: Int = 2048) throws -> Signer {
        Signer(
            secret: .rsa(
                bits < 2048
                    ? try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: bits)) : try _RSA.Signing.PrivateKey(keySize: .init(bitCount: bits)))
        )
    }

    var algorithm: String {
        switch secret {
        case .ed25519: "EdDSA"
        case .p256: "ES256"
        case .rsa: "RS256"
        }
    }

    /// The public key as a JWK object.
    var jwk: JSONValue {
        switch secret {
        case .ed25519(let key):
            return .object(["kty": .string("OKP"), "crv": .string("Ed25519"), "x": .string(Base64URL.encode(key.publicKey.rawRepresentation))])
        case .p256(let key):
            let point = Array(key.publicKey.x963Representation)
            return .object([
                "kty": .string("EC"), "crv": .string("P-256"), "x": .string(Base64URL.encode(point[1..<33])),
                "y": .string(Base64URL.encode(point[33..<65])),
            ])
        case .rsa(let key):
            let primitives = try! key.publicKey.getKeyPrimitives()
            return .object([
                "kty": .string("RSA"), "n": .string(Base64URL.encode(primitives.modulus)), "e": .string(Base64URL.encode(primitives.publicExponent)),
            ])
        }
    }

    /// The public key as a PEM SubjectPublicKeyInfo (what OB 2.0 `publicKeyPem` holds).
    var pem: String {
        switch secret {
        case .ed25519: fatalError("no PEM for Ed25519 in these tests")
        case .p256(let key): key.publicKey.pemRepresentation
        case .rsa(let key): key.publicKey.pemRepresentation
        }
    }

    /// `did:key:z...` of an Ed25519 or P-256 key.
    var didKey: String {
        switch secret {
        case .ed25519(let key): "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + key.publicKey.rawRepresentation)
        case .p256(let key): "did:key:" + Multibase.encodeBase58btc(Multicodec.p256Public.prefix + key.publicKey.compressedRepresentation)
        case .rsa: fatalError("no did:key for RSA in these tests")
        }
    }

    /// A compact JWS of `payload` (JSON text) under `header` (its `alg` added unless given).
    func token(header: [String: JSONValue] = [:], payload: String) -> String {
        var header = header
        if header["alg"] == nil { header["alg"] = .string(algorithm) }
        let input = Base64URL.encode(Array(JSONText.write(.object(header)).utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(sign(Array(input.utf8)))
    }

    func sign(_ message: [UInt8]) -> [UInt8] {
        switch secret {
        case .ed25519(let key): Array(try! key.signature(for: message))
        case .p256(let key): Array(try! key.signature(for: message).rawRepresentation)
        case .rsa(let key): Array(try! key.signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }
}

/// A minimal JSON writer for test documents (sorted keys, so tokens are reproducible).
enum JSONText {
    static func write(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text):
            let data = try! JSONEncoder().encode(text)
            return String(decoding: data, as: UTF8.self)
        case .array(let items): return "[" + items.map(write).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { write(.string($0)) + ":" + write(members[$0]!) }.joined(separator: ",") + "}"
        }
    }
}

/// A VC 2.0 endorsement credential payload.
func endorsementPayload(
    issuer: String, id: String = "https://endorser.example/endorsements/1", subject: String = "https://issuer.example/badges/1",
    validFrom: String = "2026-01-01T00:00:00Z", validUntil: String? = nil, extra: [String: JSONValue] = [:]
) -> String {
    var members: [String: JSONValue] = [
        "@context": .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]),
        "id": .string(id),
        "type": .array([.string("VerifiableCredential"), .string("EndorsementCredential")]),
        "issuer": .object(["id": .string(issuer), "type": .array([.string("Profile")]), "name": .string("Endorser")]),
        "validFrom": .string(validFrom),
        "credentialSubject": .object([
            "id": .string(subject), "type": .array([.string("EndorsementSubject")]), "endorsementComment": .string("Good."),
        ]),
    ]
    if let validUntil { members["validUntil"] = .string(validUntil) }
    for (key, value) in extra { members[key] = value }
    return JSONText.write(.object(members))
}

extension StaticKeySource {
    /// A source serving JSON documents by URL.
    init(json documents: [String: JSONValue]) {
        var answers: [IRI: KeySourceAnswer] = [:]
        for (url, json) in documents { answers[IRI(url)] = .document(Array(JSONText.write(json).utf8)) }
        self.init(answers)
    }
}

/// A fixed clock for validity checks.
let testNow = ISO8601DateFormatter().date(from: "2026-06-01T00:00:00Z")!
