import OpenBadges

extension ProcessingRun {
    /// IRI Expansion (JSON-LD 1.1 API section 5.2.2) outside context processing: `value` as an absolute IRI, a
    /// blank node identifier, a keyword, or (when it cannot be made absolute) as it is; nil when it maps to null
    /// or has the form of a keyword without being one.
    ///
    /// - Parameters:
    ///   - vocab: `value` is vocabulary-relative: terms and `@vocab` apply (property names, `@type` values).
    ///   - documentRelative: `value` is a relative IRI reference resolved against the base IRI (`@id` values).
    static func expandIRI(_ value: String, in context: ActiveContext, vocab: Bool = true, documentRelative: Bool = false) -> String? {
        let utf8 = value.utf8
        if utf8.first == UInt8(ascii: "@") {
            if Keyword.isKeyword(value) { return value }
            if Keyword.hasKeywordForm(value) { return nil }
        }
        if let definition = context.terms[value] {
            if let iri = definition.iri, iri.utf8.first == UInt8(ascii: "@"), Keyword.isKeyword(iri) { return iri }
            if vocab { return definition.iri }
        }
        if let colon = utf8.firstIndex(of: UInt8(ascii: ":")), colon != utf8.startIndex {
            let prefix = value[..<colon]
            let suffix = value[utf8.index(after: colon)...]
            if prefix == "_" || suffix.utf8.starts(with: "//".utf8) { return value }
            if let definition = context.terms[String(prefix)], definition.isPrefix, let iri = definition.iri {
                return iri + suffix
            }
            if IRIReference.hasScheme(value) { return value }
        }
        if vocab, let mapping = context.vocabularyMapping { return mapping + value }
        if documentRelative, let base = context.baseIRI { return IRIReference.resolve(value, against: base) }
        return value
    }

    /// IRI Expansion during context processing (section 5.2.2 steps 3 and 6.3): first creates the term
    /// definitions `value` (or its prefix) depends on when the local context defines them, then expands.
    func expandIRI(
        _ value: String, defining result: inout ActiveContext, scope: DefinitionScope, defined: inout [String: Bool],
        vocab: Bool = true, documentRelative: Bool = false
    ) throws(JSONLDError) -> String? {
        if value.utf8.first == UInt8(ascii: "@") {
            if Keyword.isKeyword(value) { return value }
            if Keyword.hasKeywordForm(value) { return nil }
        }
        if scope.local[value] != nil, defined[value] != true {
            try defineTerm(value, in: &result, scope: scope, defined: &defined)
        }
        let utf8 = value.utf8
        if let colon = utf8.firstIndex(of: UInt8(ascii: ":")), colon != utf8.startIndex {
            let prefix = String(value[..<colon])
            let suffix = value[utf8.index(after: colon)...]
            if prefix != "_", !suffix.utf8.starts(with: "//".utf8), scope.local[prefix] != nil, defined[prefix] != true {
                try defineTerm(prefix, in: &result, scope: scope, defined: &defined)
            }
        }
        return Self.expandIRI(value, in: result, vocab: vocab, documentRelative: documentRelative)
    }
}
