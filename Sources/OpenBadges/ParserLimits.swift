import Foundation

/// Limits that keep hostile documents from costing unbounded time, memory or stack.
public struct ParserLimits: Sendable, Hashable {
    /// Largest body parsed, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of arrays and objects; values above ``depthCeiling`` act as the ceiling, because
    /// releasing a parsed value is recursive even though parsing is not.
    public var maxDepth: Int
    /// Most same-site `<a href>` links (``LinkReason/page``) taken from one HTML page.
    public var maxPageLinks: Int

    /// Creates limits; the defaults suit crawling (16 MiB, 256 levels, 500 page links).
    public init(maxBytes: Int = 16 << 20, maxDepth: Int = 256, maxPageLinks: Int = 500) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxPageLinks = maxPageLinks
    }

    /// The largest effective ``maxDepth``.
    public static let depthCeiling = 1024

    /// The default limits.
    public static let `default` = ParserLimits()
}
