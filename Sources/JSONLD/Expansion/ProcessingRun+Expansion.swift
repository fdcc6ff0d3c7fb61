import OpenBadges

extension ProcessingRun {
    /// The JSON-LD 1.1 `expand()` method (API section 9.2.2 steps 5 to 8 and 10 to 19, for an input already
    /// parsed): the expanded form of `input`, always an array.
    func expandDocument(_ input: JSONValue, documentURL: String?, options: JSONLDOptions) throws(JSONLDError) -> [JSONValue] {
        let base = options.base ?? documentURL
        var active = initialContext(base: base)
        if let expandContext = options.expandContext {
            let local = expandContext["@context"] ?? expandContext
            active = try processContext(active, local: local, baseURL: active.originalBaseURL)
        }
        var expanded = try expand(input, active: active, activeProperty: nil, baseURL: documentURL ?? options.base, depth: 0)
        if case .object(let members)? = expanded, members.count == 1, let graph = members["@graph"] {
            expanded = graph
        }
        switch expanded {
        case nil: return []
        case .array(let items)?: return items
        case let single?: return [single]
        }
    }

    /// The initial context for `base`, named in the cache so contexts derived from it can be cached.
    func initialContext(base: String?) -> ActiveContext {
        let key = "I|\(base ?? "")"
        if let cached = cache.context(forKey: key) { return cached }
        return cache.store(ActiveContext(base: base), forKey: key)
    }

    /// The Expansion Algorithm (JSON-LD 1.1 API section 5.1.2, without frame expansion): `element` in expanded
    /// form, nil for null, an array value for arrays.
    ///
    /// - Parameters:
    ///   - knownDefinition: the definition of `activeProperty` in `active` when the caller has already looked it
    ///     up (`.some(nil)`: it has none); nil to look it up here.
    ///   - fromMap: the element is a value of an index, id or type map (does not revert a type-scoped context).
    ///   - depth: nesting of `element` in the document, checked against ``JSONLDLimits/maxDepth``.
    func expand(
        _ element: JSONValue, active: ActiveContext, activeProperty: String?, knownDefinition: TermDefinition?? = nil,
        baseURL: String?, fromMap: Bool = false, depth: Int
    ) throws(JSONLDError) -> JSONValue? {
        try spend()
        try checkDepth(depth)
        let propertyDefinition = knownDefinition ?? activeProperty.flatMap { active.terms[$0] }
        switch element {
        case .null:
            return nil
        case .bool, .number, .string:
            if activeProperty == nil || activeProperty == "@graph" { return nil }
            if let propertyDefinition, propertyDefinition.localContext != nil {
                let context = try applyScopedContext(of: propertyDefinition, to: active, overrideProtected: true)
                return expandValue(element, property: activeProperty, in: context)
            }
            return expandValue(element, property: activeProperty, in: active, knownDefinition: .some(propertyDefinition))
        case .array(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            let isList = propertyDefinition?.container.contains(.list) ?? false
            for item in items {
                guard
                    let expandedItem = try expand(
                        item, active: active, activeProperty: activeProperty, knownDefinition: .some(propertyDefinition),
                        baseURL: baseURL, fromMap: fromMap, depth: depth + 1)
                else { continue }
                if case .array(let nested) = expandedItem {
                    if isList {
                        result.append(.object(["@list": expandedItem]))
                    } else {
                        result.append(contentsOf: nested)
                    }
                } else {
                    result.append(expandedItem)
                }
            }
            return .array(result)
        case .object(let members):
            return try expandObject(
                members, active: active, activeProperty: activeProperty, propertyDefinition: propertyDefinition,
                baseURL: baseURL, fromMap: fromMap, depth: depth)
        }
    }

    /// Steps 7 to 20 of the Expansion Algorithm, for an object.
    private func expandObject(
        _ element: [String: JSONValue], active start: ActiveContext, activeProperty: String?,
        propertyDefinition: TermDefinition?, baseURL: String?, fromMap: Bool, depth: Int
    ) throws(JSONLDError) -> JSONValue? {
        var active = start
        // Step 7: a type-scoped context does not reach into new node objects.
        if let previous = active.previousContext, !fromMap {
            var revert = true
            for key in element.keys {
                let expanded = Self.expandIRI(key, in: active)
                if expanded == "@value" || (expanded == "@id" && element.count == 1) {
                    revert = false
                    break
                }
            }
            if revert { active = previous.context }
        }
        if let propertyDefinition, propertyDefinition.localContext != nil {
            active = try applyScopedContext(of: propertyDefinition, to: active, overrideProtected: true)
        }
        if let local = element["@context"] {
            active = try processContext(active, local: local, baseURL: baseURL)
        }
        let typeScoped = active
        // Sorted once with their values, so that no entry is looked up by key again.
        let entries = Self.sortedEntries(element)
        var lastTypeValue: String?
        var sawTypeKey = false
        for (key, value) in entries where Self.expandsToType(key, in: typeScoped) {
            let values = value.values
            if !sawTypeKey {
                sawTypeKey = true
                lastTypeValue = values.last?.string
            }
            let terms = values.compactMap(\.string).sorted { $0.precedesInCodePointOrder($1) }
            for term in terms {
                if let definition = typeScoped.terms[term], definition.localContext != nil {
                    active = try applyScopedContext(of: definition, to: active, propagate: false)
                }
            }
        }
        // Step 12: the object's type, for recognising JSON literals.
        let inputType = lastTypeValue.flatMap { Self.expandIRI($0, in: active) }
        let state = EntryState(
            active: active, typeScoped: typeScoped, activeProperty: activeProperty, inputType: inputType,
            baseURL: baseURL, depth: depth)
        var result: [String: JSONValue] = [:]
        result.reserveCapacity(element.count)
        try expandEntries(of: entries, state: state, into: &result)
        return try finishExpandedObject(result, activeProperty: activeProperty)
    }
}

extension ProcessingRun {
    /// The entries of an object in code point order of their keys (the order of Expansion Algorithm step 13).
    @inline(__always)
    static func sortedEntries(_ object: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        object.sorted { $0.key.precedesInCodePointOrder($1.key) }
    }

    /// True when `key` IRI-expands to `@type`: the keyword itself or a term aliasing it (a compact IRI or a
    /// vocabulary-relative IRI never expands to a keyword), without the cost of a full IRI expansion.
    @inline(__always)
    static func expandsToType(_ key: String, in context: ActiveContext) -> Bool {
        if key == "@type" { return true }
        if key.utf8.first == UInt8(ascii: "@") { return false }
        return context.terms[key]?.iri == "@type"
    }
}

/// What the entry loop of the Expansion Algorithm (step 13) works with, for one object and its nested ones.
struct EntryState {
    let active: ActiveContext
    /// The context before type-scoped contexts were applied: `@type` values expand in it (step 13.4.4.4).
    let typeScoped: ActiveContext
    let activeProperty: String?
    /// The expanded `@type` of the object (step 12), for `@json` values.
    let inputType: String?
    let baseURL: String?
    let depth: Int
}
