import CurlHTTP
import OpenBadges

/// What the crawler needs from an HTTP client: one GET, no redirects followed, and either a response or
/// a failure with a stable code. ``CurlPageFetcher`` adapts the curl `Fetcher`.
public protocol PageFetcher: Sendable {
    /// Performs `request` once. Never throws: a failure is a value the crawler records.
    func fetch(_ request: FetchRequest) async -> Result<PageResponse, PageFailure>
}

/// An HTTP answer, whatever its status.
public struct PageResponse: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The `Content-Type` header.
    public var contentType: String?
    /// The `ETag` header (a validator for the next conditional GET).
    public var etag: String?
    /// The `Last-Modified` header (a validator for the next conditional GET).
    public var lastModified: String?
    /// `Retry-After` in seconds (delta or HTTP date already converted), when sent.
    public var retryAfter: Double?
    /// The `Location` of a 3xx, resolved against the request URL.
    public var location: IRI?
    /// The decoded body.
    public var body: [UInt8]

    /// Creates a response.
    public init(
        status: Int, contentType: String? = nil, etag: String? = nil, lastModified: String? = nil, retryAfter: Double? = nil,
        location: IRI? = nil, body: [UInt8] = []
    ) {
        self.status = status
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.retryAfter = retryAfter
        self.location = location
        self.body = body
    }
}

/// A fetch that produced no usable response.
public struct PageFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The fetcher's stable code: `timeout`, `dnsFailure`, `blockedAddress`, `bodyTooLarge`, `cancelled`, ...
    public var code: String
    /// What happened, for people.
    public var message: String
    /// Whether another attempt may succeed (timeouts, connection errors), as opposed to a final refusal.
    public var isRetryable: Bool

    /// Creates a failure.
    public init(code: String, message: String, isRetryable: Bool) {
        self.code = code
        self.message = message
        self.isRetryable = isRetryable
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    /// The failure of a fetch that was cancelled because the crawl is stopping.
    public static let cancelled = PageFailure(code: "cancelled", message: "the crawl is stopping", isRetryable: true)
}
