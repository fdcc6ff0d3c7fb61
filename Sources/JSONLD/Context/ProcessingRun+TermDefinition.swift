import OpenBadges

extension ProcessingRun {
    /// The entries a term definition may have (JSON-LD 1.1 API section 4.2.2 step 24).
    private static let definitionKeys: Set<String> = [
        "@id", "@reverse", "@container", "@context", "@direction", "@index", "@language", "@nest", "@prefix",
        "@protected", "@type",
    ]

    /// Create Term Definition (JSON-LD 1.1 API section 4.2.2, processing mode json-ld-1.1): defines `term` of
    /// `scope.local` in `result`, first defining the terms its IRI depends on.
    /// - Throws: the JSON-LD error the algorithm names (`cyclic IRI mapping`, `invalid IRI mapping`, …).
    func defineTerm(
        _ term: String, in result: inout ActiveContext, scope: DefinitionScope, defined: inout [String: Bool]
    ) throws(JSONLDError) {
        if let state = defined[term] {
            if state { return }
            throw JSONLDError(.cyclicIRIMapping, "the definition of \(term) depends on itself")
        }
        if term.isEmpty { throw JSONLDError(.invalidTermDefinition, "the empty string cannot be a term") }
        defined[term] = false
        try spend()
        let value = scope.local[term] ?? .null
        if term == "@type" {
            guard case .object(let members) = value, !members.isEmpty,
                members.allSatisfy({ ($0.key == "@container" && $0.value == .string("@set")) || $0.key == "@protected" })
            else {
                throw JSONLDError(.keywordRedefinition, "@type may only be given @container @set and @protected")
            }
        } else if Keyword.isKeyword(term) {
            throw JSONLDError(.keywordRedefinition, "the keyword \(term) cannot be redefined")
        } else if Keyword.hasKeywordForm(term) {
            defined[term] = true
            return
        }
        let previous = result.terms.removeValue(forKey: term)
        let entries: [String: JSONValue]
        var simpleTerm = false
        switch value {
        case .null: entries = ["@id": .null]
        case .string(let iri): entries = ["@id": .string(iri)]; simpleTerm = true
        case .object(let members): entries = members
        default: throw JSONLDError(.invalidTermDefinition, "the definition of \(term) must be a string, an object or null")
        }
        var definition = TermDefinition.Fields()
        definition.isProtected = scope.protectedDefault
        if let flag = entries["@protected"] {
            guard case .bool(let isProtected) = flag else {
                throw JSONLDError(.invalidProtectedValue, "@protected of \(term) must be true or false")
            }
            definition.isProtected = isProtected
        }
        if let typeValue = entries["@type"] {
            guard case .string(let type) = typeValue else {
                throw JSONLDError(.invalidTypeMapping, "the @type of \(term) must be a string")
            }
            guard let expanded = try expandIRI(type, defining: &result, scope: scope, defined: &defined),
                expanded == "@id" || expanded == "@json" || expanded == "@none" || expanded == "@vocab"
                    || IRIReference.hasScheme(expanded)
            else {
                throw JSONLDError(.invalidTypeMapping, "the @type \(type) of \(term) is not an IRI or @id/@json/@none/@vocab")
            }
            definition.typeMapping = expanded
        }
        if let reverse = entries["@reverse"] {
            try defineReverse(term, reverse, entries, &definition, in: &result, scope: scope, defined: &defined, previous: previous)
            return
        }
        guard try mapIRI(of: term, entries, simpleTerm: simpleTerm, into: &definition, in: &result, scope: scope, defined: &defined)
        else {
            // An @id with the form of a keyword leaves the term undefined (step 14.2.2).
            defined[term] = true
            return
        }
        if let container = entries["@container"] {
            guard let mapping = ContainerMapping.parse(container) else {
                throw JSONLDError(.invalidContainerMapping, "the @container of \(term) is not an allowed combination")
            }
            definition.container = mapping
            if mapping.contains(.type) {
                if definition.typeMapping == nil { definition.typeMapping = "@id" }
                guard definition.typeMapping == "@id" || definition.typeMapping == "@vocab" else {
                    throw JSONLDError(.invalidTypeMapping, "a @type container needs @type @id or @vocab (\(term))")
                }
            }
        }
        if let index = entries["@index"] {
            guard definition.container.contains(.index), case .string(let property) = index,
                let expanded = try expandIRI(property, defining: &result, scope: scope, defined: &defined),
                IRIReference.hasScheme(expanded)
            else {
                throw JSONLDError(.invalidTermDefinition, "the @index of \(term) needs an @index container and an IRI")
            }
            definition.indexMapping = property
        }
        if let scoped = entries["@context"] {
            do {
                _ = try processContext(
                    result, local: scoped, baseURL: scope.baseURL, remoteContexts: scope.remoteContexts,
                    overrideProtected: true, validateScoped: false)
            } catch {
                if error.code == .workLimitExceeded || error.code == .contextOverflow { throw error }
                throw JSONLDError(.invalidScopedContext, "the scoped context of \(term): \(error)")
            }
            definition.localContext = scoped
            definition.baseURL = scope.baseURL
            definition.contextOrigin = scope.origin.map { "\($0)#\(term)" }
            definition.contextOriginID = definition.contextOrigin.map { cache.name(forKey: $0) }
        }
        if entries["@type"] == nil {
            if let language = entries["@language"] {
                switch language {
                case .null: definition.language = nil
                case .string(let tag): definition.language = tag
                default: throw JSONLDError(.invalidLanguageMapping, "the @language of \(term) must be a string or null")
                }
                definition.hasLanguageMapping = true
            }
            if let direction = entries["@direction"] {
                switch direction {
                case .null: definition.direction = nil
                case .string(let text) where text == "ltr" || text == "rtl": definition.direction = text
                default: throw JSONLDError(.invalidBaseDirection, "the @direction of \(term) must be ltr, rtl or null")
                }
                definition.hasDirectionMapping = true
            }
        }
        if let nest = entries["@nest"] {
            guard case .string(let nestValue) = nest, nestValue == "@nest" || !Keyword.isKeyword(nestValue) else {
                throw JSONLDError(.invalidNestValue, "the @nest of \(term) must be a string that is not a keyword")
            }
            definition.nestValue = nestValue
        }
        if let prefix = entries["@prefix"] {
            if term.utf8.contains(UInt8(ascii: ":")) || term.utf8.contains(UInt8(ascii: "/")) {
                throw JSONLDError(.invalidTermDefinition, "\(term) contains : or / and cannot have @prefix")
            }
            guard case .bool(let isPrefix) = prefix else {
                throw JSONLDError(.invalidPrefixValue, "the @prefix of \(term) must be true or false")
            }
            definition.isPrefix = isPrefix
            if isPrefix, let iri = definition.iri, Keyword.isKeyword(iri) {
                throw JSONLDError(.invalidTermDefinition, "\(term) aliases a keyword and cannot be a prefix")
            }
        }
        if let unknown = entries.keys.first(where: { !Self.definitionKeys.contains($0) }) {
            throw JSONLDError(.invalidTermDefinition, "the definition of \(term) has the entry \(unknown)")
        }
        try store(definition, for: term, in: &result, scope: scope, defined: &defined, previous: previous)
    }

