/// A failure of the shared crawl state, with a stable code and a message a user can act on.
public struct CrawlStateError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The `postgres://` URL cannot be read.
        case invalidURL
        /// The server cannot be reached, or refused the user, password or database.
        case unreachable
        /// The database holds an endorse crawl state of a newer version.
        case newerSchema
        /// A statement failed (the message carries the server's words).
        case database
    }

    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }

    public static func == (lhs: CrawlStateError, rhs: CrawlStateError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
