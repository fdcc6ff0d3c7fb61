import CurlHTTP
import Foundation
import LoopbackTLS
import LoopbackWeb
import Testing

/// https through a certificate authority the test makes: trusted with `caCertificatePath` (CURLOPT_CAINFO), refused
/// without it, and refused for a host name the certificate does not list.
struct FetcherTLSTests {
    private static func fetcher(port: Int, caPath: String?) throws -> Fetcher {
        try Fetcher(
            configuration: FetcherConfiguration(
                connectTimeout: .seconds(5), totalTimeout: .seconds(10), allowPrivateAddresses: true,
                connectTo: [ConnectTo(host: "", port: 443, connectHost: "127.0.0.1", connectPort: port)], caCertificatePath: caPath))
    }

    @Test func httpsWithTheTestAuthorityTrustedAndNot() async throws {
        let authority = try LoopbackCertificateAuthority()
        let identity = try authority.issue(hosts: ["endorser.example"])
        let server = try await LoopbackTLSServer(
            responder: ClosureResponder { request in .json(#"{"path":"\#(request.path)","host":"\#(request.host ?? "")"}"#) }, identity: identity)
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("endorse-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let caPath = folder.appendingPathComponent("ca.pem").path
        try authority.writeCertificate(to: caPath)

        let trusted = try await Self.fetcher(port: server.port, caPath: caPath).fetch("https://endorser.example/.well-known/did.json")
        #expect(trusted.status == 200)
        #expect(String(decoding: trusted.body, as: UTF8.self) == #"{"path":"/.well-known/did.json","host":"endorser.example"}"#)

        let plain = try Self.fetcher(port: server.port, caPath: nil)
        let untrusted = await fetchError { () async throws(FetchError) in try await plain.fetch("https://endorser.example/") }
        #expect(untrusted?.code == .tls)

        let withCA = try Self.fetcher(port: server.port, caPath: caPath)
        let wrongName = await fetchError { () async throws(FetchError) in try await withCA.fetch("https://mallory.example/") }
        #expect(wrongName?.code == .tls)
    }
}
