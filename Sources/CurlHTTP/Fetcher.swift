/// An async HTTP client on libcurl's multi interface, safe to point at URLs strangers wrote.
///
/// One thread drives every transfer (`curl_multi_poll`); `fetch` suspends the calling task until its transfer is
/// done, so thousands of concurrent fetches cost no threads. Connections are reused (HTTP/1.1 keep-alive, HTTP/2
/// multiplexing when the server offers it), DNS answers are cached and shared, bodies are decoded from gzip, deflate,
/// brotli or zstd. Redirects are never followed: a 3xx comes back with `redirectLocation`, so the caller checks
/// every hop like the first (see `fetchFollowingRedirects`). Only http and https are fetched, and unless
/// `allowPrivateAddresses` is set only public addresses are connected to (`AddressPolicy`, checked on the address
/// libcurl actually connects to).
///
/// `shutdown()` fails running fetches with `cancelled` and releases libcurl; it runs on deinit too.
public final class Fetcher: Sendable {
    /// The limits and defaults every fetch uses.
    public let configuration: FetcherConfiguration
    private let loop: MultiLoop

    /// Starts the fetcher's thread.
    /// - Throws: `FetchError` with code `transport` when libcurl cannot be initialised.
    public init(configuration: FetcherConfiguration = FetcherConfiguration()) throws(FetchError) {
        self.configuration = configuration
        self.loop = try MultiLoop(configuration: configuration)
    }

    /// Fetches `request.url` with GET.
    ///
    /// Returns any HTTP status (4xx and 5xx included) as a response. Cancelling the calling task removes the transfer
    /// and throws `cancelled` at once.
    /// - Throws: `FetchError` with code `dnsFailure`, `connectionRefused`, `timeout`, `tls`, `bodyTooLarge`,
    ///   `headerTooLarge`, `blockedAddress`, `blockedScheme`, `invalidURL`, `cancelled` or `transport`.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let job = FetchJob(request: request)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if job.attach(continuation) { loop.submit(job) }
            }
        } onCancel: {
            job.cancel()
            loop.cancel(job)
        }
        return try outcome.get()
    }

    /// Fetches `url` with GET and no extra headers (see `fetch(_:)`).
    public func fetch(_ url: String) async throws(FetchError) -> FetchResponse {
        try await fetch(FetchRequest(url: url))
    }

    /// The name of the fetcher's thread as the OS shows it (`/proc/self/task/*/comm`, debuggers); threads libcurl
    /// starts from it, such as its resolver's, carry the same name on Linux.
    public var threadName: String { loop.threadName }

    /// Stops the fetcher: running and queued fetches throw `cancelled`, later ones too. Idempotent; blocks until the
    /// fetcher's thread has released libcurl (at most one poll interval).
    public func shutdown() { loop.shutdown() }

    deinit { loop.shutdown() }
}
