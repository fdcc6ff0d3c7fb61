import Foundation

/// A parse failure with a stable code, a reason a user can act on, and where it happened.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes; tests and callers match on these.
    public enum Code: String, Sendable, Hashable {
        case malformedJSON
        case notUTF8
        case tooDeep
        case tooLarge
        case malformedJWT
        case wrongType
        case empty
    }

    public var code: Code
    public var reason: String
    /// JSON path (`$.claim.id`) or byte offset (`byte 1234`) where it happened.
    public var path: String

    public init(code: Code, reason: String, path: String = "$") {
        self.code = code
        self.reason = reason
        self.path = path
    }

    public var description: String { "\(code.rawValue) at \(path): \(reason)" }

    public static func == (lhs: DocumentError, rhs: DocumentError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// Limits that keep hostile documents from costing unbounded time, memory or stack.
public struct ParserLimits: Sendable, Hashable {
    /// Largest body parsed, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of arrays and objects.
    public var maxDepth: Int

    public init(maxBytes: Int = 16 << 20, maxDepth: Int = 256) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = ParserLimits()
}
