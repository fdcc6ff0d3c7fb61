import OpenBadges

/// What a term means in an active context (JSON-LD 1.1 API section 4.1, "term definition"): its IRI mapping and
/// the coercions that come with it. Immutable and shared between the contexts derived from the one that defined it,
/// so deriving a context copies references, not definitions.
final class TermDefinition: Sendable {
    /// The fields of a definition, filled in by the Create Term Definition algorithm before the definition is frozen.
    struct Fields: Sendable {
        /// The IRI mapping: an IRI, a blank node identifier or a keyword; nil when the term is mapped to null
        /// (kept so that it blocks `@vocab` and can be checked against protected redefinition).
        var iri: String?
        var isPrefix = false
        var isProtected = false
        var isReverse = false
        /// An IRI, or `@id`, `@json`, `@none`, `@vocab`.
        var typeMapping: String?
        /// Whether `@language` was given; `language` is then the tag or nil for an explicit null.
        var hasLanguageMapping = false
        var language: String?
        /// Whether `@direction` was given; `direction` is then `ltr`, `rtl`, or nil for an explicit null.
        var hasDirectionMapping = false
        var direction: String?
        var container: ContainerMapping = []
        /// The property-valued index (`@index` in the definition), an IRI or compact IRI.
        var indexMapping: String?
        var nestValue: String?
        /// The scoped context (`@context` in the definition), processed when the term is used.
        var localContext: JSONValue?
        /// The URL relative context references in ``localContext`` resolve against.
        var baseURL: String?
        /// A stable name for ``localContext`` (where it was read from), used as a cache key; nil when the context
        /// came from a document and cannot be named.
        var contextOrigin: String?
        /// ``contextOrigin`` interned by the cache, for cheap cache keys.
        var contextOriginID: Int?

        /// Equality as the protected-term check needs it: every field but the protected flag, the base URL and the
        /// origin (two copies of one context loaded from different URLs define the same term).
        func sameMeaning(as other: Fields) -> Bool {
            iri == other.iri && isPrefix == other.isPrefix && isReverse == other.isReverse
                && typeMapping == other.typeMapping && hasLanguageMapping == other.hasLanguageMapping
                && language == other.language && hasDirectionMapping == other.hasDirectionMapping
                && direction == other.direction && container == other.container && indexMapping == other.indexMapping
                && nestValue == other.nestValue && localContext == other.localContext
        }
    }

    let fields: Fields

    init(_ fields: Fields) { self.fields = fields }

    @inline(__always) var iri: String? { fields.iri }
    @inline(__always) var isPrefix: Bool { fields.isPrefix }
    @inline(__always) var isProtected: Bool { fields.isProtected }
    @inline(__always) var isReverse: Bool { fields.isReverse }
    @inline(__always) var typeMapping: String? { fields.typeMapping }
    @inline(__always) var container: ContainerMapping { fields.container }
    @inline(__always) var localContext: JSONValue? { fields.localContext }
}

/// The container mapping of a term (JSON-LD 1.1 API section 4.2.2 step 19), as a set of container keywords.
struct ContainerMapping: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let list = ContainerMapping(rawValue: 1 << 0)
    static let set = ContainerMapping(rawValue: 1 << 1)
    static let graph = ContainerMapping(rawValue: 1 << 2)
    static let id = ContainerMapping(rawValue: 1 << 3)
    static let index = ContainerMapping(rawValue: 1 << 4)
    static let language = ContainerMapping(rawValue: 1 << 5)
    static let type = ContainerMapping(rawValue: 1 << 6)

    /// The mapping for one container keyword; nil for anything else.
    init?(keyword: String) {
        switch keyword {
        case "@list": self = .list
        case "@set": self = .set
        case "@graph": self = .graph
        case "@id": self = .id
        case "@index": self = .index
        case "@language": self = .language
        case "@type": self = .type
        default: return nil
        }
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The `@container` value of a term definition, or nil when it is not one of the combinations JSON-LD 1.1
    /// allows: one keyword; `@graph` with `@id` or `@index` and optionally `@set`; or `@set` with any of
    /// `@index`, `@graph`, `@id`, `@type`, `@language`.
    static func parse(_ value: JSONValue) -> ContainerMapping? {
        switch value {
        case .string(let keyword):
            return ContainerMapping(keyword: keyword)
        case .array(let items):
            var mapping: ContainerMapping = []
            for item in items {
                guard case .string(let keyword) = item, let one = ContainerMapping(keyword: keyword) else { return nil }
                mapping.insert(one)
            }
            if items.count <= 1 { return items.isEmpty ? nil : mapping }
            if mapping.contains(.list) { return nil }
            if mapping.contains(.graph) {
                let rest = mapping.subtracting([.graph, .set])
                return rest.isEmpty || rest == .id || rest == .index ? mapping : nil
            }
            return mapping.contains(.set) ? mapping : nil
        default:
            return nil
        }
    }
}
