/// Why JSON-LD processing stopped: one of the error codes of the JSON-LD 1.1 API (section 9.4.2, `JsonLdErrorCode`)
/// or one of endorse's limits, with a message that names the term, IRI or URL at fault.
///
/// Equality is on ``code`` only, so tests and callers match kinds, not wording.
public struct JSONLDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code: the JSON-LD 1.1 error code text (`invalid IRI mapping`) or an endorse limit.
    public let code: Code
    /// What went wrong, for a person.
    public let reason: String

    /// An error of `code` explained by `reason`.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code.rawValue): \(reason)" }

    public static func == (lhs: JSONLDError, rhs: JSONLDError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// A JSON-LD error code. The raw value is the code's text exactly as the specification and the W3C test
    /// manifests (`expectErrorCode`) spell it.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A remote context could not be loaded: for endorse, which never fetches, a context it does not ship.
        public static let loadingRemoteContextFailed = Code(rawValue: "loading remote context failed")
        /// A document could not be loaded.
        public static let loadingDocumentFailed = Code(rawValue: "loading document failed")
        /// More nested or chained contexts than the processor allows (also a context that includes itself).
        public static let contextOverflow = Code(rawValue: "context overflow")
        /// endorse's safe mode (``JSONLDOptions/safeMode``) refused to drop part of the document.
        public static let safeModeViolation = Code(rawValue: "safe mode violation")
        /// endorse's own bound on the work one document may cost (nodes, list items, nesting) was reached.
        public static let workLimitExceeded = Code(rawValue: "work limit exceeded")

        // MARK: JSON-LD 1.1 API section 9.4.2 codes raised by expansion and toRdf

        /// Two keys of one object expand to the same keyword.
        public static let collidingKeywords = Code(rawValue: "colliding keywords")
        /// A term definition depends on itself.
        public static let cyclicIRIMapping = Code(rawValue: "cyclic IRI mapping")
        /// An `@id` value is not a string.
        public static let invalidIdValue = Code(rawValue: "invalid @id value")
        /// An `@import` value is not a string.
        public static let invalidImportValue = Code(rawValue: "invalid @import value")
        /// An `@included` value is not made of node objects.
        public static let invalidIncludedValue = Code(rawValue: "invalid @included value")
        /// An `@index` value is not a string.
        public static let invalidIndexValue = Code(rawValue: "invalid @index value")
        /// An `@nest` value or nested object is not allowed.
        public static let invalidNestValue = Code(rawValue: "invalid @nest value")
        /// An `@prefix` value is not a boolean.
        public static let invalidPrefixValue = Code(rawValue: "invalid @prefix value")
        /// An `@propagate` value is not a boolean.
        public static let invalidPropagateValue = Code(rawValue: "invalid @propagate value")
        /// An `@protected` value is not a boolean.
        public static let invalidProtectedValue = Code(rawValue: "invalid @protected value")
        /// An `@reverse` value is not an object.
        public static let invalidReverseValue = Code(rawValue: "invalid @reverse value")
        /// An `@version` value is not the number 1.1.
        public static let invalidVersionValue = Code(rawValue: "invalid @version value")
        /// A term maps to something that is not an IRI, blank node or keyword.
        public static let invalidIRIMapping = Code(rawValue: "invalid IRI mapping")
        /// An `@base` value is not an IRI.
        public static let invalidBaseIRI = Code(rawValue: "invalid base IRI")
        /// An `@direction` value is not `ltr`, `rtl` or null.
        public static let invalidBaseDirection = Code(rawValue: "invalid base direction")
        /// An `@container` value is not an allowed combination.
        public static let invalidContainerMapping = Code(rawValue: "invalid container mapping")
        /// A context entry is not allowed where it appears.
        public static let invalidContextEntry = Code(rawValue: "invalid context entry")
        /// A null context would drop protected terms.
        public static let invalidContextNullification = Code(rawValue: "invalid context nullification")
        /// A context `@language` is not a string or null.
        public static let invalidDefaultLanguage = Code(rawValue: "invalid default language")
        /// A term aliases `@context`.
        public static let invalidKeywordAlias = Code(rawValue: "invalid keyword alias")
        /// A language map holds something other than strings.
        public static let invalidLanguageMapValue = Code(rawValue: "invalid language map value")
        /// A term `@language` is not a string or null.
        public static let invalidLanguageMapping = Code(rawValue: "invalid language mapping")
        /// A value `@language` is not a string.
        public static let invalidLanguageTaggedString = Code(rawValue: "invalid language-tagged string")
        /// A language tag is attached to a value that is not a string.
        public static let invalidLanguageTaggedValue = Code(rawValue: "invalid language-tagged value")
        /// A context is not an object, string, array or null.
        public static let invalidLocalContext = Code(rawValue: "invalid local context")
        /// A loaded context document has no `@context` object.
        public static let invalidRemoteContext = Code(rawValue: "invalid remote context")
        /// An `@reverse` map holds a keyword.
        public static let invalidReversePropertyMap = Code(rawValue: "invalid reverse property map")
        /// A reverse property holds a value or list.
        public static let invalidReversePropertyValue = Code(rawValue: "invalid reverse property value")
        /// A reverse term definition is malformed.
        public static let invalidReverseProperty = Code(rawValue: "invalid reverse property")
        /// A term's scoped context does not process.
        public static let invalidScopedContext = Code(rawValue: "invalid scoped context")
        /// An `@set` or `@list` object has other entries.
        public static let invalidSetOrListObject = Code(rawValue: "invalid set or list object")
        /// A term definition is malformed.
        public static let invalidTermDefinition = Code(rawValue: "invalid term definition")
        /// A term `@type` is not an IRI or an allowed keyword.
        public static let invalidTypeMapping = Code(rawValue: "invalid type mapping")
        /// An `@type` value is not a string or array of strings.
        public static let invalidTypeValue = Code(rawValue: "invalid type value")
        /// A value object's `@type` is not an IRI.
        public static let invalidTypedValue = Code(rawValue: "invalid typed value")
        /// A value object has entries it may not have.
        public static let invalidValueObject = Code(rawValue: "invalid value object")
        /// An `@value` is not a scalar.
        public static let invalidValueObjectValue = Code(rawValue: "invalid value object value")
        /// An `@vocab` value is not an IRI or blank node.
        public static let invalidVocabMapping = Code(rawValue: "invalid vocab mapping")
        /// A context tries to define a keyword.
        public static let keywordRedefinition = Code(rawValue: "keyword redefinition")
        /// The processing mode conflicts with `@version`.
        public static let processingModeConflict = Code(rawValue: "processing mode conflict")
        /// A context changes a protected term.
        public static let protectedTermRedefinition = Code(rawValue: "protected term redefinition")
    }
}
