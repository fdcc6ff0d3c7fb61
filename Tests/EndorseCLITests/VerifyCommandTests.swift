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
