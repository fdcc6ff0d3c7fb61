import CurlHTTP
import Foundation
import LoopbackWeb
import Testing

/// Without `allowPrivateAddresses`, no spelling of a private address gets a connection, even to a live server.
struct FetcherSafetyTests {
    static func strictFetcher(connectTo: [ConnectTo] = []) throws -> Fetcher {
        try Fetcher(configuration: FetcherConfiguration(connectTimeout: .seconds(2), totalTimeout: .seconds(3), connectTo: connectTo))
    }

    /// URL templates; PORT is the live loopback server's port.
    static let forms = [
        "http://127.0.0.1:PORT/", "http://2130706433:PORT/", "http://[::ffff:127.0.0.1]:PORT/", "http://127.1:PORT/",
        "http://0x7f.1:PORT/", "http://0177.0.0.1:PORT/", "http://localhost:PORT/", "http://[::1]:PORT/",
        "http://10.0.0.1/", "http://192.168.0.1/", "http://172.16.5.4/", "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/", "http://0.0.0.0:PORT/", "http://224.0.0.1/", "http://255.255.255.255/",
        "http://[fc00::1]/", "http://[::ffff:10.0.0.1]/", "http://[::]:PORT/",
    ]

    @Test(arguments: forms)
    func refusesPrivateAddressForms(template: String) async throws {
        let hits = Counter()
        let server = try LoopbackServer { _ in
            hits.increment()
            return .text("secret")
        }
        let url = template.replacingOccurrences(of: "PORT", with: String(server.port))
        let fetcher = try Self.strictFetcher()

        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch(url) }

        #expect(error?.code == .blockedAddress, "\(url): \(String(describing: error))")
        #expect(error?.reason.contains("only public addresses") == true)
        #expect(hits.count == 0)
    }

    @Test func refusesAConnectToMappingOntoLoopback() async throws {
        let server = try LoopbackServer { _ in .text("secret") }
        let fetcher = try Self.strictFetcher(connectTo: [ConnectTo(host: "", port: nil, connectHost: "127.0.0.1", connectPort: server.port)])
        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://issuer.example/") }
        #expect(error?.code == .blockedAddress)
    }

    @Test(arguments: ["http://10.0.0.1/admin", "http://2130706433/", "http://[::ffff:127.0.0.1]/", "http://localhost/"])
    func refusesARedirectToAPrivateAddress(target: String) async throws {
        let server = try LoopbackServer { _ in .redirect(to: target) }
        let trusting = try loopbackFetcher(server)
        let strict = try Self.strictFetcher()

        let hop = try await trusting.fetch("http://issuer.example/moved")
        let location = try #require(hop.redirectLocation)
        let error = await fetchError { () async throws(FetchError) in try await strict.fetchFollowingRedirects(FetchRequest(url: location)) }

        #expect(hop.status == 302)
        #expect(error?.code == .blockedAddress, "\(location): \(String(describing: error))")
    }

    @Test(arguments: ["file:///etc/passwd", "gopher://issuer.example/", "dict://issuer.example/"])
    func refusesARedirectToAnotherScheme(target: String) async throws {
        let server = try LoopbackServer { _ in .redirect(to: target) }
        let fetcher = try loopbackFetcher(server)
        let error = await fetchError { () async throws(FetchError) in
            try await fetcher.fetchFollowingRedirects(FetchRequest(url: "http://issuer.example/moved"))
        }
        #expect(error?.code == .blockedScheme, "\(String(describing: error))")
    }
}
