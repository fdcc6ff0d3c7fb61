/// Why a crawl could not run (per-URL failures are never errors: they are recorded in the index).
public struct CrawlError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes; callers and tests match on these.
    public enum Code: String, Sendable, Hashable {
        /// The seed file is missing, unreadable or lists no URL.
        case badSeeds
        /// The index database cannot be opened or written.
        case database
        /// `--resume` was asked for and no crawl is unfinished.
        case nothingToResume
    }

    /// What went wrong.
    public var code: Code
    /// What happened and what to do about it.
    public var reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }

    public static func == (lhs: CrawlError, rhs: CrawlError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
