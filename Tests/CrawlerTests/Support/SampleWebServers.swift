import Foundation
import LoopbackTLS
import LoopbackWeb

/// The sample web served twice, as the real web would serve it: over http on one loopback port and over https
/// (certificates from a CA made for the test, trusted through a CA file) on another. did:web documents and
/// `/.well-known/jwks.json` are only ever fetched over https. Each server records what it was asked.
final class SampleWebServers {
    let plain: LoopbackServer
    let secure: LoopbackTLSServer
    let plainRequests: RecordingResponder
    let secureRequests: RecordingResponder
    let folder: TemporaryFolder
    let caPath: String

    /// The hosts of the web: every folder of `root`.
    static func hosts(of root: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    init(root: URL) async throws {
        let site = StaticSite(root: root)
        plainRequests = RecordingResponder(site)
        secureRequests = RecordingResponder(site)
        plain = try LoopbackServer(responder: plainRequests)
        let authority = try LoopbackCertificateAuthority()
        secure = try await LoopbackTLSServer(responder: secureRequests, identity: try authority.issue(hosts: try Self.hosts(of: root)))
        folder = try TemporaryFolder()
        caPath = folder.path("ca.pem")
        try authority.writeCertificate(to: caPath)
    }

    /// The harness's `tls` argument.
    var tls: (port: Int, caPath: String) { (secure.port, caPath) }

    func stop() {
        plain.stop()
        secure.stop()
    }
}
