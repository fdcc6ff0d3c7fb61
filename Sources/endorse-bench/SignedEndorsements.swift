import Crypto
import Foundation
import OpenBadges
import Verification
import _CryptoExtras

/// Signers for benchmark endorsements: one key per algorithm, made per run. EdDSA and ES256 tokens are issued by
/// the key's own `did:key` (bound offline); RS256 tokens carry their key in the header and name the Ed25519
/// `did:key` as issuer (a full signature check, then unbound): every check runs without fetching anything.
struct BenchSigners {
    let ed25519 = Curve25519.Signing.PrivateKey()
    let p256 = P256.Signing.PrivateKey()
    let rsa: _RSA.Signing.PrivateKey

    init() throws { rsa = try _RSA.Signing.PrivateKey(keySize: .bits2048) }

    var ed25519DID: String { "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + ed25519.publicKey.rawRepresentation) }
    var p256DID: String { "did:key:" + Multibase.encodeBase58btc(Multicodec.p256Public.prefix + p256.publicKey.compressedRepresentation) }

    /// The algorithm of the `index`-th endorsement: EdDSA, ES256 and RS256 in turn.
    static func algorithm(_ index: Int) -> SignatureAlgorithm { SignatureAlgorithm.allCases[index % SignatureAlgorithm.allCases.count] }

    /// A compact JWS of `payload` (a JSON object whose `issuer` placeholder `ISSUER` is replaced) with `algorithm`.
    func token(_ algorithm: SignatureAlgorithm, payload: String) throws -> String {
        let header: String
        let issuer: String
        switch algorithm {
        case .edDSA:
            header = #"{"alg":"EdDSA","kid":"\#(ed25519DID)"}"#
            issuer = ed25519DID
        case .es256:
            header = #"{"alg":"ES256","kid":"\#(p256DID)"}"#
            issuer = p256DID
        case .rs256:
            let primitives = try rsa.publicKey.getKeyPrimitives()
            header =
                #"{"alg":"RS256","jwk":{"kty":"RSA","n":"\#(Base64URL.encode(primitives.modulus))","e":"\#(Base64URL.encode(primitives.publicExponent))"}}"#
            issuer = ed25519DID
        }
        let body = payload.replacingOccurrences(of: "ISSUER", with: issuer)
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(body.utf8))
        let message = Array(input.utf8)
        let signature: [UInt8]
        switch algorithm {
        case .edDSA: signature = Array(try ed25519.signature(for: message))
        case .es256: signature = Array(try p256.signature(for: message).rawRepresentation)
        case .rs256: signature = Array(try rsa.signature(for: message, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
        return input + "." + Base64URL.encode(signature)
    }

    /// `payload` (a JSON credential whose `issuer` placeholder `ISSUER` is replaced by the Ed25519 did:key) with an
    /// eddsa-rdfc-2022 proof by that key, as JSON text.
    func dataIntegrity(_ payload: String) throws -> String {
        let text = payload.replacingOccurrences(of: "ISSUER", with: ed25519DID)
        guard case .object(var members) = try JSONValue.parse(bytes: Array(text.utf8)) else { return text }
        var proof: [String: JSONValue] = [
            "type": .string("DataIntegrityProof"), "cryptosuite": .string("eddsa-rdfc-2022"), "created": .string("2024-03-01T00:00:00Z"),
            "verificationMethod": .string(ed25519DID + "#" + ed25519DID.dropFirst("did:key:".count)), "proofPurpose": .string("assertionMethod"),
        ]
        let input = try ProofCanonicalizer.pinned.signingInput(document: .object(members), proofOptions: .object(proof))
        proof["proofValue"] = .string(Multibase.encodeBase58btc(Array(try ed25519.signature(for: input))))
        members["proof"] = .object(proof)
        return JSONValue.object(members).jcsCanonical
    }
}
