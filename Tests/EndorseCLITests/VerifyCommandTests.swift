import Crypto
import EndorseTestFixtures
import Foundation
import LoopbackTLS
import LoopbackWeb
import OpenBadges
import Testing
import Verification

/// `endorse verify` as a user runs it: files signed in the test with a did:key (offline), a forged one, input that
/// is no credential, and a URL whose key lives in a did:web document on an https server trusted with --ca-cert.
struct VerifyCommandTests {
    let key = Curve25519.Signing.PrivateKey()
    var did: String { "did:key:" + Multibase.encodeBase58btc(Multicodec.ed25519Public.prefix + key.publicKey.rawRepresentation) }

    func token(issuer: String, kid: String? = nil, subject: String = "https://issuer.example/badges/1") -> String {
        let header = kid.map { #"{"alg":"EdDSA","kid":"\#($0)"}"# } ?? #"{"alg":"EdDSA"}"#
        let payload = """
            {"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:1f0e","type":["VerifiableCredential","EndorsementCredential"],\
            "issuer":"\(issuer)","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"\(subject)","type":"EndorsementSubject"}}
            """
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(try! key.signature(for: Array(input.utf8)))
    }

    func write(_ text: String, named name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aDidKeySignedFileIsVerifiedOffline() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try write(token(issuer: did), named: "endorsement.jwt", in: folder)
        let result = try await EndorseExecutable.locate().run(["verify", "--offline", file])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.contains("signed by \(did)"))
        #expect(result.stdoutText.contains("binding     bound"))

        let json = try await EndorseExecutable.locate().run(["verify", "--offline", "--json", file])
        let reports = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]]
        #expect(reports?.first?["outcome"] as? String == "verified")
        #expect((reports?.first?["report"] as? [String: Any])?["signature"] != nil)
    }

    /// An OB 3.0 endorsement with an eddsa-rdfc-2022 proof by the did:key, as JSON.
    func dataIntegrityEndorsement(id: String = "urn:uuid:2a7c") throws -> JSONValue {
        let document: JSONValue = .object([
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]),
            "id": .string(id), "type": .array([.string("VerifiableCredential"), .string("EndorsementCredential")]),
            "issuer": .string(did), "validFrom": .string("2026-01-01T00:00:00Z"),
            "credentialSubject": .object(["id": .string("https://issuer.example/badges/1"), "type": .array([.string("EndorsementSubject")])]),
        ])
        var proof: [String: JSONValue] = [
            "type": .string("DataIntegrityProof"), "cryptosuite": .string("eddsa-rdfc-2022"),
            "verificationMethod": .string(did + "#" + did.dropFirst("did:key:".count)), "proofPurpose": .string("assertionMethod"),
        ]
        let input = try ProofCanonicalizer.pinned.signingInput(document: document, proofOptions: .object(proof))
        proof["proofValue"] = .string(Multibase.encodeBase58btc(Array(try key.signature(for: input))))
        guard case .object(var members) = document else { return document }
        members["proof"] = .object(proof)
        return .object(members)
    }

    @Test func aDataIntegrityEndorsementAndOneEmbeddedInABadgeAreVerifiedOffline() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let endorsement = try dataIntegrityEndorsement()
        let file = try write(endorsement.jcsCanonical, named: "endorsement.json", in: folder)
        let result = try await EndorseExecutable.locate().run(["verify", "--offline", file])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("signed by \(did)"))
        #expect(result.stdoutText.contains("form        embedded-proof"))
        // The endorsement is the document itself: one report, not two.
        #expect(result.stdoutText.components(separatedBy: "outcome").count == 2)

        let badge: JSONValue = .object([
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]),
            "id": .string("https://issuer.example/badges/1"), "type": .array([.string("Achievement")]), "name": .string("Welding Safety"),
            "endorsement": .array([endorsement]),
        ])
        let badgeFile = try write(badge.jcsCanonical, named: "badge.json", in: folder)
        let both = try await EndorseExecutable.locate().run(["verify", "--offline", "--json", badgeFile])
        let reports = try JSONSerialization.jsonObject(with: both.stdout) as? [[String: Any]]
        #expect(reports?.count == 2)
        #expect(reports?.first?["outcome"] as? String == "notVerified")  // the badge itself carries no proof
        #expect(reports?.last?["subject"] as? String == "urn:uuid:2a7c")
        #expect(reports?.last?["outcome"] as? String == "verified")
        #expect(both.status == 10)
    }

    @Test func aForgedFileIsInvalidAndInputThatIsNoCredentialIsAnError() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let genuine = token(issuer: did)
        let forgedText = String(genuine.dropLast(4)) + (genuine.hasSuffix("AAAA") ? "BBBB" : "AAAA")
        let forged = try write(forgedText, named: "forged.jwt", in: folder)
        let result = try await EndorseExecutable.locate().run(["verify", "--offline", forged])
        #expect(result.status == 12, "\(result.stdoutText)")
        #expect(result.stdoutText.contains("INVALID"))

        let garbage = try write("hello, world", named: "note.txt", in: folder)
        let refused = try await EndorseExecutable.locate().run(["verify", garbage])
        #expect(refused.status == 1)
        #expect(refused.stderrText.contains("neither a compact JWS nor a JSON object"))

        let missing = try await EndorseExecutable.locate().run(["verify", folder.appendingPathComponent("absent.jwt").path])
        #expect(missing.status == 1)
        #expect(missing.stderrText.contains("cannot read"))
    }

    @Test func aURLIsFetchedAndItsDidWebKeyToo() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let didWeb = "did:web:alliance.example"
        let multikey = String(did.dropFirst("did:key:".count))
        let document = """
            {"id":"\(didWeb)","verificationMethod":[{"id":"\(didWeb)#k1","type":"Multikey","controller":"\(didWeb)","publicKeyMultibase":"\(multikey)"}],\
            "assertionMethod":["#k1"]}
            """
        let signed = token(issuer: didWeb, kid: didWeb + "#k1")
        let site = ClosureResponder { request in
            switch request.path {
            case "/.well-known/did.json": .json(document)
            case "/e/1.jwt": LoopbackResponse(headers: [("Content-Type", "application/vc+jwt")], body: Array(signed.utf8))
            default: .text("not here", status: 404)
            }
        }
        let authority = try LoopbackCertificateAuthority()
        let server = try await LoopbackTLSServer(responder: site, identity: try authority.issue(hosts: ["alliance.example"]))
        defer { server.stop() }
        let caPath = folder.appendingPathComponent("ca.pem").path
        try authority.writeCertificate(to: caPath)
        let options = ["--connect-to", ":443:127.0.0.1:\(server.port)", "--allow-private-addresses", "--ca-cert", caPath]

        let result = try await EndorseExecutable.locate().run(["verify", "https://alliance.example/e/1.jwt"] + options)
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("listed in \(didWeb)'s assertionMethod"))

        // Without the option the loopback address is refused, and the command says it could not check.
        let refused = try await EndorseExecutable.locate().run([
            "verify", "https://alliance.example/e/1.jwt", "--connect-to", ":443:127.0.0.1:\(server.port)", "--ca-cert", caPath,
        ])
        #expect(refused.status == 1)
        #expect(refused.stderrText.contains("blockedAddress"), "\(refused.stderrText)")
    }
}
