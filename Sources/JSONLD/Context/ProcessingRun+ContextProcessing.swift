import OpenBadges

/// What Create Term Definition needs from the context definition being processed (JSON-LD 1.1 API section 4.1.2
/// step 5.13 passes these along).
struct DefinitionScope {
    /// The context definition, after any `@import` merge.
    let local: [String: JSONValue]
    /// The URL relative references in scoped contexts resolve against.
    let baseURL: String?
    /// The context's `@protected` value.
    let protectedDefault: Bool
    let overrideProtected: Bool
    let remoteContexts: [String]
    /// The cache name of the context definition; term origins extend it. Nil when it cannot be named.
    let origin: String?
}

extension ProcessingRun {
    /// Context Processing (JSON-LD 1.1 API section 4.1.2): `active` updated with `local` (a context, an array of
    /// contexts, a context URL or null).
    ///
    /// - Parameters:
    ///   - baseURL: what relative context URLs in `local` resolve against.
    ///   - origin: the cache name of `local` when it has one (a scoped context's origin); nil for document content.
    /// - Throws: the JSON-LD error the algorithm names, `context overflow` past the nesting limits.
    func processContext(
        _ active: ActiveContext, local: JSONValue, baseURL: String?, remoteContexts: [String] = [],
        overrideProtected: Bool = false, propagate propagateDefault: Bool = true, validateScoped: Bool = true,
        origin: String? = nil
    ) throws(JSONLDError) -> ActiveContext {
        contextNesting += 1
        defer { contextNesting -= 1 }
        if contextNesting > limits.maxContextNesting {
            throw JSONLDError(.contextOverflow, "contexts nest deeper than \(limits.maxContextNesting) levels")
        }
        try spend(1 + active.terms.count / 32)
        var result = active
        var propagate = propagateDefault
        if case .object(let members) = local, case .bool(let flag)? = members["@propagate"] { propagate = flag }
        if !propagate && result.previousContext == nil {
            result.previousContext = PreviousContext(active)
            result.cacheID = nil
        }
        let items: [JSONValue]
        if case .array(let array) = local { items = array } else { items = [local] }
        for (position, item) in items.enumerated() {
            switch item {
            case .null:
                if !overrideProtected && result.hasProtectedTerms {
                    throw JSONLDError(.invalidContextNullification, "a null context would remove protected terms")
                }
                if propagate {
                    result = initialContext(base: active.originalBaseURL)
                } else {
                    let previous = result
                    result = ActiveContext(base: active.originalBaseURL)
                    result.previousContext = PreviousContext(previous)
                }
            case .string(let reference):
                result = try applyRemoteContext(
                    reference, to: result, baseURL: baseURL, remoteContexts: remoteContexts, validateScoped: validateScoped)
            case .object(let definition):
                let itemOrigin = origin.map { items.count == 1 ? $0 : "\($0)[\(position)]" }
                result = try applyContextDefinition(
                    definition, to: result, baseURL: baseURL, remoteContexts: remoteContexts,
                    overrideProtected: overrideProtected, validateScoped: validateScoped, origin: itemOrigin)
            default:
                throw JSONLDError(.invalidLocalContext, "a context must be an object, a string, an array or null")
            }
        }
        return result
    }

    /// Step 5.2: a context given by URL, loaded and processed (cached by the context it applies to and the URL).
    private func applyRemoteContext(
        _ reference: String, to result: ActiveContext, baseURL: String?, remoteContexts: [String], validateScoped: Bool
    ) throws(JSONLDError) -> ActiveContext {
        let url = try Self.contextURL(reference, baseURL: baseURL)
        if !validateScoped && remoteContexts.contains(url) { return result }
        if remoteContexts.count >= limits.maxRemoteContexts {
            throw JSONLDError(.contextOverflow, "more than \(limits.maxRemoteContexts) remote contexts load each other (at \(url))")
        }
        let key = validateScoped ? result.cacheID.map { "\($0)|R|\(url)" } : nil
        if let key, let cached = cache.context(forKey: key) {
            try spend()
            return cached
        }
        let loaded = try loadRemoteContext(url)
        var chain = remoteContexts
        chain.append(url)
        let processed = try processContext(
            result, local: loaded.context, baseURL: loaded.documentURL, remoteContexts: chain,
            validateScoped: validateScoped, origin: "R" + url)
        if let key { return cache.store(processed, forKey: key) }
        return processed
    }

