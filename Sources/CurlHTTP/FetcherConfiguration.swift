/// Limits and defaults for a `Fetcher`. Every limit is enforced per transfer; the defaults suit a polite crawler.
public struct FetcherConfiguration: Sendable {
    /// Sent as `User-Agent` unless the request sets its own.
    public var userAgent: String
    /// Sent as `Accept` unless the request sets its own.
    public var accept: String
    /// Time allowed to resolve and connect (including TLS) (CURLOPT_CONNECTTIMEOUT_MS).
    public var connectTimeout: Duration
    /// Time allowed for the whole transfer (CURLOPT_TIMEOUT_MS).
    public var totalTimeout: Duration
    /// Abort when fewer than `lowSpeedLimit` bytes per second arrive for `lowSpeedTime` (CURLOPT_LOW_SPEED_LIMIT/TIME).
    public var lowSpeedLimit: Int
    /// See `lowSpeedLimit`; whole seconds, at least 1.
    public var lowSpeedTime: Duration
    /// Maximum decoded body size; the transfer aborts as soon as it is exceeded, whatever Content-Length says.
    public var maxBodyBytes: Int
    /// Maximum size of the response head (status line and header fields).
    public var maxHeaderBytes: Int
    /// Maximum hops for callers following redirects (`Fetcher.fetchFollowingRedirects`); the fetcher itself never follows.
    public var maxRedirects: Int
    /// Allow loopback, private, link-local and other non-public addresses (tests and the offline demo only).
    public var allowPrivateAddresses: Bool
    /// `--connect-to` mappings (CURLOPT_CONNECT_TO): keep the URL and Host header, connect elsewhere.
    public var connectTo: [ConnectTo]
    /// Transfers running at once; further fetches wait in the fetcher's queue (not inside libcurl, so their
    /// timeouts do not run while they wait).
    public var maxConcurrentTransfers: Int
    /// A PEM file of certificate authorities to trust instead of the system's (CURLOPT_CAINFO): a company behind
    /// its own CA, or tests with a CA of their own. Nil: the system bundle.
    public var caCertificatePath: String?

    /// The default `User-Agent`.
    /// endorse's version: `endorse --version` prints it, and the User-Agent names it.
    public static let productVersion = "0.1.0"

    public static let defaultUserAgent =
        "endorse/\(productVersion) (+https://github.com/endorse-crawler/endorse; Open Badges endorsement crawler)"
    /// The default `Accept`: JSON-LD first, JSON next, HTML last.
    public static let defaultAccept = "application/ld+json, application/json;q=0.9, text/html;q=0.5"

    /// Creates a configuration; every parameter has a default suitable for crawling the public web.
    public init(
        userAgent: String = FetcherConfiguration.defaultUserAgent,
        accept: String = FetcherConfiguration.defaultAccept,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(30),
        lowSpeedLimit: Int = 100,
        lowSpeedTime: Duration = .seconds(10),
        maxBodyBytes: Int = 5 * 1024 * 1024,
        maxHeaderBytes: Int = 64 * 1024,
        maxRedirects: Int = 5,
        allowPrivateAddresses: Bool = false,
        connectTo: [ConnectTo] = [],
        maxConcurrentTransfers: Int = 64,
        caCertificatePath: String? = nil
    ) {
        self.caCertificatePath = caCertificatePath
        self.userAgent = userAgent
        self.accept = accept
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxRedirects = maxRedirects
        self.allowPrivateAddresses = allowPrivateAddresses
        self.connectTo = connectTo
        self.maxConcurrentTransfers = maxConcurrentTransfers
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 for any positive duration.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return self > .zero ? max(1, Int(ms)) : 0
    }
}
