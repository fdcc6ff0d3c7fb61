/// Something odd about a baked image that did not stop the payload from being read: a stable ``code`` and a
/// ``message`` for people. Equality compares the code only.
public struct UnbakeWarning: Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of oddity.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The stable name, as shown in messages and JSON reports (`crcMismatch`).
        public let rawValue: String
        /// A code named `rawValue`; the predefined codes below are the ones this module produces.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The ``rawValue``.
        public var description: String { rawValue }

        /// A second payload chunk or element exists; the baking specifications allow one, the first was used.
        public static let secondPayload = Code(rawValue: "secondPayload")
        /// A chunk other than the payload has a wrong CRC-32; it was skipped (its bytes are not used).
        public static let crcMismatchIgnored = Code(rawValue: "crcMismatchIgnored")
        /// The payload was compressed (compressed `iTXt` or `zTXt`); the baking specifications say compression
        /// MUST NOT be used.
        public static let compressedPayload = Code(rawValue: "compressedPayload")
        /// The PNG keyword is `openbadge`, which some platforms write, not the specified `openbadges`.
        public static let nonstandardKeyword = Code(rawValue: "nonstandardKeyword")
        /// An SVG badge element has both a `verify` attribute (used) and a body that is not a readable payload.
        public static let unreadableBody = Code(rawValue: "unreadableBody")
        /// The badge element holds child elements; only its own text and CDATA were read.
        public static let childElementsIgnored = Code(rawValue: "childElementsIgnored")
        /// The badge element's prefix is `openbadges` but no namespace is declared for it; it was taken as the
        /// Open Badges namespace its local name implies.
        public static let undeclaredPrefix = Code(rawValue: "undeclaredPrefix")
        /// The badge element is not a child of the root `<svg>` (the specifications place it directly after `<svg>`).
        public static let misplacedElement = Code(rawValue: "misplacedElement")
        /// The image is damaged after the payload (truncated, bad structure, too many chunks); the specifications
        /// let a reader discard everything after the payload, so the payload was kept.
        public static let damagedAfterPayload = Code(rawValue: "damagedAfterPayload")
    }

    /// The kind of oddity.
    public var code: Code
    /// What was seen and what it means, for a person.
    public var message: String

    /// A warning of `code`.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `CODE: MESSAGE`.
    public var description: String { "\(code): \(message)" }

    /// Equal when the codes are, so that tests and callers match kinds, not wording or positions.
    public static func == (lhs: UnbakeWarning, rhs: UnbakeWarning) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
