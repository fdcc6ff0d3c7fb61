import OpenBadges

/// How a JSON-LD document is processed (the parts of the JSON-LD 1.1 API's `JsonLdOptions`, section 9.4, that
/// endorse uses, plus its limits).
public struct JSONLDOptions: Sendable {
    /// The base IRI of the document, overriding the document URL (`JsonLdOptions.base`).
    public var base: String?
    /// A context applied before the document's own (`JsonLdOptions.expandContext`): a context, or an object
    /// with an `@context` entry.
    public var expandContext: JSONValue?
    /// The bounds on the work one document may cost.
    public var limits: JSONLDLimits
    /// Refuse, instead of silently dropping, whatever the document says that would not become RDF: a property that
    /// expands to no absolute IRI (an undefined term), and a triple left out because its subject, predicate,
    /// object, datatype or language tag is not well-formed (a relative `@id` or `@type`). What jsonld.js calls
    /// "safe mode", and what Data Integrity verification needs (VC Data Integrity 1.0 section 4, "Processing
    /// Model"): a signature over RDF covers nothing that was dropped, so a document that drops something cannot
    /// be shown as signed. Raises `safe mode violation` naming what would have been dropped.
    public var safeMode: Bool

    /// Options with no base override, no expand context and `limits`.
    public init(base: String? = nil, expandContext: JSONValue? = nil, limits: JSONLDLimits = .default, safeMode: Bool = false) {
        self.base = base
        self.expandContext = expandContext
        self.limits = limits
        self.safeMode = safeMode
    }
}

/// Bounds that keep a hostile document from costing unbounded time, memory or stack.
///
/// Exceeding ``maxRemoteContexts`` or ``maxContextNesting`` raises `context overflow` (the JSON-LD 1.1 code);
/// exceeding ``maxDepth`` or ``maxWork`` raises endorse's `work limit exceeded`.
public struct JSONLDLimits: Sendable, Hashable {
    /// Deepest nesting of arrays and objects expanded (or converted to RDF).
    public var maxDepth: Int
    /// Most units of work one call may do: one per element expanded, term definition created, context applied
    /// (plus one per 32 terms it copies), remote context loaded and quad produced.
    public var maxWork: Int
    /// Longest chain of remote contexts loading each other (JSON-LD 1.1 API section 4.1.2 step 5.2.3).
    public var maxRemoteContexts: Int
    /// Deepest nesting of context processing within itself (scoped contexts inside scoped contexts, remote
    /// contexts inside remote contexts).
    public var maxContextNesting: Int

    /// Limits; the defaults are far above what credentials need (depth 256, 200 000 units of work, 32 chained
    /// remote contexts, 64 nested context processings).
    public init(maxDepth: Int = 256, maxWork: Int = 200_000, maxRemoteContexts: Int = 32, maxContextNesting: Int = 64) {
        self.maxDepth = maxDepth
        self.maxWork = maxWork
        self.maxRemoteContexts = maxRemoteContexts
        self.maxContextNesting = maxContextNesting
    }

    /// The default limits.
    public static let `default` = JSONLDLimits()
}
