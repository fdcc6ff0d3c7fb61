import OpenBadges

extension ProcessingRun {
    /// Steps 13 and 14 of the Expansion Algorithm: every entry of an object (`entries`, in code point order of
    /// their keys) expanded into `result`, then the entries of its `@nest` objects, recursively.
    func expandEntries(
        of entries: [(key: String, value: JSONValue)], state: EntryState, into result: inout [String: JSONValue]
    ) throws(JSONLDError) {
        let active = state.active
        var nests: [(key: String, value: JSONValue)] = []
        for (key, value) in entries {
            if key == "@context" { continue }
            // A term's definition gives its IRI directly (section 5.2.2 step 5) and is needed again below.
            let definition = key.utf8.first == UInt8(ascii: "@") ? nil : active.terms[key]
            guard let property = definition.map({ $0.iri }) ?? Self.expandIRI(key, in: active) else {
                try dropping("the property '\(key)' is mapped to nothing, so its value would not be signed")
                continue
            }
            if property.utf8.first == UInt8(ascii: "@") && Keyword.isKeyword(property) {
                if property == "@nest" {
                    if state.activeProperty == "@reverse" {
                        throw JSONLDError(.invalidReversePropertyMap, "an @reverse map cannot hold \(key)")
                    }
                    // Keys are distinct and already sorted, so the nests are too.
                    nests.append((key, value))
                    continue
                }
                try expandKeywordEntry(property, key: key, value: value, state: state, into: &result)
                continue
            }
            guard property.utf8.contains(UInt8(ascii: ":")) else {
                try dropping("the property '\(key)' is not defined by the contexts, so its value would not be signed")
                continue
            }
            try expandPropertyEntry(property, key: key, definition: definition, value: value, state: state, into: &result)
        }
        for (nestingKey, nestValue) in nests {
            // A nesting term's own scoped context applies to what is nested in it (W3C tests expand/c037, c038).
            var nestActive = active
            if let definition = active.terms[nestingKey], definition.localContext != nil {
                nestActive = try applyScopedContext(of: definition, to: active, overrideProtected: true)
            }
            for nested in nestValue.values {
                guard case .object(let members) = nested,
                    !members.keys.contains(where: { Self.expandIRI($0, in: nestActive) == "@value" })
                else {
                    throw JSONLDError(.invalidNestValue, "the value of \(nestingKey) must be objects without @value")
                }
                try checkDepth(state.depth + 1)
                let nestedState = EntryState(
                    active: nestActive, typeScoped: state.typeScoped, activeProperty: state.activeProperty,
                    inputType: state.inputType, baseURL: state.baseURL, depth: state.depth + 1)
                try expandEntries(of: Self.sortedEntries(members), state: nestedState, into: &result)
            }
        }
    }

    /// Step 13.4: an entry whose key expands to a keyword.
    private func expandKeywordEntry(
        _ property: String, key: String, value: JSONValue, state: EntryState, into result: inout [String: JSONValue]
    ) throws(JSONLDError) {
        let active = state.active
        if state.activeProperty == "@reverse" {
            throw JSONLDError(.invalidReversePropertyMap, "an @reverse map cannot hold the keyword \(property)")
        }
        if result[property] != nil && property != "@included" && property != "@type" {
            throw JSONLDError(.collidingKeywords, "two entries expand to \(property)")
        }
        let depth = state.depth + 1
        var expandedValue: JSONValue?
        switch property {
        case "@id":
            guard case .string(let id) = value else {
                throw JSONLDError(.invalidIdValue, "@id must be a string")
            }
            // An @id with the form of a keyword expands to null and stays, as null (W3C test expand/0122).
            expandedValue = Self.expandIRI(id, in: active, vocab: false, documentRelative: true).map(JSONValue.string) ?? .null
        case "@type":
            let types: [String]
            switch value {
            case .string(let type): types = [type]
            case .array(let items):
                types = try items.map { item throws(JSONLDError) -> String in
                    guard case .string(let type) = item else {
                        throw JSONLDError(.invalidTypeValue, "@type must be a string or an array of strings")
                    }
                    return type
                }
            default:
                throw JSONLDError(.invalidTypeValue, "@type must be a string or an array of strings")
            }
            let expanded = types.compactMap {
                Self.expandIRI($0, in: state.typeScoped, vocab: true, documentRelative: true).map(JSONValue.string)
            }
            if case .array = value { expandedValue = .array(expanded) } else { expandedValue = expanded.first }
            if let existing = result["@type"] {
                expandedValue = .array(existing.values + (expandedValue?.values ?? []))
            }
        case "@graph":
            let graph = try expand(value, active: active, activeProperty: "@graph", baseURL: state.baseURL, depth: depth)
            expandedValue = .array(graph?.values ?? [])
        case "@included":
            // Expanded as the value of a property, so that a scalar or value object in it is kept and rejected
            // rather than dropped as free-floating (W3C tests expand/in07 to in09).
            let included = try expand(value, active: active, activeProperty: "@included", baseURL: state.baseURL, depth: depth)?.values ?? []
            for item in included {
                guard case .object(let members) = item, members["@value"] == nil, members["@list"] == nil,
                    members["@set"] == nil
                else {
                    throw JSONLDError(.invalidIncludedValue, "@included must hold node objects")
                }
            }
            expandedValue = .array((result["@included"]?.values ?? []) + included)
        case "@value":
            if state.inputType == "@json" {
                result["@value"] = value
                return
            }
            switch value {
            case .null:
                result["@value"] = .null
                return
            case .bool, .number, .string:
                expandedValue = value
            default:
                throw JSONLDError(.invalidValueObjectValue, "@value must be a string, number, boolean or null")
            }
        case "@language":
            guard case .string = value else {
                throw JSONLDError(.invalidLanguageTaggedString, "@language must be a string")
            }
            expandedValue = value
        case "@direction":
            guard value == .string("ltr") || value == .string("rtl") else {
                throw JSONLDError(.invalidBaseDirection, "@direction must be \"ltr\" or \"rtl\"")
            }
            expandedValue = value
        case "@index":
            guard case .string = value else {
                throw JSONLDError(.invalidIndexValue, "@index must be a string")
            }
            expandedValue = value
        case "@list":
            if state.activeProperty == nil || state.activeProperty == "@graph" { return }
            let list = try expand(value, active: active, activeProperty: state.activeProperty, baseURL: state.baseURL, depth: depth)
            expandedValue = .array(list?.values ?? [])
        case "@set":
            expandedValue = try expand(value, active: active, activeProperty: state.activeProperty, baseURL: state.baseURL, depth: depth)
        case "@reverse":
            guard case .object = value else {
                throw JSONLDError(.invalidReverseValue, "@reverse must be an object")
            }
            try expandReverse(value, state: state, into: &result)
            return
        default:
            // Other keywords (framing ones, @context-only ones) mean nothing in a node object.
            return
        }
        if let expandedValue { result[property] = expandedValue }
    }

