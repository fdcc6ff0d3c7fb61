/// Why no payload could be taken from an image: a stable ``code``, a ``reason`` a user can act on, and where in
/// the image reading stopped.
///
/// Equality compares the code only, so tests and callers match kinds, not wording or offsets.
public struct UnbakeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable name, as shown in messages and JSON reports (`crcMismatch`).
        public let rawValue: String
        /// A code named `rawValue`; the predefined codes below are the ones this module produces.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The ``rawValue``.
        public var description: String { rawValue }

        /// The bytes are neither a PNG (no PNG signature) nor an SVG (no `<svg>` root element).
        public static let notAnImage = Code(rawValue: "notAnImage")
        /// A well-formed image with no Open Badges / CLR payload chunk or element: an unbaked image.
        public static let noPayload = Code(rawValue: "noPayload")
        /// The payload chunk's CRC-32 does not match its type and data (PNG section 5.3): the payload is corrupt.
        public static let crcMismatch = Code(rawValue: "crcMismatch")
        /// More chunks than ``UnbakeLimits/maxChunks`` before a payload was found.
        public static let tooManyChunks = Code(rawValue: "tooManyChunks")
        /// The image exceeds ``UnbakeLimits/maxImageBytes``, or a payload exceeds ``UnbakeLimits/maxPayloadBytes``.
        public static let tooLarge = Code(rawValue: "tooLarge")
        /// A compressed payload inflates past ``UnbakeLimits/maxPayloadBytes`` (a zlib bomb); inflating stopped there.
        public static let decompressionBomb = Code(rawValue: "decompressionBomb")
        /// The SVG declares entities (`<!ENTITY`) or references a parameter entity in its DOCTYPE: refused, never expanded.
        public static let entityDeclarationRefused = Code(rawValue: "entityDeclarationRefused")
        /// SVG elements nest deeper than ``UnbakeLimits/maxSVGDepth``.
        public static let nestingTooDeep = Code(rawValue: "nestingTooDeep")
        /// The SVG is not well-formed XML where it matters (tags, attributes, CDATA, references, encoding).
        public static let malformedSVG = Code(rawValue: "malformedSVG")
        /// The PNG's chunk structure is broken: truncated, a bad chunk type, a length past the end, no `IEND`.
        public static let malformedPNG = Code(rawValue: "malformedPNG")
        /// The payload chunk or element exists but its bytes cannot be read as text: invalid UTF-8, an unknown
        /// compression flag or method, a corrupt zlib stream, an undeclared entity reference.
        public static let unreadablePayload = Code(rawValue: "unreadablePayload")
        /// The payload chunk or element exists but holds only white space.
        public static let emptyPayload = Code(rawValue: "emptyPayload")
        /// The payload starts like a JSON object but is not valid JSON (RFC 8259), or is JSON but not an object.
        public static let invalidJSON = Code(rawValue: "invalidJSON")
        /// The payload has the shape of a compact JWS but its header or payload is not base64url-encoded JSON.
        public static let invalidJWS = Code(rawValue: "invalidJWS")
        /// The payload is none of an http(s) URL, a JSON object or a compact JWS.
        public static let unrecognizedPayload = Code(rawValue: "unrecognizedPayload")
        /// ``BakedBadge/bake(png:payload:keyword:)`` or ``BakedBadge/bake(svg:payload:standard:)`` was given
        /// something it cannot bake (a bad keyword, a root element it cannot extend).
        public static let cannotBake = Code(rawValue: "cannotBake")
    }

    /// The kind of failure.
    public var code: Code
    /// What is wrong and what to do, for a person.
    public var reason: String
    /// Where reading stopped: `byte N` for a PNG, `line N` for an SVG, `image` when it concerns the whole input.
    public var location: String
    /// The payload text, when it was read but could not be classified (``invalidJSON``, ``invalidJWS``,
    /// ``unrecognizedPayload``), so that a caller may still show it or try a tolerant reader.
    public var payloadText: String?

    /// An error of `code` at `location`.
    public init(code: Code, reason: String, location: String = "image", payloadText: String? = nil) {
        self.code = code
        self.reason = reason
        self.location = location
        self.payloadText = payloadText
    }

    /// `CODE at LOCATION: REASON`.
    public var description: String { "\(code) at \(location): \(reason)" }

    /// Equal when the codes are, so that tests and callers match kinds, not wording or positions.
    public static func == (lhs: UnbakeError, rhs: UnbakeError) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
