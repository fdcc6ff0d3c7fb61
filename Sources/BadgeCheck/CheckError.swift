import BadgeImages

/// Why a check could not even start: the input is not a badge endorse can read. A badge that was read and found
/// wanting is a ``CheckReport`` with a verdict, never an error.
public struct CheckError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes, for programs and the HTTP API's error body.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The bytes are neither a PNG, an SVG, a JSON object nor a compact JWS.
        public static let unrecognizedInput = Code(rawValue: "unrecognizedInput")
        /// The input is over the size limit.
        public static let tooLarge = Code(rawValue: "tooLarge")
        /// An image that could not be unbaked (no payload, a broken or hostile image); the reason names the
        /// image reader's code.
        public static let unbakeFailed = Code(rawValue: "unbakeFailed")
        /// JSON or a token that is not an Open Badges assertion or credential.
        public static let notACredential = Code(rawValue: "notACredential")
        /// The URL given (or baked in) could not be fetched, or answered something unreadable.
        public static let fetchFailed = Code(rawValue: "fetchFailed")
    }

    public var code: Code
    /// What went wrong, in words a user can act on.
    public var reason: String
    /// For ``Code/unbakeFailed``: the image reader's own code (`crcMismatch`, `decompressionBomb`, ...).
    public var detailCode: String?

    public init(_ code: Code, _ reason: String, detailCode: String? = nil) {
        self.code = code
        self.reason = reason
        self.detailCode = detailCode
    }

    init(_ error: UnbakeError) {
        self.init(.unbakeFailed, "cannot read the badge image: \(error.reason) (\(error.location))", detailCode: error.code.rawValue)
    }

    public var description: String { reason }

    /// Errors compare by code: the reason is for people.
    public static func == (lhs: CheckError, rhs: CheckError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