    /// Step 13.4.13: the `@reverse` entry.
    private func expandReverse(_ value: JSONValue, state: EntryState, into result: inout [String: JSONValue]) throws(JSONLDError) {
        guard
            case .object(let expanded)? = try expand(
                value, active: state.active, activeProperty: "@reverse", baseURL: state.baseURL, depth: state.depth + 1)
        else { return }
        if case .object(let doubled)? = expanded["@reverse"] {
            for (property, items) in doubled { Self.addValue(items, to: property, in: &result) }
        }
        var reverseMap = result["@reverse"]?.object ?? [:]
        var changed = false
        for (property, items) in expanded where property != "@reverse" {
            for item in items.values {
                if case .object(let members) = item, members["@value"] != nil || members["@list"] != nil {
                    throw JSONLDError(.invalidReversePropertyValue, "a reverse property cannot hold a value or a list")
                }
                Self.addValue(item, to: property, in: &reverseMap)
                changed = true
            }
        }
        if changed { result["@reverse"] = .object(reverseMap) }
    }

    /// Steps 13.5 to 13.14: an entry whose key expands to an IRI (or blank node identifier).
    private func expandPropertyEntry(
        _ property: String, key: String, definition: TermDefinition?, value: JSONValue, state: EntryState,
        into result: inout [String: JSONValue]
    ) throws(JSONLDError) {
        let active = state.active
        let container = definition?.container ?? []
        var expanded: JSONValue?
        if definition?.typeMapping == "@json" {
            expanded = .object(["@value": value, "@type": .string("@json")])
        } else if container.contains(.language), case .object(let map) = value {
            expanded = try expandLanguageMap(map, definition: definition, in: active)
        } else if !container.isDisjoint(with: [.index, .type, .id]), case .object(let map) = value {
            expanded = try expandIndexMap(map, key: key, definition: definition, container: container, state: state)
        } else {
            expanded = try expand(
                value, active: active, activeProperty: key, knownDefinition: .some(definition), baseURL: state.baseURL,
                depth: state.depth + 1)
        }
        guard var expandedValue = expanded else { return }
        if container.contains(.list), !Self.isListObject(expandedValue) {
            expandedValue = .object(["@list": .array(expandedValue.values)])
        }
        if container.contains(.graph), container.isDisjoint(with: [.id, .index]) {
            expandedValue = .array(expandedValue.values.map { .object(["@graph": .array($0.values)]) })
        }
        if definition?.isReverse == true {
            var reverseMap = result["@reverse"]?.object ?? [:]
            for item in expandedValue.values {
                if case .object(let members) = item, members["@value"] != nil || members["@list"] != nil {
                    throw JSONLDError(.invalidReversePropertyValue, "the reverse property \(key) cannot hold a value or a list")
                }
                Self.addValue(item, to: property, in: &reverseMap)
            }
            result["@reverse"] = .object(reverseMap)
        } else {
            Self.addValue(expandedValue, to: property, in: &result)
        }
    }

    /// True for a list object (`{"@list": …}`, possibly with `@index`).
    static func isListObject(_ value: JSONValue) -> Bool {
        if case .object(let members) = value { return members["@list"] != nil }
        return false
    }

    /// "Add value" (JSON-LD 1.1 API section 3.1) with `as array` true: `value` (each item, for an array) appended
    /// to the array at `key`.
    static func addValue(_ value: JSONValue, to key: String, in object: inout [String: JSONValue]) {
        // One hash look-up when `key` is new, which it nearly always is.
        let asArray: JSONValue
        if case .array = value { asArray = value } else { asArray = .array([value]) }
        guard let existing = object.updateValue(asArray, forKey: key) else { return }
        var items = existing.values
        if case .array(let more) = value { items.append(contentsOf: more) } else { items.append(value) }
        object[key] = .array(items)
    }
}