    /// Steps 5.5 to 5.13: one context definition (an object) applied to `result`.
    private func applyContextDefinition(
        _ definition: [String: JSONValue], to start: ActiveContext, baseURL: String?, remoteContexts: [String],
        overrideProtected: Bool, validateScoped: Bool, origin: String?
    ) throws(JSONLDError) -> ActiveContext {
        // A document's own inline context is named by its canonical text, so that it too is processed once.
        var cacheKey: String?
        var termOrigin = origin
        if origin == nil, remoteContexts.isEmpty, validateScoped, let id = start.cacheID,
            let text = JSONCanonicalization.text(of: .object(definition), maxLength: 4096)
        {
            let named = "\(baseURL ?? "")|\(text)"
            let key = "\(id)|L|\(overrideProtected ? 1 : 0)|\(named)"
            if let cached = cache.context(forKey: key) {
                try spend()
                return cached
            }
            cacheKey = key
            termOrigin = "L\(cache.name(forKey: named))"
        }
        var result = start
        result.cacheID = nil
        var context = definition
        if let version = context["@version"] {
            guard case .number(let number) = version, number == 1.1 else {
                throw JSONLDError(.invalidVersionValue, "@version must be the number 1.1")
            }
        }
        if let importValue = context["@import"] {
            guard case .string(let reference) = importValue else {
                throw JSONLDError(.invalidImportValue, "@import must be a string")
            }
            let url = try Self.contextURL(reference, baseURL: baseURL)
            let loaded = try loadRemoteContext(url, requireObject: true)
            guard case .object(var imported) = loaded.context else {
                throw JSONLDError(.invalidRemoteContext, "the @context of \(url) is not an object")
            }
            if imported["@import"] != nil {
                throw JSONLDError(.invalidContextEntry, "the context imported from \(url) has an @import itself")
            }
            for (key, value) in context { imported[key] = value }
            context = imported
        }
        if let base = context["@base"], remoteContexts.isEmpty {
            switch base {
            case .null:
                result.baseIRI = nil
            case .string(let iri) where IRIReference.hasScheme(iri):
                result.baseIRI = iri
            case .string(let reference) where result.baseIRI != nil:
                result.baseIRI = IRIReference.resolve(reference, against: result.baseIRI ?? "")
            default:
                throw JSONLDError(.invalidBaseIRI, "@base must be an IRI, a relative reference with a base, or null")
            }
        }
        if let vocab = context["@vocab"] {
            switch vocab {
            case .null:
                result.vocabularyMapping = nil
            case .string(let text):
                guard let expanded = Self.expandIRI(text, in: result, vocab: true, documentRelative: true),
                    IRIReference.hasScheme(expanded) || IRIReference.isBlankNode(expanded)
                else {
                    throw JSONLDError(.invalidVocabMapping, "@vocab \(text) is not an IRI or blank node identifier")
                }
                result.vocabularyMapping = expanded
            default:
                throw JSONLDError(.invalidVocabMapping, "@vocab must be a string or null")
            }
        }
        if let language = context["@language"] {
            switch language {
            case .null: result.defaultLanguage = nil
            case .string(let tag): result.defaultLanguage = tag
            default: throw JSONLDError(.invalidDefaultLanguage, "@language must be a string or null")
            }
        }
        if let direction = context["@direction"] {
            switch direction {
            case .null: result.defaultDirection = nil
            case .string(let text) where text == "ltr" || text == "rtl": result.defaultDirection = text
            default: throw JSONLDError(.invalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null")
            }
        }
        if let propagate = context["@propagate"], propagate != .bool(true), propagate != .bool(false) {
            throw JSONLDError(.invalidPropagateValue, "@propagate must be true or false")
        }
        var protectedDefault = false
        if let flag = context["@protected"] {
            guard case .bool(let value) = flag else {
                throw JSONLDError(.invalidProtectedValue, "@protected must be true or false")
            }
            protectedDefault = value
        }
        let scope = DefinitionScope(
            local: context, baseURL: baseURL, protectedDefault: protectedDefault, overrideProtected: overrideProtected,
            remoteContexts: remoteContexts, origin: termOrigin)
        var defined: [String: Bool] = [:]
        let terms = context.keys.filter { !Self.contextOnlyKeys.contains($0) }.sorted { $0.precedesInCodePointOrder($1) }
        for term in terms {
            try defineTerm(term, in: &result, scope: scope, defined: &defined)
        }
        if let cacheKey { return cache.store(result, forKey: cacheKey) }
        return result
    }

    /// The absolute URL, without fragment, of a context reference (section 4.1.2 steps 5.2.1 and 5.6.3).
    /// - Throws: `loading document failed` for a relative reference without a base URL to resolve it against.
    static func contextURL(_ reference: String, baseURL: String?) throws(JSONLDError) -> String {
        var url: String
        if let baseURL, IRIReference.hasScheme(baseURL) {
            url = IRIReference.resolve(reference, against: baseURL)
        } else if IRIReference.hasScheme(reference) {
            url = reference
        } else {
            throw JSONLDError(.loadingDocumentFailed, "the context reference \(reference) is relative and there is no base URL")
        }
        if let hash = url.utf8.firstIndex(of: UInt8(ascii: "#")) { url = String(url[..<hash]) }
        return url
    }

    /// The entries of a context definition that are not term definitions (section 4.1.2 step 5.13).
    static let contextOnlyKeys: Set<String> = [
        "@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab",
    ]

    /// A term's scoped context applied to `active` for expansion (section 5.1.2 steps 4.2, 8, 11 and 13.8.3.2),
    /// cached by the context it applies to, the term's context origin and the flags.
    func applyScopedContext(
        of definition: TermDefinition, to active: ActiveContext, overrideProtected: Bool = false, propagate: Bool = true
    ) throws(JSONLDError) -> ActiveContext {
        guard let local = definition.localContext else { return active }
        var key: JSONLDContextCache.ScopedKey?
        if let id = active.cacheID, let origin = definition.fields.contextOriginID {
            let candidate = JSONLDContextCache.ScopedKey(
                parent: id, origin: origin, flags: (overrideProtected ? 1 : 0) | (propagate ? 2 : 0))
            if let cached = cache.context(forScoped: candidate) {
                try spend()
                return cached
            }
            key = candidate
        }
        let origin = definition.fields.contextOrigin.map { $0 + ">" }
        let processed = try processContext(
            active, local: local, baseURL: definition.fields.baseURL, overrideProtected: overrideProtected,
            propagate: propagate, origin: origin)
        if let key { return cache.store(processed, forScoped: key) }
        return processed
    }
}
