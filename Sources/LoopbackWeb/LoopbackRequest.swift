/// One HTTP/1.1 request as the loopback server received it.
///
/// `path` is the request target before `?`, exactly as sent (not percent-decoded); `query` is what follows `?`.
public struct LoopbackRequest: Sendable, Hashable {
    /// The request method, e.g. `GET`.
    public var method: String
    /// The path part of the request target, not percent-decoded.
    public var path: String
    /// The query string without `?`, or nil when the target had none.
    public var query: String?
    /// The header fields in the order received.
    public var headers: [Header]

    /// One header field.
    public struct Header: Sendable, Hashable {
        /// The field name as sent.
        public var name: String
        /// The field value with surrounding whitespace removed.
        public var value: String

        /// Creates a header field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a request value (the server builds these; tests may too).
    public init(method: String, path: String, query: String? = nil, headers: [Header] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }

    /// The first value of the header `name`, compared case-insensitively (RFC 9110 section 5.1).
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The Host header lower-cased with any port removed (`[::1]:80` gives `::1`); nil without a Host header.
    public var host: String? {
        guard let raw = header("Host")?.lowercased(), !raw.isEmpty else { return nil }
        if raw.hasPrefix("[") {
            guard let close = raw.firstIndex(of: "]") else { return nil }
            return String(raw[raw.index(after: raw.startIndex)..<close])
        }
        if let colon = raw.firstIndex(of: ":") { return String(raw[..<colon]) }
        return raw
    }
}
