import Crypto
import Foundation
import JSONLD
import OpenBadges
import SharedMaterial
import Testing

@testable import Verification

/// The W3C vc-di-eddsa test vectors (`../shared/conformance/vc-di-eddsa/TestVectors`), read in place: every signed
/// document verifies, every stage of the transformation matches the published intermediate files, and a changed
/// document or proof does not verify.
@Suite(.needsSharedMaterial) struct DataIntegrityConformanceTests {
    static let folder = "conformance/vc-di-eddsa/TestVectors/"

    /// Verifiers over the pinned contexts, and over the shared test contexts (for vectors whose contexts endorse
    /// does not ship).
    static let pinned = Verifier(now: Date(timeIntervalSince1970: 1_700_000_000))
    static var shared: Verifier {
        get throws {
            var verifier = pinned
            verifier.canonicalizer = ProofCanonicalizer(loader: try SharedContexts())
            return verifier
        }
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONValue.parse(bytes: SharedMaterial.bytes(folder + path))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try SharedMaterial.bytes(folder + path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test(arguments: [
        "eddsa-rdfc-2022/signedDataInt.json", "Ed25519Signature2020/signedEdSig.json", "eddsa-jcs-2022/signedJCS.json",
        "proof-set-chain/signedProofSet1.json", "proof-set-chain/signedProofSet2.json",
        "proof-set-chain/signedProofChain1.json", "proof-set-chain/signedProofChain2.json",
    ])
    func everySignedVectorVerifies(path: String) throws {
        let credential = try Self.json(path)
        var documents = Documents(StaticKeySource())
        let results = try Self.shared.embeddedProofResults(of: credential, issuer: credential["issuer"]?.string, documents: &documents)
        #expect(!results.isEmpty)
        for result in results {
            #expect(result.signature.state == .valid, "\(path): \(result.name): \(result.signature.detail ?? "")")
            // The vectors' issuer is an https URL and their keys did:keys: valid, and not bound to that issuer.
            #expect(result.keyBinding.state == .unbound)
        }
        let report = try Self.shared.verify(credential: credential, source: StaticKeySource())
        #expect(report.form == .embeddedProof)
        #expect(report.signature.state == .valid)
        #expect(report.outcome == .notVerified)
    }

    @Test func theEddsaRdfc2022StagesMatchThePublishedOnes() throws {
        let signed = try Self.json("eddsa-rdfc-2022/signedDataInt.json")
        guard case .object(var unsecured) = signed else { throw CancellationError() }
        unsecured["proof"] = nil
        let canonicalizer = ProofCanonicalizer.pinned
        let document = try canonicalizer.canonicalForm(of: .object(unsecured), suite: .eddsaRDFC2022)
        #expect(String(decoding: document, as: UTF8.self) == (try Self.text("eddsa-rdfc-2022/canonDocDataInt.txt")) + "\n")
        #expect(Self.hex(SHA256.hash(data: document)) == (try Self.text("eddsa-rdfc-2022/docHashDataInt.txt")))
        let proofValue = try #require(signed["proof"])
        let proof = try #require(EmbeddedProof(proofValue))
        let options = try canonicalizer.canonicalForm(of: proof.configuration(context: unsecured["@context"]), suite: .eddsaRDFC2022)
        #expect(String(decoding: options, as: UTF8.self) == (try Self.text("eddsa-rdfc-2022/proofCanonDataInt.txt")) + "\n")
        #expect(Self.hex(SHA256.hash(data: options)) == (try Self.text("eddsa-rdfc-2022/proofHashDataInt.txt")))
    }

    @Test func thePinnedContextsAloneVerifyTheEddsaRdfc2022Vector() throws {
        let report = Self.pinned.verify(credential: try Self.json("eddsa-rdfc-2022/signedDataInt.json"), source: StaticKeySource())
        #expect(report.signature.state == .valid, "\(report.signature.detail ?? "")")
        #expect(report.algorithm == "DataIntegrityProof/eddsa-rdfc-2022")
    }

    @Test(arguments: ["eddsa-rdfc-2022/signedDataInt.json", "Ed25519Signature2020/signedEdSig.json", "eddsa-jcs-2022/signedJCS.json"])
    func aChangedClaimOrProofDoesNotVerify(path: String) throws {
        guard case .object(var credential) = try Self.json(path) else { throw CancellationError() }
        var changedClaim = credential
        changedClaim["name"] = .string("Forged Credential")
        #expect(try Self.shared.verify(credential: .object(changedClaim), source: StaticKeySource()).signature.state == .invalid)

        guard case .object(var proof)? = credential["proof"] else { throw CancellationError() }
        proof["created"] = .string("2024-01-01T00:00:00Z")
        credential["proof"] = .object(proof)
        #expect(try Self.shared.verify(credential: .object(credential), source: StaticKeySource()).signature.state == .invalid)
    }

    @Test func aChainedProofCheckedWithoutItsPredecessorsFails() throws {
        guard case .object(var credential) = try Self.json("proof-set-chain/signedProofChain2.json"),
            case .array(let proofs)? = credential["proof"]
        else { throw CancellationError() }
        // The last proof was made over the document holding the third; without it, its chain is broken.
        credential["proof"] = .array([proofs[3]])
        let report = try Self.shared.verify(credential: .object(credential), source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.signature.detail?.contains("previous proof") == true)
    }

    @Test func aContextEndorseDoesNotShipMakesTheProofUnsupportedNamingIt() throws {
        guard case .object(var credential) = try Self.json("eddsa-rdfc-2022/signedDataInt.json") else { throw CancellationError() }
        credential["@context"] = .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://contexts.example/unknown")])
        let report = Self.pinned.verify(credential: .object(credential), source: StaticKeySource())
        #expect(report.signature.state == .unsupported)
        #expect(report.signature.detail?.contains("https://contexts.example/unknown") == true)
        #expect(report.outcome == .couldNotCheck)
    }
}

extension DataIntegrityConformanceTests {
    /// What a signer signs is the published combined hash, and an Ed25519 signature over it with the vectors' key
    /// is the published signature (Ed25519 is deterministic).
    @Test func theSigningInputIsThePublishedCombinedHashAndSignsToThePublishedSignature() throws {
        let signed = try Self.json("eddsa-rdfc-2022/signedDataInt.json")
        guard case .object(var document) = signed, case .object(var proof)? = signed["proof"] else { throw CancellationError() }
        document["proof"] = nil
        proof["proofValue"] = nil
        let input = try ProofCanonicalizer.pinned.signingInput(document: .object(document), proofOptions: .object(proof))
        #expect(Self.hex(input) == (try Self.text("eddsa-rdfc-2022/combinedHashDataInt.txt")))

        let keyPair = try Self.json("keyPair.json")
        let secret = try #require(keyPair["privateKeyMultibase"]?.string.flatMap { Multibase.decodeBase58btc($0[...]) })
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: secret.suffix(32))
        let signature = try key.signature(for: input)
        #expect(Self.hex(signature) == (try Self.text("eddsa-rdfc-2022/sigHexDataInt.txt")))
    }
}

/// ecdsa-rdfc-2019 on P-256 (vc-di-ecdsa section 3.3): no vectors in the shared material, so a proof made here with
/// swift-crypto's signer over ``ProofCanonicalizer/signingInput(document:proofOptions:)`` (whose eddsa form is
/// checked against the published hashes above).
@Suite struct ECDSAProofTests {
    static let verifier = Verifier(now: Date(timeIntervalSince1970: 1_767_225_600))

