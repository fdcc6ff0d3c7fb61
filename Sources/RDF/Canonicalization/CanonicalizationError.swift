/// Why RDF Dataset Canonicalization (RDFC-1.0) stopped: a stable ``code`` and a ``reason`` for people.
///
/// Equality compares the code only, so tests and callers match kinds, not wording.
public struct CanonicalizationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of failure.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The dataset needs more Hash N-Degree Quads work (calls, permutations or nesting) than
        /// ``RDFCanonicalizer/Limits`` allow: RDFC-1.0 section 4.4 "poison graphs". The dataset is not
        /// canonicalised; treat a signature over it as unverifiable.
        public static let workLimitExceeded = Code(rawValue: "RDFC-1.0 work limit exceeded")
        /// A quad RDFC-1.0 cannot serialise as N-Quads: a literal subject, predicate or graph name, or a blank node
        /// predicate (generalized RDF).
        public static let invalidQuad = Code(rawValue: "invalid quad")
    }

    /// The kind of failure.
    public var code: Code
    /// What happened and what to do about it.
    public var reason: String

    /// An error of `code` explained by `reason`.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `CODE: REASON`.
    public var description: String { "\(code): \(reason)" }

    public static func == (lhs: CanonicalizationError, rhs: CanonicalizationError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
