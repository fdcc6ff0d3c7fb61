/// A scripted response, including hostile behaviours a crawler must survive.
///
/// The server adds `Content-Length` (or `Transfer-Encoding: chunked` when `framing` is `.chunked`) and keeps the
/// connection alive afterwards unless the request asked for `Connection: close`.
public struct LoopbackResponse: Sendable {
    /// How the body length is announced.
    public enum Framing: Sendable, Hashable {
        /// `Content-Length: N`.
        case contentLength
        /// `Transfer-Encoding: chunked`, so the client cannot know the size up front.
        case chunked
    }

    /// What the server does with the connection.
    public enum Behaviour: Sendable, Hashable {
        /// Send the whole response at once.
        case respond
        /// Send the head at once, then the body at `bytesPerSecond` (at least one byte per tick).
        case drip(bytesPerSecond: Int)
        /// Read the request and never answer; the connection stays open until the client or `stop()` closes it.
        case neverAnswer
        /// Close the connection as soon as the request has arrived, without a response.
        case closeImmediately
        /// Send the head (chunked) and then `body` repeated forever.
        case infiniteBody
    }

    /// The status code.
    public var status: Int
    /// Header fields, sent in order (do not add `Content-Length` or `Transfer-Encoding`).
    public var headers: [LoopbackRequest.Header]
    /// The body bytes as sent on the wire (already encoded when `Content-Encoding` is set).
    public var body: [UInt8]
    /// How the body length is announced.
    public var framing: Framing
    /// What the server does with the connection.
    public var behaviour: Behaviour
    /// Time to wait before the first byte of the response (added to the server-wide latency).
    public var delay: Duration

    /// Creates a response.
    public init(
        status: Int = 200,
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        framing: Framing = .contentLength,
        behaviour: Behaviour = .respond,
        delay: Duration = .zero
    ) {
        self.status = status
        self.headers = headers.map { LoopbackRequest.Header(name: $0.name, value: $0.value) }
        self.body = body
        self.framing = framing
        self.behaviour = behaviour
        self.delay = delay
    }

    /// A JSON-LD document (`application/ld+json`).
    public static func json(_ text: String, status: Int = 200) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Content-Type", "application/ld+json")], body: Array(text.utf8))
    }

    /// A plain text document.
    public static func text(_ text: String, status: Int = 200) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// A redirect to `location` (sent as is, so it may be relative).
    public static func redirect(to location: String, status: Int = 302) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Location", location)])
    }

    /// A body sent gzip-encoded (`Content-Encoding: gzip`); `encoded` must already be a gzip stream (see `Gzip`).
    public static func gzip(_ encoded: [UInt8], contentType: String = "application/ld+json") -> LoopbackResponse {
        LoopbackResponse(headers: [("Content-Type", contentType), ("Content-Encoding", "gzip")], body: encoded)
    }

    /// A server that accepts the request and never answers.
    public static let neverAnswer = LoopbackResponse(behaviour: .neverAnswer)

    /// A server that closes the connection when the request arrives.
    public static let closeImmediately = LoopbackResponse(behaviour: .closeImmediately)

    /// This response sent after `delay`.
    public func delayed(by delay: Duration) -> LoopbackResponse {
        var copy = self
        copy.delay = delay
        return copy
    }

    /// Whether the status forbids a body (RFC 9110 section 6.4.1).
    var statusForbidsBody: Bool { (100..<200).contains(status) || status == 204 || status == 304 }
}
