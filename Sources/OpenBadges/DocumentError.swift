import Foundation

/// A parse failure with a stable code, a reason a user can act on, and where it happened.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes; tests and callers match on these.
    public enum Code: String, Sendable, Hashable {
        /// Not JSON, even for the lenient pass (the reason names the byte).
        case malformedJSON
        /// A string (or the whole body) is not valid UTF-8.
        case notUTF8
        /// Nesting deeper than ``ParserLimits/maxDepth``.
        case tooDeep
        /// A body larger than ``ParserLimits/maxBytes``.
        case tooLarge
        /// A compact JWS that does not decode to JSON header and payload.
        case malformedJWT
        /// Valid JSON of the wrong shape, e.g. a top-level string or number.
        case wrongType
        /// An empty or all-white-space body.
        case empty
    }

    /// What went wrong, stable across releases.
    public var code: Code
    /// What is wrong and what to do, for people.
    public var reason: String
    /// JSON path (`$.claim.id`) or byte offset (`byte 1234`) where it happened.
    public var path: String

    /// Creates an error; `path` defaults to the document root.
    public init(code: Code, reason: String, path: String = "$") {
        self.code = code
        self.reason = reason
        self.path = path
    }

    /// `code at path: reason`.
    public var description: String { "\(code.rawValue) at \(path): \(reason)" }

    /// Errors are equal when their codes are, so tests and callers match kinds.
    public static func == (lhs: DocumentError, rhs: DocumentError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
