import OpenBadges

extension ProcessingRun {
    /// Value Expansion (JSON-LD 1.1 API section 5.3.2): a scalar as a value object, or as a node reference for
    /// terms typed `@id` or `@vocab`.
    /// `knownDefinition` is the definition of `property` in `active` when the caller has it (as for ``expand``).
    func expandValue(
        _ value: JSONValue, property: String?, in active: ActiveContext, knownDefinition: TermDefinition?? = nil
    ) -> JSONValue {
        let definition = knownDefinition ?? property.flatMap { active.terms[$0] }
        let typeMapping = definition?.typeMapping
        if case .string(let text) = value {
            // A reference that maps to null keeps a null @id, so that toRdf drops it (W3C test toRdf/e122).
            if typeMapping == "@id" {
                let id = Self.expandIRI(text, in: active, vocab: false, documentRelative: true)
                return .object(["@id": id.map(JSONValue.string) ?? .null])
            }
            if typeMapping == "@vocab" {
                let id = Self.expandIRI(text, in: active, vocab: true, documentRelative: true)
                return .object(["@id": id.map(JSONValue.string) ?? .null])
            }
        }
        var result: [String: JSONValue] = ["@value": value]
        if let typeMapping, typeMapping != "@id", typeMapping != "@vocab", typeMapping != "@none" {
            result["@type"] = .string(typeMapping)
        } else if case .string = value {
            let language: String?
            if let fields = definition?.fields, fields.hasLanguageMapping { language = fields.language } else { language = active.defaultLanguage }
            let direction: String?
            if let fields = definition?.fields, fields.hasDirectionMapping {
                direction = fields.direction
            } else {
                direction = active.defaultDirection
            }
            if let language { result["@language"] = .string(language) }
            if let direction { result["@direction"] = .string(direction) }
        }
        return .object(result)
    }

    /// Steps 15 to 20 of the Expansion Algorithm: checks and simplifications of an expanded object.
    func finishExpandedObject(_ object: [String: JSONValue], activeProperty: String?) throws(JSONLDError) -> JSONValue? {
        var result = object
        // Most objects are node objects with IRIs for keys: one pass finds out which checks apply.
        var hasValue = false
        var hasOtherKeyword = false
        for key in object.keys where key.utf8.first == UInt8(ascii: "@") {
            if key == "@value" { hasValue = true } else if key != "@id" && key != "@type" { hasOtherKeyword = true }
        }
        if !hasValue && !hasOtherKeyword && activeProperty != nil && activeProperty != "@graph" {
            if case .string(let type)? = result["@type"] { result["@type"] = .array([.string(type)]) }
            return .object(result)
        }
        if let value = result["@value"] {
            for key in result.keys where !Self.valueObjectKeys.contains(key) {
                throw JSONLDError(.invalidValueObject, "a value object cannot have \(key)")
            }
            let type = result["@type"]
            if type != nil && (result["@language"] != nil || result["@direction"] != nil) {
                throw JSONLDError(.invalidValueObject, "a value object cannot have both @type and @language or @direction")
            }
            if type == .string("@json") {
                // A JSON literal: any value.
            } else if value == .null || value == .array([]) {
                return nil
            } else if result["@language"] != nil, value.string == nil {
                throw JSONLDError(.invalidLanguageTaggedValue, "only strings can have a language")
            } else if let type {
                guard case .string(let iri) = type, IRIReference.isWellFormed(iri) else {
                    throw JSONLDError(.invalidTypedValue, "the @type of a value must be an IRI")
                }
            }
        } else if let type = result["@type"] {
            if case .array = type {} else { result["@type"] = .array([type]) }
        } else if result["@set"] != nil || result["@list"] != nil {
            guard result.count == 1 || (result.count == 2 && result["@index"] != nil) else {
                throw JSONLDError(.invalidSetOrListObject, "an @set or @list object can only have @index beside it")
            }
            if let set = result["@set"] { return set }
        }
        if result.count == 1 && result["@language"] != nil { return nil }
        if activeProperty == nil || activeProperty == "@graph" {
            if result.isEmpty || result["@value"] != nil || result["@list"] != nil { return nil }
            if result.count == 1 && result["@id"] != nil { return nil }
        }
        return .object(result)
    }

    private static let valueObjectKeys: Set<String> = ["@direction", "@index", "@language", "@type", "@value"]
}