    static func signed(comment: String, key: P256.Signing.PrivateKey) throws -> (credential: JSONValue, did: String) {
        let did = "did:key:" + Multibase.encodeBase58btc(Multicodec.p256Public.prefix + key.publicKey.compressedRepresentation)
        let document: JSONValue = .object([
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2")]),
            "type": .array([.string("VerifiableCredential")]),
            "issuer": .string(did),
            "validFrom": .string("2026-01-01T00:00:00Z"),
            "credentialSubject": .object(["id": .string("https://badges.example/b/1"), "name": .string(comment)]),
        ])
        var proof: [String: JSONValue] = [
            "type": .string("DataIntegrityProof"), "cryptosuite": .string("ecdsa-rdfc-2019"),
            "verificationMethod": .string(did + "#" + did.dropFirst("did:key:".count)), "proofPurpose": .string("assertionMethod"),
        ]
        let input = try ProofCanonicalizer.pinned.signingInput(document: document, proofOptions: .object(proof))
        proof["proofValue"] = .string(Multibase.encodeBase58btc(Array(try key.signature(for: input).rawRepresentation)))
        guard case .object(var members) = document else { throw CancellationError() }
        members["proof"] = .object(proof)
        return (.object(members), did)
    }

    @Test func aP256ProofByTheIssuersDidKeyIsVerifiedAndAChangedOneIsNot() throws {
        let key = P256.Signing.PrivateKey()
        let (credential, did) = try Self.signed(comment: "Data Science Foundations", key: key)
        let report = Self.verifier.verify(credential: credential, source: StaticKeySource())
        #expect(report.outcome == .verified, "\(report.summary)")
        #expect(report.algorithm == "DataIntegrityProof/ecdsa-rdfc-2019")
        #expect(report.issuer?.string == did)

        guard case .object(var changed) = credential else { throw CancellationError() }
        changed["validFrom"] = .string("2026-02-01T00:00:00Z")
        #expect(Self.verifier.verify(credential: .object(changed), source: StaticKeySource()).signature.state == .invalid)
    }

    @Test func anEd25519KeyCannotCarryAnECDSAProof() throws {
        let (credential, _) = try Self.signed(comment: "x", key: P256.Signing.PrivateKey())
        guard case .object(var members) = credential, case .object(var proof)? = members["proof"] else { throw CancellationError() }
        let other = Curve25519.Signing.PrivateKey()
        let did = "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + other.publicKey.rawRepresentation)
        proof["verificationMethod"] = .string(did + "#" + did.dropFirst("did:key:".count))
        members["proof"] = .object(proof)
        let report = Self.verifier.verify(credential: .object(members), source: StaticKeySource())
        #expect(report.signature.state == .invalid)
        #expect(report.signature.detail?.contains("P-256") == true)
    }
}
