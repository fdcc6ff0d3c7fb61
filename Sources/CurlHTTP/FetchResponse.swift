/// A complete HTTP response. Redirects are not followed: a 3xx carries `redirectLocation`.
public struct FetchResponse: Sendable {
    /// The URL fetched.
    public var url: String
    /// The URLs that redirected here, first hop first (filled by `Fetcher.fetchFollowingRedirects`; empty otherwise).
    public var redirectChain: [String]
    /// The HTTP status code.
    public var status: Int
    /// Header fields of the final response, in order.
    public var headers: [Header]
    /// The body, decoded from any Content-Encoding.
    public var body: [UInt8]
    /// For a 3xx with a Location header: the absolute URL it points to, resolved against `url`.
    public var redirectLocation: String?
    /// The IP address the transfer actually used.
    public var remoteAddress: String?
    /// Where the time went.
    public var timings: Timings
    /// `HTTP/1.0`, `HTTP/1.1`, `HTTP/2` or `HTTP/3`.
    public var httpVersion: String

    /// One header field.
    public struct Header: Sendable, Hashable {
        /// The field name as sent by the server.
        public var name: String
        /// The field value, surrounding whitespace removed.
        public var value: String

        /// Creates a header field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Times from the start of the transfer until each phase completed (CURLINFO_*_TIME_T); a reused connection
    /// has near-zero dns/connect/tls.
    public struct Timings: Sendable, Hashable {
        /// Name resolution done.
        public var dns: Duration
        /// TCP connected.
        public var connect: Duration
        /// TLS handshake done (zero for plain HTTP).
        public var tls: Duration
        /// First response byte received.
        public var firstByte: Duration
        /// Transfer complete.
        public var total: Duration

        /// Creates timings.
        public init(dns: Duration, connect: Duration, tls: Duration, firstByte: Duration, total: Duration) {
            self.dns = dns
            self.connect = connect
            self.tls = tls
            self.firstByte = firstByte
            self.total = total
        }
    }

    /// Creates a response (the fetcher builds these; tests may too).
    public init(
        url: String, redirectChain: [String] = [], status: Int, headers: [Header], body: [UInt8], redirectLocation: String?,
        remoteAddress: String?, timings: Timings, httpVersion: String
    ) {
        self.url = url
        self.redirectChain = redirectChain
        self.status = status
        self.headers = headers
        self.body = body
        self.redirectLocation = redirectLocation
        self.remoteAddress = remoteAddress
        self.timings = timings
        self.httpVersion = httpVersion
    }

    /// The first value of header `name`, compared case-insensitively (RFC 9110 section 5.1).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The Content-Type header, if any.
    public var contentType: String? { header("Content-Type") }
    /// The ETag header, if any (a validator for `FetchRequest.ifNoneMatch`).
    public var etag: String? { header("ETag") }
    /// The Last-Modified header, if any (a validator for `FetchRequest.ifModifiedSince`).
    public var lastModified: String? { header("Last-Modified") }
    /// Whether the status is 3xx.
    public var isRedirect: Bool { (300..<400).contains(status) && status != 304 }
}
