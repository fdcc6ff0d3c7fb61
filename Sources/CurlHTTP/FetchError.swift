/// Why a fetch failed: a stable `code` for programs, a `reason` for people, and the URL.
///
/// Equality compares the code only, so tests and callers match kinds: `#expect(error == .timeout)` style checks are
/// written as `error.code == .timeout`.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of the kind of failure.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The host name did not resolve.
        public static let dnsFailure = Code(rawValue: "dnsFailure")
        /// Nothing accepted the TCP connection.
        public static let connectionRefused = Code(rawValue: "connectionRefused")
        /// Connect timeout, total timeout or the low-speed limit was hit.
        public static let timeout = Code(rawValue: "timeout")
        /// The TLS handshake or certificate verification failed.
        public static let tls = Code(rawValue: "tls")
        /// The decoded body exceeded `maxBodyBytes`.
        public static let bodyTooLarge = Code(rawValue: "bodyTooLarge")
        /// The response head exceeded `maxHeaderBytes`.
        public static let headerTooLarge = Code(rawValue: "headerTooLarge")
        /// A redirect chain exceeded `maxRedirects`.
        public static let tooManyRedirects = Code(rawValue: "tooManyRedirects")
        /// The address the host resolved to is loopback, private, link-local or otherwise not public.
        public static let blockedAddress = Code(rawValue: "blockedAddress")
        /// The URL's scheme is not http or https.
        public static let blockedScheme = Code(rawValue: "blockedScheme")
        /// The URL (or a request header) could not be used.
        public static let invalidURL = Code(rawValue: "invalidURL")
        /// The calling task was cancelled or the fetcher was shut down.
        public static let cancelled = Code(rawValue: "cancelled")
        /// Any other transport failure (connection reset, malformed response, ...).
        public static let transport = Code(rawValue: "transport")
    }

    /// The kind of failure.
    public var code: Code
    /// What happened and what to do about it.
    public var reason: String
    /// The URL being fetched.
    public var url: String

    /// Creates an error.
    public init(code: Code, reason: String, url: String) {
        self.code = code
        self.reason = reason
        self.url = url
    }

    /// `CODE: REASON (URL)`.
    public var description: String { "\(code): \(reason) (\(url))" }

    public static func == (lhs: FetchError, rhs: FetchError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    // MARK: - Constructors for the common cases

    /// The decoded body exceeded `limit` bytes.
    public static func bodyTooLarge(url: String, limit: Int) -> FetchError {
        FetchError(
            code: .bodyTooLarge, reason: "the body is larger than \(limit) bytes (decoded); raise maxBodyBytes if the document is legitimate",
            url: url)
    }

    /// The response head exceeded `limit` bytes.
    public static func headerTooLarge(url: String, limit: Int) -> FetchError {
        FetchError(
            code: .headerTooLarge, reason: "the response headers are larger than \(limit) bytes; raise maxHeaderBytes to accept them", url: url)
    }

    /// More than `limit` redirects; `url` is the hop that would have been next (for callers following hop by hop).
    public static func tooManyRedirects(url: String, limit: Int) -> FetchError {
        FetchError(code: .tooManyRedirects, reason: "more than \(limit) redirects (a loop?); the last hop was this URL", url: url)
    }

    /// The URL (or a redirect target) is not http or https.
    public static func blockedScheme(url: String) -> FetchError {
        FetchError(code: .blockedScheme, reason: "only http and https URLs are fetched", url: url)
    }

    /// The calling task was cancelled.
    public static func cancelled(url: String) -> FetchError {
        FetchError(code: .cancelled, reason: "the fetch was cancelled before it finished", url: url)
    }

    /// The fetcher was shut down (code `cancelled`).
    public static func shutDown(url: String) -> FetchError {
        FetchError(code: .cancelled, reason: "the fetcher was shut down; create a new Fetcher", url: url)
    }
}