    /// Steps 27 and 28: the protected-term check, then the definition stored.
    private func store(
        _ definition: TermDefinition.Fields, for term: String, in result: inout ActiveContext, scope: DefinitionScope,
        defined: inout [String: Bool], previous: TermDefinition?
    ) throws(JSONLDError) {
        if !scope.overrideProtected, let previous, previous.isProtected {
            guard definition.sameMeaning(as: previous.fields) else {
                throw JSONLDError(.protectedTermRedefinition, "the protected term \(term) cannot be redefined")
            }
            result.terms[term] = previous
        } else {
            result.terms[term] = TermDefinition(definition)
        }
        defined[term] = true
    }

    /// Step 13: a reverse property.
    private func defineReverse(
        _ term: String, _ reverse: JSONValue, _ entries: [String: JSONValue], _ definition: inout TermDefinition.Fields,
        in result: inout ActiveContext, scope: DefinitionScope, defined: inout [String: Bool], previous: TermDefinition?
    ) throws(JSONLDError) {
        if entries["@id"] != nil || entries["@nest"] != nil {
            throw JSONLDError(.invalidReverseProperty, "the reverse term \(term) cannot have @id or @nest")
        }
        guard case .string(let reverseIRI) = reverse else {
            throw JSONLDError(.invalidIRIMapping, "the @reverse of \(term) must be a string")
        }
        if Keyword.hasKeywordForm(reverseIRI) {
            defined[term] = true
            return
        }
        guard let expanded = try expandIRI(reverseIRI, defining: &result, scope: scope, defined: &defined),
            IRIReference.hasScheme(expanded) || IRIReference.isBlankNode(expanded)
        else {
            throw JSONLDError(.invalidIRIMapping, "the @reverse of \(term) is not an IRI or blank node identifier")
        }
        definition.iri = expanded
        if let container = entries["@container"] {
            switch container {
            case .null: break
            case .string("@set"): definition.container = .set
            case .string("@index"): definition.container = .index
            default:
                throw JSONLDError(.invalidReverseProperty, "a reverse property can only have a @set or @index container")
            }
        }
        if let index = entries["@index"] {
            // Property-valued indexes apply to reverse properties too (W3C test expand/0131).
            guard definition.container.contains(.index), case .string(let property) = index,
                let expandedIndex = try expandIRI(property, defining: &result, scope: scope, defined: &defined),
                IRIReference.hasScheme(expandedIndex)
            else {
                throw JSONLDError(.invalidTermDefinition, "the @index of \(term) needs an @index container and an IRI")
            }
            definition.indexMapping = property
        }
        definition.isReverse = true
        try store(definition, for: term, in: &result, scope: scope, defined: &defined, previous: previous)
    }

