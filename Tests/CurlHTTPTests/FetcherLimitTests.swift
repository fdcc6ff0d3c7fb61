import CurlHTTP
import LoopbackWeb
import Testing

/// Every dimension is bounded: body, head, time, slow drip, silence.
struct FetcherLimitTests {
    static let limit = 10_000

    @Test(arguments: ["/length", "/chunked", "/infinite", "/bomb"])
    func abortsBodiesOverTheLimit(path: String) async throws {
        let big = [UInt8](repeating: 0x7A, count: 50_000)
        let server = try LoopbackServer { request in
            switch request.path {
            case "/length": LoopbackResponse(body: big)
            case "/chunked": LoopbackResponse(body: big, framing: .chunked)
            case "/infinite": LoopbackResponse(behaviour: .infiniteBody)
            default: .gzip(Gzip.repeating(0x41, count: 2_000_000))  // 2 MB decoded from ~13 kB on the wire
            }
        }
        let fetcher = try loopbackFetcher(server) {
            $0.maxBodyBytes = Self.limit
            $0.totalTimeout = .seconds(300)
        }
        let started = ContinuousClock.now

        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://issuer.example\(path)") }

        #expect(error?.code == .bodyTooLarge, "\(String(describing: error))")
        #expect(error?.reason.contains("\(Self.limit) bytes") == true)
        // Aborted by the limit, long before the 300 s total timeout (generous: CPU-bound suites of the same run can hold
        // both cores' worker threads for tens of seconds).
        #expect(ContinuousClock.now - started < .seconds(90))
    }

    @Test func acceptsABodyExactlyAtTheLimit() async throws {
        let server = try LoopbackServer { _ in LoopbackResponse(body: [UInt8](repeating: 1, count: Self.limit), framing: .chunked) }
        let fetcher = try loopbackFetcher(server) { $0.maxBodyBytes = Self.limit }
        let response = try await fetcher.fetch("http://issuer.example/")
        #expect(response.body.count == Self.limit)
    }

    @Test func abortsHugeHeads() async throws {
        let filler = String(repeating: "h", count: 1000)
        let server = try LoopbackServer { _ in LoopbackResponse(headers: (0..<40).map { ("X-Filler-\($0)", filler) }) }
        let fetcher = try loopbackFetcher(server) { $0.maxHeaderBytes = 16_384 }
        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://issuer.example/") }
        #expect(error?.code == .headerTooLarge)
    }

    @Test func abortsASlowDrip() async throws {
        let server = try LoopbackServer { _ in LoopbackResponse(body: [UInt8](repeating: 0x2E, count: 1000), behaviour: .drip(bytesPerSecond: 1)) }
        let fetcher = try loopbackFetcher(server) {
            $0.lowSpeedLimit = 100
            $0.lowSpeedTime = .seconds(1)
            $0.totalTimeout = .seconds(300)
        }
        let started = ContinuousClock.now

        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://issuer.example/drip") }

        #expect(error?.code == .timeout, "\(String(describing: error))")
        // The low-speed abort (1 s), not the 300 s total timeout, ended it.
        #expect(ContinuousClock.now - started < .seconds(90))
    }

    @Test func timesOutOnASilentServer() async throws {
        let server = try LoopbackServer { _ in .neverAnswer }
        let fetcher = try loopbackFetcher(server) {
            $0.totalTimeout = .milliseconds(400)
            $0.lowSpeedTime = .seconds(300)
        }
        let started = ContinuousClock.now

        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://issuer.example/silent") }

        #expect(error?.code == .timeout)
        #expect(error?.reason.contains("slow or unresponsive") == true)
        // The 400 ms total timeout ended it, not the 300 s low-speed abort.
        #expect(ContinuousClock.now - started < .seconds(90))
    }

    @Test func reportsAConnectionClosedWithoutAnswer() async throws {
        let server = try LoopbackServer { _ in .closeImmediately }
        let fetcher = try loopbackFetcher(server)
        let error = await fetchError { () async throws(FetchError) in try await fetcher.fetch("http://issuer.example/") }
        #expect(error?.code == .transport)
    }
}
