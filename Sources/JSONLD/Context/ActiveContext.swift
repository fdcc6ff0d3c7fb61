import OpenBadges

/// The state the JSON-LD algorithms interpret keys and values in (JSON-LD 1.1 API section 4.1, "active context").
///
/// A value type whose parts are shared: copying it copies a dictionary reference and a few strings. Contexts made
/// purely from cached remote contexts carry a ``cacheID`` naming them, so contexts derived from them can be
/// cached too (see ``JSONLDContextCache``).
struct ActiveContext: Sendable {
    /// The term definitions, by term.
    var terms: [String: TermDefinition] = [:]
    /// The base IRI relative IRI references in values resolve against; nil when there is none.
    var baseIRI: String?
    /// The base IRI the context was created with, restored by a null context.
    var originalBaseURL: String?
    /// The vocabulary mapping (`@vocab`).
    var vocabularyMapping: String?
    /// The default language (`@language`).
    var defaultLanguage: String?
    /// The default base direction (`@direction`): `ltr` or `rtl`.
    var defaultDirection: String?
    /// The context to revert to when a non-propagated (type-scoped) context goes out of scope.
    var previousContext: PreviousContext?
    /// The cache's name for this exact context; nil when it was built from document content the cache cannot name.
    var cacheID: Int?

    /// The initial context for documents based at `base` (JSON-LD 1.1 API section 4.1: no terms, base IRI and
    /// original base URL both `base`).
    init(base: String?) {
        baseIRI = base
        originalBaseURL = base
    }

    /// The definition of `term`, if any.
    @inline(__always)
    subscript(term: String) -> TermDefinition? { terms[term] }

    /// True when any term definition is protected (blocks nullifying the context, section 4.1.2 step 5.1.1).
    var hasProtectedTerms: Bool { terms.values.contains { $0.isProtected } }
}

/// A boxed previous context: ``ActiveContext`` is a value type and cannot hold itself inline.
final class PreviousContext: Sendable {
    let context: ActiveContext
    init(_ context: ActiveContext) { self.context = context }
}