    /// Steps 14 to 18: the IRI mapping of `term`; false when the term is to be left undefined.
    private func mapIRI(
        of term: String, _ entries: [String: JSONValue], simpleTerm: Bool, into definition: inout TermDefinition.Fields,
        in result: inout ActiveContext, scope: DefinitionScope, defined: inout [String: Bool]
    ) throws(JSONLDError) -> Bool {
        let utf8 = term.utf8
        if let idValue = entries["@id"], idValue != .string(term) {
            guard case .string(let id) = idValue else {
                if idValue == .null { return true }  // a null mapping: kept to block @vocab and redefinition
                throw JSONLDError(.invalidIRIMapping, "the @id of \(term) must be a string or null")
            }
            if !Keyword.isKeyword(id) && Keyword.hasKeywordForm(id) { return false }
            guard let iri = try expandIRI(id, defining: &result, scope: scope, defined: &defined),
                Keyword.isKeyword(iri) || IRIReference.hasScheme(iri) || IRIReference.isBlankNode(iri)
            else {
                throw JSONLDError(.invalidIRIMapping, "the @id \(id) of \(term) is not an IRI, blank node or keyword")
            }
            if iri == "@context" { throw JSONLDError(.invalidKeywordAlias, "\(term) cannot alias @context") }
            definition.iri = iri
            let colon = utf8.firstIndex(of: UInt8(ascii: ":"))
            let innerColon = utf8.dropFirst().dropLast().contains(UInt8(ascii: ":"))
            if innerColon || utf8.contains(UInt8(ascii: "/")) {
                defined[term] = true
                let own = try expandIRI(term, defining: &result, scope: scope, defined: &defined)
                if own != iri {
                    throw JSONLDError(.invalidIRIMapping, "\(term) looks like an IRI but maps to another one (\(iri))")
                }
            }
            if colon == nil, !utf8.contains(UInt8(ascii: "/")), simpleTerm,
                IRIReference.endsWithGenDelim(iri) || IRIReference.isBlankNode(iri)
            {
                definition.isPrefix = true
            }
        } else if let colon = utf8.firstIndex(of: UInt8(ascii: ":")), colon != utf8.startIndex {
            let prefix = String(term[..<colon])
            let suffix = term[utf8.index(after: colon)...]
            let isCompact = prefix != "_" && !suffix.utf8.starts(with: "//".utf8)
            if isCompact, scope.local[prefix] != nil {
                try defineTerm(prefix, in: &result, scope: scope, defined: &defined)
            }
            if isCompact, let prefixIRI = result.terms[prefix]?.iri {
                definition.iri = prefixIRI + suffix
            } else {
                definition.iri = term
            }
        } else if utf8.contains(UInt8(ascii: "/")) {
            // Expanded without the local context: the term itself is being defined (W3C test expand/er49).
            guard let iri = Self.expandIRI(term, in: result), IRIReference.hasScheme(iri)
            else {
                throw JSONLDError(.invalidIRIMapping, "the relative IRI term \(term) does not expand to an IRI")
            }
            definition.iri = iri
        } else if term == "@type" {
            definition.iri = "@type"
        } else if let vocab = result.vocabularyMapping {
            definition.iri = vocab + term
        } else {
            throw JSONLDError(.invalidIRIMapping, "\(term) has no IRI mapping and there is no @vocab")
        }
        return true
    }
}
