/// Why N-Quads text could not be read: a stable ``code``, the 1-based ``line`` and ``column`` (a byte offset within
/// the line) where reading stopped, and a ``reason`` for people.
///
/// Equality compares the code only, so tests and callers match kinds, not wording or positions.
public struct NQuadsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier of the kind of malformation (N-Quads 1.1, section 7 grammar).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The bytes are not well-formed UTF-8.
        public static let invalidUTF8 = Code(rawValue: "invalidUTF8")
        /// An `IRIREF` holds a character IRIs may not contain, is relative, or is not closed by `>`.
        public static let invalidIRI = Code(rawValue: "invalidIRI")
        /// A `STRING_LITERAL_QUOTE` is not closed by `"` before the end of its line.
        public static let unterminatedLiteral = Code(rawValue: "unterminatedLiteral")
        /// A `\` that does not start a valid `ECHAR` or `UCHAR`, or a `UCHAR` naming no Unicode scalar.
        public static let invalidEscape = Code(rawValue: "invalidEscape")
        /// A `BLANK_NODE_LABEL` that is empty or uses characters outside `PN_CHARS`.
        public static let invalidBlankNodeLabel = Code(rawValue: "invalidBlankNodeLabel")
        /// A `LANGTAG` that is empty or not `[a-zA-Z]+ ('-' [a-zA-Z0-9]+)*`.
        public static let invalidLanguageTag = Code(rawValue: "invalidLanguageTag")
        /// A term of the wrong kind for its position (a literal subject, a blank node predicate, ...) or no term where
        /// one is required.
        public static let unexpectedTerm = Code(rawValue: "unexpectedTerm")
        /// A statement not ended by `.`.
        public static let missingDot = Code(rawValue: "missingDot")
        /// Something other than white space or a comment after a statement's `.` on the same line.
        public static let trailingContent = Code(rawValue: "trailingContent")
    }

    /// The kind of malformation.
    public var code: Code
    /// What is wrong, for a person.
    public var reason: String
    /// The 1-based line where reading stopped (`\n`, `\r` and `\r\n` each end a line).
    public var line: Int
    /// The 1-based byte offset within ``line`` where reading stopped.
    public var column: Int

    /// An error of `code` at `line`, `column`.
    public init(code: Code, reason: String, line: Int, column: Int) {
        self.code = code
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// `N-Quads line L, column C: CODE: REASON`.
    public var description: String { "N-Quads line \(line), column \(column): \(code): \(reason)" }

    public static func == (lhs: NQuadsError, rhs: NQuadsError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
