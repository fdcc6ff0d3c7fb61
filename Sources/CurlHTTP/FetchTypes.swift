import Foundation

/// A `--connect-to HOST:PORT:CONNECT_HOST:CONNECT_PORT` mapping, with curl's meaning: a request to
/// HOST:PORT connects to CONNECT_HOST:CONNECT_PORT instead, keeping its URL, Host header and SNI.
/// An empty HOST or PORT matches any.
public struct ConnectTo: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int?
    public var connectHost: String
    public var connectPort: Int?

    public init(host: String, port: Int?, connectHost: String, connectPort: Int?) {
        self.host = host
        self.port = port
        self.connectHost = connectHost
        self.connectPort = connectPort
    }

    /// Parses `HOST:PORT:CONNECT_HOST:CONNECT_PORT`; nil when it is not of that form.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4 else { return nil }
        func port(_ s: String) -> Int?? {
            if s.isEmpty { return .some(nil) }
            guard let p = Int(s), (1...65535).contains(p) else { return nil }
            return .some(p)
        }
        guard let p1 = port(parts[1]), let p2 = port(parts[3]) else { return nil }
        self.init(host: parts[0], port: p1, connectHost: parts[2], connectPort: p2)
    }

    /// The form curl's CURLOPT_CONNECT_TO takes.
    public var description: String { "\(host):\(port.map(String.init) ?? ""):\(connectHost):\(connectPort.map(String.init) ?? "")" }
}

/// One GET request. Redirects are not followed: a 3xx comes back with `FetchResponse.redirectLocation`
/// so that the caller checks every hop (scope, robots, address) like the first.
public struct FetchRequest: Sendable, Hashable {
    public var url: String
    /// Extra headers; `User-Agent` and `Accept` here override the fetcher's defaults.
    public var headers: [(name: String, value: String)]
    public var ifNoneMatch: String?
    public var ifModifiedSince: String?

    public init(url: String, headers: [(name: String, value: String)] = [], ifNoneMatch: String? = nil, ifModifiedSince: String? = nil) {
        self.url = url
        self.headers = headers
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
    }

    public static func == (lhs: FetchRequest, rhs: FetchRequest) -> Bool {
        lhs.url == rhs.url && lhs.ifNoneMatch == rhs.ifNoneMatch && lhs.ifModifiedSince == rhs.ifModifiedSince
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(url) }
}
